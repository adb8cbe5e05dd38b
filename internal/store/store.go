// Package store implements the portal's services over database/sql, on an
// embedded SQLite file (modernc.org/sqlite, no cgo) or on PostgreSQL (pgx).
//
// The SQL is written once for both engines; what truly differs between them
// (driver, schema types, locking, error codes) sits behind the small dialect
// seam in dialect.go.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"cong/internal/portal"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// DB is a connection pool to one portal database. Its methods implement the
// portal's service interfaces.
type DB struct {
	db      *pool // the primary, and the read replicas when there are any
	dsn     string
	dialect dialect
	// Now is the clock; tests replace it.
	Now func() time.Time

	auditKey []byte // keys the audit chain; see SetAuditKey
	hooks    *hooks // shared by every site's view (ForSite)
	// site is the site this view reads and writes (see site.go); 0: the
	// store as a whole, whose writes go to the main site.
	site int64
}

// hooks are the listeners told of committed changes.
type hooks struct {
	mu        sync.Mutex
	listeners []*func() // told after each committed change readers may see
	// objectListeners are told the objects of each such change (OnChangeObjects).
	objectListeners []func(site int64, objects []string)
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than a
// SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to the database named by dsn: a postgres:// URL or the path of
// a SQLite file, created (with its folder) when missing. It does not migrate,
// and it refuses a database migrated by a newer cong (SchemaTooNewError).
func Open(ctx context.Context, dsn string) (*DB, error) {
	return open(ctx, dsn, sqliteSynchronous)
}

// open is Open with SQLite's synchronous setting.
func open(ctx context.Context, dsn, synchronous string) (*DB, error) {
	d := dialectFor(dsn)
	source := dsn
	if !IsPostgres(dsn) {
		if err := os.MkdirAll(filepath.Dir(dsn), 0o750); err != nil {
			return nil, fmt.Errorf("open database %s: %w", dsn, err)
		}
		source = sqliteSource(dsn, synchronous)
	}
	db, err := sql.Open(d.driver, source)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", d.describe(dsn), err)
	}
	d.configure(db)
	s := &DB{db: &pool{DB: db}, dsn: dsn, dialect: d, Now: time.Now, hooks: &hooks{}}
	if err := s.Ping(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", d.describe(dsn), s.damaged(err))
	}
	if err := s.checkSchema(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", d.describe(dsn), s.damaged(err))
	}
	return s, nil
}

// DSN is what the database was opened with, for opening it again (a second
// instance in tests). It may hold a password: never print it unredacted.
func (s *DB) DSN() string { return s.dsn }

// Engine names the database engine: "sqlite" or "postgres".
func (s *DB) Engine() string { return s.dialect.name }

// Ping checks that the primary database answers.
func (s *DB) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	var one int
	return s.db.DB.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// PoolStats reads the connection pool's use, for the metrics.
func (s *DB) PoolStats() sql.DBStats { return s.db.Stats() }

// Close stops the replicas' checks and closes the pools.
func (s *DB) Close() error {
	if s.db.replicas != nil {
		s.db.replicas.close()
	}
	return s.db.Close()
}

// now returns the current time in UTC, truncated to the microsecond both
// engines store.
func (s *DB) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

// inTx runs fn in a transaction, committed when fn returns nil.
func (s *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// queryer is a database or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// countBy runs q, which selects a key and a count per row, into a map.
func countBy[K ~string](ctx context.Context, db queryer, q string, args ...any) (map[K]int, error) {
	type row struct {
		key K
		n   int
	}
	rows, err := query(ctx, db, func(r scanner, v *row) error { return r.Scan(&v.key, &v.n) }, q, args...)
	counts := make(map[K]int, len(rows))
	for _, r := range rows {
		counts[r.key] = r.n
	}
	return counts, err
}

// query runs q and reads every row with scan.
func query[T any](ctx context.Context, db queryer, scan func(scanner, *T) error, q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := scan(rows, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// notFound turns sql.ErrNoRows into the portal's ENOTFOUND error.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy %s.", what)
	}
	return err
}
