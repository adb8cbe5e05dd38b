package schedule_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/schedule"
	"cong/internal/store"
	"cong/internal/storetest"
)

var ctx = context.Background()

func clock(db *store.DB, now *time.Time) *schedule.Clock {
	return &schedule.Clock{Store: db, Lock: db.Exclusive, Now: func() time.Time { return *now },
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func scheduled(t *testing.T, db *store.DB, cat int64, at, expires time.Time) *portal.Article {
	t.Helper()
	a := &portal.Article{CategoryID: cat, Title: "Hẹn giờ " + at.Format("15:04"), Status: portal.StatusScheduled,
		PublishedAt: at, ExpiresAt: expires}
	if err := db.CreateArticle(ctx, storetest.Actor, a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestPublishAndExpireOnTheMinute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := portal.Category{Name: "Thời sự", Slug: "thoi-su", Visible: true}
		if err := db.CreateCategory(ctx, storetest.Actor, &c); err != nil {
			t.Fatal(err)
		}
		eight := time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC) // 08:00 in Vietnam
		a := scheduled(t, db, c.ID, eight, eight.Add(time.Hour))
		now := eight.Add(-time.Second)
		clk := clock(db, &now)
		if p, _, err := clk.Tick(ctx); p != 0 || err != nil {
			t.Fatalf("a second early: published %d, %v", p, err)
		}
		now = eight
		if p, _, err := clk.Tick(ctx); p != 1 || err != nil {
			t.Fatalf("on the minute: published %d, %v; want 1", p, err)
		}
		got, _ := db.Article(ctx, a.ID)
		if !got.Visible(eight) || got.Visible(eight.Add(time.Hour)) {
			t.Errorf("article %s at %v, expiring %v: want visible from 08:00 until 09:00", got.Status, got.PublishedAt, got.ExpiresAt)
		}
		now = eight.Add(time.Hour)
		if _, e, err := clk.Tick(ctx); e != 1 || err != nil {
			t.Fatalf("at expiry: expired %d, %v; want 1", e, err)
		}
		hist, _ := db.History(ctx, a.ID)
		if len(hist) != 2 || hist[0].ActorName != portal.SystemActor || hist[1].To != portal.StatusUnpublished {
			t.Errorf("history = %+v", hist)
		}
	})
}

// TestTwoInstancesPublishOnce runs two clocks on one database at the same
// minute: each article is published exactly once.
func TestTwoInstancesPublishOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		other := storetest.Open(t, db.DSN())
		c := portal.Category{Name: "Thời sự", Slug: "thoi-su", Visible: true}
		if err := db.CreateCategory(ctx, storetest.Actor, &c); err != nil {
			t.Fatal(err)
		}
		eight := time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC)
		var ids []int64
		for range 20 {
			ids = append(ids, scheduled(t, db, c.ID, eight, time.Time{}).ID)
		}
		now := eight
		var wg sync.WaitGroup
		counts := make([]int, 2)
		for i, d := range []*store.DB{db, other} {
			wg.Go(func() {
				p, _, err := clock(d, &now).Tick(ctx)
				if err != nil {
					t.Error(err)
				}
				counts[i] = p
			})
		}
		wg.Wait()
		if counts[0]+counts[1] != 20 {
			t.Errorf("instances published %d and %d; want 20 in all", counts[0], counts[1])
		}
		for _, id := range ids {
			if hist, _ := db.History(ctx, id); len(hist) != 1 {
				t.Errorf("article %d has %d transitions; want exactly 1", id, len(hist))
			}
		}
	})
}

// TestCounts: every tick counts as a run, and a tick that fails (the
// database closed) as a failure, for the metrics.
func TestCounts(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	now := time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC)
	clk := clock(db, &now)
	for range 2 {
		if _, _, err := clk.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if _, _, err := clk.Tick(ctx); err == nil {
		t.Fatal("tick on a closed database: no error")
	}
	if runs, failures := clk.Counts(); runs != 3 || failures != 1 {
		t.Errorf("Counts() = %d runs, %d failures; want 3, 1", runs, failures)
	}
}
