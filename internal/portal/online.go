package portal

import (
	"context"
	"time"
)

// OnlineSketch is one instance's sketch (HyperLogLog registers) of the
// visitors of one kind it saw within the online window.
type OnlineSketch struct {
	Instance  string
	Kind      int
	Registers []byte
}

// OnlineStore lets the instances of a portal behind a load balancer count
// the people online together: each shares its sketches, and merges the
// others' into its own count. A visitor seen by two instances counts once.
type OnlineStore interface {
	// ShareOnline stores instance's sketches (indexed by kind) at now and
	// returns the other instances' sketches stored since since.
	ShareOnline(ctx context.Context, instance string, sketches [][]byte, now, since time.Time) ([]OnlineSketch, error)
}
