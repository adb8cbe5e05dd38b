package counter_test

import (
	"context"
	"io"
	"log/slog"
	"math"
	"testing"
	"time"

	"cong/internal/counter"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

var ctx = context.Background()

var t0 = time.Date(2020, 12, 30, 8, 0, 0, 0, time.UTC)

func newArticle(t *testing.T, db *store.DB) int64 {
	t.Helper()
	c := portal.Category{Name: "Chính trị", Slug: "chinh-tri", Visible: true}
	if err := db.CreateCategory(ctx, storetest.Actor, &c); err != nil {
		t.Fatal(err)
	}
	a := portal.Article{CategoryID: c.ID, Title: "Tin", Status: portal.StatusPublished, PublishedAt: t0, ViewCount: 235}
	if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func TestViewsOncePerWindow(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	id := newArticle(t, db)
	v := counter.NewViews(db, 30*time.Minute)
	steps := []struct {
		visitor uint64
		at      time.Duration
		want    bool
	}{
		{1, 0, true},
		{1, time.Minute, false},
		{2, time.Minute, true},
		{1, 29 * time.Minute, false},
		{1, 30 * time.Minute, true},
		{1, 45 * time.Minute, false},
		{2, 2 * time.Hour, true},
	}
	for _, s := range steps {
		if got := v.Count(s.visitor, id, t0.Add(s.at)); got != s.want {
			t.Errorf("Count(visitor %d at +%s) = %t; want %t", s.visitor, s.at, got, s.want)
		}
	}
	base, err := v.Load(func() (int64, int64, error) { return id, 235, nil })
	if err != nil || v.Total(id, base) != 239 {
		t.Errorf("Total before flush = %d, %v; want 239", v.Total(id, base), err)
	}
	if err := v.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	a, _ := db.Article(ctx, id)
	if a.ViewCount != 239 {
		t.Errorf("stored views = %d; want 239", a.ViewCount)
	}
	// A page built before the flush and one built after show the same.
	base2, _ := v.Load(func() (int64, int64, error) { return id, a.ViewCount, nil })
	if v.Total(id, base) != 239 || v.Total(id, base2) != 239 {
		t.Errorf("Total after flush = %d and %d; want 239", v.Total(id, base), v.Total(id, base2))
	}
}

func TestViewsBoundedUnderFlood(t *testing.T) {
	v := counter.NewViews(nil, 30*time.Minute)
	// Three times the bound of distinct visitors: each counts once and the
	// set keeps rotating instead of growing.
	for i := range uint64(3 * counter.MaxSeen) {
		if !v.Count(i+1, 7, t0) {
			t.Fatalf("visitor %d not counted", i+1)
		}
	}
	if got := v.Total(7, 0); got != 3*counter.MaxSeen {
		t.Errorf("Total = %d; want %d", got, 3*counter.MaxSeen)
	}
}

func TestOnlineExactThenEstimated(t *testing.T) {
	o := counter.NewOnline(20 * time.Minute)
	for i := range uint64(100) {
		o.Seen(counter.Guest, i, t0)
	}
	o.Seen(counter.Bot, 1, t0)
	if got := o.Count(counter.Guest, t0); got != 100 {
		t.Errorf("guests = %d; want 100", got)
	}
	if got := o.Count(counter.Bot, t0); got != 1 {
		t.Errorf("bots = %d; want 1", got)
	}
	if got := o.Count(counter.Member, t0); got != 0 {
		t.Errorf("members = %d; want 0", got)
	}
	o.Seen(counter.Guest, 5, t0.Add(15*time.Minute))
	if got := o.Count(counter.Guest, t0.Add(21*time.Minute)); got != 1 {
		t.Errorf("guests after 21 minutes = %d; want the 1 seen since", got)
	}
	if got := o.Count(counter.Guest, t0.Add(40*time.Minute)); got != 0 {
		t.Errorf("guests after 40 minutes = %d; want 0", got)
	}
}

func TestOnlineFloodIsEstimated(t *testing.T) {
	o := counter.NewOnline(20 * time.Minute)
	const n = 3 * counter.MaxExact
	for i := range uint64(n) {
		o.Seen(counter.Guest, i, t0.Add(time.Duration(i)*time.Millisecond))
	}
	now := t0.Add(n * time.Millisecond)
	got := o.Count(counter.Guest, now)
	if math.Abs(float64(got-n))/n > 0.05 {
		t.Errorf("guests after a flood of %d = %d; want within 5%%", n, got)
	}
}

func TestVisitsFlush(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := counter.New(db, 30*time.Minute, 20*time.Minute, slog.New(slog.NewTextHandler(io.Discard, nil)))
		c.Now = func() time.Time { return t0 }
		if err := c.Visits.Load(ctx, t0); err != nil {
			t.Fatal(err)
		}
		yesterday := t0.Add(-24 * time.Hour)
		c.Visits.Add(yesterday)
		c.Visits.Add(t0)
		c.Visits.Add(t0)
		if today, total := c.Visits.Counts(t0); today != 2 || total != 3 {
			t.Errorf("Counts before flush = %d, %d; want 2, 3", today, total)
		}
		if err := c.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		if today, total := c.Visits.Counts(t0); today != 2 || total != 3 {
			t.Errorf("Counts after flush = %d, %d; want 2, 3", today, total)
		}
		// A second instance on the same database sees them too.
		other := counter.NewVisits(db)
		if err := other.Load(ctx, t0); err != nil {
			t.Fatal(err)
		}
		if today, total := other.Counts(t0); today != 2 || total != 3 {
			t.Errorf("other instance: Counts = %d, %d; want 2, 3", today, total)
		}
	})
}

func TestRunFlushesAtShutdown(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	id := newArticle(t, db)
	c := counter.New(db, 30*time.Minute, 20*time.Minute, slog.New(slog.NewTextHandler(io.Discard, nil)))
	c.Views.Count(1, id, t0)
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { c.Run(runCtx, time.Hour); close(done) }()
	stop()
	<-done
	a, _ := db.Article(ctx, id)
	if a.ViewCount != 236 {
		t.Errorf("views after shutdown = %d; want 236", a.ViewCount)
	}
}

func BenchmarkViewCountNewVisitors(b *testing.B) {
	v := counter.NewViews(nil, 30*time.Minute)
	b.ReportAllocs()
	var i uint64
	for b.Loop() {
		i++
		v.Count(i, 7, t0)
	}
}

func BenchmarkOnlineSeenNewVisitors(b *testing.B) {
	o := counter.NewOnline(20 * time.Minute)
	b.ReportAllocs()
	var i uint64
	for b.Loop() {
		i++
		o.Seen(counter.Guest, i, t0)
	}
}

// TestFlushStats: what the metrics read of the counters — increments
// waiting, then the flush that wrote them.
func TestFlushStats(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	id := newArticle(t, db)
	c := counter.New(db, 30*time.Minute, 20*time.Minute, slog.New(slog.NewTextHandler(io.Discard, nil)))
	c.Views.Count(1, id, t0)
	c.Views.Count(2, id, t0)
	c.Visits.Add(t0)
	if views, visits := c.Pending(); views != 2 || visits != 1 {
		t.Errorf("Pending() = %d views, %d visits; want 2, 1", views, visits)
	}
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if views, visits := c.Pending(); views != 0 || visits != 0 {
		t.Errorf("after a flush, Pending() = %d views, %d visits; want 0, 0", views, visits)
	}
	if s := c.FlushStats(); s.Flushes != 1 || s.Failures != 0 || s.Last <= 0 {
		t.Errorf("FlushStats() = %+v; want 1 flush, no failure, a duration", s)
	}
}
