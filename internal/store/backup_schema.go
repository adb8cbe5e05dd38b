package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// Table is one table of the portal as a backup sees it: its columns in a
// form both engines share, its primary key, and the tables it refers to.
type Table struct {
	Name    string
	Columns []Column
	Key     []string // the primary key's columns
	refs    []ref    // foreign keys
}

// Column is a column and the kind of value it holds, named the same on
// both engines: "integer", "number", "text", "boolean", "time" or "bytes".
type Column struct {
	Name string `json:"name"`
	Type string `json:"type"`
	// nullable is read from the live schema; archives do not carry it.
	nullable bool
}

// ref is a foreign key: column refers to table.
type ref struct {
	column, table string
}

// cacheTable reports whether a table holds nothing but what can be rebuilt
// from other tables, so backups leave it out: the search index (an FTS5
// table and its shadow tables on SQLite, a table of tsvectors on
// PostgreSQL), rebuilt by the restore, and the migrations' own bookkeeping,
// which the archive's manifest carries as its schema version.
func cacheTable(name string) bool {
	return strings.HasPrefix(name, "article_search") || name == "schema_migrations" || strings.HasPrefix(name, "sqlite_")
}

// columnType names what a column holds, the same for both engines'
// spellings of it.
func columnType(typ string) (string, error) {
	t := strings.ToLower(typ)
	switch {
	case strings.Contains(t, "int") || t == "serial" || t == "bigserial":
		return "integer", nil
	case strings.Contains(t, "char") || t == "text":
		return "text", nil
	case strings.HasPrefix(t, "timestamp"):
		return "time", nil
	case strings.HasPrefix(t, "bool"):
		return "boolean", nil
	case t == "real" || strings.HasPrefix(t, "double") || t == "float":
		return "number", nil
	case t == "blob" || t == "bytea":
		return "bytes", nil
	}
	return "", fmt.Errorf("column type %q has no portable form", typ)
}

// backupDialect is how each engine lists its tables, columns and keys, and
// what a restore must do that only one engine needs.
type backupDialect struct {
	tables  string // the names of the tables
	columns string // name, declared type, nullable, part of the primary key (0 no, else position)
	refs    string // column, referred table
	// afterRestore brings an engine's counters past the restored rows.
	afterRestore func(ctx context.Context, q execer, tables []Table) error
	// unguard lets rows of table be deleted despite its append-only
	// triggers, and returns what puts them back.
	unguard func(ctx context.Context, q execer, table string) (func() error, error)
}

func (s *DB) backupDialect() backupDialect {
	if s.dialect.name == postgresDialect.name {
		return postgresBackup
	}
	return sqliteBackup
}

var sqliteBackup = backupDialect{
	tables:  `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`,
	columns: `SELECT name, type, "notnull" = 0 AND pk = 0, pk FROM pragma_table_info($1) ORDER BY cid`,
	refs:    `SELECT "from", "table" FROM pragma_foreign_key_list($1) ORDER BY id, seq`,
	// SQLite gives an INTEGER PRIMARY KEY the largest rowid plus one.
	afterRestore: func(context.Context, execer, []Table) error { return nil },
	unguard: func(ctx context.Context, q execer, table string) (func() error, error) {
		triggers, err := query(ctx, q, func(r scanner, t *[2]string) error { return r.Scan(&t[0], &t[1]) },
			`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1 AND sql LIKE '%RAISE%'`, table)
		if err != nil {
			return nil, err
		}
		for _, t := range triggers {
			if _, err := q.ExecContext(ctx, `DROP TRIGGER "`+t[0]+`"`); err != nil {
				return nil, err
			}
		}
		return func() error {
			for _, t := range triggers {
				if _, err := q.ExecContext(ctx, t[1]); err != nil {
					return err
				}
			}
			return nil
		}, nil
	},
}

var postgresBackup = backupDialect{
	// The catalogs, not information_schema, whose views take seconds here.
	tables: `SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'
		ORDER BY relname`,
	columns: `SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
			COALESCE((SELECT k.n FROM unnest(i.indkey) WITH ORDINALITY k (attnum, n) WHERE k.attnum = a.attnum), 0)
		FROM pg_attribute a
		JOIN pg_class c ON c.oid = a.attrelid
		LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
		WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY a.attnum`,
	refs: `SELECT a.attname, f.relname FROM pg_constraint c
		JOIN pg_class t ON t.oid = c.conrelid
		JOIN pg_class f ON f.oid = c.confrelid
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
		WHERE c.contype = 'f' AND t.relname = $1 AND t.relnamespace = current_schema()::regnamespace
		ORDER BY c.conname, a.attnum`,
	afterRestore: func(ctx context.Context, q execer, _ []Table) error {
		// Identity columns and serials own a sequence; the next id must come
		// after the largest restored.
		cols, err := query(ctx, q, func(r scanner, c *[2]string) error { return r.Scan(&c[0], &c[1]) },
			`SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
			WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0
				AND NOT a.attisdropped AND (a.attidentity <> '' OR EXISTS (SELECT 1 FROM pg_attrdef d
					WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%'))`)
		if err != nil {
			return err
		}
		for _, c := range cols {
			_, err := q.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence($1, $2),
				COALESCE((SELECT MAX("`+c[1]+`") FROM "`+c[0]+`"), 0) + 1, false)`, c[0], c[1])
			if err != nil {
				return fmt.Errorf("sequence of %s.%s: %w", c[0], c[1], err)
			}
		}
		return nil
	},
	unguard: func(ctx context.Context, q execer, table string) (func() error, error) {
		if _, err := q.ExecContext(ctx, `ALTER TABLE "`+table+`" DISABLE TRIGGER USER`); err != nil {
			return nil, err
		}
		return func() error {
			_, err := q.ExecContext(ctx, `ALTER TABLE "`+table+`" ENABLE TRIGGER USER`)
			return err
		}, nil
	},
}

// execer is a database or a transaction that can also change rows.
type execer interface {
	queryer
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// readTables reads the live schema through q: every table but the caches,
// with its columns, primary key and foreign keys, in an order where each
// table comes after the tables it refers to. Reading it, rather than
// keeping a list, is what keeps a new table from being left out of backups.
func (d backupDialect) readTables(ctx context.Context, q queryer) ([]Table, error) {
	names, err := query(ctx, q, func(r scanner, n *string) error { return r.Scan(n) }, d.tables)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	var tables []Table
	for _, name := range names {
		if cacheTable(name) {
			continue
		}
		t, err := d.readTable(ctx, q, name)
		if err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	return dependencyOrder(tables)
}

func (d backupDialect) readTable(ctx context.Context, q queryer, name string) (Table, error) {
	t := Table{Name: name}
	type col struct {
		Column
		decl string
		pk   int
	}
	cols, err := query(ctx, q, func(r scanner, c *col) error { return r.Scan(&c.Name, &c.decl, &c.nullable, &c.pk) },
		d.columns, name)
	if err != nil {
		return t, fmt.Errorf("columns of %s: %w", name, err)
	}
	for _, c := range cols {
		if c.Type, err = columnType(c.decl); err != nil {
			return t, fmt.Errorf("%s.%s: %w", name, c.Name, err)
		}
		t.Columns = append(t.Columns, c.Column)
	}
	slices.SortStableFunc(cols, func(a, b col) int { return a.pk - b.pk })
	for _, c := range cols {
		if c.pk > 0 {
			t.Key = append(t.Key, c.Name)
		}
	}
	t.refs, err = query(ctx, q, func(r scanner, f *ref) error { return r.Scan(&f.column, &f.table) }, d.refs, name)
	if err != nil {
		return t, fmt.Errorf("foreign keys of %s: %w", name, err)
	}
	return t, nil
}

// dependencyOrder sorts tables so that each comes after every table it
// refers to; a table's references to itself are left to the restore, which
// fills them in after the table's rows. Ties keep alphabetical order, so
// both engines list the same schema the same way.
func dependencyOrder(tables []Table) ([]Table, error) {
	done := map[string]bool{}
	var out []Table
	for len(out) < len(tables) {
		progress := false
		for _, t := range tables {
			waits := slices.ContainsFunc(t.refs, func(f ref) bool { return !done[f.table] && f.table != t.Name })
			if !done[t.Name] && !waits {
				done[t.Name], progress = true, true
				out = append(out, t)
			}
		}
		if !progress {
			return nil, fmt.Errorf("the tables' foreign keys form a cycle: no order to restore them in")
		}
	}
	return out, nil
}

// selfRefs are the columns of t that refer to t itself.
func (t Table) selfRefs() []string {
	var cols []string
	for _, f := range t.refs {
		if f.table == t.Name {
			cols = append(cols, f.column)
		}
	}
	return cols
}

// column finds the column named name.
func (t Table) column(name string) (Column, bool) {
	i := slices.IndexFunc(t.Columns, func(c Column) bool { return c.Name == name })
	if i < 0 {
		return Column{}, false
	}
	return t.Columns[i], true
}
