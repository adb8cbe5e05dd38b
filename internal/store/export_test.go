package store

import (
	"context"
	"database/sql"
	"io/fs"
)

// MigrateFS applies the migrations in dir of fsys, for tests of failure.
func MigrateFS(ctx context.Context, db *DB, fsys fs.FS, dir string) error {
	return db.migrate(ctx, fsys, dir, 0)
}

// Exec runs one statement, for tests that look at the schema.
func Exec(ctx context.Context, db *DB, q string) error {
	_, err := db.db.ExecContext(ctx, q)
	return err
}

// Raw is the pool underneath, for tests that read the schema or play the
// part of someone who holds the database but not the audit key.
func Raw(db *DB) *sql.DB { return db.db.DB }

// MigrationVersions lists the versions of this cong's migrations, in order.
func MigrationVersions(db *DB) []int {
	ms, err := loadMigrations(migrationsFS, db.dialect.migrations)
	if err != nil {
		panic(err)
	}
	vs := make([]int, len(ms))
	for i, m := range ms {
		vs[i] = m.version
	}
	return vs
}

// Tables lists the database's tables.
func Tables(ctx context.Context, db *DB) ([]string, error) { return db.tableNames(ctx) }

// OpenSQLite opens a SQLite file with the given synchronous setting, for
// the benchmark that compares them.
func OpenSQLite(ctx context.Context, path, synchronous string) (*DB, error) {
	return open(ctx, path, synchronous)
}
