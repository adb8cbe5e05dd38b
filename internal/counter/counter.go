package counter

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"cong/internal/portal"
)

// Counters groups the counters and flushes them on a clock.
type Counters struct {
	Views  *Views
	Online *Online
	Visits *Visits
	Ads    *Ads
	Stats  *Stats

	// Now is the clock; tests replace it.
	Now func() time.Time
	log *slog.Logger

	online   portal.OnlineStore // where instances share who is online
	instance string
	interval time.Duration // between flushes

	// For the metrics: how the flushes went.
	lastFlush atomic.Int64 // nanoseconds
	flushes   atomic.Uint64
	failures  atomic.Uint64
}

// FlushStats tell how the flushes went, for the metrics.
type FlushStats struct {
	Last              time.Duration // how long the last flush took
	Flushes, Failures uint64        // since start
}

// FlushStats reads how the flushes went.
func (c *Counters) FlushStats() FlushStats {
	return FlushStats{Last: time.Duration(c.lastFlush.Load()), Flushes: c.flushes.Load(), Failures: c.failures.Load()}
}

// Pending is how many views and visits are counted in memory and not yet
// written: what a crash would lose.
func (c *Counters) Pending() (views, visits int64) {
	return c.Views.Pending(), c.Visits.Pending()
}

// Store is what the counters persist to.
type Store interface {
	portal.ViewStore
	portal.VisitStore
	portal.OnlineStore
	portal.AdStatStore
	portal.StatStore
}

// New returns counters over store. viewWindow is how long one visitor's view
// of an article counts once; onlineWindow how long a visitor stays online.
func New(store Store, viewWindow, onlineWindow time.Duration, log *slog.Logger) *Counters {
	return &Counters{
		Views:  NewViews(store, viewWindow),
		Online: NewOnline(onlineWindow),
		Visits: NewVisits(store),
		Ads:    NewAds(store),
		Stats:  NewStats(store),
		Now:    time.Now,
		log:    log,

		online:   store,
		instance: newInstanceID(),
	}
}

// Flush writes every buffered count.
func (c *Counters) Flush(ctx context.Context) error {
	start := time.Now()
	err := errors.Join(c.Views.Flush(ctx), c.Visits.Flush(ctx, c.Now()), c.Ads.Flush(ctx), c.Stats.Flush(ctx),
		c.shareOnline(ctx))
	c.lastFlush.Store(int64(time.Since(start)))
	c.flushes.Add(1)
	if err != nil {
		c.failures.Add(1)
	}
	return err
}

// Run flushes every interval until ctx ends, then once more so that nothing
// counted is lost at shutdown.
func (c *Counters) Run(ctx context.Context, interval time.Duration) {
	c.interval = interval
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			if err := c.Flush(ctx); err != nil {
				c.log.Error("flush counters", "err", err)
			}
		case <-ctx.Done():
			final, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			defer cancel()
			if err := c.Flush(final); err != nil {
				c.log.Error("final flush of counters", "err", err)
			}
			return
		}
	}
}
