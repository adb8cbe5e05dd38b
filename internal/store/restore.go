package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"cong/internal/portal"
)

// RestoreSource is a backup to restore: its tables and their rows.
type RestoreSource interface {
	// Tables lists the backup's tables with their columns.
	Tables() []Table
	// Rows calls fn with every row of the named table, its values in the
	// order of the table's columns, in their portable form (see Snapshot.Rows).
	Rows(ctx context.Context, table string, fn func(row []any) error) error
}

// RestoreOptions say how to restore.
type RestoreOptions struct {
	// Name names the backup in the audit entry (its file).
	Name string
	// Force replaces a database that is not empty.
	Force bool
	// Progress, when not nil, is told the rows restored so far of each table.
	Progress func(table string, rows int64)
}

// ErrNotEmpty refuses to restore over a portal's content.
var ErrNotEmpty = errors.New("the database is not empty")

// CheckEmpty returns ErrNotEmpty, with what the database holds, unless it
// has no articles, no staff and no audit entries: every change made through
// the store leaves an audit entry, so a database without any holds only what
// the migrations put there.
func (s *DB) CheckEmpty(ctx context.Context) error { return checkEmpty(ctx, s.db) }

func checkEmpty(ctx context.Context, q queryer) error {
	var articles, users, entries int64
	rows, err := q.QueryContext(ctx, `SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM users),
		(SELECT COUNT(*) FROM audit_log)`)
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		err = rows.Scan(&articles, &users, &entries)
	}
	if err != nil {
		return err
	}
	if articles+users+entries > 0 {
		return fmt.Errorf("%w: %d articles, %d staff, %d audit entries", ErrNotEmpty, articles, users, entries)
	}
	return rows.Err()
}

// Restore replaces every table's rows with the backup's, through the one
// write path and in one transaction: if anything fails nothing changes. The
// restored audit log keeps its entries and hashes, and the restore's own
// entry continues that chain, so the log still verifies with the key it was
// made with. The search index, left out of backups, is rebuilt; PostgreSQL's
// id sequences are moved past the restored ids. The schema must be migrated
// at least as far as the backup's.
func (s *DB) Restore(ctx context.Context, who portal.Actor, src RestoreSource, opt RestoreOptions) error {
	c := &change{action: "backup.restore", object: "backup", detail: opt.Name, public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error { return s.restore(ctx, tx, src, opt) })
}

func (s *DB) restore(ctx context.Context, tx *sql.Tx, src RestoreSource, opt RestoreOptions) error {
	d := s.backupDialect()
	live, err := d.readTables(ctx, tx)
	if err != nil {
		return err
	}
	if !opt.Force {
		if err := checkEmpty(ctx, tx); err != nil {
			return err
		}
	}
	backup, err := matchTables(live, src.Tables())
	if err != nil {
		return err
	}
	for _, t := range slices.Backward(live) {
		if err := clearTable(ctx, tx, d, t.Name); err != nil {
			return fmt.Errorf("empty %s: %w", t.Name, err)
		}
	}
	for _, t := range live {
		if b, ok := backup[t.Name]; ok {
			if err := insertRows(ctx, tx, t, b.Columns, src, opt.Progress); err != nil {
				return fmt.Errorf("restore %s: %w", t.Name, err)
			}
		}
	}
	// A backup made before sites existed brings none: its rows are the
	// main site's, which every install has.
	if _, err := tx.ExecContext(ctx, `INSERT INTO sites (id, slug, name) VALUES ($1, 'chinh', 'Cổng chính')
		ON CONFLICT (id) DO NOTHING`, portal.MainSite); err != nil {
		return err
	}
	if err := d.afterRestore(ctx, tx, live); err != nil {
		return err
	}
	return s.reindex(ctx, tx, s.reindexRestricted)
}

// matchTables checks that every table and column of the backup has a place
// in the live schema, and returns the backup's tables by name. A live table
// the backup lacks (one a later migration made) is left empty.
func matchTables(live, backup []Table) (map[string]Table, error) {
	byName := map[string]Table{}
	for _, b := range backup {
		i := slices.IndexFunc(live, func(t Table) bool { return t.Name == b.Name })
		if i < 0 {
			return nil, fmt.Errorf("the backup has a table %s that this database has not: restore with the version of cong that made it", b.Name)
		}
		for _, c := range b.Columns {
			if _, ok := live[i].column(c.Name); !ok {
				return nil, fmt.Errorf("the backup has a column %s.%s that this database has not: restore with the version of cong that made it", b.Name, c.Name)
			}
		}
		byName[b.Name] = b
	}
	return byName, nil
}

// clearTable deletes every row of table, lifting for the moment the
// triggers that keep the audit log append-only (only a forced restore over
// a used database meets them: the restore's own entry records it).
func clearTable(ctx context.Context, tx *sql.Tx, d backupDialect, table string) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM "`+table+`" LIMIT 1`).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	guard, err := d.unguard(ctx, tx, table)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM "`+table+`"`); err != nil {
		return err
	}
	return guard()
}

// insertBatch is the most rows one INSERT carries; the bound on parameters
// keeps under both engines' limits.
func insertBatch(columns int) int { return max(1, min(100, 30000/max(1, columns))) }

// inserter writes a table's rows in batches. A column referring to the
// same table (a category's parent) is written empty at first and filled in
// once every row is there, since a parent may come after its child.
type inserter struct {
	ctx     context.Context
	tx      *sql.Tx
	table   Table
	cols    []Column
	self    []int // positions of the columns referring to the table itself
	key     int   // position of the single-column primary key, when self is not empty
	batch   [][]any
	later   [][3]any // key, column position, value
	stmt    *sql.Stmt
	written int64
}

func insertRows(ctx context.Context, tx *sql.Tx, t Table, cols []Column, src RestoreSource, progress func(string, int64)) error {
	in := &inserter{ctx: ctx, tx: tx, table: t, cols: cols, key: -1}
	for _, name := range t.selfRefs() {
		if i := slices.IndexFunc(cols, func(c Column) bool { return c.Name == name }); i >= 0 {
			in.self = append(in.self, i)
		}
	}
	if len(in.self) > 0 {
		if len(t.Key) == 1 {
			in.key = slices.IndexFunc(cols, func(c Column) bool { return c.Name == t.Key[0] })
		}
		if in.key < 0 {
			return errors.New("a table referring to itself needs a one-column primary key in the backup")
		}
	}
	defer func() {
		if in.stmt != nil {
			in.stmt.Close()
		}
	}()
	err := src.Rows(ctx, t.Name, func(row []any) error {
		if len(row) != len(cols) {
			return fmt.Errorf("a row of %d values for %d columns", len(row), len(cols))
		}
		in.add(row)
		if len(in.batch) < insertBatch(len(cols)) {
			return nil
		}
		if err := in.flush(); err != nil {
			return err
		}
		if progress != nil {
			progress(t.Name, in.written)
		}
		return nil
	})
	if err == nil {
		err = in.flush()
	}
	if err == nil {
		err = in.fillSelfRefs()
	}
	if progress != nil {
		progress(t.Name, in.written)
	}
	return err
}

func (in *inserter) add(row []any) {
	for _, i := range in.self {
		if row[i] != nil {
			in.later = append(in.later, [3]any{row[in.key], i, row[i]})
			row[i] = nil
		}
	}
	in.batch = append(in.batch, row)
}

func (in *inserter) flush() error {
	if len(in.batch) == 0 {
		return nil
	}
	full := len(in.batch) == insertBatch(len(in.cols))
	stmt := in.stmt
	if stmt == nil || !full {
		var err error
		if stmt, err = in.tx.PrepareContext(in.ctx, in.insertSQL(len(in.batch))); err != nil {
			return err
		}
		if full {
			in.stmt = stmt
		} else {
			defer stmt.Close()
		}
	}
	args := make([]any, 0, len(in.batch)*len(in.cols))
	for _, row := range in.batch {
		args = append(args, row...)
	}
	if _, err := stmt.ExecContext(in.ctx, args...); err != nil {
		return err
	}
	in.written += int64(len(in.batch))
	in.batch = in.batch[:0]
	return nil
}

func (in *inserter) insertSQL(rows int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO "` + in.table.Name + `" (` + columnList(in.cols) + ") VALUES ")
	n := 0
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range in.cols {
			if c > 0 {
				b.WriteString(", ")
			}
			n++
			b.WriteString("$" + strconv.Itoa(n))
		}
		b.WriteByte(')')
	}
	return b.String()
}

func (in *inserter) fillSelfRefs() error {
	for _, l := range in.later {
		col := in.cols[l[1].(int)].Name
		_, err := in.tx.ExecContext(in.ctx, `UPDATE "`+in.table.Name+`" SET "`+col+`" = $1 WHERE "`+in.cols[in.key].Name+`" = $2`,
			l[2], l[0])
		if err != nil {
			return err
		}
	}
	return nil
}

// MigrateTo applies the migrations up to and including version, for a
// restore to start from the schema its backup was made with; the later
// migrations then run over the restored rows, as they would have over the
// original ones.
func (s *DB) MigrateTo(ctx context.Context, version int) error {
	return s.migrate(ctx, migrationsFS, s.dialect.migrations, version)
}

// LatestMigration is the number of the last migration this binary knows
// for the engine dsn names.
func LatestMigration(dsn string) int {
	ms, err := loadMigrations(migrationsFS, dialectFor(dsn).migrations)
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}
