package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

func TestAuditVerify(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	var out bytes.Buffer
	if err := run(ctx, []string{"demo", "--data", dir}, noenv, &out, &out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "audit.key")); err != nil {
		t.Fatalf("no audit key made next to the data: %v", err)
	}
	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"audit", "verify", "--data", dir}, noenv, &stdout, &stderr); err != nil {
		t.Fatalf("audit verify on a fresh portal: %v; %s", err, stdout.String())
	}
	if !regexp.MustCompile(`^ok, [1-9][0-9]* entries\n$`).MatchString(stdout.String()) {
		t.Errorf("audit verify said %q; want \"ok, N entries\"", stdout.String())
	}

	// With another key, nothing verifies.
	other := filepath.Join(t.TempDir(), "other.key")
	os.WriteFile(other, []byte(strings.Repeat("ab", 32)), 0o600)
	stdout.Reset()
	err := run(ctx, []string{"audit", "verify", "--data", dir, "--audit-key-file", other}, noenv, &stdout, &stderr)
	if !errors.Is(err, errAuditBroken) || !strings.Contains(stdout.String(), "BROKEN at entry 1 ") {
		t.Errorf("audit verify with another key = %v, %q; want broken at entry 1", err, stdout.String())
	}

	// Someone with the file drops the guard and changes an entry.
	db, err := sql.Open("sqlite", filepath.Join(dir, "cong.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET actor = 'ke-gian' WHERE id = 3"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	stdout.Reset()
	err = run(ctx, []string{"audit", "verify", "--data", dir}, noenv, &stdout, &stderr)
	if !errors.Is(err, errAuditBroken) || !strings.Contains(stdout.String(), "BROKEN at entry 3 ") ||
		!strings.Contains(stdout.String(), `"ke-gian"`) {
		t.Errorf("audit verify after an edit = %v, %q; want broken at entry 3", err, stdout.String())
	}

	// A missing key is reported, not made.
	err = run(ctx, []string{"audit", "verify", "--data", dir, "--audit-key-file", filepath.Join(dir, "none.key")}, noenv,
		&stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "none.key") {
		t.Errorf("audit verify without its key = %v; want an error naming the file", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "none.key")); err == nil {
		t.Error("audit verify made a key")
	}
}
