package store_test

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"cong/internal/store"
	"cong/internal/storetest"
)

// engineOnly are the tables that are one engine's own by design: the search
// index is FTS5 on SQLite and a table of tsvectors on PostgreSQL, and the
// migrations' own bookkeeping.
var engineOnly = func(table string) bool {
	return strings.HasPrefix(table, "article_search") || table == "schema_migrations"
}

// schemaFacts is a schema in a form both engines can be read into: one line
// per column, index and foreign key, sorted.
type schemaFacts struct {
	Tables  []string
	Columns []string // "table.column type null|not null"
	Indexes []string // "table (col, col) [unique]"
	Keys    []string // "table (col) -> other (col) on delete ACTION"
}

// TestSchemasAgree compares the SQLite and PostgreSQL schemas after every
// migration, so the two hand-kept sets of migrations cannot drift apart.
func TestSchemasAgree(t *testing.T) {
	engines := storetest.Engines(t)
	if engines["postgres"] == nil {
		t.Skip("no PostgreSQL server: set CONG_TEST_POSTGRES")
	}
	lite := readSQLiteSchema(t, store.Raw(storetest.Open(t, storetest.SQLiteDSN(t))))
	pg := readPostgresSchema(t, store.Raw(storetest.Open(t, storetest.PostgresDSN(t))))
	if diff := cmp.Diff(lite, pg); diff != "" {
		t.Errorf("the schemas differ (-sqlite +postgres):\n%s", diff)
	}
	t.Logf("%d tables, %d columns, %d indexes, %d foreign keys", len(lite.Tables), len(lite.Columns), len(lite.Indexes), len(lite.Keys))
	if len(lite.Tables) < 30 || len(lite.Columns) < 200 {
		t.Errorf("read %d tables, %d columns: the reader misses something", len(lite.Tables), len(lite.Columns))
	}
}

// typeClass names what a column holds, the same for both engines' spellings.
func typeClass(typ string) string {
	typ = strings.ToLower(typ)
	switch {
	case strings.Contains(typ, "int") || typ == "serial" || typ == "bigserial":
		return "integer"
	case strings.Contains(typ, "char") || typ == "text":
		return "text"
	case strings.HasPrefix(typ, "timestamp"):
		return "time"
	case strings.HasPrefix(typ, "bool"):
		return "boolean"
	case typ == "real" || strings.HasPrefix(typ, "double") || typ == "float" || strings.HasPrefix(typ, "numeric"):
		return "number"
	case typ == "blob" || typ == "bytea":
		return "bytes"
	case typ == "date":
		return "date"
	}
	return typ
}

func strings1(t *testing.T, db *sql.DB, q string, args ...any) [][]string {
	t.Helper()
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func nullText(notNull bool) string {
	if notNull {
		return "not null"
	}
	return "null"
}

func readSQLiteSchema(t *testing.T, db *sql.DB) schemaFacts {
	var s schemaFacts
	for _, r := range strings1(t, db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`) {
		table := r[0]
		if engineOnly(table) {
			continue
		}
		s.Tables = append(s.Tables, table)
		for _, c := range strings1(t, db, `SELECT name, type, "notnull", pk FROM pragma_table_info($1)`, table) {
			notNull := c[2] == "1" || c[3] != "0"
			s.Columns = append(s.Columns, fmt.Sprintf("%s.%s %s %s", table, c[0], typeClass(c[1]), nullText(notNull)))
		}
		for _, ix := range strings1(t, db, `SELECT name, "unique", origin, partial FROM pragma_index_list($1)`, table) {
			if ix[2] == "pk" {
				continue
			}
			var cols []string
			for _, c := range strings1(t, db, `SELECT name FROM pragma_index_info($1) ORDER BY seqno`, ix[0]) {
				cols = append(cols, cmpOr(c[0], "(expression)"))
			}
			s.Indexes = append(s.Indexes, indexFact(table, cols, ix[1] == "1", ix[3] == "1"))
		}
		for _, k := range strings1(t, db, `SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list($1)
			ORDER BY id, seq`, table) {
			s.Keys = append(s.Keys, fmt.Sprintf("%s (%s) -> %s (%s) on delete %s", table, k[1], k[0], k[2], k[3]))
		}
	}
	return s.sorted()
}

func readPostgresSchema(t *testing.T, db *sql.DB) schemaFacts {
	var s schemaFacts
	for _, r := range strings1(t, db, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`) {
		if !engineOnly(r[0]) {
			s.Tables = append(s.Tables, r[0])
		}
	}
	for _, c := range strings1(t, db, `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
		WHERE table_schema = current_schema()`) {
		if !slices.Contains(s.Tables, c[0]) {
			continue
		}
		s.Columns = append(s.Columns, fmt.Sprintf("%s.%s %s %s", c[0], c[1], typeClass(c[2]), nullText(c[3] == "NO")))
	}
	for _, ix := range strings1(t, db, `SELECT t.relname, i.indisunique, i.indpred IS NOT NULL,
		ARRAY_TO_STRING(ARRAY(SELECT COALESCE(a.attname, '(expression)') FROM UNNEST(i.indkey) WITH ORDINALITY k(n, o)
			LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n ORDER BY k.o), ',')
		FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace ns ON ns.oid = t.relnamespace
		WHERE ns.nspname = current_schema() AND NOT i.indisprimary`) {
		if !slices.Contains(s.Tables, ix[0]) {
			continue
		}
		s.Indexes = append(s.Indexes, indexFact(ix[0], strings.Split(ix[3], ","), ix[1] == "true", ix[2] == "true"))
	}
	for _, k := range strings1(t, db, `SELECT c.conrelid::regclass::text, c.confrelid::regclass::text,
		ARRAY_TO_STRING(ARRAY(SELECT a.attname FROM UNNEST(c.conkey) WITH ORDINALITY k(n, o)
			JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o), ','),
		ARRAY_TO_STRING(ARRAY(SELECT a.attname FROM UNNEST(c.confkey) WITH ORDINALITY k(n, o)
			JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o), ','),
		c.confdeltype
		FROM pg_constraint c JOIN pg_namespace ns ON ns.oid = c.connamespace
		WHERE c.contype = 'f' AND ns.nspname = current_schema()`) {
		if !slices.Contains(s.Tables, k[0]) {
			continue
		}
		action := map[string]string{"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}[k[4]]
		from, to := strings.Split(k[2], ","), strings.Split(k[3], ",")
		for i := range from {
			s.Keys = append(s.Keys, fmt.Sprintf("%s (%s) -> %s (%s) on delete %s", k[0], from[i], k[1], to[i], action))
		}
	}
	return s.sorted()
}

func indexFact(table string, cols []string, unique, partial bool) string {
	f := table + " (" + strings.Join(cols, ", ") + ")"
	if unique {
		f += " unique"
	}
	if partial {
		f += " partial"
	}
	return f
}

func (s schemaFacts) sorted() schemaFacts {
	for _, l := range [][]string{s.Tables, s.Columns, s.Indexes, s.Keys} {
		slices.Sort(l)
	}
	return s
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
