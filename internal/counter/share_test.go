package counter_test

import (
	"io"
	"log/slog"
	"testing"
	"time"

	"cong/internal/counter"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestOnlineAcrossInstances: two instances behind a load balancer, each
// seeing some visitors and some of the same ones, count the people online
// together once they have flushed, and forget an instance that stopped.
func TestOnlineAcrossInstances(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		now := t0
		clock := func() time.Time { return now }
		a := counter.New(db, 30*time.Minute, 20*time.Minute, log)
		b := counter.New(db, 30*time.Minute, 20*time.Minute, log)
		a.Now, b.Now = clock, clock
		for id := uint64(1); id <= 50; id++ {
			a.Online.Seen(counter.Guest, id, now)
		}
		for id := uint64(26); id <= 75; id++ {
			b.Online.Seen(counter.Guest, id, now)
		}
		a.Online.Seen(counter.Member, 7, now)
		b.Online.Seen(counter.Member, 7, now)
		b.Online.Seen(counter.Member, 8, now)
		if got := a.Online.Count(counter.Guest, now); got != 50 {
			t.Fatalf("before sharing, a counts %d guests; want its own 50", got)
		}
		for _, c := range []*counter.Counters{a, b, a} {
			if err := c.Flush(ctx); err != nil {
				t.Fatal(err)
			}
		}
		for name, c := range map[string]*counter.Counters{"a": a, "b": b} {
			if got := c.Online.Count(counter.Guest, now); got < 74 || got > 76 {
				t.Errorf("%s counts %d guests; want the 75 both saw, each once", name, got)
			}
			if got := c.Online.Count(counter.Member, now); got != 2 {
				t.Errorf("%s counts %d members; want 2", name, got)
			}
		}
		// b stops; a minute later a has stopped counting b's visitors.
		now = now.Add(time.Minute)
		if err := a.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		if got := a.Online.Count(counter.Guest, now); got != 50 {
			t.Errorf("after b stopped, a counts %d guests; want its own 50", got)
		}
	})
}
