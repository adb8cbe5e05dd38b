// Package nvtest makes NukeViet 4.5 databases for tests: a fresh MariaDB
// database per test, with the tables NukeViet 4.5 creates (testdata/
// nukeviet45.sql, copied from its sources) and rows written the way its
// back office (modules/news/admin/content.php, admin/cat.php) and its
// comment form (modules/comment/funcs/post.php) write them.
//
// The server is CONG_TEST_MYSQL (mysql://USER[:PASS]@HOST:PORT/), else a
// local one at mysql://root@127.0.0.1:3306/ when it answers. Without a
// server the test is skipped — or fails when CONG_REQUIRE_MYSQL is set, as
// in CI.
package nvtest

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	_ "embed"
	"encoding/hex"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"cong/internal/importer/nukeviet"
)

//go:embed testdata/nukeviet45.sql
var schema string

// localServer is tried when CONG_TEST_MYSQL is unset.
const localServer = "mysql://root@127.0.0.1:3306/"

var (
	serverOnce sync.Once
	serverURL  string
	serverErr  error
)

// server returns the base URL of the test server, or "" with why not.
func server() (string, error) {
	serverOnce.Do(func() {
		serverURL = cmp.Or(os.Getenv("CONG_TEST_MYSQL"), localServer)
		db, err := open(serverURL, "information_schema")
		if err == nil {
			defer db.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			err = db.PingContext(ctx)
		}
		if err != nil {
			serverURL, serverErr = "", err
		}
	})
	return serverURL, serverErr
}

// Server returns the base URL of the test server (mysql://USER@HOST:PORT/),
// skipping t — or failing it under CONG_REQUIRE_MYSQL — when none answers.
func Server(t testing.TB) string {
	t.Helper()
	base, err := server()
	if base == "" {
		if os.Getenv("CONG_REQUIRE_MYSQL") != "" {
			t.Fatalf("CONG_REQUIRE_MYSQL is set but no MariaDB/MySQL server answers (set CONG_TEST_MYSQL): %v", err)
		}
		t.Skipf("no MariaDB/MySQL server (set CONG_TEST_MYSQL=mysql://USER@HOST:3306/): %v", err)
	}
	return base
}

// open connects to database name on the server at base.
func open(base, name string) (*sql.DB, error) {
	cfg, err := nukeviet.ParseURL(strings.TrimRight(base, "/") + "/" + name)
	if err != nil {
		return nil, err
	}
	cfg.Timeout = 3 * time.Second
	conn, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(conn), nil
}

// Site is a NukeViet site's database made for one test.
type Site struct {
	DB     *sql.DB
	URL    string // mysql://…/name, for --from
	Name   string // the database
	Prefix string
	Lang   string
	t      testing.TB
	now    int64
}

// New creates an empty database for t, dropped when t ends, with the
// tables of NukeViet 4.5's news and comment modules for prefix and lang
// and the language's module list naming them.
func New(t testing.TB, prefix, lang string) *Site {
	t.Helper()
	s := Empty(t)
	s.Prefix, s.Lang = prefix, lang
	for _, stmt := range strings.Split(schema, "\n;\n") {
		stmt = strings.ReplaceAll(stripComments(stmt), "nv4_vi_", prefix+"_"+lang+"_")
		if strings.TrimSpace(stmt) != "" {
			s.Exec(stmt)
		}
	}
	for _, m := range []string{"news", "comment"} {
		s.Exec("INSERT INTO "+s.Table("modules")+` (title, module_file, module_data, module_upload, module_theme,
			custom_title, set_time, main_file, admin_file, groups_view, weight, act) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1, '0', 1, 1)`,
			m, m, m, m, m, strings.ToUpper(m[:1])+m[1:], s.Now())
	}
	return s
}

// Empty creates a database with no tables, for t.
func Empty(t testing.TB) *Site {
	t.Helper()
	base := Server(t)
	b := make([]byte, 6)
	rand.Read(b)
	name := "cong_nv_" + hex.EncodeToString(b)
	admin, err := open(base, "information_schema")
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		if admin, err := open(base, "information_schema"); err == nil {
			admin.Exec("DROP DATABASE IF EXISTS " + name)
			admin.Close()
		}
	})
	db, err := open(base, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &Site{DB: db, URL: strings.TrimRight(base, "/") + "/" + name, Name: name, t: t, now: time.Now().Unix()}
}

func stripComments(stmt string) string {
	var lines []string
	for _, l := range strings.Split(stmt, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// Table is the full name of a table of the language: "news_rows" becomes
// "nv4_vi_news_rows".
func (s *Site) Table(name string) string { return s.Prefix + "_" + s.Lang + "_" + name }

// Now is the site's clock, NV_CURRENTTIME: the Unix time the test started.
func (s *Site) Now() int64 { return s.now }

// Exec runs a statement, failing the test on error.
func (s *Site) Exec(query string, args ...any) sql.Result {
	s.t.Helper()
	r, err := s.DB.Exec(query, args...)
	if err != nil {
		s.t.Fatalf("%v\n%s", err, query)
	}
	return r
}

// insert runs an INSERT and returns the new row's id.
func (s *Site) insert(query string, args ...any) int64 {
	s.t.Helper()
	id, err := s.Exec(query, args...).LastInsertId()
	if err != nil {
		s.t.Fatal(err)
	}
	return id
}
