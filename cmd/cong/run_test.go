package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/storetest"
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
	addr := freeAddr(t)
	ctx, stop := context.WithCancel(context.Background())
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--data", dir, "--log-level", "warn"}, noenv, &out, &out)
	}()
	if code := waitFor(t, "http://"+addr+"/"); code != 200 {
		t.Errorf("GET / = %d; want 200", code)
	}
	// Without --base-url, links are on the listen address, whatever Host says.
	req, _ := http.NewRequest("GET", "http://"+addr+"/", nil)
	req.Host = "evil.example"
	if resp, err := http.DefaultClient.Do(req); err != nil {
		t.Error(err)
	} else {
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if want := `<link rel="canonical" href="http://` + addr + `/">`; !strings.Contains(string(body), want) ||
			strings.Contains(string(body), "evil.example") {
			t.Errorf("home page with a forged Host: want %s and no forged host", want)
		}
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
	if !strings.Contains(out.String(), "must set --base-url") {
		t.Errorf("no warning that public deployments must set --base-url in the log:\n%s", out.String())
	}
}

// TestTwoInstancesOnePostgres starts two portals together on one empty
// PostgreSQL database: both serve, and the demo content is there once.
func TestTwoInstancesOnePostgres(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	var addrs []string
	done := make(chan error, 2)
	for range 2 {
		addr := freeAddr(t)
		addrs = append(addrs, addr)
		go func() {
			var out bytes.Buffer
			err := run(ctx, []string{"serve", "--addr", addr, "--db", dsn, "--data", t.TempDir(), "--log-level", "error"}, noenv, &out, &out)
			if err != nil {
				err = fmt.Errorf("%w: %s", err, out.String())
			}
			done <- err
		}()
	}
	for _, addr := range addrs {
		select {
		case err := <-done:
			t.Fatalf("an instance stopped: %v", err)
		default:
		}
		if code := waitFor(t, "http://"+addr+"/"); code != 200 {
			t.Errorf("instance %s: GET / = %d; want 200", addr, code)
		}
	}
	db := storetest.Open(t, dsn)
	if n, err := db.CountArticles(context.Background(), portal.ArticleFilter{}); n != 1 || err != nil {
		t.Errorf("articles after two starts = %d, %v; want the one seed article", n, err)
	}
	stop()
	for range 2 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitFor polls url until it answers, for at most 90 seconds.
//
// The bound is wide: under -race, on two cores shared with every other
// package's tests, a serve that seeds the demo portal has taken over 20 s
// to open its port.
func waitFor(t *testing.T, url string) int {
	t.Helper()
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			return resp.StatusCode
		}
	}
	t.Fatalf("%s never answered", url)
	return 0
}

// TestReindex rebuilds the search index of a demo database and reports it.
func TestReindex(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"demo", "--data", dir, "--articles", "20"}, noenv, &out, &out); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run(context.Background(), []string{"reindex", "--data", dir}, noenv, &out, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "search index rebuilt from 21 articles") {
		t.Errorf("reindex said %q", out.String())
	}
}
