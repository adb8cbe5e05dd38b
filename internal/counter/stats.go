package counter

import (
	"context"
	"sync"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// MaxReferrers bounds the referrer hosts kept per day: the first ones of the
// day are counted by name, later new ones under portal.OtherReferrers, so a
// flood of forged referrers costs neither memory nor database rows.
const MaxReferrers = 200

// botVisitGap is how long a crawler may be idle before its next request
// counts as a new visit, as for people (crawlers keep no cookie: they are
// told apart by address and User-Agent).
const botVisitGap = 30 * time.Minute

// Stats collects the daily statistics of the back office — pages served and
// visits of people and of crawlers apart, visits by device class, referrer
// hosts — in memory, flushed in one batch with the other counters. People's
// visits themselves are counted by Visits.
type Stats struct {
	store   portal.StatStore
	mu      sync.Mutex
	pending map[statKey]int64
	day     string              // the day hosts are for
	hosts   map[string]struct{} // referrer hosts counted by name that day
	bots    [seenShards]seenSet
	// The day of the last count and its bounds in unix seconds, so that a
	// page view formats no date.
	today            string
	todayFrom, until int64
}

type statKey struct{ day, metric, item string }

// NewStats returns a statistics collector writing to store.
func NewStats(store portal.StatStore) *Stats {
	s := &Stats{store: store, pending: make(map[statKey]int64), hosts: make(map[string]struct{})}
	for i := range s.bots {
		s.bots[i].max = MaxSeen / seenShards
	}
	return s
}

// View counts a reader page served to a person.
func (s *Stats) View(now time.Time) { s.add(now, portal.MetricViews, "") }

// Visit counts a person's new visit by the class of their device.
func (s *Stats) Visit(device string, now time.Time) {
	s.add(now, portal.MetricDevice, device)
}

// Bot counts a page served to crawler id, and a visit when it is the
// crawler's first request within the visit gap.
func (s *Stats) Bot(id uint64, now time.Time) {
	s.add(now, portal.MetricBotViews, "")
	key := mix(id)
	if s.bots[key%seenShards].first(key, now, botVisitGap) {
		s.add(now, portal.MetricBotVisits, "")
	}
}

// Referrer counts a person arriving from host, another site; "" counts
// nothing.
func (s *Stats) Referrer(host string, now time.Time) {
	if host == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	day := s.dayOf(now)
	if day != s.day {
		s.day, s.hosts = day, make(map[string]struct{})
	}
	if _, ok := s.hosts[host]; !ok {
		if len(s.hosts) >= MaxReferrers {
			host = portal.OtherReferrers
		} else {
			s.hosts[host] = struct{}{}
		}
	}
	s.pending[statKey{day, portal.MetricReferrer, host}]++
}

func (s *Stats) add(now time.Time, metric, item string) {
	s.mu.Lock()
	s.pending[statKey{s.dayOf(now), metric, item}]++
	s.mu.Unlock()
}

// dayOf returns viet.Day(now), formatting it only when the day changes;
// s.mu is held.
func (s *Stats) dayOf(now time.Time) string {
	if sec := now.Unix(); sec >= s.todayFrom && sec < s.until {
		return s.today
	}
	t := now.In(viet.Location)
	y, m, d := t.Date()
	s.todayFrom = time.Date(y, m, d, 0, 0, 0, 0, viet.Location).Unix()
	s.until = time.Date(y, m, d+1, 0, 0, 0, 0, viet.Location).Unix()
	s.today = viet.Day(now)
	return s.today
}

// Flush writes the buffered statistics in one batch. On failure they are
// put back, to be written with the next flush.
func (s *Stats) Flush(ctx context.Context) error {
	s.mu.Lock()
	batch := s.pending
	s.pending = make(map[statKey]int64, len(batch))
	s.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	counts := make([]portal.StatCount, 0, len(batch))
	for k, n := range batch {
		counts = append(counts, portal.StatCount{Day: k.day, Metric: k.metric, Item: k.item, N: n})
	}
	err := s.store.AddStats(ctx, counts)
	if err != nil {
		s.mu.Lock()
		for k, n := range batch {
			s.pending[k] += n
		}
		s.mu.Unlock()
	}
	return err
}
