package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations
var migrationsFS embed.FS

// migration is one numbered SQL file.
type migration struct {
	version int
	name    string
	sql     string
}

// Migrate applies, in order, every migration not yet recorded. Each runs in
// its own transaction together with its record, so a failed one leaves the
// database as it was before it.
func (s *DB) Migrate(ctx context.Context) error {
	return s.migrate(ctx, migrationsFS, s.dialect.migrations, 0)
}

// migrate applies the migrations of dir in fsys, those up to version upTo
// only when it is not 0 (tests build a database as an older cong left it).
func (s *DB) migrate(ctx context.Context, fsys fs.FS, dir string, upTo int) error {
	ms, err := loadMigrations(fsys, dir)
	if err != nil {
		return err
	}
	// Under the lock: instances starting together would otherwise race to
	// create the table.
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.dialect.serialize(ctx, tx); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)`)
		return err
	})
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, m := range ms {
		if upTo > 0 && m.version > upTo {
			break
		}
		if err := s.apply(ctx, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

func (s *DB) apply(ctx context.Context, m migration) error {
	if s.dialect.name == "sqlite" && strings.HasPrefix(m.sql, foreignKeysOff) {
		return s.applyWithoutForeignKeys(ctx, m)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.applyIn(ctx, tx, m) })
}

// foreignKeysOff begins a SQLite migration that makes again a table other
// tables refer to. SQLite cannot change a column's constraint in place, and
// dropping the table with foreign keys on would delete, or refuse, the rows
// that refer to it.
const foreignKeysOff = "-- cong: foreign keys off"

// applyWithoutForeignKeys applies m as apply does, on one connection whose
// foreign keys are off for it (they cannot be turned off inside a
// transaction), as SQLite's own steps for such a change say; every foreign
// key is checked before the commit, and turned on again after.
func (s *DB) applyWithoutForeignKeys(ctx context.Context, m migration) error {
	conn, err := s.db.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	err = s.applyIn(ctx, tx, m)
	if err == nil {
		err = checkForeignKeys(ctx, tx)
	}
	if err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// checkForeignKeys fails when a row names a row that does not exist.
func checkForeignKeys(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var row sql.NullInt64
		var key int
		if err := rows.Scan(&table, &row, &parent, &key); err != nil {
			return err
		}
		return fmt.Errorf("a row of %s (rowid %d) names a missing row of %s", table, row.Int64, parent)
	}
	return rows.Err()
}

// applyIn applies m and records it inside tx, unless it is recorded.
func (s *DB) applyIn(ctx context.Context, tx *sql.Tx, m migration) error {
	if err := s.dialect.serialize(ctx, tx); err != nil {
		return err
	}
	var n int
	err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations WHERE version = $1", m.version).Scan(&n)
	if err != nil || n > 0 {
		return err
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if m.name == s.searchDialect().migration {
		// No article is members-only before the migration that
		// restricts them, whose tables a later migration makes.
		if err := s.reindex(ctx, tx, s.reindexPublic); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
		m.version, m.name, s.now())
	return err
}

// loadMigrations reads dir's NNNN_name.sql files in version order.
func loadMigrations(fsys fs.FS, dir string) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("migrate: %s is not named NNNN_name.sql", name)
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrate: two migrations numbered %d", ms[i].version)
		}
	}
	return ms, nil
}

// Migrations returns the versions applied so far, for `cong migrate` to report.
func (s *DB) Migrations(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT name FROM schema_migrations ORDER BY version")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}
