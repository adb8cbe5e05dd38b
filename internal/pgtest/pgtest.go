// Package pgtest runs PostgreSQL servers of a test's own on loopback: a
// primary made with initdb, and streaming standbys of it made with
// pg_basebackup -R, each on a free port and a folder of its own, stopped and
// removed when the test ends. Without PostgreSQL's programs the test is
// skipped, or fails when CONG_REQUIRE_POSTGRES is set.
package pgtest

import (
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
)

// Server is a PostgreSQL server a test started on a folder of its own.
type Server struct {
	Port  int
	bin   string
	dir   string     // data/, log and the socket
	owner *user.User // the server's user when the test runs as root
}

// Start starts a primary server: initdb's defaults already stream WAL to
// standbys (wal_level=replica, max_wal_senders=10) and let loopback
// connect for replication.
func Start(t testing.TB) *Server {
	t.Helper()
	s := newServer(t)
	s.run(t, "initdb", "-D", s.data(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
	s.Ctl(t, "start", "-w", "-t", "20")
	return s
}

// Standby copies s with pg_basebackup -R and starts the copy as a
// streaming, readable standby of s on a port of its own.
func (s *Server) Standby(t testing.TB) *Server {
	t.Helper()
	r := newServer(t)
	r.run(t, "pg_basebackup", "-D", r.data(), "-R", "-X", "stream", "-h", "127.0.0.1", "-p", strconv.Itoa(s.Port),
		"-U", "postgres", "--no-sync", "--checkpoint=fast")
	r.Ctl(t, "start", "-w", "-t", "20")
	return r
}

func newServer(t testing.TB) *Server {
	t.Helper()
	missing := func(why string) {
		if os.Getenv("CONG_REQUIRE_POSTGRES") != "" {
			t.Fatalf("CONG_REQUIRE_POSTGRES is set but %s", why)
		}
		t.Skip(why)
	}
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	if path, err := exec.LookPath("pg_ctl"); err == nil {
		if real, err := filepath.EvalSymlinks(path); err == nil {
			path = real // a link to one version's folder, where its other programs are
		}
		bins = append(bins, path)
	}
	if len(bins) == 0 {
		missing("PostgreSQL's programs (initdb, pg_ctl) are not installed: apt-get install postgresql")
	}
	sort.Strings(bins)
	s := &Server{bin: filepath.Dir(bins[len(bins)-1]), Port: freePort(t)}
	dir, err := os.MkdirTemp("", "cong-pg-")
	if err != nil {
		t.Fatal(err)
	}
	s.dir = dir
	t.Cleanup(func() { os.RemoveAll(dir) })
	if os.Geteuid() == 0 { // PostgreSQL refuses to run as root
		if s.owner, err = user.Lookup("postgres"); err != nil {
			missing("the tests run as root and there is no postgres user to run PostgreSQL as")
		}
		uid, _ := strconv.Atoi(s.owner.Uid)
		gid, _ := strconv.Atoi(s.owner.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	// Cleanups run last in, first out: the server stops before its folder goes.
	t.Cleanup(func() { s.command("pg_ctl", "-D", s.data(), "-m", "immediate", "stop").Run() })
	return s
}

func (s *Server) data() string { return filepath.Join(s.dir, "data") }

// Ctl runs pg_ctl with args on the server ("stop", "-m", "fast"; "start",
// "-w", "-t", "20").
func (s *Server) Ctl(t testing.TB, args ...string) {
	t.Helper()
	all := []string{"-D", s.data(), "-l", filepath.Join(s.dir, "log"),
		"-o", fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off", s.Port, s.dir)}
	s.run(t, "pg_ctl", append(all, args...)...)
}

func (s *Server) run(t testing.TB, prog string, args ...string) {
	t.Helper()
	if out, err := s.command(prog, args...).CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(s.dir, "log"))
		t.Fatalf("%s %s: %v\n%s\n%s", prog, strings.Join(args, " "), err, out, log)
	}
}

func (s *Server) command(prog string, args ...string) *exec.Cmd {
	path := filepath.Join(s.bin, prog)
	if s.owner != nil {
		return exec.Command("runuser", append([]string{"-u", s.owner.Username, "--", path}, args...)...)
	}
	return exec.Command(path, args...)
}

// DSN is the URL of database name on the server.
func (s *Server) DSN(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable&connect_timeout=2", s.Port, name)
}

// CreateDB creates a database and returns its DSN.
func (s *Server) CreateDB(t testing.TB, name string) string {
	t.Helper()
	db := s.Open(t, "postgres")
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	return s.DSN(name)
}

// Open opens a pool on database name, closed when the test ends.
func (s *Server) Open(t testing.TB, name string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", s.DSN(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
