package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
)

// Snapshot is the whole database as it was at one instant, for a backup to
// read while the portal goes on serving and writing. Close it when done.
type Snapshot struct {
	Engine        string
	Tables        []Table  // every table but the caches, each after those it refers to
	Migrations    []string // the migrations applied, by file name
	SchemaVersion int      // the number of the last migration applied
	q             queryer
	close         func() error
}

// Snapshot opens a consistent view of every table. On SQLite it copies the
// database in one step (VACUUM INTO a file beside it, which readers and the
// writer never wait for long) and reads the copy; on PostgreSQL it reads in
// one REPEATABLE READ, READ ONLY transaction.
func (s *DB) Snapshot(ctx context.Context) (*Snapshot, error) {
	snap, err := s.openSnapshot(ctx)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	if err := snap.read(ctx, s.backupDialect()); err != nil {
		snap.Close()
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	return snap, nil
}

func (s *DB) openSnapshot(ctx context.Context) (*Snapshot, error) {
	if s.dialect.name == postgresDialect.name {
		tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return nil, err
		}
		return &Snapshot{Engine: s.dialect.name, q: tx, close: tx.Rollback}, nil
	}
	return s.copySQLite(ctx)
}

// copySQLite copies the live file with VACUUM INTO into a hidden file beside
// it (the same disk, so no surprise about space elsewhere) and opens the copy.
func (s *DB) copySQLite(ctx context.Context) (*Snapshot, error) {
	dir := filepath.Dir(sqlitePath(s.dsn))
	sweepCopies(dir, s.Now())
	f, err := os.CreateTemp(dir, ".backup-*.db")
	if err != nil {
		return nil, err
	}
	name := f.Name()
	f.Close() // VACUUM INTO writes into a file that is missing or empty
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO $1", name); err != nil {
		os.Remove(name)
		return nil, err
	}
	db, err := sql.Open(sqliteDialect.driver, "file:"+name)
	if err != nil {
		os.Remove(name)
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return &Snapshot{Engine: s.dialect.name, q: db, close: func() error {
		db.Close()
		return os.Remove(name)
	}}, nil
}

// sweepCopies removes the copies a backup killed on its way left in dir,
// a day after they were made: no backup takes that long.
func sweepCopies(dir string, now time.Time) {
	old, _ := filepath.Glob(filepath.Join(dir, ".backup-*.db"))
	for _, name := range old {
		if fi, err := os.Stat(name); err == nil && now.Sub(fi.ModTime()) > 24*time.Hour {
			os.Remove(name)
		}
	}
}

// sqlitePath is the file a SQLite DSN names.
func sqlitePath(dsn string) string {
	path, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	return path
}

func (sn *Snapshot) read(ctx context.Context, d backupDialect) error {
	var err error
	if sn.Tables, err = d.readTables(ctx, sn.q); err != nil {
		return err
	}
	sn.Migrations, err = query(ctx, sn.q, func(r scanner, n *string) error { return r.Scan(n) },
		"SELECT name FROM schema_migrations ORDER BY version")
	if len(sn.Migrations) > 0 {
		sn.SchemaVersion = migrationNumber(sn.Migrations[len(sn.Migrations)-1])
	}
	return err
}

// migrationNumber is the number a migration's file name begins with.
func migrationNumber(name string) int {
	num, _, _ := strings.Cut(name, "_")
	n, _ := strconv.Atoi(num)
	return n
}

// Close ends the snapshot and removes its copy.
func (sn *Snapshot) Close() error { return sn.close() }

// Rows calls fn with every row of t, in the order of its primary key, each
// value in its portable form: nil, int64, float64, string, bool, time.Time
// in UTC or []byte, following the column's Type. fn may keep the row.
func (sn *Snapshot) Rows(ctx context.Context, t Table, fn func(row []any) error) error {
	q := "SELECT " + columnList(t.Columns) + ` FROM "` + t.Name + `"`
	if len(t.Key) > 0 {
		q += " ORDER BY " + quoteAll(t.Key)
	}
	rows, err := sn.q.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("read %s: %w", t.Name, err)
	}
	defer rows.Close()
	vals := make([]any, len(t.Columns))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("read %s: %w", t.Name, err)
		}
		row := make([]any, len(vals))
		for i, c := range t.Columns {
			if row[i], err = portable(c.Type, vals[i]); err != nil {
				return fmt.Errorf("read %s.%s: %w", t.Name, c.Name, err)
			}
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// portable turns a value as a driver reads it into its portable form for a
// column of type typ, whichever engine it came from: SQLite keeps booleans
// as integers and may hand back times as text.
func portable(typ string, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch typ {
	case "integer":
		switch x := v.(type) {
		case int64:
			return x, nil
		case int32:
			return int64(x), nil
		case bool:
			return map[bool]int64{false: 0, true: 1}[x], nil
		}
	case "number":
		switch x := v.(type) {
		case float64:
			return x, nil
		case int64:
			return float64(x), nil
		}
	case "text":
		switch x := v.(type) {
		case string:
			return x, nil
		case []byte:
			return string(x), nil
		}
	case "boolean":
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			return x != 0, nil
		}
	case "time":
		switch x := v.(type) {
		case time.Time:
			return x.UTC(), nil
		case string:
			return parseTime(x)
		}
	case "bytes":
		switch x := v.(type) {
		case []byte:
			return x, nil
		case string:
			return []byte(x), nil
		}
	}
	return nil, fmt.Errorf("a %T where a %s belongs", v, typ)
}

// timeLayouts are the ways a time may have been written as text into SQLite.
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999", "2006-01-02"}

func parseTime(s string) (time.Time, error) {
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time", s)
}

func columnList(cols []Column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return quoteAll(names)
}

func quoteAll(names []string) string {
	return `"` + strings.Join(names, `", "`) + `"`
}

// RecordBackup records b as the last backup that succeeded, for
// administrators to see and metrics to read. The audit entry names the file.
func (s *DB) RecordBackup(ctx context.Context, who portal.Actor, b portal.Backup) error {
	c := &change{action: "backup.create", object: "backup", detail: b.File}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
			ON CONFLICT (site_id, key) DO UPDATE SET value = excluded.value`, portal.BackupSetting, b.String())
		return err
	})
}

// LastBackup returns when the last backup that succeeded was taken and its
// size in bytes; a zero time when none was.
func (s *DB) LastBackup(ctx context.Context) (time.Time, int64, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE site_id = 1 AND key = $1", portal.BackupSetting).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, 0, nil
	}
	if err != nil {
		return time.Time{}, 0, err
	}
	b, _ := portal.LastBackup(map[string]string{portal.BackupSetting: v})
	return b.At, b.Size, nil
}
