package counter

import (
	"math"
	"math/bits"
	"sync"
	"time"
)

// Kind is who a presence belongs to.
type Kind int

// The kinds of presence the online block tells apart.
const (
	Guest Kind = iota
	Member
	Bot
	kinds
)

// Online counts distinct visitors seen within a sliding window, per kind.
type Online struct {
	window time.Duration
	kinds  [kinds]presence
	shared shared // what other instances saw
}

// NewOnline returns a counter of visitors seen within window.
func NewOnline(window time.Duration) *Online {
	o := &Online{window: window}
	for i := range o.kinds {
		o.kinds[i].init(window)
	}
	return o
}

// Seen records visitor of kind k at now.
func (o *Online) Seen(k Kind, visitor uint64, now time.Time) {
	o.kinds[k].seen(mix(visitor), now)
}

// Count returns how many distinct visitors of kind k were seen within the
// window before now.
func (o *Online) Count(k Kind, now time.Time) int {
	return o.countWithOthers(k, o.kinds[k].count(now), now)
}

// MaxExact is how many visitors a kind counts exactly. Past it, until the
// flood has left the window, counts come from a HyperLogLog sketch (about 1%
// error) so memory stays bounded.
const MaxExact = 100_000

// presence is an exact map of last-seen minutes while it is small, backed by
// one sketch per minute of the window for when it is not.
type presence struct {
	mu         sync.Mutex
	last       map[uint64]int64 // visitor → unix minute last seen
	overflowAt int64            // unix minute the map last overflowed; 0 never
	sketches   []sketch         // ring, one per minute
	minutes    int64            // window in minutes

	cachedAt    int64 // unix second of the cached count
	cachedCount int
	dirty       bool // a visitor came or went since the count was cached
}

func (p *presence) init(window time.Duration) {
	p.minutes = max(int64(window/time.Minute), 1)
	p.last = make(map[uint64]int64)
	p.sketches = make([]sketch, p.minutes+1)
}

func (p *presence) seen(h uint64, now time.Time) {
	m := now.Unix() / 60
	p.mu.Lock()
	defer p.mu.Unlock()
	if last, ok := p.last[h]; ok || len(p.last) < MaxExact {
		p.last[h] = m
		p.dirty = p.dirty || !ok || last != m
	} else {
		p.overflowAt, p.dirty = m, true
	}
	s := &p.sketches[m%int64(len(p.sketches))]
	if s.minute != m {
		s.reset(m)
	}
	s.add(h)
}

// smallPresence is a map small enough to walk on every count.
const smallPresence = 1024

// count walks the map or merges the sketches, so while many visitors are
// online it reuses its result for up to a second.
func (p *presence) count(now time.Time) int {
	sec, m := now.Unix(), now.Unix()/60
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cachedAt/60 == m && (!p.dirty || p.cachedAt == sec && len(p.last) > smallPresence) {
		return p.cachedCount
	}
	from := m - p.minutes // seen at minute from or later is within the window
	n := 0
	for h, last := range p.last {
		if last < from {
			delete(p.last, h)
			continue
		}
		n++
	}
	if p.overflowAt >= from {
		n = p.estimate(from, m)
	}
	p.cachedAt, p.cachedCount, p.dirty = sec, n, false
	return n
}

func (p *presence) estimate(from, to int64) int {
	var merged sketch
	for i := range p.sketches {
		if s := &p.sketches[i]; s.minute >= from && s.minute <= to {
			merged.merge(s)
		}
	}
	return merged.estimate()
}

// sketch is a HyperLogLog with 2^12 registers: 4 KB, about 1.6% error.
type sketch struct {
	minute int64
	reg    [1 << sketchBits]uint8
}

const sketchBits = 12

func (s *sketch) reset(minute int64) {
	s.minute = minute
	clear(s.reg[:])
}

func (s *sketch) add(h uint64) {
	i := h >> (64 - sketchBits)
	rank := uint8(bits.LeadingZeros64(h<<sketchBits|1<<(sketchBits-1)) + 1)
	if rank > s.reg[i] {
		s.reg[i] = rank
	}
}

func (s *sketch) merge(o *sketch) {
	for i, r := range o.reg {
		if r > s.reg[i] {
			s.reg[i] = r
		}
	}
}

func (s *sketch) estimate() int {
	const m = float64(len(s.reg))
	sum, zeros := 0.0, 0
	for _, r := range s.reg {
		sum += 1 / float64(uint64(1)<<r)
		if r == 0 {
			zeros++
		}
	}
	e := 0.7213 / (1 + 1.079/m) * m * m / sum
	if e <= 2.5*m && zeros > 0 {
		e = m * math.Log(m/float64(zeros)) // linear counting for small sets
	}
	return int(math.Round(e))
}
