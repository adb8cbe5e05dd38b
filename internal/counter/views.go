package counter

import (
	"context"
	"sync"
	"time"

	"cong/internal/portal"
)

// Views counts one view per visitor per article per window and buffers the
// increments until Flush.
type Views struct {
	window time.Duration
	store  portal.ViewStore
	seen   [seenShards]seenSet

	mu      sync.Mutex
	pending map[int64]int64 // counted, not yet flushed
	local   map[int64]tally // everything this instance counted since start

	// flushing is held for writing while a flush commits and updates the
	// tallies, and for reading by Load, so that a count read from the
	// database and this instance's flushed tally always agree.
	flushing sync.RWMutex
}

// tally is what one instance counted of one article: in all, and how much of
// it the database already has.
type tally struct{ counted, flushed int64 }

// MaxSeen bounds how many (visitor, article) pairs one generation of the
// de-duplication set holds. Past it the set rotates early: views may then be
// counted twice within a window, but memory stays bounded (two generations,
// about 40 bytes a pair).
const MaxSeen = 1 << 18

const seenShards = 16

// NewViews returns a view counter with the given de-duplication window.
func NewViews(store portal.ViewStore, window time.Duration) *Views {
	v := &Views{window: window, store: store, pending: make(map[int64]int64), local: make(map[int64]tally)}
	for i := range v.seen {
		v.seen[i].max = MaxSeen / seenShards
	}
	return v
}

// Count records that visitor viewed article at now and reports whether the
// view counts: the first by this visitor on this article within the window.
func (v *Views) Count(visitor uint64, article int64, now time.Time) bool {
	key := mix(visitor ^ uint64(article)*0x9e3779b97f4a7c15)
	if !v.seen[key%seenShards].first(key, now, v.window) {
		return false
	}
	v.mu.Lock()
	v.pending[article]++
	t := v.local[article]
	t.counted++
	v.local[article] = t
	v.mu.Unlock()
	return true
}

// Pending is how many views are counted and not yet flushed.
func (v *Views) Pending() int64 {
	v.mu.Lock()
	defer v.mu.Unlock()
	return sum(v.pending)
}

// Load runs read, which reads an article and its stored view count, so that
// no flush commits meanwhile, and returns the base to keep with it: the
// stored count less what this instance had flushed of it. Show Total(id, base).
func (v *Views) Load(read func() (id, stored int64, err error)) (base int64, err error) {
	v.flushing.RLock()
	defer v.flushing.RUnlock()
	id, stored, err := read()
	v.mu.Lock()
	defer v.mu.Unlock()
	return stored - v.local[id].flushed, err
}

// Total returns the view count to show for article id: base, from Load,
// plus everything this instance has counted, flushed or not.
func (v *Views) Total(id, base int64) int64 {
	v.mu.Lock()
	defer v.mu.Unlock()
	return base + v.local[id].counted
}

// Flush writes the buffered views in one transaction. On failure they are
// put back, to be written with the next flush.
func (v *Views) Flush(ctx context.Context) error {
	v.flushing.Lock()
	defer v.flushing.Unlock()
	v.mu.Lock()
	batch := v.pending
	v.pending = make(map[int64]int64, len(batch))
	v.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	err := v.store.AddViews(ctx, batch)
	v.mu.Lock()
	defer v.mu.Unlock()
	for id, n := range batch {
		if err != nil {
			v.pending[id] += n
			continue
		}
		t := v.local[id]
		t.flushed += n
		v.local[id] = t
	}
	return err
}

// seenSet remembers when each key was last counted, in two generations: keys
// move to the previous generation when the current one is a window old (or
// full), and drop out one rotation later.
type seenSet struct {
	mu        sync.Mutex
	cur, prev map[uint64]int64
	rotated   int64 // unix nanoseconds
	max       int
}

func (s *seenSet) first(key uint64, now time.Time, window time.Duration) bool {
	t := now.UnixNano()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil || t-s.rotated >= int64(window) || len(s.cur) >= s.max {
		s.prev, s.cur, s.rotated = s.cur, make(map[uint64]int64, min(s.max, 1024)), t
	}
	if last, ok := s.cur[key]; ok && t-last < int64(window) {
		return false
	}
	if last, ok := s.prev[key]; ok && t-last < int64(window) {
		return false
	}
	s.cur[key] = t
	return true
}

// mix is the splitmix64 finalizer: it spreads visitor ids, which clients
// choose, evenly over shards and sketch registers.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// sum adds up the increments waiting in pending.
func sum[K comparable](pending map[K]int64) int64 {
	var n int64
	for _, c := range pending {
		n += c
	}
	return n
}
