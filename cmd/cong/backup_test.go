package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cong/internal/storetest"
)

// TestBackupCommands runs what an operator runs: back a portal up, check
// the archive, restore it into a new database (PostgreSQL when there is
// one), verify the restored audit log with the same key, and be refused a
// second restore over it and a damaged archive.
func TestBackupCommands(t *testing.T) {
	ctx := context.Background()
	from, to := t.TempDir(), t.TempDir()
	var out bytes.Buffer
	if err := run(ctx, []string{"demo", "--data", from}, noenv, &out, &out); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(t.TempDir(), "cong.zip")
	cmds := []struct {
		args []string
		want string
		err  error
	}{
		{[]string{"backup", "--to", archive, "--data", from}, "media files", nil},
		{[]string{"backup", "verify", archive, "--data", from}, "ok, ", nil},
		{[]string{"restore", archive, "--data", to}, "audit key", nil}, // no key there yet
		{[]string{"restore", archive, "--data", to, "--audit-key-file", filepath.Join(from, "audit.key")}, "restored ", nil},
		{[]string{"audit", "verify", "--data", to, "--audit-key-file", filepath.Join(from, "audit.key")}, "ok, ", nil},
		{[]string{"restore", archive, "--data", to, "--audit-key-file", filepath.Join(from, "audit.key")}, "not empty", nil},
	}
	dsn := filepath.Join(to, "cong.db")
	if _, ok := storetest.Engines(t)["postgres"]; ok {
		dsn = storetest.PostgresDSN(t)
	}
	for i, c := range cmds {
		if c.args[0] != "backup" {
			c.args = append(c.args, "--db", dsn)
		}
		var stdout, stderr bytes.Buffer
		err := run(ctx, c.args, noenv, &stdout, &stderr)
		got := stdout.String()
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, c.want) {
			t.Errorf("%d: cong %s: %q (%v); want %q", i, strings.Join(c.args, " "), got, err, c.want)
		}
	}
	raw, _ := os.ReadFile(archive)
	os.WriteFile(archive, raw[:len(raw)-100], 0o600)
	var stdout bytes.Buffer
	err := run(ctx, []string{"backup", "verify", archive, "--data", from}, noenv, &stdout, &out)
	if !errors.Is(err, errArchiveBad) || !strings.Contains(stdout.String(), "NOT OK") {
		t.Errorf("verify of a truncated archive: %v, %q; want NOT OK and a failure", err, stdout.String())
	}
}
