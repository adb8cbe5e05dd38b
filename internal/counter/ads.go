package counter

import (
	"context"
	"sync"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// Ads counts the impressions and clicks of ads per day (Asia/Ho_Chi_Minh)
// in memory; Flush writes them in one transaction. Callers leave bots out.
type Ads struct {
	store portal.AdStatStore

	mu      sync.Mutex
	pending map[adDay]*portal.AdStat
	day     string // the day of [dayFrom, dayTo), to spare formatting per hit
	dayFrom int64
	dayTo   int64
}

type adDay struct {
	id  int64
	day string
}

// NewAds returns an ad counter writing to store.
func NewAds(store portal.AdStatStore) *Ads {
	return &Ads{store: store, pending: make(map[adDay]*portal.AdStat)}
}

// Shown counts one impression of each of ids at now.
func (a *Ads) Shown(ids []int64, now time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, id := range ids {
		a.stat(id, now).Impressions++
	}
}

// Clicked counts one click on id at now.
func (a *Ads) Clicked(id int64, now time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.stat(id, now).Clicks++
}

// stat returns the pending counts of id on now's day; a.mu is held.
func (a *Ads) stat(id int64, now time.Time) *portal.AdStat {
	if t := now.Unix(); t < a.dayFrom || t >= a.dayTo {
		a.day = viet.Day(now)
		y, m, d := now.In(viet.Location).Date()
		start := time.Date(y, m, d, 0, 0, 0, 0, viet.Location)
		a.dayFrom, a.dayTo = start.Unix(), start.AddDate(0, 0, 1).Unix()
	}
	k := adDay{id, a.day}
	s := a.pending[k]
	if s == nil {
		s = &portal.AdStat{AdID: id, Day: a.day}
		a.pending[k] = s
	}
	return s
}

// Flush writes the pending counts in one transaction; on failure they are
// kept for the next flush.
func (a *Ads) Flush(ctx context.Context) error {
	a.mu.Lock()
	batch := a.pending
	a.pending = make(map[adDay]*portal.AdStat, len(batch))
	a.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	stats := make([]portal.AdStat, 0, len(batch))
	for _, s := range batch {
		stats = append(stats, *s)
	}
	err := a.store.AddAdStats(ctx, stats)
	if err != nil {
		a.mu.Lock()
		for k, s := range batch {
			p := a.pending[k]
			if p == nil {
				p = &portal.AdStat{AdID: s.AdID, Day: s.Day}
				a.pending[k] = p
			}
			p.Impressions += s.Impressions
			p.Clicks += s.Clicks
		}
		a.mu.Unlock()
	}
	return err
}
