// Package storetest opens fresh, migrated databases for tests: a SQLite file
// always, and a PostgreSQL database when CONG_TEST_POSTGRES holds a DSN.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
)

// localPostgres is tried when CONG_TEST_POSTGRES is unset, so that a plain
// `go test ./...` on a machine with a local server tests both engines.
const localPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable&connect_timeout=2"

var (
	adminOnce sync.Once
	adminDSN  string
)

// postgresAdmin returns the DSN of the server tests create databases on:
// CONG_TEST_POSTGRES, or a local server that answers, or "" ("off" disables).
func postgresAdmin() string {
	adminOnce.Do(func() {
		adminDSN = os.Getenv("CONG_TEST_POSTGRES")
		if adminDSN == "off" {
			adminDSN = ""
			return
		}
		if adminDSN != "" {
			return
		}
		db, err := sql.Open("pgx", localPostgres)
		if err != nil {
			return
		}
		defer db.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if db.PingContext(ctx) == nil {
			adminDSN = localPostgres
		}
	})
	return adminDSN
}

// Engines returns the DSN makers of the engines to test, by name. With
// CONG_REQUIRE_POSTGRES set, a missing PostgreSQL server fails the test
// instead of leaving the engine out.
func Engines(t testing.TB) map[string]func(t testing.TB) string {
	engines := map[string]func(t testing.TB) string{"sqlite": SQLiteDSN}
	switch {
	case postgresAdmin() != "":
		engines["postgres"] = PostgresDSN
	case os.Getenv("CONG_REQUIRE_POSTGRES") != "":
		t.Fatal("CONG_REQUIRE_POSTGRES is set but no PostgreSQL server answers (set CONG_TEST_POSTGRES)")
	}
	return engines
}

// SQLiteDSN returns the path of a new SQLite file in the test's temp folder.
func SQLiteDSN(t testing.TB) string {
	return filepath.Join(t.TempDir(), "cong.db")
}

// PostgresDSN creates an empty database on the CONG_TEST_POSTGRES server,
// dropped when the test ends, and returns its DSN.
func PostgresDSN(t testing.TB) string {
	admin := postgresAdmin()
	if admin == "" {
		t.Skip("no PostgreSQL server: set CONG_TEST_POSTGRES")
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "cong_test_" + hex.EncodeToString(b)
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", admin)
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// AuditKey is the audit chain's key in tests: every database a test opens
// gets it, so two stores over one database (two instances) agree.
var AuditKey = []byte("cong-test-audit-key-32-bytes-ok!")

// Actor is who makes the changes tests set up.
var Actor = portal.System("test")

// Open opens and migrates a database at dsn, closed when the test ends.
func Open(t testing.TB, dsn string) *store.DB {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	db.SetAuditKey(AuditKey)
	return db
}

// Each runs fn as a subtest on a fresh database of every engine.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	for name, dsn := range Engines(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fn(t, Open(t, dsn(t)))
		})
	}
}
