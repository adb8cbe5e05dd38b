package counter

import (
	"context"
	"errors"
	"log/slog"
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
	return errors.Join(c.Views.Flush(ctx), c.Visits.Flush(ctx, c.Now()), c.Ads.Flush(ctx), c.Stats.Flush(ctx),
		c.shareOnline(ctx))
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
