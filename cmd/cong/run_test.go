package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func noenv(string) string { return "" }

func TestVersionAndConfig(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"version"}, noenv, &out, &out); err != nil || !strings.HasPrefix(out.String(), "cong ") {
		t.Errorf("version: %q, %v", out.String(), err)
	}
	out.Reset()
	err := run(context.Background(), []string{"config", "--db", "postgres://u:hunter2@h/db"}, noenv, &out, &out)
	if err != nil || strings.Contains(out.String(), "hunter2") || !strings.Contains(out.String(), "addr=127.0.0.1:8080") {
		t.Errorf("config: %q, %v", out.String(), err)
	}
}

func TestUnknownCommand(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"frobnicate"}, noenv, &out, &out); err == nil {
		t.Error("unknown command: no error")
	}
}

func TestBadDatabaseIsOneClearLine(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, []byte(strings.Repeat("not a database\n", 100)), 0o600)
	for name, db := range map[string]string{
		"folder is a file": filepath.Join(blocker, "cong.db"),
		"not a database":   blocker,
	} {
		var out bytes.Buffer
		err := run(context.Background(), []string{"migrate", "--db", db, "--data", dir}, noenv, &out, &out)
		if err == nil || !strings.Contains(err.Error(), db) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: err = %v; want one line naming %s", name, err, db)
		}
	}
}

// TestServeAndShutdown starts the portal on a fresh SQLite file, fetches the
// home page and stops it as SIGTERM would.
func TestServeAndShutdown(t *testing.T) {
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, stop := context.WithCancel(context.Background())
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--data", dir, "--log-level", "warn"}, noenv, &out, &out)
	}()
	var resp *http.Response
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
		if resp, err = http.Get("http://" + addr + "/"); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("portal never answered: %v\n%s", err, out.String())
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET / = %d; want 200", resp.StatusCode)
	}
	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run after shutdown: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no shutdown within 20 s")
	}
	if _, err := os.Stat(filepath.Join(dir, "cong.db")); err != nil {
		t.Errorf("no database under --data: %v", err)
	}
}
