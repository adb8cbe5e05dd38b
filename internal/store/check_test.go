package store_test

import (
	"errors"
	"strings"
	"testing"

	"cong/internal/store"
	"cong/internal/storetest"
)

// TestCheckIntegrity checks a healthy database, then one with a row that
// points at nothing, as a restore with the keys off could leave: the full
// check finds it on both engines, and the quick check passes both.
func TestCheckIntegrity(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		amcheck := db.Engine() == "postgres" && store.Exec(ctx, db, "CREATE EXTENSION IF NOT EXISTS amcheck") == nil
		if amcheck {
			findings, err := db.CheckIntegrity(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range findings {
				if f.Skipped != "" && strings.Contains(f.Check, "amcheck") {
					t.Errorf("with amcheck installed, %s: not checked: %s", f.Check, f.Skipped)
				}
			}
		}
		if problems := integrityProblems(t, db); len(problems) > 0 {
			t.Errorf("a healthy database has problems: %v", problems)
		}
		if err := db.QuickCheck(ctx); err != nil {
			t.Errorf("QuickCheck of a healthy database: %v", err)
		}
		insertOrphan(t, db)
		problems := integrityProblems(t, db)
		if len(problems) != 1 || !strings.Contains(problems[0], "user_roles") || !strings.Contains(problems[0], "users") {
			t.Errorf("with a role of no user, the problems are %q; want one naming user_roles and users", problems)
		}
		if err := db.QuickCheck(ctx); err != nil || errors.Is(err, store.ErrDamaged) {
			t.Errorf("QuickCheck = %v; want nil: it does not look at keys", err)
		}
	})
}

func integrityProblems(t *testing.T, db *store.DB) []string {
	t.Helper()
	var steps []string
	findings, err := db.CheckIntegrity(ctx, func(step string) { steps = append(steps, step) })
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) == 0 || len(findings) < 2 {
		t.Errorf("the check told %d steps and made %d findings; want some of each", len(steps), len(findings))
	}
	var problems []string
	for _, f := range findings {
		problems = append(problems, f.Problems...)
	}
	return problems
}

// insertOrphan adds a role for a user who does not exist, with the engine's
// foreign keys off for the connection.
func insertOrphan(t *testing.T, db *store.DB) {
	t.Helper()
	conn, err := store.Raw(db).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	off, on := "PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys = ON"
	if db.Engine() == "postgres" {
		off, on = "SET session_replication_role = replica", "SET session_replication_role = DEFAULT"
	}
	for _, q := range []string{off, "INSERT INTO user_roles (user_id, role) VALUES (999, 'admin')", on} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}
