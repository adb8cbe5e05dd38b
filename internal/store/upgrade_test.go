package store_test

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestUpgradeFromPreviousMigration builds a database as the cong of the
// previous migration (the second-to-last) left it, puts a row in every one
// of its tables, and upgrades it: every row must survive with its values,
// and the store must read it. The fill is generic, from the schema itself,
// so a new table or migration needs nothing here; a new CHECK constraint may
// need its value in checkedValues.
func TestUpgradeFromPreviousMigration(t *testing.T) {
	for name, dsn := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db, err := store.Open(ctx, dsn(t))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			db.SetAuditKey(storetest.AuditKey)
			versions := store.MigrationVersions(db)
			previous, last := versions[len(versions)-2], versions[len(versions)-1]
			if err := db.MigrateTo(ctx, previous); err != nil {
				t.Fatal(err)
			}
			checkPending(t, db, last)
			s := readFillSchema(t, db)
			s.fill(t)
			before := snapshot(t, db)
			t.Logf("%d tables at %04d, filled and upgraded to %04d", len(before), previous, last)
			for table, rows := range before {
				if len(rows.rows) == 0 {
					t.Errorf("table %s has no row after the fill at %04d", table, previous)
				}
			}
			if err := db.Migrate(ctx); err != nil {
				t.Fatalf("migrate from %04d to %04d: %v", previous, last, err)
			}
			// The upgraded cong starts afresh: no statement prepared before.
			db, err = store.Open(ctx, db.DSN())
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			compareSnapshots(t, before, snapshot(t, db))
			checkStoreReads(t, db)
			findings, err := db.CheckIntegrity(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range findings {
				if len(f.Problems) > 0 {
					t.Errorf("after the upgrade, %s: %v", f.Check, f.Problems)
				}
			}
		})
	}
}

// checkPending checks that the status lists only the last migration as
// pending.
func checkPending(t *testing.T, db *store.DB, last int) {
	t.Helper()
	ms, err := db.MigrationStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var pending []int
	for _, m := range ms {
		if m.Pending {
			pending = append(pending, m.Version)
		} else if m.Applied.IsZero() {
			t.Errorf("migration %s applied with no time", m.Name)
		}
	}
	if !cmp.Equal(pending, []int{last}) {
		t.Errorf("pending migrations = %v; want [%d]", pending, last)
	}
}

// checkedValues are values that CHECK constraints accept, by table.column
// or by column.
var checkedValues = map[string]any{
	"status":                       "published",
	"comments.status":              "approved",
	"consultation_comments.status": "approved",
	"role":                         "admin",
	"session":                      "sang",
	"cancelled":                    "",
	"polls.results_after":          "vote",
	"error_reports.status":         "new",
}

// fillColumn is a column as the fill needs it.
type fillColumn struct {
	name, class string
	notNull     bool
}

// fillKey is a foreign key: cols of the table name parentCols of parent.
type fillKey struct {
	cols, parentCols []string
	parent           string
}

// fillSchema is the tables to fill, their columns and foreign keys.
type fillSchema struct {
	db      *store.DB
	raw     *sql.DB
	tables  []string
	columns map[string][]fillColumn
	keys    map[string][]fillKey
}

func readFillSchema(t *testing.T, db *store.DB) *fillSchema {
	s := &fillSchema{db: db, raw: store.Raw(db), columns: map[string][]fillColumn{}, keys: map[string][]fillKey{}}
	tables, err := store.Tables(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if db.Engine() == "sqlite" {
		s.readSQLite(t, tables)
	} else {
		s.readPostgres(t, tables)
	}
	return s
}

func (s *fillSchema) readSQLite(t *testing.T, tables []string) {
	var virtual []string
	for _, r := range strings1(t, s.raw, `SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'`) {
		virtual = append(virtual, r[0])
	}
	for _, table := range tables {
		// The tables of a virtual table are its own; filling it fills them.
		if table == "schema_migrations" || slices.ContainsFunc(virtual, func(v string) bool { return strings.HasPrefix(table, v+"_") }) {
			continue
		}
		s.tables = append(s.tables, table)

		for _, c := range strings1(t, s.raw, `SELECT name, type, "notnull", hidden FROM pragma_table_xinfo($1) ORDER BY cid`, table) {
			if c[3] != "0" { // hidden or generated
				continue
			}
			s.columns[table] = append(s.columns[table], fillColumn{name: c[0], class: typeClass(c[1]), notNull: c[2] == "1"})
		}
		keys := map[string]*fillKey{}
		var ids []string
		for _, k := range strings1(t, s.raw, `SELECT id, "table", "from", "to" FROM pragma_foreign_key_list($1) ORDER BY id, seq`, table) {
			if keys[k[0]] == nil {
				keys[k[0]] = &fillKey{parent: k[1]}
				ids = append(ids, k[0])
			}
			keys[k[0]].cols = append(keys[k[0]].cols, k[2])
			keys[k[0]].parentCols = append(keys[k[0]].parentCols, k[3])
		}
		for _, id := range ids {
			s.keys[table] = append(s.keys[table], *keys[id])
		}
	}
}

func (s *fillSchema) readPostgres(t *testing.T, tables []string) {
	for _, table := range tables {
		if table == "schema_migrations" {
			continue
		}
		s.tables = append(s.tables, table)
		for _, c := range strings1(t, s.raw, `SELECT column_name, data_type, is_nullable FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`, table) {
			s.columns[table] = append(s.columns[table], fillColumn{name: c[0], class: typeClass(c[1]), notNull: c[2] == "NO"})
		}
		for _, k := range strings1(t, s.raw, `SELECT c.confrelid::regclass::text,
			ARRAY_TO_STRING(ARRAY(SELECT a.attname FROM UNNEST(c.conkey) WITH ORDINALITY k(n, o)
				JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o), ','),
			ARRAY_TO_STRING(ARRAY(SELECT a.attname FROM UNNEST(c.confkey) WITH ORDINALITY k(n, o)
				JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o), ',')
			FROM pg_constraint c JOIN pg_namespace ns ON ns.oid = c.connamespace
			WHERE c.contype = 'f' AND ns.nspname = current_schema() AND c.conrelid::regclass::text = $1 ORDER BY c.conname`, table) {
			s.keys[table] = append(s.keys[table], fillKey{parent: k[0], cols: strings.Split(k[1], ","), parentCols: strings.Split(k[2], ",")})
		}
	}
}

// fill puts one row in every table that has none, parents before the
// tables that point at them; a foreign key takes the values of its parent's
// first row, or NULL when the parent is the table itself or in a cycle.
func (s *fillSchema) fill(t *testing.T) {
	done := map[string]bool{}
	for len(done) < len(s.tables) {
		progress := false
		for _, table := range s.tables {
			if !done[table] && s.ready(table, done, false) {
				s.insert(t, table, done)
				done[table], progress = true, true
			}
		}
		if progress {
			continue
		}
		i := slices.IndexFunc(s.tables, func(table string) bool { return !done[table] && s.ready(table, done, true) })
		if i < 0 {
			t.Fatalf("no order fills the tables: a cycle of foreign keys that are NOT NULL among %v", s.tables)
		}
		s.insert(t, s.tables[i], done)
		done[s.tables[i]] = true
	}
}

// ready reports whether every parent of table is filled, or, when
// nullsAllowed, whether those that are not can be left NULL.
func (s *fillSchema) ready(table string, done map[string]bool, nullsAllowed bool) bool {
	for _, k := range s.keys[table] {
		if k.parent == table || done[k.parent] {
			continue
		}
		if !nullsAllowed || s.anyNotNull(table, k.cols) {
			return false
		}
	}
	return true
}

func (s *fillSchema) anyNotNull(table string, cols []string) bool {
	for _, c := range s.columns[table] {
		if c.notNull && slices.Contains(cols, c.name) {
			return true
		}
	}
	return false
}

// insert adds the table's row, unless a migration already put rows in it.
func (s *fillSchema) insert(t *testing.T, table string, done map[string]bool) {
	var n int
	if err := s.raw.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n > 0 {
		return
	}
	values := map[string]any{}
	for _, c := range s.columns[table] {
		values[c.name] = fillValue(table, c)
	}
	for _, k := range s.keys[table] {
		parent := make([]any, len(k.cols))
		if k.parent != table && done[k.parent] {
			ptrs := make([]any, len(parent))
			for i := range parent {
				ptrs[i] = &parent[i]
			}
			q := "SELECT " + strings.Join(k.parentCols, ", ") + " FROM " + k.parent + " LIMIT 1"
			if err := s.raw.QueryRowContext(ctx, q).Scan(ptrs...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		for i, col := range k.cols {
			values[col] = parent[i]
		}
	}
	var cols, marks []string
	var args []any
	for _, c := range s.columns[table] {
		cols = append(cols, c.name)
		args = append(args, values[c.name])
		marks = append(marks, fmt.Sprintf("$%d", len(args)))
	}
	q := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", table, strings.Join(cols, ", "), strings.Join(marks, ", "))
	if _, err := s.raw.ExecContext(ctx, q, args...); err != nil {
		t.Fatalf("fill %s: %v (a CHECK constraint may need its value in checkedValues)", table, err)
	}
}

// fillTime is the time of every time column the fill sets.
var fillTime = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

// fillValue is the value of a column in its table's row: one a CHECK
// accepts, or one of the column's kind (ids are 1, texts name their column).
func fillValue(table string, c fillColumn) any {
	if v, ok := checkedValues[table+"."+c.name]; ok {
		return v
	}
	if v, ok := checkedValues[c.name]; ok {
		return v
	}
	switch c.class {
	case "integer":
		return 1
	case "boolean":
		return true
	case "time":
		return fillTime
	case "date":
		return "2025-01-02"
	case "number":
		return 1.5
	case "bytes":
		return []byte("Cổng")
	}
	return "Nâng cấp " + table + "." + c.name
}

// tableRows is a table's columns and its rows as text, sorted.
type tableRows struct {
	cols []string
	rows [][]string
}

// snapshot reads every table.
func snapshot(t *testing.T, db *store.DB) map[string]tableRows {
	tables, err := store.Tables(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]tableRows{}
	for _, table := range tables {
		if table == "schema_migrations" {
			continue
		}
		rows, err := store.Raw(db).QueryContext(ctx, "SELECT * FROM "+table+" LIMIT 0")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		rows.Close()
		data := strings1(t, store.Raw(db), "SELECT * FROM "+table)
		slices.SortFunc(data, slices.Compare)
		out[table] = tableRows{cols: cols, rows: data}
	}
	return out
}

// compareSnapshots checks that every table is still there with as many
// rows, and the same values in the columns it had before. The search
// index's own tables are left out: a migration may rebuild them. A
// migration that rewrites values on purpose makes this fail: say so here,
// for its table and column, while it is the last one.
func compareSnapshots(t *testing.T, before, after map[string]tableRows) {
	for table, b := range before {
		if engineOnly(table) {
			continue
		}
		a, ok := after[table]
		if !ok {
			t.Errorf("table %s is gone after the upgrade", table)
			continue
		}
		if len(a.rows) != len(b.rows) {
			t.Errorf("table %s: %d rows after the upgrade; want %d", table, len(a.rows), len(b.rows))
			continue
		}
		if diff := cmp.Diff(project(b, b.cols), project(a, b.cols)); diff != "" {
			t.Errorf("table %s changed in the upgrade (-before +after):\n%s", table, diff)
		}
	}
}

// project keeps the columns cols of r's rows, sorted.
func project(r tableRows, cols []string) [][]string {
	out := make([][]string, len(r.rows))
	for i, row := range r.rows {
		for _, c := range cols {
			if j := slices.Index(r.cols, c); j >= 0 {
				out[i] = append(out[i], c+"="+row[j])
			} else {
				out[i] = append(out[i], c+" missing")
			}
		}
	}
	slices.SortFunc(out, slices.Compare)
	return out
}

// checkStoreReads reads the upgraded database through the store, as the
// portal does.
func checkStoreReads(t *testing.T, db *store.DB) {
	a, err := db.Article(ctx, 1)
	if err != nil || a.Title != "Nâng cấp articles.title" {
		t.Errorf("Article(1) = %v, %v; want the article the fill made", a, err)
	}
	if n, err := db.CountArticles(ctx, portal.ArticleFilter{}); err != nil || n != 1 {
		t.Errorf("CountArticles = %d, %v; want 1", n, err)
	}
	cats, err := db.Categories(ctx)
	if err != nil || len(cats) == 0 {
		t.Errorf("Categories = %v, %v; want the category the fill made", cats, err)
	}
	users, err := db.Users(ctx)
	if err != nil || len(users) == 0 {
		t.Errorf("Users = %v, %v; want the user the fill made", users, err)
	}
	if _, err := db.Settings(ctx); err != nil {
		t.Errorf("Settings: %v", err)
	}
	if log, err := db.AuditLog(ctx, portal.AuditFilter{}); err != nil || len(log) == 0 {
		t.Errorf("AuditLog = %v, %v; want the entry the fill made", log, err)
	}
	if p, err := db.Page(ctx, 1); err != nil || p.Title != "Nâng cấp pages.title" {
		t.Errorf("Page(1) = %v, %v; want the page the fill made", p, err)
	}
}
