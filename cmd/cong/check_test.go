package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"cong/internal/storetest"
)

// TestCheckAndDamagedDatabase checks a healthy portal (cong check says ok,
// serve starts), then damages a page in the middle of its SQLite file: cong
// check lists the problem and serve refuses, saying what to do.
func TestCheckAndDamagedDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	file := filepath.Join(dir, "cong.db")
	var out bytes.Buffer
	if err := run(ctx, []string{"demo", "--data", dir}, noenv, &out, &out); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"check", "--data", dir}, noenv, &stdout, &stderr); err != nil {
		t.Fatalf("check of a healthy portal: %v\n%s", err, stdout.String())
	}
	for _, want := range []string{"PRAGMA integrity_check: ok\n", "PRAGMA foreign_key_check: ok\n",
		"schema: ", "audit chain: ok, ", "\nok\n"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("check of a healthy portal said:\n%s\nwant %q in it", stdout.String(), want)
		}
	}
	serveBriefly(t, dir)

	damagePage(t, file)
	stdout.Reset()
	err := run(ctx, []string{"check", "--data", dir}, noenv, &stdout, &stderr)
	if !errors.Is(err, errCheckFailed) || !regexp.MustCompile(`PRAGMA integrity_check: [0-9]+ problems?\n  `).MatchString(stdout.String()) ||
		!strings.Contains(stdout.String(), "cong restore") {
		t.Errorf("check of a damaged file = %v:\n%s\nwant the problems listed and errCheckFailed", err, stdout.String())
	}
	err = serveFor(ctx, dir, 20*time.Second)
	if err == nil || !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), "cong restore") ||
		!strings.Contains(err.Error(), "cong check") || strings.Contains(err.Error(), "\n") {
		t.Errorf("serve on a damaged file = %v; want a refusal on one line saying to restore or to run cong check", err)
	}

	// With its header gone, the file is not a database any more.
	if err := os.WriteFile(file, bytes.Repeat([]byte{0x5a}, 100), 0o600); err != nil {
		t.Fatal(err)
	}
	err = run(ctx, []string{"check", "--data", dir}, noenv, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), "cong restore") {
		t.Errorf("check of a file that is not a database = %v; want it called damaged, with what to do", err)
	}
	if err := serveFor(ctx, dir, 20*time.Second); err == nil || !strings.Contains(err.Error(), "cong restore") {
		t.Errorf("serve on a file that is not a database = %v; want a refusal saying to restore", err)
	}
}

// damagePage overwrites the page in the middle of a closed SQLite file.
func damagePage(t *testing.T, file string) {
	t.Helper()
	if fi, err := os.Stat(file + "-wal"); err == nil && fi.Size() > 0 {
		t.Fatalf("%s-wal holds %d bytes: the file is not the whole database", file, fi.Size())
	}
	f, err := os.OpenFile(file, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	const page = 4096
	pages := fi.Size() / page
	if pages < 20 {
		t.Fatalf("%s has %d pages: too few to damage one in the middle", file, pages)
	}
	if _, err := f.WriteAt(bytes.Repeat([]byte{0x5a}, page), pages/2*page); err != nil {
		t.Fatal(err)
	}
}

// serveBriefly starts serve on dir and stops it once it answers.
func serveBriefly(t *testing.T, dir string) {
	t.Helper()
	addr := freeAddr(t)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out bytes.Buffer
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--data", dir, "--log-level", "info"}, noenv, &out, &out)
	}()
	if code := waitFor(t, "http://"+addr+"/"); code != 200 {
		t.Errorf("GET / on a healthy database = %d; want 200", code)
	}
	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve on a healthy database: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no shutdown within 20 s")
	}
	if !strings.Contains(out.String(), "database checked") {
		t.Errorf("serve logged no quick check:\n%s", out.String())
	}
}

// serveFor runs serve on dir for at most d, for a start that should fail.
func serveFor(ctx context.Context, dir string, d time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var out bytes.Buffer
	addr := "127.0.0.1:0"
	err := run(ctx, []string{"serve", "--addr", addr, "--data", dir, "--demo=false"}, noenv, &out, &out)
	if err == nil {
		return fmt.Errorf("served until stopped: %s", out.String())
	}
	return err
}

// TestNewerSchemaRefused records a migration newer than this cong knows, as
// a newer cong would have: every command that opens the database refuses,
// naming both versions, on both engines.
func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	for name, dsn := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			db := dsn(t)
			var out bytes.Buffer
			if err := run(ctx, []string{"migrate", "--db", db, "--data", dir}, noenv, &out, &out); err != nil {
				t.Fatal(err)
			}
			known := latestMigration(t, ctx, db, dir)
			newer := known + 2
			raw, err := sql.Open(driverOf(db), db)
			if err != nil {
				t.Fatal(err)
			}
			_, err = raw.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
				newer, fmt.Sprintf("%04d_future.sql", newer), time.Now().UTC())
			raw.Close()
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf("the database is at schema %04d but this cong knows only up to %04d", newer, known)
			for _, args := range [][]string{{"serve", "--addr", "127.0.0.1:0"}, {"migrate"}, {"migrate", "--status"},
				{"check"}, {"audit", "verify"}, {"reindex"}, {"demo"}, {"user", "add", "--name", "a", "--role", "admin"},
				{"fix-encoding", "--dry-run"}} {
				ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
				out.Reset()
				err := run(ctx, append(args, "--db", db, "--data", dir), noenv, &out, &out)
				cancel()
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("cong %s on a newer database = %v; want %q", strings.Join(args, " "), err, want)
				}
			}
		})
	}
}

// latestMigration is the newest migration cong migrate --status lists.
func latestMigration(t *testing.T, ctx context.Context, db, dir string) int {
	t.Helper()
	var out bytes.Buffer
	if err := run(ctx, []string{"migrate", "--status", "--db", db, "--data", dir}, noenv, &out, &out); err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`schema ([0-9]{4}), [0-9]+ applied, 0 pending\n$`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("migrate --status said:\n%s\nwant a last line with the schema and 0 pending", out.String())
	}
	var v int
	fmt.Sscan(strings.TrimLeft(m[1], "0"), &v)
	return v
}

func driverOf(dsn string) string {
	if strings.HasPrefix(dsn, "postgres") {
		return "pgx"
	}
	return "sqlite"
}

// TestMigrateStatus lists the migrations of a database that lacks the
// last, which --status shows pending and leaves so.
func TestMigrateStatus(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(ctx, []string{"migrate", "--data", dir}, noenv, &out, &out); err != nil {
		t.Fatal(err)
	}
	known := latestMigration(t, ctx, filepath.Join(dir, "cong.db"), dir)
	raw, err := sql.Open("sqlite", filepath.Join(dir, "cong.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec("DELETE FROM schema_migrations WHERE version = $1", known); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		out.Reset()
		if err := run(ctx, []string{"migrate", "--status", "--data", dir}, noenv, &out, &out); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if !regexp.MustCompile(`^0001_init\.sql +applied [0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}$`).MatchString(lines[0]) ||
			!regexp.MustCompile(fmt.Sprintf(`^%04d_[a-z_]+\.sql +pending$`, known)).MatchString(lines[len(lines)-2]) ||
			!strings.HasSuffix(lines[len(lines)-1], fmt.Sprintf("1 pending")) {
			t.Errorf("migrate --status said:\n%s\nwant 0001 applied with its time and %04d pending", out.String(), known)
		}
	}
}
