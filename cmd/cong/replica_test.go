package main

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"cong/internal/demo"
	"cong/internal/pgtest"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestReplicaReadYourWrites serves the demo portal from a primary and a
// real streaming standby, stops the standby's replay, and publishes an
// article from another instance: the home page, rebuilt once this instance
// sees the content version move, shows it within seconds — read from the
// primary, since the standby has not replayed it — while the metrics show
// the standby still healthy.
func TestReplicaReadYourWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two PostgreSQL servers")
	}
	pg := pgtest.Start(t)
	dsn := pg.CreateDB(t, "cong")
	other := storetest.Open(t, dsn) // migrated; the other instance
	standby := pg.Standby(t)
	maddr := freeAddr(t)
	addr := startServe(t, io.Discard, "--db", dsn, "--db-replica", standby.DSN("cong"), "--demo=true",
		"--cache-ttl", "10m", "--replica-max-lag", "1m", "--metrics-addr", maddr)
	base, metricsURL := "http://"+addr, "http://"+maddr+"/metrics"
	healthy := `cong_db_replica_healthy{replica="` + store.Redact(standby.DSN("cong")) + `"}`
	pollFor(t, "the replica healthy in the metrics", func() bool { return scrape(t, metricsURL)[healthy] == 1 })
	if page := body(t, base+"/"); !strings.Contains(page, "</html>") {
		t.Fatalf("home page: %q", page)
	}

	replay := standby.Open(t, "cong")
	if _, err := replay.Exec("SELECT pg_wal_replay_pause()"); err != nil {
		t.Fatal(err)
	}
	defer replay.Exec("SELECT pg_wal_replay_resume()")
	title := "Tin đăng khi bản sao đứng yên " + time.Now().Format("150405")
	a := portal.Article{CategoryID: categoryID(t, other, demo.SeedCategory), Title: title, Body: "<p>Nội dung.</p>",
		Status: portal.StatusPublished, PublishedAt: time.Now().Add(-time.Minute)}
	if err := other.CreateArticle(context.Background(), storetest.Actor, &a); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	pollFor(t, "the new article on the home page", func() bool { return strings.Contains(body(t, base+"/"), title) })
	t.Logf("shown %s after the publish", time.Since(start).Round(time.Millisecond))
	if !replayPaused(t, replay) {
		t.Fatal("the standby's replay is not paused: the page proves nothing")
	}
	if v := scrape(t, metricsURL)[healthy]; v != 1 {
		t.Errorf("%s = %v; want 1 (lag under --replica-max-lag)", healthy, v)
	}
}

func categoryID(t *testing.T, db *store.DB, slug string) int64 {
	t.Helper()
	cats, err := db.Categories(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cats {
		if c.Slug == slug {
			return c.ID
		}
	}
	t.Fatalf("no category %q", slug)
	return 0
}

func replayPaused(t *testing.T, db *sql.DB) bool {
	var state string
	if err := db.QueryRow("SELECT pg_get_wal_replay_pause_state()").Scan(&state); err != nil {
		t.Fatal(err)
	}
	return state == "paused"
}

func body(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d", url, resp.StatusCode)
	}
	return string(b)
}

// pollFor waits up to 10 s for ok.
func pollFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited 10 s for %s", what)
		}
	}
}
