package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// postgresCheck is what can be checked on PostgreSQL without extensions:
// the data checksum failures the server counted (when the cluster has
// checksums), every table read end to end with every value unpacked, and
// every foreign key; the B-tree indexes too when the amcheck extension is
// installed in the database (cong does not install it). The quick check
// reads the counter and one row of each table.
func postgresCheck(ctx context.Context, s *DB, quick bool, progress func(string)) ([]Finding, error) {
	progress("checksum failures")
	sums, err := s.checksumFailures(ctx)
	if err != nil {
		return nil, err
	}
	tables, err := s.readTables(ctx, quick, progress)
	out := []Finding{sums, tables}
	if err != nil || quick {
		return out, err
	}
	for _, step := range []func(context.Context, func(string)) (Finding, error){s.checkForeignKeys, s.checkIndexes} {
		f, err := step(ctx, progress)
		if err != nil {
			return out, err
		}
		out = append(out, f)
	}
	return out, nil
}

// checksumFailures reads the server's count of pages of this database that
// failed their checksum; the count is NULL on a cluster made without
// checksums.
func (s *DB) checksumFailures(ctx context.Context) (Finding, error) {
	f := Finding{Check: "data checksums"}
	var failures *int64
	err := s.db.QueryRowContext(ctx,
		"SELECT checksum_failures FROM pg_stat_database WHERE datname = current_database()").Scan(&failures)
	switch {
	case err != nil:
		return f, err
	case failures == nil:
		f.Skipped = "the cluster was made without data checksums (initdb --data-checksums)"
	case *failures > 0:
		f.Problems = append(f.Problems, fmt.Sprintf("the server counted %d pages that failed their checksum", *failures))
	}
	return f, nil
}

// readTables reads every table end to end, each row turned into text so
// that every value, out-of-line ones included, is read; only the first row
// when quick. A table that cannot be read is a problem.
func (s *DB) readTables(ctx context.Context, quick bool, progress func(string)) (Finding, error) {
	f := Finding{Check: "every table read end to end"}
	if quick {
		f.Check = "every table answers"
	}
	tables, err := s.tableNames(ctx)
	if err != nil {
		return f, err
	}
	for i, t := range tables {
		progress(fmt.Sprintf("table %s (%d of %d)", t, i+1, len(tables)))
		q := "SELECT COUNT(*), COALESCE(SUM(LENGTH(t::text)), 0) FROM " + ident(t) + " AS t"
		if quick {
			q = "SELECT COUNT(*), 0 FROM (SELECT 1 FROM " + ident(t) + " LIMIT 1) AS t"
		}
		var rows, size int64
		if err := s.db.QueryRowContext(ctx, q).Scan(&rows, &size); err != nil {
			if err := s.noteDamage(&f, "table "+t, err); err != nil {
				return f, err
			}
		}
	}
	return f, nil
}

// checkForeignKeys looks, for every foreign key, for rows pointing at a row
// that is not there: what a damaged index or a restore with the keys off
// could leave.
func (s *DB) checkForeignKeys(ctx context.Context, progress func(string)) (Finding, error) {
	f := Finding{Check: "foreign keys"}
	keys, err := query(ctx, s.db, func(r scanner, k *foreignKey) error {
		return r.Scan(&k.table, &k.parent, &k.cols, &k.parentCols)
	}, `SELECT c.conrelid::regclass::text, c.confrelid::regclass::text,
		ARRAY_TO_STRING(ARRAY(SELECT a.attname FROM UNNEST(c.conkey) WITH ORDINALITY k(n, o)
			JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o), ','),
		ARRAY_TO_STRING(ARRAY(SELECT a.attname FROM UNNEST(c.confkey) WITH ORDINALITY k(n, o)
			JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o), ',')
		FROM pg_constraint c JOIN pg_namespace ns ON ns.oid = c.connamespace
		WHERE c.contype = 'f' AND ns.nspname = current_schema() ORDER BY 1, 3`)
	if err != nil {
		return f, err
	}
	for i, k := range keys {
		progress(fmt.Sprintf("foreign key %s (%s) (%d of %d)", k.table, k.cols, i+1, len(keys)))
		var n int64
		if err := s.db.QueryRowContext(ctx, k.orphans()).Scan(&n); err != nil {
			if err := s.noteDamage(&f, k.table+" ("+k.cols+")", err); err != nil {
				return f, err
			}
		} else if n > 0 {
			f.Problems = append(f.Problems, fmt.Sprintf("%d rows of %s point with (%s) at a missing row of %s",
				n, k.table, k.cols, k.parent))
		}
	}
	return f, nil
}

// foreignKey is one foreign key: columns of table that name parentCols of
// parent, comma-separated.
type foreignKey struct{ table, parent, cols, parentCols string }

// orphans counts the rows whose key is set and names no row.
func (k foreignKey) orphans() string {
	cols, parentCols := strings.Split(k.cols, ","), strings.Split(k.parentCols, ",")
	var set, match []string
	for i := range cols {
		set = append(set, "c."+ident(cols[i])+" IS NOT NULL")
		match = append(match, "p."+ident(parentCols[i])+" = c."+ident(cols[i]))
	}
	return fmt.Sprintf("SELECT COUNT(*) FROM %s AS c WHERE %s AND NOT EXISTS (SELECT 1 FROM %s AS p WHERE %s)",
		k.table, strings.Join(set, " AND "), k.parent, strings.Join(match, " AND "))
}

// checkIndexes checks every B-tree index against its own structure with
// amcheck's bt_index_check, when the extension is installed.
func (s *DB) checkIndexes(ctx context.Context, progress func(string)) (Finding, error) {
	f := Finding{Check: "indexes (amcheck)"}
	var installed bool
	err := s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'amcheck')").Scan(&installed)
	if err != nil || !installed {
		f.Skipped = "the amcheck extension is not installed in this database (CREATE EXTENSION amcheck)"
		return f, err
	}
	indexes, err := query(ctx, s.db, func(r scanner, name *string) error { return r.Scan(name) },
		`SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
		JOIN pg_namespace ns ON ns.oid = c.relnamespace JOIN pg_am am ON am.oid = c.relam
		WHERE ns.nspname = current_schema() AND am.amname = 'btree' ORDER BY 1`)
	if err != nil {
		return f, err
	}
	for i, ix := range indexes {
		progress(fmt.Sprintf("index %s (%d of %d)", ix, i+1, len(indexes)))
		var ok string
		if err := s.db.QueryRowContext(ctx, "SELECT bt_index_check($1::regclass)::text", ident(ix)).Scan(&ok); err != nil {
			if err := s.noteDamage(&f, "index "+ix, err); err != nil {
				return f, err
			}
		}
	}
	return f, nil
}

// noteDamage makes err a problem of f when it says the files are damaged,
// and returns any other error.
func (s *DB) noteDamage(f *Finding, what string, err error) error {
	if !s.dialect.isCorrupt(err) {
		return err
	}
	f.Problems = append(f.Problems, what+": "+err.Error())
	return nil
}

// tableNames lists the portal's tables.
func (s *DB) tableNames(ctx context.Context) ([]string, error) {
	return query(ctx, s.db, func(r scanner, name *string) error { return r.Scan(name) }, s.dialect.tables)
}

// ident quotes a table or column name for SQL.
func ident(name string) string { return pgx.Identifier{name}.Sanitize() }
