package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// MigrationState is one migration as `cong migrate --status` lists it.
type MigrationState struct {
	Version int
	Name    string
	// Applied is when it was applied; zero while it is pending, or when the
	// database recorded no time.
	Applied time.Time
	Pending bool
}

// MigrationStatus lists this cong's migrations, applied and pending, in
// order. It changes nothing.
func (s *DB) MigrationStatus(ctx context.Context) ([]MigrationState, error) {
	ms, err := loadMigrations(migrationsFS, s.dialect.migrations)
	if err != nil {
		return nil, err
	}
	applied, err := s.appliedMigrations(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]MigrationState, len(ms))
	for i, m := range ms {
		at, ok := applied[m.version]
		out[i] = MigrationState{Version: m.version, Name: m.name, Applied: at, Pending: !ok}
	}
	return out, nil
}

// appliedMigrations reads the versions recorded in schema_migrations with
// when each was applied: none before the first migration made the table.
func (s *DB) appliedMigrations(ctx context.Context) (map[int]time.Time, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, s.dialect.hasTable, "schema_migrations").Scan(&n); err != nil || n == 0 {
		return nil, err
	}
	type row struct {
		version int
		at      sql.NullTime
	}
	rows, err := query(ctx, s.db, func(r scanner, v *row) error { return r.Scan(&v.version, &v.at) },
		"SELECT version, applied_at FROM schema_migrations")
	applied := make(map[int]time.Time, len(rows))
	for _, r := range rows {
		applied[r.version] = r.at.Time
	}
	return applied, err
}

// SchemaTooNewError is the refusal of a cong older than its database: the
// database has migrations this cong does not know, made by a newer one, and
// this cong's queries would not fit its tables.
type SchemaTooNewError struct {
	Database int   // the newest migration the database has
	Known    int   // the newest this cong knows
	Unknown  []int // the database's migrations this cong does not know
}

func (e *SchemaTooNewError) Error() string {
	if e.Database > e.Known {
		return fmt.Sprintf("the database is at schema %04d but this cong knows only up to %04d: install the newer cong "+
			"(or restore a backup made by this version)", e.Database, e.Known)
	}
	vs := make([]string, len(e.Unknown))
	for i, v := range e.Unknown {
		vs[i] = fmt.Sprintf("%04d", v)
	}
	return fmt.Sprintf("the database (schema %04d) has migration %s, which this cong (schema %04d) does not know: "+
		"it was migrated by another build of cong; run that one", e.Database, strings.Join(vs, ", "), e.Known)
}

// checkSchema refuses a database that has migrations this cong does not
// know. Open calls it, so that every command refuses before reading or
// writing anything.
func (s *DB) checkSchema(ctx context.Context) error {
	ms, err := loadMigrations(migrationsFS, s.dialect.migrations)
	if err != nil {
		return err
	}
	applied, err := s.appliedMigrations(ctx)
	if err != nil {
		return fmt.Errorf("read the schema version: %w", err)
	}
	e := &SchemaTooNewError{Known: ms[len(ms)-1].version}
	for v := range applied {
		e.Database = max(e.Database, v)
		if !slices.ContainsFunc(ms, func(m migration) bool { return m.version == v }) {
			e.Unknown = append(e.Unknown, v)
		}
	}
	if len(e.Unknown) == 0 {
		return nil
	}
	slices.Sort(e.Unknown)
	return e
}
