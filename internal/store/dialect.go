package store

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect is what differs between the two engines. Everything else, queries
// included, is shared.
type dialect struct {
	name   string // "sqlite" or "postgres"
	driver string // database/sql driver name
	// migrations is the folder of embedded migrations for this engine.
	migrations string
	// serialize makes tx wait for every other transaction that serializes,
	// on any instance: migrations, the audit chain, comment limits.
	serialize func(ctx context.Context, tx *sql.Tx) error
	// isUnique reports whether err is a unique-constraint violation.
	isUnique func(err error) bool
	// configure sizes the pool.
	configure func(db *sql.DB)
	// hasTable counts the tables named $1 in the portal's schema: 0 or 1.
	hasTable string
	// tables lists the portal's tables by name.
	tables string
	// isCorrupt reports whether err says the database's files are damaged.
	isCorrupt func(err error) bool
	// check runs the engine's own integrity checks, the cheap ones only
	// when quick; see check.go.
	check func(ctx context.Context, s *DB, quick bool, progress func(step string)) ([]Finding, error)
}

func dialectFor(dsn string) dialect {
	if IsPostgres(dsn) {
		return postgresDialect
	}
	return sqliteDialect
}

// describe names the database for messages, never printing a password.
func (d dialect) describe(dsn string) string {
	return Redact(dsn)
}

// Redact hides the password of a postgres:// URL.
func Redact(dsn string) string {
	if !IsPostgres(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://(không đọc được)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// sqliteSynchronous is SQLite's synchronous setting. In WAL mode, FULL
// syncs the log at every commit: a commit that returned survives a power
// loss. NORMAL syncs only at checkpoints: it survives a crash of the
// process, but a power loss may take the last commits back (never corrupts);
// OFF may corrupt the file. BenchmarkWriteSynchronous measures the cost.
const sqliteSynchronous = "FULL"

// sqliteSource turns a file path into a modernc DSN: WAL so readers never wait
// for the writer, foreign keys on, writers queue for 5 s instead of failing,
// write transactions take the lock up front so they cannot deadlock, and
// commits synced as synchronous says.
func sqliteSource(path, synchronous string) string {
	path = strings.TrimPrefix(path, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	return "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)" +
		"&_pragma=synchronous(" + synchronous + ")&_pragma=foreign_keys(1)&_txlock=immediate"
}

var sqliteDialect = dialect{
	name:       "sqlite",
	driver:     "sqlite",
	migrations: "migrations/sqlite",
	// An immediate transaction already holds SQLite's single write lock.
	serialize: func(context.Context, *sql.Tx) error { return nil },
	isUnique: func(err error) bool {
		var e *sqlite.Error
		return errors.As(err, &e) && (e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
	},
	configure: func(db *sql.DB) {
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(8)
		db.SetConnMaxIdleTime(0)
	},
	hasTable: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1",
	// FTS5's own tables are listed too: they are part of the file.
	tables: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
	isCorrupt: func(err error) bool {
		var e *sqlite.Error
		return errors.As(err, &e) && (e.Code()&0xff == sqlite3.SQLITE_CORRUPT || e.Code()&0xff == sqlite3.SQLITE_NOTADB)
	},
	check: sqliteCheck,
}

var postgresDialect = dialect{
	name:       "postgres",
	driver:     "pgx",
	migrations: "migrations/postgres",
	serialize: func(ctx context.Context, tx *sql.Tx) error {
		// Instances starting together take turns; the key is arbitrary but fixed.
		_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(7243550101)")
		return err
	},
	isUnique: func(err error) bool {
		var e *pgconn.PgError
		return errors.As(err, &e) && e.Code == "23505"
	},
	configure: func(db *sql.DB) {
		db.SetMaxOpenConns(16)
		db.SetMaxIdleConns(16)
	},
	hasTable: `SELECT COUNT(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name = $1`,
	tables: `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
	isCorrupt: func(err error) bool {
		// Class XX: data_corrupted, index_corrupted, and the internal errors
		// that damaged pages give ("missing chunk number 0 for toast value").
		var e *pgconn.PgError
		return errors.As(err, &e) && strings.HasPrefix(e.Code, "XX")
	},
	check: postgresCheck,
}
