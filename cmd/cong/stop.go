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
// leaves idle connections open for idleGrace, and only then calls
// Shutdown, which waits for the requests in flight.
type stopper struct {
	srv   *http.Server
	ln    net.Listener
	log   *slog.Logger
	grace time.Duration
	began func() // called once the stop has begun; for tests

	stopping atomic.Bool
	mu       sync.Mutex
	idle     map[net.Conn]*idleConn
}

// idleConn is a connection waiting for its next request.
type idleConn struct {
	since time.Time
	armed bool // its read deadline is set to close it after the grace
}

// newStopper takes over srv's ConnState hook and wraps its handler; ln is
// the listener srv serves.
func newStopper(srv *http.Server, ln net.Listener, log *slog.Logger) *stopper {
	s := &stopper{srv: srv, ln: ln, log: log, grace: idleGrace, idle: map[net.Conn]*idleConn{}}
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

// track keeps the set of idle connections.
func (s *stopper) track(c net.Conn, state http.ConnState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if state == http.StateIdle {
		s.idle[c] = &idleConn{since: time.Now()}
	} else {
		delete(s.idle, c)
	}
}

// stop stops the server within timeout: no new connections, idle ones
// given their grace, requests in flight answered. Requests still running at
// the timeout are cut off with a warning; that is not an error, so that a
// deliberate stop still ends with exit status 0.
func (s *stopper) stop(timeout time.Duration) error {
	start := time.Now()
	ctx, cancel := context.WithDeadline(context.Background(), start.Add(timeout))
	defer cancel()
	s.stopping.Store(true)
	err := s.ln.Close()
	if errors.Is(err, net.ErrClosed) {
		err = nil
	}
	if s.began != nil {
		s.began()
	}
	s.drainIdle(ctx, start)
	if err := s.srv.Shutdown(ctx); errors.Is(err, context.DeadlineExceeded) {
		s.log.Warn("stop: requests still running at the shutdown timeout were cut off",
			"shutdown_timeout", timeout, "waited", time.Since(start).Round(time.Millisecond))
		return s.srv.Close()
	}
	return err
}

// settle is how long after a connection turns idle its deadline is set:
// the server sets its own idle deadline just after announcing the state,
// and this one must come after it.
const settle = 5 * time.Millisecond

// drainIdle waits until every idle connection has either taken a request
// (which is answered, then the connection closed) or had its grace, or
// until ctx ends.
func (s *stopper) drainIdle(ctx context.Context, start time.Time) {
	tick := time.NewTicker(settle)
	defer tick.Stop()
	for s.armIdle(start) > 0 {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// armIdle sets the read deadline of the connections idle for at least
// settle to the end of their grace, and returns how many are idle.
func (s *stopper) armIdle(start time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	for c, ic := range s.idle {
		if ic.armed || now.Sub(ic.since) < settle {
			continue
		}
		from := start
		if ic.since.After(start) {
			from = ic.since
		}
		c.SetReadDeadline(from.Add(s.grace))
		ic.armed = true
	}
	return len(s.idle)
}
