// Package httplog writes one log line per request and tells an observer (the
// metrics) of each: its id, the route that served it, its status, duration,
// size and client.
//
// The route is the pattern of the innermost ServeMux that matched, never the
// raw path, so the metrics' labels stay few whatever addresses are asked for.
// The public site and the back office have muxes of their own behind the
// root one, and a handler in between may pass on a copy of the request
// (WithContext), on which the outer middleware would never see the pattern
// set: each mux is therefore wrapped in Route, which writes the pattern into
// the request's record in the context.
package httplog

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// Unmatched is the route of a request no pattern matched (a 404 or 405 the
// mux answered itself).
const Unmatched = "unmatched"

// Entry is what the observer learns of a request.
type Entry struct {
	Method   string
	Route    string // the ServeMux pattern, or Unmatched
	Status   int
	Duration time.Duration
	Bytes    int64
}

// Options tune Handler.
type Options struct {
	// Log gets one line per request at info level; nil: none.
	Log *slog.Logger
	// ClientIP tells the client's address (see package clientip).
	ClientIP func(r *http.Request) string
	// Observe is told of every request once it is answered; nil: nobody.
	Observe func(Entry)
}

type ctxKey struct{}

// record is one request's: the response writer that counts, and what the
// inner handlers tell of the request.
type record struct {
	http.ResponseWriter
	status      int
	bytes       int64
	wroteHeader bool
	route       string
	id          string
}

// Handler logs and observes every request next serves.
func Handler(next http.Handler, opts Options) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &record{ResponseWriter: w, status: http.StatusOK}
		r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, rec))
		defer func() { finish(rec, r, start, opts) }()
		next.ServeHTTP(rec, r)
	})
}

// finish writes the log line and tells the observer, even when the handler
// panicked (a panic that reaches here aborts the response).
func finish(rec *record, r *http.Request, start time.Time, opts Options) {
	e := Entry{Method: r.Method, Route: rec.route, Status: rec.status, Duration: time.Since(start), Bytes: rec.bytes}
	if e.Route == "" {
		e.Route = Unmatched
	}
	if opts.Observe != nil {
		opts.Observe(e)
	}
	if opts.Log == nil || !opts.Log.Enabled(r.Context(), slog.LevelInfo) {
		return
	}
	ip := ""
	if opts.ClientIP != nil {
		ip = opts.ClientIP(r)
	}
	opts.Log.LogAttrs(r.Context(), slog.LevelInfo, "request",
		slog.String("id", rec.requestID(r)), slog.String("method", clip(e.Method, 16)), slog.String("route", e.Route),
		slog.Int("status", e.Status), slog.Duration("dur", e.Duration), slog.Int64("bytes", e.Bytes),
		slog.String("ip", ip))
}

// Route wraps a ServeMux so that the request's record learns the pattern
// that served it. Only the innermost mux counts: Route writes a pattern only
// where none is yet, and the inner muxes return first.
func Route(mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if rec, ok := r.Context().Value(ctxKey{}).(*record); ok && rec.route == "" && r.Pattern != "" {
				rec.route = r.Pattern
			}
		}()
		mux.ServeHTTP(w, r)
	})
}

var (
	requestSeq    atomic.Uint64
	requestPrefix = strconv.FormatInt(time.Now().UnixNano()%(1<<20), 36)
)

// ID returns the request's id: the one in its log line when Handler serves
// it, else the proxy's X-Request-Id or a new one. Error pages show it, so a
// reader's report leads to the log line.
func ID(r *http.Request) string {
	if rec, ok := r.Context().Value(ctxKey{}).(*record); ok {
		return rec.requestID(r)
	}
	return newID(r)
}

// requestID makes the id on first use only: a request neither logged nor
// failed pays nothing for it.
func (rec *record) requestID(r *http.Request) string {
	if rec.id == "" {
		rec.id = newID(r)
	}
	return rec.id
}

func newID(r *http.Request) string {
	if id := r.Header.Get("X-Request-Id"); plainID(id) {
		return id
	}
	return requestPrefix + "-" + strconv.FormatUint(requestSeq.Add(1), 36)
}

// plainID reports whether a proxy's request id may be taken as it is: 1 to
// 64 letters, digits, '-', '_' or '.'. Anyone may send the header, so
// anything else — spaces, quotes, markup, line breaks — gets an id of ours
// rather than reach the log and the error pages.
func plainID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func (rec *record) WriteHeader(code int) {
	if !rec.wroteHeader && code >= 200 {
		rec.status, rec.wroteHeader = code, true
	}
	rec.ResponseWriter.WriteHeader(code)
}

func (rec *record) Write(p []byte) (int, error) {
	rec.wroteHeader = true
	n, err := rec.ResponseWriter.Write(p)
	rec.bytes += int64(n)
	return n, err
}

// ReadFrom keeps sendfile for static and media files.
func (rec *record) ReadFrom(src io.Reader) (int64, error) {
	rec.wroteHeader = true
	n, err := io.Copy(rec.ResponseWriter, src)
	rec.bytes += n
	return n, err
}

// Flush passes on to the connection, for streamed answers.
func (rec *record) Flush() {
	rec.wroteHeader = true
	http.NewResponseController(rec.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the connection.
func (rec *record) Unwrap() http.ResponseWriter { return rec.ResponseWriter }
