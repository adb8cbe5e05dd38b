package httplog_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"cong/internal/httplog"
)

type ctxKey struct{}

// clone stands for a handler between two muxes that passes on a copy of
// the request, as any that adds to its context does.
func clone(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, 1)))
	})
}

// site is two levels of muxes, a copy of the request passed in between,
// like cmd/cong's root mux in front of the public site and the back office.
func site() http.Handler {
	inner := http.NewServeMux()
	inner.HandleFunc("GET /office/articles/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
		w.Write([]byte("hello"))
	})
	inner.HandleFunc("GET /office/fail", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "id "+httplog.ID(r), http.StatusInternalServerError)
	})
	root := http.NewServeMux()
	root.Handle("/office/", clone(httplog.Route(inner)))
	root.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {})
	return httplog.Route(root)
}

func TestRouteIsInnermostPattern(t *testing.T) {
	var got []httplog.Entry
	h := httplog.Handler(site(), httplog.Options{Observe: func(e httplog.Entry) {
		e.Duration = 0
		got = append(got, e)
	}})
	for _, path := range []string{"/office/articles/12?token=secret", "/", "/office/nothing", "/nothing"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
	}
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("DELETE", "/", nil))
	want := []httplog.Entry{
		{Method: "GET", Route: "GET /office/articles/{id}", Status: 201, Bytes: 5},
		{Method: "GET", Route: "GET /{$}", Status: 200},
		{Method: "GET", Route: "/office/", Status: 404, Bytes: 19}, // the inner mux found nothing
		{Method: "GET", Route: httplog.Unmatched, Status: 404, Bytes: 19},
		{Method: "DELETE", Route: httplog.Unmatched, Status: 405, Bytes: 19},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
}

// TestLogLine checks the one line per request that operators and the nginx
// deployment test read, and that the error page's id is the line's.
func TestLogLine(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	h := httplog.Handler(site(), httplog.Options{Log: log, ClientIP: func(*http.Request) string { return "203.0.113.7" }})
	r := httptest.NewRequest("GET", "/office/fail?password=hunter2", nil)
	r.Header.Set("Cookie", "session=s3cret")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	line := strings.TrimSpace(buf.String())
	if strings.Count(line, "\n") != 0 {
		t.Fatalf("log = %q; want one line", line)
	}
	id := strings.TrimPrefix(strings.TrimSpace(w.Body.String()), "id ")
	want := `level=INFO msg=request id=` + id + ` method=GET route="GET /office/fail" status=500 dur=`
	if !strings.Contains(line, want) || !strings.HasSuffix(line, " bytes="+strconv.Itoa(w.Body.Len())+" ip=203.0.113.7") {
		t.Errorf("log line = %q; want %q… bytes=%d ip=203.0.113.7", line, want, w.Body.Len())
	}
	if strings.Contains(line, "hunter2") || strings.Contains(line, "s3cret") || strings.Contains(line, "password") {
		t.Errorf("log line %q carries the query or a cookie", line)
	}
}

func TestProxyRequestID(t *testing.T) {
	var buf bytes.Buffer
	h := httplog.Handler(site(), httplog.Options{Log: slog.New(slog.NewTextHandler(&buf, nil))})
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("X-Request-Id", "nginx-4f2a")
	h.ServeHTTP(httptest.NewRecorder(), r)
	if !strings.Contains(buf.String(), " id=nginx-4f2a ") {
		t.Errorf("log = %q; want the proxy's request id", buf.String())
	}
}

// TestHostileRequestID: an id anyone could send with spaces, markup, line
// breaks or too many bytes is replaced by one of ours.
func TestHostileRequestID(t *testing.T) {
	for _, id := range []string{
		"a b", `x" ip=1.2.3.4`, "<script>alert(1)</script>", "id\nmsg=request", "ký-tự", strings.Repeat("a", 65),
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("X-Request-Id", id)
		if got := httplog.ID(r); got == id || strings.ContainsAny(got, " \"<>\n") {
			t.Errorf("X-Request-Id %q: id %q; want one of ours", id, got)
		}
	}
}

// TestLevelAboveInfo: at --log-level warn the request lines go, and the
// observer is still told.
func TestLevelAboveInfo(t *testing.T) {
	var buf bytes.Buffer
	n := 0
	h := httplog.Handler(site(), httplog.Options{Log: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn})),
		Observe: func(httplog.Entry) { n++ }})
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	if buf.Len() != 0 || n != 1 {
		t.Errorf("at warn: log %q, %d observed; want no line, 1 observed", buf.String(), n)
	}
}

// BenchmarkHandler is what the log and the metrics add to a request that
// does nothing: allocations and time.
func BenchmarkHandler(b *testing.B) {
	for _, bc := range []struct {
		name string
		opts httplog.Options
	}{
		{"none", httplog.Options{}},
		{"observe", httplog.Options{Observe: func(httplog.Entry) {}}},
		{"log", httplog.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Observe: func(httplog.Entry) {},
			ClientIP: func(r *http.Request) string { return "203.0.113.7" }}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			h := httplog.Handler(site(), bc.opts)
			if bc.name == "none" {
				h = site()
			}
			r := httptest.NewRequest("GET", "/office/articles/12", nil)
			w := httptest.NewRecorder()
			b.ReportAllocs()
			for b.Loop() {
				h.ServeHTTP(w, r)
			}
		})
	}
}
