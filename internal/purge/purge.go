// Package purge tells a shared cache in front of Cổng (a CDN, nginx's
// proxy_cache with the cache_purge module, Varnish) which pages a change
// made stale: one PURGE request per page, to the configured address with
// the path appended and the Host of the site the page is on, so that a
// cache keyed by host and path (several sites) drops the right copy.
//
// Purging never holds up a write: the writer only adds the change's objects
// to a bounded set, and one goroutine turns them into paths and sends the
// requests, each bounded in time and retried twice. A request that still
// fails is logged and counted; the page then lives out its s-maxage.
package purge

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Limits of the purger.
const (
	maxPending = 10_000          // objects waiting; beyond, changes are dropped (and counted)
	timeout    = 5 * time.Second // one request
	attempts   = 3               // per path
	firstRetry = 200 * time.Millisecond
)

// Page is one address a change made stale.
type Page struct {
	Host string // the site's host name, sent as the request's Host; "": the purge address's
	Path string
}

// Purger sends the purge requests.
type Purger struct {
	// Pages tells which pages a change to objects made stale on site (0: on
	// any site, see store.DB.OnChangeObjects); set it before Run.
	Pages func(ctx context.Context, site int64, objects []string) []Page

	base   string
	client *http.Client
	log    *slog.Logger

	mu      sync.Mutex
	pending map[change]bool // objects changed since the last round
	wake    chan struct{}

	sent, failed, dropped atomic.Uint64
}

// Stats count what the purger did since start, for the metrics.
type Stats struct {
	Sent    uint64 // purge requests answered 2xx or 404 (nothing to purge)
	Failed  uint64 // purge requests given up after their retries
	Dropped uint64 // changes not purged because too many were waiting
}

// change is one object changed on one site.
type change struct {
	site   int64
	object string
}

// New makes a purger sending to base ("http://127.0.0.1:8081").
func New(base string, log *slog.Logger) *Purger {
	return &Purger{base: strings.TrimSuffix(base, "/"), log: log,
		client:  &http.Client{Timeout: timeout},
		pending: make(map[change]bool), wake: make(chan struct{}, 1)}
}

// Changed records a change to objects on site, to be purged soon. It
// never blocks.
func (p *Purger) Changed(site int64, objects []string) {
	p.mu.Lock()
	for _, o := range objects {
		if len(p.pending) >= maxPending {
			p.dropped.Add(1)
			break
		}
		p.pending[change{site, o}] = true
	}
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Stats reads the counts.
func (p *Purger) Stats() Stats {
	return Stats{Sent: p.sent.Load(), Failed: p.failed.Load(), Dropped: p.dropped.Load()}
}

// Run sends purges until ctx ends.
func (p *Purger) Run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.wake:
		}
		p.mu.Lock()
		bySite := make(map[int64][]string)
		for c := range p.pending {
			bySite[c.site] = append(bySite[c.site], c.object)
		}
		clear(p.pending)
		p.mu.Unlock()
		p.round(ctx, bySite)
	}
}

// round purges every page the changes made stale, once each.
func (p *Purger) round(ctx context.Context, bySite map[int64][]string) {
	seen := make(map[Page]bool)
	for site, objects := range bySite {
		slices.Sort(objects)
		for _, page := range p.Pages(ctx, site, objects) {
			if seen[page] || ctx.Err() != nil {
				continue
			}
			seen[page] = true
			if err := p.purge(ctx, page); err != nil {
				p.failed.Add(1)
				p.log.Warn("purge failed", "host", page.Host, "path", page.Path, "err", err)
				continue
			}
			p.sent.Add(1)
		}
	}
}

// purge sends PURGE base+path, retrying a failure twice after a short wait.
func (p *Purger) purge(ctx context.Context, page Page) error {
	wait := firstRetry
	var err error
	for i := range attempts {
		if i > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait):
			}
			wait *= 4
		}
		if err = p.send(ctx, page); err == nil {
			return nil
		}
	}
	return err
}

func (p *Purger) send(ctx context.Context, page Page) error {
	req, err := http.NewRequestWithContext(ctx, "PURGE", p.base+page.Path, nil)
	if err != nil {
		return err
	}
	if page.Host != "" {
		req.Host = page.Host
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	// 404: the cache held nothing at that address, which is as good.
	if resp.StatusCode/100 == 2 || resp.StatusCode == http.StatusNotFound {
		return nil
	}
	return &statusError{resp.Status}
}

type statusError struct{ status string }

func (e *statusError) Error() string { return "answered " + e.status }
