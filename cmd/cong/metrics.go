package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"cong/internal/config"
	"cong/internal/counter"
	"cong/internal/httplog"
	"cong/internal/metrics"
	"cong/internal/store"
)

// newMetrics makes the metrics when --metrics-addr asks for them, watching
// what exists before the handlers; nil otherwise, and nothing is measured.
func newMetrics(cfg *config.Config, db *store.DB, counters *counter.Counters) *metrics.Metrics {
	if cfg.MetricsAddr == "" {
		return nil
	}
	m := metrics.New(version)
	m.WatchPool(db.PoolStats)
	m.WatchCounters(counters)
	if len(cfg.Replicas) > 0 {
		m.WatchReplicas(func() []metrics.Replica {
			var out []metrics.Replica
			for _, r := range db.Replicas() {
				out = append(out, metrics.Replica{Name: r.Name, Healthy: r.Healthy, Lag: r.Lag})
			}
			return out
		})
	}
	return m
}

// serveMetrics serves m at /metrics on its own listener, apart from the
// portal, until stop; with no metrics it does nothing.
func serveMetrics(addr string, m *metrics.Metrics, log *slog.Logger) (stop func(), err error) {
	if m == nil {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for metrics on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 16 << 10,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server", "err", err)
		}
	}()
	log.Info("serving metrics", "url", "http://"+ln.Addr().String()+"/metrics")
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}, nil
}

// logRequests wraps the portal in the request log (unless
// --log-requests=false) and the request metrics (when there are any).
func logRequests(next http.Handler, cfg *config.Config, clientIP func(*http.Request) string, m *metrics.Metrics, log *slog.Logger) http.Handler {
	opts := httplog.Options{ClientIP: clientIP}
	if cfg.LogRequests {
		opts.Log = log
	}
	if m != nil {
		opts.Observe = m.ObserveRequest
	}
	if opts.Log == nil && opts.Observe == nil {
		return next
	}
	return httplog.Handler(httplog.Route(next), opts)
}
