package store_test

import (
	"database/sql"
	"io/fs"
	"net"
	"path/filepath"
	"syscall"
	"testing"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestFaultKeepsRequestErrors: what the request got wrong, or the query,
// is no fault of the database: a 404 stays a 404.
func TestFaultKeepsRequestErrors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		_, missing := db.ArticleBySlug(ctx, "khong-co-bai-nay")
		bad := store.Exec(ctx, db, "SELECT nothing FROM nowhere")
		for _, tc := range []struct {
			name string
			err  error
			want string
		}{
			{"not found", missing, portal.ENOTFOUND},
			{"invalid", portal.Invalid("title", "Xin nhập tiêu đề."), portal.EINVALID},
			{"a query's mistake", bad, portal.EINTERNAL},
			{"none", nil, ""},
		} {
			if got := portal.ErrorCode(store.Fault(tc.err)); got != tc.want {
				t.Errorf("%s: code of Fault(%v) = %q; want %q", tc.name, tc.err, got, tc.want)
			}
		}
	})
}

// TestFaultUnreachable: a server nobody listens on, a connection the server
// ends, SQLite's lock held past the busy timeout are outages.
func TestFaultUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	refused, err := sql.Open("pgx", "postgres://cong@127.0.0.1:"+itoa(port)+"/cong?sslmode=disable&connect_timeout=2")
	if err != nil {
		t.Fatal(err)
	}
	defer refused.Close()
	checkCode(t, "connection refused", refused.PingContext(ctx), portal.EUNAVAILABLE)
	checkCode(t, "SQLite busy", sqliteBusy(t), portal.EUNAVAILABLE)
	if _, ok := storetest.Engines(t)["postgres"]; ok {
		checkCode(t, "connection ended by the server", terminated(t), portal.EUNAVAILABLE)
	}
}

// TestFaultFull: SQLite out of pages and a disk out of space are EFULL.
func TestFaultFull(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	raw := store.Raw(db)
	conn, err := raw.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var pages int
	conn.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages)
	conn.ExecContext(ctx, "PRAGMA max_page_count = "+itoa(pages))
	_, err = conn.ExecContext(ctx, "CREATE TABLE filler AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 100000) SELECT i, hex(randomblob(100)) AS b FROM n")
	checkCode(t, "SQLite full", err, portal.EFULL)
	checkCode(t, "disk full", &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, portal.EFULL)
}

func checkCode(t *testing.T, name string, err error, want string) {
	t.Helper()
	if got := portal.ErrorCode(store.Fault(err)); got != want {
		t.Errorf("%s: code of Fault(%v) = %q; want %q", name, err, got, want)
	}
}

// sqliteBusy returns the error of a second writer that finds SQLite's write
// lock taken and may not wait.
func sqliteBusy(t *testing.T) error {
	path := filepath.Join(t.TempDir(), "busy.db")
	holder, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	conn, err := holder.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "ROLLBACK")
	other, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	_, err = other.ExecContext(ctx, "BEGIN IMMEDIATE")
	if err == nil {
		t.Fatal("a second writer took SQLite's write lock")
	}
	return err
}

// terminated returns the error of a query on a connection the server ended,
// as a server shutting down ends them all.
func terminated(t *testing.T) error {
	db := storetest.Open(t, storetest.PostgresDSN(t))
	raw := store.Raw(db)
	conn, err := raw.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var pid int
	if err := conn.QueryRowContext(ctx, "SELECT pg_backend_pid()").Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, "SELECT pg_terminate_backend($1)", pid); err != nil {
		t.Fatal(err)
	}
	var one int
	err = conn.QueryRowContext(ctx, "SELECT 1").Scan(&one)
	if err == nil {
		t.Fatal("a query on a terminated connection worked")
	}
	return err
}
