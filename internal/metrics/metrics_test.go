package metrics_test

import (
	"database/sql"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/httplog"
	"cong/internal/metrics"
	"cong/internal/web"
)

func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	w := httptest.NewRecorder()
	m.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	if w.Code != 200 {
		t.Fatalf("GET /metrics = %d", w.Code)
	}
	return w.Body.String()
}

func TestObserveRequest(t *testing.T) {
	m := metrics.New("test")
	for _, e := range []httplog.Entry{
		{Method: "GET", Route: "GET /{category}", Status: 200, Duration: time.Millisecond},
		{Method: "GET", Route: "GET /{category}", Status: 200, Duration: 3 * time.Millisecond},
		{Method: "GET", Route: "GET /{category}", Status: 404},
		{Method: "BREW", Route: httplog.Unmatched, Status: 405},
		{Method: "PROPFIND", Route: httplog.Unmatched, Status: 405},
	} {
		m.ObserveRequest(e)
	}
	out := scrape(t, m)
	for _, want := range []string{
		`cong_http_requests_total{code="2xx",method="GET",route="GET /{category}"} 2`,
		`cong_http_requests_total{code="4xx",method="GET",route="GET /{category}"} 1`,
		`cong_http_requests_total{code="4xx",method="other",route="unmatched"} 2`,
		`cong_http_request_duration_seconds_count{method="GET",route="GET /{category}"} 3`,
		`cong_http_request_duration_seconds_sum{method="GET",route="GET /{category}"} 0.004`,
		`cong_build_info{version="test"} 1`,
		"go_goroutines ", "process_resident_memory_bytes ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestWatch(t *testing.T) {
	m := metrics.New("test")
	m.WatchCache("chinh", func() web.CacheStats { return web.CacheStats{Hits: 7, Misses: 2, Bytes: 4096, Entries: 3} })
	unwatch := m.WatchCache("huyen-cu", func() web.CacheStats { return web.CacheStats{Hits: 1} })
	m.WatchCache("huyen", func() web.CacheStats { return web.CacheStats{Hits: 5, Bytes: 100} })
	unwatch()
	// A site built again for a new address: its new cache is watched, then
	// its old one let go, which leaves the new one's series.
	old := m.WatchCache("xa", func() web.CacheStats { return web.CacheStats{Hits: 1} })
	m.WatchCache("xa", func() web.CacheStats { return web.CacheStats{Hits: 9} })
	old()
	m.WatchClock(func() (uint64, uint64) { return 12, 1 })
	m.WatchPool(func() sql.DBStats { return sql.DBStats{MaxOpenConnections: 8, OpenConnections: 3, InUse: 1, Idle: 2} })
	at := time.Date(2026, 12, 6, 2, 0, 0, 0, time.UTC)
	m.WatchBackups(func() (time.Time, int64) { return at, 1 << 20 })
	out := scrape(t, m)
	for _, want := range []string{
		`cong_page_cache_hits_total{site="chinh"} 7`, `cong_page_cache_misses_total{site="chinh"} 2`,
		`cong_page_cache_bytes{site="chinh"} 4096`, `cong_page_cache_entries{site="chinh"} 3`,
		`cong_page_cache_hits_total{site="huyen"} 5`, `cong_page_cache_bytes{site="huyen"} 100`,
		`cong_page_cache_hits_total{site="xa"} 9`, "cong_schedule_runs_total 12", "cong_schedule_errors_total 1",
		"cong_db_max_open_connections 8", "cong_db_in_use_connections 1", "cong_db_idle_connections 2",
		"cong_backup_last_success_timestamp_seconds " + strconv.FormatFloat(float64(at.Unix()), 'g', -1, 64), "cong_backup_last_size_bytes 1.048576e+06",
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(out, "huyen-cu") {
		t.Error("the series of a cache no longer watched are still served")
	}
}

// TestNoBackupsWithoutHook: until WatchBackups is wired, no backup series.
func TestNoBackupsWithoutHook(t *testing.T) {
	if out := scrape(t, metrics.New("test")); strings.Contains(out, "cong_backup") {
		t.Error("backup series served with no backup hook")
	}
}

// TestObserveAllocates nothing once a route's series exist.
func TestObserveAllocatesNothing(t *testing.T) {
	m := metrics.New("test")
	e := httplog.Entry{Method: "GET", Route: "GET /{category}/{slug}", Status: 200, Duration: time.Millisecond}
	m.ObserveRequest(e)
	if n := testing.AllocsPerRun(1000, func() { m.ObserveRequest(e) }); n != 0 {
		t.Errorf("ObserveRequest: %v allocations; want 0", n)
	}
}

func BenchmarkObserveRequest(b *testing.B) {
	m := metrics.New("test")
	e := httplog.Entry{Method: "GET", Route: "GET /{category}/{slug}", Status: 200, Duration: time.Millisecond}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			m.ObserveRequest(e)
		}
	})
}
