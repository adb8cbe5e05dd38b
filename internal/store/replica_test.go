package store_test

import (
	"database/sql"
	"log/slog"
	"testing"
	"time"

	"cong/internal/pgtest"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// replicaRig is a primary, a streaming standby of it, and stores over the
// primary that read from the standby.
type replicaRig struct {
	primary, standby *pgtest.Server
	raw              *sql.DB // the primary, written behind the store's back
	replay           *sql.DB // the standby, to pause and resume its replay
}

func newReplicaRig(t *testing.T) *replicaRig {
	t.Helper()
	g := &replicaRig{primary: pgtest.Start(t)}
	dsn := g.primary.CreateDB(t, "cong")
	storetest.Open(t, dsn) // migrated before the copy
	g.standby = g.primary.Standby(t)
	g.raw = g.primary.Open(t, "cong")
	g.replay = g.standby.Open(t, "cong")
	return g
}

// store opens a store on the primary reading from the standby.
func (g *replicaRig) store(t *testing.T, maxLag time.Duration) *store.DB {
	t.Helper()
	db := storetest.Open(t, g.primary.DSN("cong"))
	if err := db.AddReplicas(ctx, []string{g.standby.DSN("cong")}, maxLag, slog.New(slog.NewTextHandler(t.Output(), nil))); err != nil {
		t.Fatal(err)
	}
	waitReplica(t, db, true)
	return db
}

// mark writes v into a setting on the primary without the store knowing.
func (g *replicaRig) mark(t *testing.T, v string) {
	t.Helper()
	if _, err := g.raw.Exec(`INSERT INTO settings (key, value) VALUES ('test.marker', $1)
		ON CONFLICT (site_id, key) DO UPDATE SET value = excluded.value`, v); err != nil {
		t.Fatal(err)
	}
}

func (g *replicaRig) pause(t *testing.T) {
	t.Helper()
	if _, err := g.replay.Exec("SELECT pg_wal_replay_pause()"); err != nil {
		t.Fatal(err)
	}
	poll(t, "replay paused", func() bool {
		var state string
		g.replay.QueryRow("SELECT pg_get_wal_replay_pause_state()").Scan(&state)
		return state == "paused"
	})
}

func (g *replicaRig) resume(t *testing.T) {
	t.Helper()
	if _, err := g.replay.Exec("SELECT pg_wal_replay_resume()"); err != nil {
		t.Fatal(err)
	}
}

// marker reads the setting as a reader's page would, or as staff would.
func marker(t *testing.T, db *store.DB, reader bool) string {
	t.Helper()
	c := ctx
	if reader {
		c = portal.PreferReplica(ctx)
	}
	s, err := db.Settings(c)
	if err != nil {
		t.Fatalf("Settings (reader %t): %v", reader, err)
	}
	return s["test.marker"]
}

func waitReplica(t *testing.T, db *store.DB, healthy bool) {
	t.Helper()
	poll(t, "replica healthy = "+map[bool]string{true: "true", false: "false"}[healthy], func() bool {
		r := db.Replicas()
		return len(r) == 1 && r[0].Healthy == healthy && (r[0].Level || !healthy)
	})
}

// poll waits up to 20 s for ok.
func poll(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !ok(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited 20 s for %s", what)
		}
	}
}

// TestReplicaReads runs a real streaming standby: readers' reads go to it,
// staff reads and changes to the primary; a change made through the store
// is read back at once even while the standby stands still; a standby too
// far behind, or stopped, is left out with reads going on from the primary,
// and is used again once it recovers.
func TestReplicaReads(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two PostgreSQL servers")
	}
	g := newReplicaRig(t)
	g.mark(t, "one")
	db := g.store(t, time.Minute) // never too far behind in this test
	strict := g.store(t, time.Second)
	poll(t, "the standby has the first marker", func() bool { return marker(t, db, true) == "one" })

	t.Run("readers read the replica", func(t *testing.T) {
		g.pause(t)
		defer g.resume(t)
		g.mark(t, "two")
		if got := marker(t, db, true); got != "one" {
			t.Errorf("reader read %q; want %q, the paused standby's (%+v)", got, "one", db.Replicas())
		}
		if got := marker(t, db, false); got != "two" {
			t.Errorf("staff read %q; want %q, the primary's", got, "two")
		}
		if _, err := db.Search(portal.PreferReplica(ctx), portal.SearchQuery{Text: "hội nghị"}); err != nil {
			t.Errorf("search on the standby: %v", err)
		}
	})

	t.Run("read your writes", func(t *testing.T) {
		cat := newCategory(t, db, "Thời sự", "thoi-su", 0)
		g.pause(t)
		defer g.resume(t)
		a := portal.Article{CategoryID: cat.ID, Title: "Tin vừa đăng", Body: "<p>Nội dung.</p>",
			Status: portal.StatusPublished, PublishedAt: time.Now().Add(-time.Minute)}
		if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Article(portal.PreferReplica(ctx), a.ID); err != nil || got.Title != a.Title {
			t.Errorf("reader's read right after the publish: %v, %v; want the article", got.Title, err)
		}
		res, err := db.Search(portal.PreferReplica(ctx), portal.SearchQuery{Text: "vừa đăng"})
		if err != nil || len(res.Hits) != 1 {
			t.Errorf("reader's search right after the publish: %+v, %v; want the article", res, err)
		}
		// Another instance learns of the change by the content version.
		if _, err := strict.ContentVersion(ctx); err != nil {
			t.Fatal(err)
		}
		if got, err := strict.Article(portal.PreferReplica(ctx), a.ID); err != nil || got.Title != a.Title {
			t.Errorf("other instance's reader read after the version moved: %v, %v; want the article", got.Title, err)
		}
	})
	poll(t, "the standby replays again", func() bool { return marker(t, db, true) == "two" })

	t.Run("lag", func(t *testing.T) {
		waitReplica(t, strict, true)
		g.pause(t)
		g.mark(t, "three")
		poll(t, "the replica left out, over a second behind", func() bool {
			r := strict.Replicas()[0]
			return !r.Healthy && r.Lag > time.Second
		})
		if got := marker(t, strict, true); got != "three" {
			t.Errorf("reader read %q with the replica left out; want the primary's %q", got, "three")
		}
		g.resume(t)
		waitReplica(t, strict, true)
		if got := marker(t, strict, true); got != "three" {
			t.Errorf("reader read %q after the replica caught up; want %q", got, "three")
		}
	})

	t.Run("failover", func(t *testing.T) {
		g.mark(t, "four")
		poll(t, "the standby has the fourth marker", func() bool { return marker(t, db, true) == "four" })
		g.standby.Ctl(t, "stop", "-m", "fast")
		// Reads go on from the primary, before and after the check notices.
		for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if got := marker(t, db, true); got != "four" {
				t.Fatalf("reader read %q with the standby stopped; want %q", got, "four")
			}
		}
		waitReplica(t, db, false)
		g.standby.Ctl(t, "start", "-w", "-t", "20")
		waitReplica(t, db, true)
		g.pause(t)
		defer g.resume(t)
		g.mark(t, "five")
		if got := marker(t, db, true); got != "four" {
			t.Errorf("reader read %q after the standby came back; want the standby's %q", got, "four")
		}
	})
}
