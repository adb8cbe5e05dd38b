package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// idleGrace is how long a kept-alive connection that is idle when a stop
// begins stays open for a request already on its way. A proxy in front
// (nginx's keepalive pool) may send one on it at any moment; loopback
// delivers it in microseconds, a distant browser within a round trip.
const idleGrace = time.Second

// stopper stops an http.Server without dropping requests. Server.Shutdown
// closes every idle kept-alive connection at once, and a request the client
// sent on one just then — already in the socket, not yet read — is lost
// (the client sees the connection reset). A stopper instead closes the
// listener, answers every request from then on with "Connection: close",
// leaves idle connections open for idleGrace, waits for the requests begun
// before the stop (their connections may turn idle, and get the same
// grace), and only then calls Shutdown, which waits for the rest.
type stopper struct {
	srv   *http.Server
	ln    net.Listener
	log   *slog.Logger
	grace time.Duration
	began func() // called once the stop has begun; for tests

	stopping atomic.Bool
	mu       sync.Mutex
	conns    map[net.Conn]*connState
}

// connState is what the stopper knows of a connection.
type connState struct {
	state   http.ConnState
	since   time.Time // when it took that state
	armed   bool      // idle, with its read deadline set to the end of its grace
	watched bool      // active when the stop began, so it may still turn idle
}

// newStopper takes over srv's ConnState hook and wraps its handler; ln is
// the listener srv serves.
func newStopper(srv *http.Server, ln net.Listener, log *slog.Logger) *stopper {
	s := &stopper{srv: srv, ln: ln, log: log, grace: idleGrace, conns: map[net.Conn]*connState{}}
	srv.ConnState = s.track
	next := srv.Handler
	srv.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.stopping.Load() {
			w.Header().Set("Connection", "close")
		}
		next.ServeHTTP(w, r)
	})
	return s
}

// track follows each connection's state. A connection that turns active
// once the stop has begun serves its request with "Connection: close": it
// will not turn idle again.
func (s *stopper) track(c net.Conn, state http.ConnState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if state == http.StateClosed || state == http.StateHijacked {
		delete(s.conns, c)
		return
	}
	s.conns[c] = &connState{state: state, since: time.Now()}
}

// stop stops the server within timeout: no new connections, idle ones
// given their grace, requests in flight answered. Requests still running at
// the timeout are cut off with a warning; that is not an error, so that a
// deliberate stop still ends with exit status 0.
func (s *stopper) stop(timeout time.Duration) error {
	start := time.Now()
	ctx, cancel := context.WithDeadline(context.Background(), start.Add(timeout))
	defer cancel()
	s.mu.Lock()
	s.stopping.Store(true)
	for _, cs := range s.conns {
		cs.watched = cs.state == http.StateActive
	}
	s.mu.Unlock()
	s.ln.Close()
	if s.began != nil {
		s.began()
	}
	s.drain(ctx, start)
	err := s.srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		s.log.Warn("stop: requests still running at the shutdown timeout were cut off",
			"shutdown_timeout", timeout, "waited", time.Since(start).Round(time.Millisecond))
		err = s.srv.Close()
	}
	// The listener was closed above; the server may close it again.
	if errors.Is(err, net.ErrClosed) {
		err = nil
	}
	return err
}

// settle is how long after a connection turns idle its deadline is set:
// the server sets its own idle deadline just after announcing the state,
// and this one must come after it.
const settle = 5 * time.Millisecond

// drain waits, until ctx ends, for every connection that is or may turn
// idle to have either taken a request (answered, then the connection
// closed) or had its grace.
func (s *stopper) drain(ctx context.Context, start time.Time) {
	tick := time.NewTicker(settle)
	defer tick.Stop()
	for s.pending(start) > 0 {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// pending arms the connections idle for at least settle — their read
// deadline set to the end of their grace — and returns how many are idle
// or still serving a request begun before the stop.
func (s *stopper) pending(start time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	now, n := time.Now(), 0
	for c, cs := range s.conns {
		switch {
		case cs.state == http.StateActive && cs.watched:
			n++
		case cs.state == http.StateIdle:
			n++
			if !cs.armed && now.Sub(cs.since) >= settle {
				from := start
				if cs.since.After(start) {
					from = cs.since
				}
				c.SetReadDeadline(from.Add(s.grace))
				cs.armed = true
			}
		}
	}
	return n
}
