package counter

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"

	"cong/internal/portal"
)

// Instances behind a load balancer each see some of the visitors. At every
// flush an instance shares its sketches of who was online through the
// database and takes the others'; a count is then the size of the union, so
// a visitor whose pages came from two instances counts once.

// shared is what the other instances last shared, merged per kind, and the
// union counts of the current second.
type shared struct {
	mu     sync.Mutex
	others [kinds]*sketch // nil: no other instance is up
	sec    [kinds]int64
	count  [kinds]int
}

// countWithOthers returns the visitors of kind k seen here or by another
// instance; local is this instance's own count.
func (o *Online) countWithOthers(k Kind, local int, now time.Time) int {
	o.shared.mu.Lock()
	defer o.shared.mu.Unlock()
	other := o.shared.others[k]
	if other == nil {
		return local
	}
	sec := now.Unix()
	if o.shared.sec[k] == sec {
		return o.shared.count[k]
	}
	merged := o.kinds[k].window(now)
	merged.merge(other)
	// The union is never smaller than what this instance saw itself.
	n := max(merged.estimate(), local)
	o.shared.sec[k], o.shared.count[k] = sec, n
	return n
}

// Sketches returns this instance's sketch of each kind's visitors within
// the window, as registers to share.
func (o *Online) Sketches(now time.Time) [][]byte {
	out := make([][]byte, kinds)
	for k := range out {
		s := o.kinds[k].window(now)
		out[k] = append([]byte(nil), s.reg[:]...)
	}
	return out
}

// SetOthers replaces the other instances' sketches; malformed ones are
// ignored.
func (o *Online) SetOthers(list []portal.OnlineSketch) {
	var others [kinds]*sketch
	for _, s := range list {
		if s.Kind < 0 || s.Kind >= int(kinds) || len(s.Registers) != 1<<sketchBits {
			continue
		}
		if others[s.Kind] == nil {
			others[s.Kind] = &sketch{}
		}
		var in sketch
		copy(in.reg[:], s.Registers)
		others[s.Kind].merge(&in)
	}
	o.shared.mu.Lock()
	o.shared.others, o.shared.sec = others, [kinds]int64{}
	o.shared.mu.Unlock()
}

// window merges the sketches of the minutes within the window before now.
func (p *presence) window(now time.Time) *sketch {
	m := now.Unix() / 60
	p.mu.Lock()
	defer p.mu.Unlock()
	var merged sketch
	for i := range p.sketches {
		if s := &p.sketches[i]; s.minute >= m-p.minutes && s.minute <= m {
			merged.merge(s)
		}
	}
	return &merged
}

// newInstanceID names this process among the portal's instances.
func newInstanceID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// shareOnline trades sketches with the other instances. Another instance's
// sketches count while it shared them within three flushes.
func (c *Counters) shareOnline(ctx context.Context) error {
	if c.online == nil {
		return nil
	}
	now := c.Now()
	fresh := 3 * max(c.interval, 5*time.Second)
	others, err := c.online.ShareOnline(ctx, c.instance, c.Online.Sketches(now), now, now.Add(-fresh))
	if err != nil {
		return err
	}
	c.Online.SetOthers(others)
	return nil
}
