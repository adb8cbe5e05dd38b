package main

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"cong/internal/admin"
	"cong/internal/clientip"
	"cong/internal/config"
	"cong/internal/counter"
	"cong/internal/health"
	"cong/internal/media"
	"cong/internal/metrics"
	"cong/internal/portal"
	"cong/internal/purge"
	"cong/internal/store"
	"cong/internal/web"
)

// sitesReload is how often serve reads the sites table, so that a site
// added in the back office or by `cong site add` serves within it.
const sitesReload = 10 * time.Second

// sites serves every site of the install (portal.Site): each its own public
// site and back office over its view of the store (store.DB.ForSite), with
// its own page cache, snapshot and counters of visitors, chosen by host
// (web.Hosts).
type sites struct {
	handler http.Handler // every site, in the request log
	hosts   web.Hosts
	db      *store.DB
	log     *slog.Logger
	build   func(portal.Site, *counter.Counters) (*siteHandler, error)
	// mainHost is the host of the main site's public address (with its
	// port, if any), which its purges name; another site's is in its BaseURL.
	mainHost string
	// main are the main site's counters, which serve flushes; each other
	// site's are made with it and flushed by run.
	main         *counter.Counters
	newCounters  func(ctx context.Context, site int64) (*counter.Counters, error)
	flushEvery   time.Duration
	built        map[int64]builtSite
	mu           sync.Mutex
	startCounter func(*counter.Counters) // set while run runs
}

// builtSite is a site as its handler was built for it.
type builtSite struct {
	site     portal.Site
	handler  *siteHandler
	counters *counter.Counters
}

// siteHandler serves one site: its public pages and its back office.
type siteHandler struct {
	http.Handler
	// purgePaths are the site's pages a change made stale (web.PurgePaths).
	purgePaths func(ctx context.Context, objects []string) []string
	// release lets the store's change listener and the metrics go, when
	// the site is built again for a new address and this handler is dropped.
	release func()
}

// newSites builds the handlers of every site; base is the main site's public
// address, which every absolute link of its pages starts with. m, when not
// nil, measures them; purger, when not nil, is given the pages each change
// made stale, at their site's host (purgePages).
func newSites(ctx context.Context, cfg *config.Config, base string, db *store.DB, files media.Storage, counters *counter.Counters, log *slog.Logger, m *metrics.Metrics, purger *purge.Purger) (*sites, error) {
	proxies, err := clientip.New(strings.Split(cfg.TrustedProxies, ","))
	if err != nil {
		return nil, err
	}
	s := &sites{db: db, log: log, built: map[int64]builtSite{}, main: counters, flushEvery: cfg.FlushInterval,
		mainHost: urlHost(base)}
	s.build = func(site portal.Site, c *counter.Counters) (*siteHandler, error) {
		return newSiteHandler(cfg, site, base, db, files, c, proxies, log, m)
	}
	s.newCounters = func(ctx context.Context, site int64) (*counter.Counters, error) {
		c := counter.New(db.ForSite(site), cfg.ViewWindow, cfg.OnlineWindow, log)
		return c, c.Visits.Load(ctx, time.Now())
	}
	if err := s.load(ctx); err != nil {
		return nil, err
	}
	if purger != nil {
		// Only the instance that made a change tells the shared cache;
		// the others only drop their own pages.
		purger.Pages = s.purgePages
		db.OnChangeObjects(purger.Changed)
		if m != nil {
			m.WatchPurge(func() (sent, failed, dropped uint64) {
				s := purger.Stats()
				return s.Sent, s.Failed, s.Dropped
			})
		}
	}
	s.handler = logRequests(&s.hosts, cfg, proxies.IP, m, log)
	return s, nil
}

// load reads the sites table and builds the handlers of the sites that are
// new or whose address changed, letting the old one's go. The main site's
// is built once: its address is --base-url's, which its row does not move.
func (s *sites) load(ctx context.Context) error {
	list, err := s.db.Sites(ctx)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var main http.Handler
	byHost := make(map[string]http.Handler, len(list))
	for _, site := range list {
		b, ok := s.built[site.ID]
		if !ok || !site.Main() && b.site.BaseURL != site.BaseURL {
			c := b.counters
			switch {
			case site.Main():
				c = s.main
			case c == nil:
				if c, err = s.newCounters(ctx, site.ID); err != nil {
					return err
				}
				if s.startCounter != nil {
					s.startCounter(c)
				}
			}
			h, err := s.build(site, c)
			if err != nil {
				return err
			}
			if ok {
				b.handler.release()
			}
			if ok || !site.Main() {
				s.log.Info("site", "id", site.ID, "name", site.Name, "url", site.BaseURL)
			}
			b = builtSite{handler: h, counters: c}
		}
		b.site = site
		s.built[site.ID] = b
		if site.Main() {
			main = b.handler
		} else if site.Host != "" {
			byHost[site.Host] = b.handler
		}
	}
	if main == nil {
		return portal.Errorf(portal.EINTERNAL, "the sites table has no main site")
	}
	s.hosts.Set(main, byHost)
	return nil
}

// purgePages are the pages a change to objects on site (0: any site) made
// stale, each at its site's host, for the shared cache's purger.
func (s *sites) purgePages(ctx context.Context, site int64, objects []string) []purge.Page {
	s.mu.Lock()
	var on []builtSite
	for _, b := range s.built {
		if site == 0 || b.site.ID == site {
			on = append(on, b)
		}
	}
	s.mu.Unlock()
	slices.SortFunc(on, func(a, b builtSite) int { return cmp.Compare(a.site.ID, b.site.ID) })
	var pages []purge.Page
	for _, b := range on {
		host := s.mainHost
		if !b.site.Main() {
			host = urlHost(b.site.BaseURL)
		}
		for _, path := range b.handler.purgePaths(ctx, objects) {
			pages = append(pages, purge.Page{Host: host, Path: path})
		}
	}
	return pages
}

// urlHost is the host of an absolute address, with its port if it has one.
func urlHost(address string) string {
	u, err := url.Parse(address)
	if err != nil {
		return ""
	}
	return u.Host
}

// run flushes the counters of the sites other than the main one and
// reloads the sites every period until ctx ends; it returns once their
// counters are flushed a last time.
func (s *sites) run(ctx context.Context, every time.Duration) {
	var wg sync.WaitGroup
	defer wg.Wait()
	s.mu.Lock()
	s.startCounter = func(c *counter.Counters) { wg.Go(func() { c.Run(ctx, s.flushEvery) }) }
	for _, b := range s.built {
		if !b.site.Main() {
			s.startCounter(b.counters)
		}
	}
	s.mu.Unlock()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.load(ctx); err != nil && ctx.Err() == nil {
				s.log.Error("reload the sites", "err", err)
			}
		}
	}
}

// newSiteHandler builds one site's public site and its back office beside
// it. The main site has every part; another has its categories, articles,
// comments, search, feeds, settings and blocks, and none of what the main
// site alone keeps (portal.Site).
func newSiteHandler(cfg *config.Config, site portal.Site, mainBase string, whole *store.DB, files media.Storage, counters *counter.Counters, proxies *clientip.Resolver, log *slog.Logger, m *metrics.Metrics) (*siteHandler, error) {
	db := whole.ForSite(site.ID)
	base, officeBase, cacheBytes := mainBase, cfg.BaseURL, cfg.CacheMB<<20
	if !site.Main() {
		// Each other site's pages share a quarter of --cache-mb.
		base, officeBase, cacheBytes = site.BaseURL, site.BaseURL, cacheBytes/4
	}
	// Over HTTPS — TLS at a trusted proxy, or an https public address —
	// cookies are Secure and responses carry HSTS.
	httpsBase := strings.HasPrefix(officeBase, "https://")
	secure := func(r *http.Request) bool { return httpsBase || proxies.HTTPS(r) }
	var office *admin.Handler // staff reading public pages count as members
	var search portal.SearchService = db
	var staffStore admin.Store = db
	if m != nil {
		search, staffStore = m.TimeSearch(db), m.WatchLogins(db)
	}
	dataFolder := &health.Folder{Dir: cfg.Data}
	svc := web.Services{Categories: db, Articles: db, Side: db, Popular: db, Search: search, Comments: db, Reports: db,
		Ready: db.Ping, Version: db.ContentVersion, Audio: audioReader(cfg, db), Library: db, Writable: dataFolder.Check,
		Fault: store.Fault, Legacy: db}
	if site.Main() {
		svc.Schedule, svc.Questions, svc.Contact, svc.Consultations, svc.Documents = db, db, db, db, db
		svc.Map, svc.Pages, svc.Polls, svc.Members, svc.Threads = db, db, db, db, db
	}
	public, err := web.New(web.Config{
		Media: files, CacheTTL: cfg.CacheTTL, CacheBytes: cacheBytes, VisitorTTL: cfg.ViewWindow,
		Member:  func(r *http.Request) (int64, bool) { return office.Member(r) },
		Session: func(r *http.Request) bool { return office.HasSession(r) },
		BaseURL: base, ClientIP: proxies.IP, Secure: secure,
		SharedTTL: cfg.SharedCacheTTL, SharedStale: cfg.SharedCacheStale, Replicas: len(cfg.Replicas) > 0,
	}, svc, counters, log)
	if err != nil {
		return nil, err
	}
	// This instance drops its cached pages as soon as a change commits;
	// the others notice the content version within a second.
	unlisten, unwatch := db.OnChange(public.ClearCache), func() {}
	if m != nil {
		unwatch = m.WatchCache(site.Slug, public.CacheStats)
	}
	release := func() { unlisten(); unwatch() }
	office, err = admin.New(admin.Config{Media: files, IdleTimeout: cfg.SessionIdle,
		AbsoluteTimeout: 12 * time.Hour, ClientIP: proxies.IP, Secure: secure, Fault: store.Fault,
		BaseURL: officeBase}, staffStore, public, log)
	if err != nil {
		release()
		return nil, err
	}
	office.Seen = func(id int64) { counters.Online.Seen(counter.Member, uint64(id), time.Now()) }
	mux := http.NewServeMux()
	mux.Handle(admin.Prefix+"/", office)
	mux.Handle("/", public)
	return &siteHandler{Handler: mux, purgePaths: public.PurgePaths, release: release}, nil
}
