package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// TestServeTakesBackups starts a portal with --backup-dir: a backup is
// taken at once, recorded, and restorable.
func TestServeTakesBackups(t *testing.T) {
	dir, backups := t.TempDir(), t.TempDir()
	addr := freeAddr(t)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--data", dir, "--log-level", "warn", "--backup-dir", backups,
			"--backup-every", "1h", "--backup-keep", "3"}, noenv, &out, &out)
	}()
	waitFor(t, "http://"+addr+"/")
	var files []string
	for deadline := time.Now().Add(20 * time.Second); len(files) == 0 && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		files, _ = filepath.Glob(filepath.Join(backups, "cong-*.zip"))
	}
	stop()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v\n%s", err, out.String())
	}
	if len(files) != 1 {
		t.Fatalf("backups taken at start: %v; want one", files)
	}
	var stdout bytes.Buffer
	if err := run(context.Background(), []string{"backup", "verify", files[0], "--data", dir}, noenv, &stdout, &out); err != nil {
		t.Errorf("verify the scheduled backup: %v\n%s", err, stdout.String())
	}
}
