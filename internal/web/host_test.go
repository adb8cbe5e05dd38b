package web_test

import (
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"cong/internal/counter"
	"cong/internal/demo"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// forgedHost is what an attacker puts in the Host header, hoping the cached
// page built for the request carries it to every reader.
const forgedHost = "evil.example"

// hostPages are the reader pages and documents that hold absolute links.
var hostPages = []string{seedURL, "/in" + seedURL, "/", "/chinh-tri", "/rss", "/atom", "/rss/chinh-tri", "/atom/chinh-tri",
	"/sitemap.xml", "/sitemap/chuyen-muc.xml", "/sitemap/trang-1.xml", "/robots.txt", "/lich-lam-viec.ics",
	"/gioi-thieu", "/en"}

// TestForgedHostNeverCached asks for every page with a forged Host first,
// so that the forged request builds what the cache keeps, then as a reader:
// both answers carry the configured base URL, never the forged host.
func TestForgedHostNeverCached(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newFullSite(t, db, origin)
		for _, path := range hostPages {
			for _, host := range []string{forgedHost, "example.com"} {
				w := s.get(t, path, "Host", host, "X-Forwarded-Host", forgedHost)
				body := w.Body.String()
				if w.Code != 200 {
					t.Errorf("GET %s (Host %s) = %d", path, host, w.Code)
				}
				if strings.Contains(body, forgedHost) {
					t.Errorf("GET %s (Host %s) carries the forged host", path, host)
				}
				if !strings.Contains(body, origin+"/") {
					t.Errorf("GET %s (Host %s) has no link on the base URL %s", path, host, origin)
				}
			}
		}
	})
}

// TestDefaultOrigin: without a base URL the links use the fixed default (the
// cong command passes its listen address), never the request's Host.
func TestDefaultOrigin(t *testing.T) {
	s := newFullSite(t, storetest.Open(t, storetest.SQLiteDSN(t)), "")
	doc := parse(t, s.get(t, seedURL, "Host", forgedHost))
	if href, _ := doc.Find(`link[rel="canonical"]`).Attr("href"); href != "http://localhost"+seedURL {
		t.Errorf("canonical = %q; want http://localhost%s", href, seedURL)
	}
	if body := s.get(t, "/rss", "Host", forgedHost).Body.String(); strings.Contains(body, forgedHost) ||
		!strings.Contains(body, "<link>http://localhost/</link>") {
		t.Errorf("RSS without a base URL:\n%s", body)
	}
}

// newFullSite is the demo portal with every service, its absolute links on
// base.
func newFullSite(t testing.TB, db *store.DB, base string) *site {
	t.Helper()
	return newFullSiteIn(t, db, base, t.TempDir())
}

// newFullSiteIn is newFullSite with its uploaded files in the folder media.
func newFullSiteIn(t testing.TB, db *store.DB, base, media string) *site {
	t.Helper()
	if _, err := demo.Seed(ctx, db, media, time.Now()); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c := counter.New(db, 30*time.Minute, 20*time.Minute, log)
	if err := c.Visits.Load(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	h, err := web.New(web.Config{MediaDir: media, CacheTTL: time.Minute, CacheBytes: 8 << 20, VisitorTTL: 30 * time.Minute,
		BaseURL: base}, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Popular: db, Search: db, Comments: db,
		Ready: db.Ping, Map: db, Questions: db, Consultations: db, Documents: db, Pages: db, Threads: db, Library: db}, c, log)
	if err != nil {
		t.Fatal(err)
	}
	return &site{db: db, h: h, counters: c}
}
