package counter

import (
	"context"
	"sync"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// Visits counts visits — a visitor's run of page views with no gap longer
// than the visit window — per calendar day in Asia/Ho_Chi_Minh.
type Visits struct {
	store portal.VisitStore

	mu           sync.Mutex
	pending      map[string]int64 // day → visits not yet flushed
	inflight     map[string]int64 // being flushed: until reloaded, not in today and total
	day          string           // the day today and total were read for
	today, total int64            // as stored at the last load
}

// NewVisits returns a visit counter; call Load before use.
func NewVisits(store portal.VisitStore) *Visits {
	return &Visits{store: store, pending: make(map[string]int64)}
}

// Add counts a new visit at now.
func (v *Visits) Add(now time.Time) {
	day := viet.Day(now)
	v.mu.Lock()
	v.pending[day]++
	v.mu.Unlock()
}

// Counts returns the visits of today and of all time, flushed or not.
func (v *Visits) Counts(now time.Time) (today, total int64) {
	day := viet.Day(now)
	v.mu.Lock()
	defer v.mu.Unlock()
	if day == v.day {
		today = v.today
	}
	total = v.total
	for _, m := range []map[string]int64{v.pending, v.inflight} {
		for d, n := range m {
			if d == day {
				today += n
			}
			total += n
		}
	}
	return today, total
}

// Pending is how many visits are counted and not yet flushed.
func (v *Visits) Pending() int64 {
	v.mu.Lock()
	defer v.mu.Unlock()
	return sum(v.pending)
}

// Load reads today's and all visits from the store, which other instances
// may have added to.
func (v *Visits) Load(ctx context.Context, now time.Time) error {
	day := viet.Day(now)
	today, total, err := v.store.Visits(ctx, day)
	if err != nil {
		return err
	}
	v.mu.Lock()
	v.day, v.today, v.total = day, today, total
	v.inflight = nil
	v.mu.Unlock()
	return nil
}

// Flush writes the buffered visits, then reloads the totals.
func (v *Visits) Flush(ctx context.Context, now time.Time) error {
	v.mu.Lock()
	batch := v.pending
	v.pending, v.inflight = make(map[string]int64), batch
	v.mu.Unlock()
	for day, n := range batch {
		if err := v.store.AddVisits(ctx, day, n); err != nil {
			v.mu.Lock()
			for d, n := range v.inflight {
				v.pending[d] += n
			}
			v.inflight = nil
			v.mu.Unlock()
			return err
		}
		v.mu.Lock()
		delete(v.inflight, day)
		if day == v.day {
			v.today += n // until the reload below
		}
		v.total += n
		v.mu.Unlock()
	}
	return v.Load(ctx, now)
}
