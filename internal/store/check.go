package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Finding is one check of the database and what it found.
type Finding struct {
	Check    string   // what was checked, e.g. "PRAGMA integrity_check"
	Problems []string // empty when it holds
	Skipped  string   // why the check could not run here, if it could not
}

// ErrDamaged marks a database whose files are damaged: what the engine's
// checks found, or an error the engine gave for damaged pages.
var ErrDamaged = errors.New("the database is damaged")

// maxProblems bounds what a check reports: a badly damaged file would
// otherwise list every page.
const maxProblems = 100

// CheckIntegrity runs the engine's full integrity checks, reading the whole
// database; progress, when not nil, is told each step as it starts. Damage
// comes back as findings with problems, not as an error.
func (s *DB) CheckIntegrity(ctx context.Context, progress func(step string)) ([]Finding, error) {
	if progress == nil {
		progress = func(string) {}
	}
	return s.dialect.check(ctx, s, false, progress)
}

// QuickCheck runs the cheap checks `cong serve` runs before it starts and
// returns an error wrapping ErrDamaged, with what was found, if any fails.
func (s *DB) QuickCheck(ctx context.Context) error {
	fs, err := s.dialect.check(ctx, s, true, func(string) {})
	if err != nil {
		return s.damaged(err)
	}
	for _, f := range fs {
		if len(f.Problems) > 0 {
			return fmt.Errorf("%w: %s: %s", ErrDamaged, f.Check, strings.Join(f.Problems[:min(3, len(f.Problems))], "; "))
		}
	}
	return nil
}

// damaged wraps err with ErrDamaged when the engine says it comes from
// damaged files.
func (s *DB) damaged(err error) error {
	if err != nil && !errors.Is(err, ErrDamaged) && s.dialect.isCorrupt(err) {
		return fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	return err
}

// sqliteCheck is PRAGMA integrity_check (every page, every index against
// its table, FTS5 included) and foreign_key_check, or PRAGMA quick_check
// (the same without the indexes' contents: linear in the file's size).
func sqliteCheck(ctx context.Context, s *DB, quick bool, progress func(string)) ([]Finding, error) {
	pragmas := []string{"integrity_check", "foreign_key_check"}
	if quick {
		pragmas = []string{"quick_check"}
	}
	var out []Finding
	for _, p := range pragmas {
		progress("PRAGMA " + p)
		f, err := s.sqlitePragma(ctx, p)
		if err != nil {
			return out, err
		}
		out = append(out, f)
	}
	return out, nil
}

// sqlitePragma runs one checking pragma. A pragma that stops on damaged
// pages has found a problem, not failed to check; integrity_check then
// stops before saying where, so quick_check, which gets further, is asked.
func (s *DB) sqlitePragma(ctx context.Context, pragma string) (Finding, error) {
	f := Finding{Check: "PRAGMA " + pragma}
	q := fmt.Sprintf("PRAGMA %s(%d)", pragma, maxProblems)
	if pragma == "foreign_key_check" {
		q = fmt.Sprintf(`SELECT "table", rowid, parent FROM pragma_foreign_key_check LIMIT %d`, maxProblems)
	}
	rows, err := s.db.QueryContext(ctx, q)
	if err == nil {
		f.Problems, err = scanProblems(rows, pragma == "foreign_key_check")
	}
	if !s.dialect.isCorrupt(err) {
		return f, err
	}
	f.Problems = append(f.Problems, err.Error())
	if pragma == "integrity_check" && len(f.Problems) == 1 {
		more, _ := s.sqlitePragma(ctx, "quick_check")
		f.Problems = append(f.Problems, more.Problems...)
	}
	return f, nil
}

// scanProblems reads a check's rows: one text column ("ok" alone when all
// holds), or foreign_key_check's table, rowid and parent.
func scanProblems(rows *sql.Rows, foreignKeys bool) ([]string, error) {
	defer rows.Close()
	var out []string
	for rows.Next() {
		if foreignKeys {
			var table, parent string
			var rowid *int64
			if err := rows.Scan(&table, &rowid, &parent); err != nil {
				return out, err
			}
			out = append(out, fmt.Sprintf("%s row %s points at a missing row of %s", table, rowidText(rowid), parent))
			continue
		}
		var line string
		if err := rows.Scan(&line); err != nil {
			return out, err
		}
		for l := range strings.Lines(line) {
			if l = strings.TrimSpace(l); l != "ok" && l != "*** in database main ***" {
				out = append(out, l)
			}
		}
	}
	return out, rows.Err()
}

func rowidText(id *int64) string {
	if id == nil {
		return "(without rowid)"
	}
	return fmt.Sprint(*id)
}
