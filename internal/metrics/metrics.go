// Package metrics serves Cổng's Prometheus metrics. It owns the registry and
// every collector; the packages it watches know nothing of Prometheus and
// expose plain numbers (the page cache's counts, the counters' flushes, the
// pool's use) or accept a decorator (search, logins), which Watch* and the
// decorators here turn into series. cmd/cong wires them when
// --metrics-addr is set, and serves Handler on that separate listener.
package metrics

import (
	"database/sql"
	"maps"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"cong/internal/counter"
	"cong/internal/httplog"
	"cong/internal/web"
)

// Metrics is the registry and the series Cổng updates as it runs.
type Metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	durations *prometheus.HistogramVec
	search    prometheus.Histogram
	failures  prometheus.Counter // logins
	lockouts  prometheus.Counter

	caches *pageCaches

	mu     sync.RWMutex
	series map[seriesKey]series // the children of each route, looked up once
}

// Request durations: a page from the cache takes tens of microseconds, a
// search or an upload up to seconds.
var durationBuckets = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// New makes a registry of its own (not Prometheus's global one) with the Go
// runtime, the process, the build and the request series.
func New(version string) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry(), series: make(map[seriesKey]series), caches: newPageCaches()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "cong_http_requests_total",
		Help: "HTTP requests answered, by route (the ServeMux pattern), method and status class."},
		[]string{"route", "method", "code"})
	m.durations = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "cong_http_request_duration_seconds",
		Help: "Time to answer HTTP requests, by route and method.", Buckets: durationBuckets},
		[]string{"route", "method"})
	m.search = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "cong_search_duration_seconds",
		Help: "Time the store takes to answer a reader's search.", Buckets: durationBuckets})
	m.failures = prometheus.NewCounter(prometheus.CounterOpts{Name: "cong_login_failures_total",
		Help: "Failed staff logins and second-factor codes."})
	m.lockouts = prometheus.NewCounter(prometheus.CounterOpts{Name: "cong_login_lockouts_total",
		Help: "Login attempts refused because the account or the address is locked out."})
	build := prometheus.NewGauge(prometheus.GaugeOpts{Name: "cong_build_info", Help: "Always 1; the version is a label.",
		ConstLabels: prometheus.Labels{"version": version}})
	build.Set(1)
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.requests, m.durations, m.search, m.failures, m.lockouts, build, m.caches)
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg, MaxRequestsInFlight: 4,
		Timeout: 10 * time.Second})
}

// seriesKey names the children of one kind of request. Route is one of the
// muxes' patterns and method one of a fixed few, so the keys stay few.
type seriesKey struct {
	route, method string
	class         int // 2 for 2xx, …
}

type series struct {
	count    prometheus.Counter
	duration prometheus.Observer
}

// ObserveRequest counts a request answered; give it to httplog.Options. The
// children of a route are looked up once, then read from a map under a read
// lock: no labels are built per request.
func (m *Metrics) ObserveRequest(e httplog.Entry) {
	k := seriesKey{route: e.Route, method: method(e.Method), class: min(max(e.Status/100, 1), 5)}
	m.mu.RLock()
	s, ok := m.series[k]
	m.mu.RUnlock()
	if !ok {
		s = m.newSeries(k)
	}
	s.count.Inc()
	s.duration.Observe(e.Duration.Seconds())
}

func (m *Metrics) newSeries(k seriesKey) series {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s, ok := m.series[k]; ok {
		return s
	}
	s := series{count: m.requests.WithLabelValues(k.route, k.method, strconv.Itoa(k.class)+"xx"),
		duration: m.durations.WithLabelValues(k.route, k.method)}
	m.series[k] = s
	return s
}

// method is the method's label: anything but the usual few is "other", so
// that made-up methods cannot add series.
func method(m string) string {
	switch m {
	case "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS":
		return m
	}
	return "other"
}

// WatchCache serves the counts of one site's page cache, labelled with
// the site's code (portal.Site.Slug); unwatch drops its series, when the
// site's handler is built again.
func (m *Metrics) WatchCache(site string, stats func() web.CacheStats) (unwatch func()) {
	return m.caches.watch(site, stats)
}

// pageCaches are the page caches of every site, as one family of series per
// count with a "site" label; none while no cache is watched.
type pageCaches struct {
	hits, misses, bytes, entries *prometheus.Desc

	mu     sync.Mutex
	caches map[string]*func() web.CacheStats
}

func newPageCaches() *pageCaches {
	desc := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc(name, help, []string{"site"}, nil)
	}
	return &pageCaches{caches: make(map[string]*func() web.CacheStats),
		hits:    desc("cong_page_cache_hits_total", "Reader pages served from the page cache."),
		misses:  desc("cong_page_cache_misses_total", "Reader pages not in the page cache (or expired), rendered."),
		bytes:   desc("cong_page_cache_bytes", "Bytes the page cache holds (bounded by --cache-mb; each other site's by a quarter of it)."),
		entries: desc("cong_page_cache_entries", "Pages the page cache holds.")}
}

func (p *pageCaches) watch(site string, stats func() web.CacheStats) func() {
	p.mu.Lock()
	defer p.mu.Unlock()
	w := &stats
	p.caches[site] = w
	return func() { // a site's new handler may have taken its place
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.caches[site] == w {
			delete(p.caches, site)
		}
	}
}

func (p *pageCaches) Describe(ch chan<- *prometheus.Desc) {
	ch <- p.hits
	ch <- p.misses
	ch <- p.bytes
	ch <- p.entries
}

func (p *pageCaches) Collect(ch chan<- prometheus.Metric) {
	p.mu.Lock()
	caches := maps.Clone(p.caches)
	p.mu.Unlock()
	for site, stats := range caches {
		s := (*stats)()
		ch <- prometheus.MustNewConstMetric(p.hits, prometheus.CounterValue, float64(s.Hits), site)
		ch <- prometheus.MustNewConstMetric(p.misses, prometheus.CounterValue, float64(s.Misses), site)
		ch <- prometheus.MustNewConstMetric(p.bytes, prometheus.GaugeValue, float64(s.Bytes), site)
		ch <- prometheus.MustNewConstMetric(p.entries, prometheus.GaugeValue, float64(s.Entries), site)
	}
}

// WatchPurge serves what the purge hook (--purge-url) did.
func (m *Metrics) WatchPurge(stats func() (sent, failed, dropped uint64)) {
	m.reg.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "cong_purge_requests_total",
			Help: "PURGE requests the shared cache took (2xx, or 404: nothing kept there)."},
			func() float64 { s, _, _ := stats(); return float64(s) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "cong_purge_failures_total",
			Help: "PURGE requests given up after their retries; the page lives out its s-maxage."},
			func() float64 { _, f, _ := stats(); return float64(f) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "cong_purge_dropped_total",
			Help: "Changes not purged because too many were waiting."},
			func() float64 { _, _, d := stats(); return float64(d) }),
	)
}

// WatchCounters serves how the view and visit counters flush.
func (m *Metrics) WatchCounters(c *counter.Counters) {
	pending := func(views bool) func() float64 {
		return func() float64 {
			v, s := c.Pending()
			if views {
				return float64(v)
			}
			return float64(s)
		}
	}
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "cong_counter_last_flush_seconds",
			Help: "How long the last flush of the counters to the database took."},
			func() float64 { return c.FlushStats().Last.Seconds() }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "cong_counter_flushes_total",
			Help: "Flushes of the counters to the database."}, func() float64 { return float64(c.FlushStats().Flushes) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "cong_counter_flush_errors_total",
			Help: "Flushes of the counters that failed (their counts are kept for the next)."},
			func() float64 { return float64(c.FlushStats().Failures) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "cong_counter_pending", ConstLabels: prometheus.Labels{"kind": "views"},
			Help: "Increments counted in memory and not yet written to the database."}, pending(true)),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "cong_counter_pending", ConstLabels: prometheus.Labels{"kind": "visits"},
			Help: "Increments counted in memory and not yet written to the database."}, pending(false)),
	)
}

// WatchClock serves the publishing clock's ticks and failures; counts is
// schedule.Clock.Counts.
func (m *Metrics) WatchClock(counts func() (runs, failures uint64)) {
	m.reg.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "cong_schedule_runs_total",
			Help: "Ticks of the publishing clock."}, func() float64 { r, _ := counts(); return float64(r) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "cong_schedule_errors_total",
			Help: "Ticks of the publishing clock, or scheduled steps, that failed."},
			func() float64 { _, f := counts(); return float64(f) }),
	)
}

// WatchBackups serves the last successful backup's time and size; last
// returns the zero time before the first. Without it, no backup series are
// served.
func (m *Metrics) WatchBackups(last func() (at time.Time, size int64)) {
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "cong_backup_last_success_timestamp_seconds",
			Help: "When the last successful backup finished, in Unix seconds; 0: none yet."},
			func() float64 {
				at, _ := last()
				if at.IsZero() {
					return 0
				}
				return float64(at.UnixNano()) / 1e9
			}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "cong_backup_last_size_bytes",
			Help: "Size of the last successful backup's archive."}, func() float64 { _, n := last(); return float64(n) }),
	)
}

// WatchPool serves the database pool's use; stats is store.DB.PoolStats.
func (m *Metrics) WatchPool(stats func() sql.DBStats) {
	m.reg.MustRegister(poolCollector{stats})
}
