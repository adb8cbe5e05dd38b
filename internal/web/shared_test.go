package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"cong/internal/browsertest"
	"cong/internal/counter"
	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/storetest"
	"cong/internal/web"
)

// newSharedSite is the demo portal with a shared cache in front; a request
// with the header X-Staff comes from a member of staff.
func newSharedSite(t *testing.T) *site {
	t.Helper()
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	media := t.TempDir()
	if _, err := demo.Seed(ctx, db, media, time.Now()); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c := counter.New(db, 30*time.Minute, 20*time.Minute, log)
	h, err := web.New(web.Config{MediaDir: media, CacheTTL: time.Minute, CacheBytes: 8 << 20, VisitorTTL: 30 * time.Minute,
		BaseURL: origin, SharedTTL: time.Minute, SharedStale: time.Hour,
		Session: func(r *http.Request) bool { return r.Header.Get("X-Staff") != "" }},
		web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Popular: db, Search: db, Comments: db, Ready: db.Ping}, c, log)
	if err != nil {
		t.Fatal(err)
	}
	return &site{db: db, h: h, counters: c}
}

const sharedControl = "public, max-age=0, s-maxage=60, stale-while-revalidate=60, stale-if-error=3600"

func TestSharedCacheHeaders(t *testing.T) {
	s := newSharedSite(t)
	for _, tc := range []struct {
		name, path string
		header     []string
		want       string // Cache-Control, or its start
	}{
		{"article", seedURL, nil, sharedControl},
		{"home", "/", nil, sharedControl},
		{"feed", "/rss", nil, "public, max-age=60" + strings.TrimPrefix(sharedControl, "public, max-age=0")},
		{"staff", seedURL, []string{"X-Staff", "1"}, "private, no-cache"},
		{"search", "/tim-kiem?q=tin", nil, "private, no-cache"},
		{"not found", "/khong-co-trang-nay", nil, "no-store"},
	} {
		w := s.get(t, tc.path, tc.header...)
		if got := w.Header().Get("Cache-Control"); got != tc.want {
			t.Errorf("%s: GET %s: Cache-Control %q; want %q", tc.name, tc.path, got, tc.want)
		}
		if ck := w.Header().Values("Set-Cookie"); len(ck) > 0 {
			t.Errorf("%s: GET %s sets %q; want no cookie when a shared cache is on", tc.name, tc.path, ck)
		}
	}
	if v := s.get(t, seedURL, "Accept-Encoding", "gzip").Header().Get("Vary"); v != "Accept-Encoding" {
		t.Errorf("article page: Vary %q; want Accept-Encoding", v)
	}
	if n := s.counters.Views.Pending(); n != 0 {
		t.Errorf("views counted by serving pages: %d; want 0 (the beacon counts them)", n)
	}
}

var beaconAttr = regexp.MustCompile(`<script src="/static/luot-xem\.[0-9a-f]+\.js" data-b="([0-9a-z.]+)" defer>`)

// beacon is the value of the page's beacon.
func (s *site) beacon(t *testing.T, path string) string {
	t.Helper()
	m := beaconAttr.FindStringSubmatch(s.get(t, path).Body.String())
	if m == nil {
		t.Fatalf("GET %s carries no beacon", path)
	}
	return m[1]
}

func (s *site) sendBeacon(t *testing.T, method, query string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, "/luot-xem?"+query, nil)
	r.Header.Set("User-Agent", browserUA)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	if w.Header().Get("Cache-Control") != "no-store" || len(w.Header().Values("Set-Cookie")) > 0 {
		t.Errorf("%s /luot-xem?%s: Cache-Control %q, cookies %q; want no-store and none", method, query,
			w.Header().Get("Cache-Control"), w.Header().Values("Set-Cookie"))
	}
	return w
}

func TestBeaconCounts(t *testing.T) {
	s := newSharedSite(t)
	b := s.beacon(t, seedURL)
	if home := s.beacon(t, "/"); home != "0" {
		t.Errorf("home page beacon %q; want 0 (a page view, no article)", home)
	}
	online := func() int { return s.counters.Online.Count(counter.Guest, time.Now()) }
	for _, tc := range []struct {
		name, method, query string
		header              []string
		code                int
		views, online       int64
	}{
		{"first reader", "POST", "b=" + b + "&v=00000000000000a1.0", nil, 204, 1, 1},
		{"same reader again", "POST", "b=" + b + "&v=00000000000000a1.0", nil, 204, 1, 1},
		{"second reader", "POST", "b=" + b + "&v=00000000000000a2.0", nil, 204, 2, 2},
		{"without script", "GET", "b=" + b, nil, 204, 3, 3},
		{"a page not an article", "POST", "b=0&v=00000000000000a3.0", nil, 204, 3, 4},
		{"robot", "POST", "b=" + b, []string{"User-Agent", "Googlebot/2.1"}, 204, 3, 4},
		{"unsigned", "POST", "b=1.0000000000000000&v=00000000000000a4.0", nil, 400, 3, 4},
		{"garbage", "POST", "b=%00%ff", nil, 400, 3, 4},
		{"another site's page", "POST", "b=" + b, []string{"Sec-Fetch-Site", "cross-site"}, 403, 3, 4},
	} {
		w := s.sendBeacon(t, tc.method, tc.query, tc.header...)
		if w.Code != tc.code {
			t.Errorf("%s: %s /luot-xem = %d; want %d", tc.name, tc.method, w.Code, tc.code)
		}
		if n := s.counters.Views.Pending(); n != tc.views {
			t.Errorf("%s: views %d; want %d", tc.name, n, tc.views)
		}
		if n := online(); int64(n) != tc.online {
			t.Errorf("%s: guests online %d; want %d", tc.name, n, tc.online)
		}
	}
}

func TestNoBeaconWithoutSharedCache(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	if strings.Contains(s.get(t, seedURL).Body.String(), "luot-xem") {
		t.Error("the article page carries a beacon without a shared cache")
	}
	w := s.sendBeacon(t, "POST", "b=0")
	if w.Code != 404 {
		t.Errorf("POST /luot-xem without a shared cache = %d; want 404", w.Code)
	}
	if cc := s.get(t, seedURL).Header().Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("article page without a shared cache: Cache-Control %q; want no-cache, as before", cc)
	}
}

// TestBeaconCountsAds: the ads a kept page showed are counted by its beacon,
// running ones only, each once; serving the page counts none.
func TestBeaconCountsAds(t *testing.T) {
	s := newSharedSite(t)
	// The demo's ads step aside: a page draws one ad of a slot by weight,
	// and this test needs its own on the page.
	demoAds, err := s.db.AllAds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range demoAds {
		a.Active = false
		if err := s.db.SaveAd(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
	}
	ad := portal.Ad{Title: "Hội chợ", Text: "Hội chợ OCOP", URL: "https://haugiang.gov.vn/hoi-cho",
		Weight: 5, StartsAt: time.Now().Add(-time.Hour), Active: true}
	if err := s.db.SaveAd(ctx, storetest.Actor, &ad); err != nil {
		t.Fatal(err)
	}
	s.h.ClearCache()
	id := strconv.FormatInt(ad.ID, 10)
	if !strings.Contains(s.get(t, "/").Body.String(), `data-qc="`+id+`"`) {
		t.Fatal("the home page shows no ad")
	}
	s.sendBeacon(t, "POST", "b=0&v=00000000000000b1.0&qc="+id+"."+id+".999999")
	s.sendBeacon(t, "POST", "b=0&qc="+id, "User-Agent", "Googlebot/2.1")
	flush(t, s)
	if _, total, err := s.db.AdStats(ctx, ad.ID, "2000-01-01"); err != nil || total.Impressions != 1 {
		t.Errorf("impressions %+v, %v; want 1 (the reader's beacon, the ad once)", total, err)
	}
}

// TestBrowserBeacon opens an article of a portal behind a shared cache in a
// real browser: the page's script (under the site's CSP) reports the view
// with no cookie, and a reload by the same reader counts no second view.
func TestBrowserBeacon(t *testing.T) {
	tab := browsertest.Start(t, browserTimeout)
	s := newSharedSite(t)
	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)
	views := func(want int64, what string) {
		t.Helper()
		for deadline := time.Now().Add(stepTimeout); s.counters.Views.Pending() != want; time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: views %d; want %d", what, s.counters.Views.Pending(), want)
			}
		}
	}
	browsertest.Do(t, tab, "open the article", chromedp.Navigate(srv.URL+seedURL))
	views(1, "after the first visit")
	browsertest.Do(t, tab, "reload", chromedp.Reload())
	browsertest.Do(t, tab, "open the home page", chromedp.Navigate(srv.URL+"/"))
	if id := browsertest.Run(t, tab, "kept id", chromedp.Evaluate[string](`localStorage.getItem("cong_v") || ""`)); !regexp.MustCompile(`^[0-9a-f]{16}\.[0-9]+$`).MatchString(id) {
		t.Errorf("localStorage cong_v = %q; want ID.MINUTE", id)
	}
	if ck := browsertest.Run(t, tab, "cookies", chromedp.Evaluate[string](`document.cookie`)); ck != "" {
		t.Errorf("document.cookie = %q; want none", ck)
	}
	// The home page's beacon reached the server too: the reader is online
	// once, whatever the pages.
	for deadline := time.Now().Add(stepTimeout); s.counters.Online.Count(counter.Guest, time.Now()) != 1; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("guests online %d; want 1", s.counters.Online.Count(counter.Guest, time.Now()))
		}
	}
	views(1, "after a reload and the home page")
}
