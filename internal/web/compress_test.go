package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// decoded is the body of w decoded from its Content-Encoding.
func decoded(t *testing.T, w *httptest.ResponseRecorder) []byte {
	t.Helper()
	var r io.Reader
	switch c := w.Header().Get("Content-Encoding"); c {
	case "":
		return w.Body.Bytes()
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(w.Body.Bytes()))
		if err != nil {
			t.Fatalf("gzip: %v", err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(bytes.NewReader(w.Body.Bytes()))
	default:
		t.Fatalf("Content-Encoding %q", c)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decode %s: %v", w.Header().Get("Content-Encoding"), err)
	}
	return b
}

// cookieOf is the visitor cookie a response set, to send back.
func cookieOf(t *testing.T, w *httptest.ResponseRecorder) string {
	t.Helper()
	c, _, _ := strings.Cut(w.Header().Get("Set-Cookie"), ";")
	if !strings.HasPrefix(c, "cong_v=") {
		t.Fatalf("Set-Cookie = %q; want the visitor cookie", w.Header().Get("Set-Cookie"))
	}
	return c
}

// TestPageCodings asks for a cached page in every way a client may, as the
// same visitor at the same instant: whatever the coding, the decoded bytes
// are the plain page's, byte for byte, holes filled alike.
func TestPageCodings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		clock := &testClock{now: time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC)}
		s := newClockedSite(t, db, clock)
		for _, path := range []string{seedURL, "/", "/" + demo.SeedCategory} {
			cookie := cookieOf(t, s.get(t, path))
			plain := s.get(t, path, "Cookie", cookie)
			if plain.Code != 200 || plain.Header().Get("Content-Encoding") != "" {
				t.Fatalf("GET %s = %d, Content-Encoding %q", path, plain.Code, plain.Header().Get("Content-Encoding"))
			}
			for _, tc := range []struct{ accept, want string }{
				{"", ""},
				{"gzip", "gzip"},
				{"gzip, deflate, br, zstd", "br"}, // made by the first, kept for the same numbers
				{"br", "br"},
				{"br;q=1, gzip;q=0.5", "br"},
				{"br;q=0, gzip", "gzip"},
				{"gzip;q=0", ""},
				{"identity", ""},
				{"identity;q=0.5, gzip", "gzip"},
				{"*", "br"},
				{"x-gzip", "gzip"},
			} {
				w := s.get(t, path, "Cookie", cookie, "Accept-Encoding", tc.accept)
				if w.Code != 200 {
					t.Fatalf("GET %s, Accept-Encoding %q = %d", path, tc.accept, w.Code)
				}
				if got := w.Header().Get("Content-Encoding"); got != tc.want {
					t.Errorf("GET %s, Accept-Encoding %q: Content-Encoding %q; want %q", path, tc.accept, got, tc.want)
				}
				if got := w.Header().Get("Vary"); got != "Accept-Encoding" {
					t.Errorf("GET %s, Accept-Encoding %q: Vary %q; want Accept-Encoding", path, tc.accept, got)
				}
				if got := w.Header().Get("Content-Length"); got != strconv.Itoa(w.Body.Len()) {
					t.Errorf("GET %s, Accept-Encoding %q: Content-Length %s for %d bytes", path, tc.accept, got, w.Body.Len())
				}
				if got := decoded(t, w); !bytes.Equal(got, plain.Body.Bytes()) {
					t.Errorf("GET %s, Accept-Encoding %q: decoded body (%d bytes) is not the plain page (%d)", path, tc.accept, len(got), plain.Body.Len())
				}
				if tc.want != "" && w.Body.Len() > plain.Body.Len()*2/5 {
					t.Errorf("GET %s: %d %s bytes for %d plain", path, w.Body.Len(), tc.want, plain.Body.Len())
				}
			}
		}
	})
}

// TestPageNotModified: a page's ETag names its bytes, counters included. A
// browser revalidating its copy gets 304 while nothing it shows changed,
// and the request still counts as a page view; another reader's view
// changes the numbers and the ETag.
func TestPageNotModified(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		t0 := time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC)
		clock := &testClock{now: t0}
		s := newClockedSite(t, db, clock)
		first := s.get(t, seedURL, "Accept-Encoding", "gzip")
		cookie := cookieOf(t, first)
		tag := first.Header().Get("ETag")
		if !strings.HasPrefix(tag, `"`) || !strings.HasSuffix(tag, `-gzip"`) {
			t.Fatalf("ETag = %q; want a strong one naming gzip", tag)
		}
		plainTag := s.get(t, seedURL, "Cookie", cookie).Header().Get("ETag")
		if plainTag == tag || plainTag == "" {
			t.Errorf("plain ETag %q; gzip ETag %q: want two", plainTag, tag)
		}

		w := s.get(t, seedURL, "Cookie", cookie, "Accept-Encoding", "gzip", "If-None-Match", tag)
		if w.Code != 304 || w.Body.Len() != 0 {
			t.Fatalf("revalidation = %d with %d bytes; want 304 and none", w.Code, w.Body.Len())
		}
		if w.Header().Get("ETag") != tag || w.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("304: ETag %q, Vary %q; want %q and Accept-Encoding", w.Header().Get("ETag"), w.Header().Get("Vary"), tag)
		}
		if got := w.Header().Get("Content-Encoding") + w.Header().Get("Content-Type"); got != "" {
			t.Errorf("304 carries %q: no body, no body headers", got)
		}
		for _, list := range []string{`"x", ` + tag, "W/" + tag, "*"} {
			if w := s.get(t, seedURL, "Cookie", cookie, "Accept-Encoding", "gzip", "If-None-Match", list); w.Code != 304 {
				t.Errorf("If-None-Match %s = %d; want 304", list, w.Code)
			}
		}
		// The gzip copy's ETag does not validate a plain response.
		if w := s.get(t, seedURL, "Cookie", cookie, "If-None-Match", tag); w.Code != 200 {
			t.Errorf("plain request with the gzip ETag = %d; want 200", w.Code)
		}

		// Another reader comes: one more view and one more guest.
		s.get(t, seedURL)
		w = s.get(t, seedURL, "Cookie", cookie, "Accept-Encoding", "gzip", "If-None-Match", tag)
		if w.Code != 200 || w.Header().Get("ETag") == tag {
			t.Fatalf("after another reader's view = %d, ETag %q; want 200 and a new ETag", w.Code, w.Header().Get("ETag"))
		}
		if got := viewsIn(t, decoded(t, w)); got != "237" {
			t.Errorf("views shown = %q; want 237 (235 and two readers)", got)
		}

		// Every request above was a page view, the 304s too.
		if err := s.counters.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		stats, err := db.DailyStats(ctx, "2026-08-03", "2026-08-03")
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range stats {
			if c.Metric == portal.MetricViews && c.N != 9 {
				t.Errorf("page views counted = %d; want 9, the 304s among them", c.N)
			}
		}
		a, err := db.ArticleBySlug(ctx, demo.SeedSlug)
		if err != nil {
			t.Fatal(err)
		}
		if a.ViewCount != 237 {
			t.Errorf("stored view count = %d; want 237: one view per reader in the window", a.ViewCount)
		}

		// Past the view window, the same reader's revalidation counts a view:
		// the count moves, so the copy is not current.
		clock.Set(t0.Add(31 * time.Minute))
		tag = w.Header().Get("ETag")
		w = s.get(t, seedURL, "Cookie", cookie, "Accept-Encoding", "gzip", "If-None-Match", tag)
		if w.Code != 200 || viewsIn(t, decoded(t, w)) != "238" {
			t.Errorf("revalidation after the window = %d; want 200 showing 238 views", w.Code)
		}
	})
}

// viewsIn reads "Số lần xem" off a page.
func viewsIn(t *testing.T, page []byte) string {
	t.Helper()
	w := httptest.NewRecorder()
	w.Body.Write(page)
	return text(parse(t, w), ".views")
}

// TestCompressionOverHTTP goes through a real server and client: HEAD sends
// the headers of GET and no body, and Go's client, which asks for gzip and
// decompresses by itself, reads the counters right.
func TestCompressionOverHTTP(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSite(t, db)
	srv := httptest.NewServer(s.h)
	defer srv.Close()
	raw := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	defer raw.CloseIdleConnections()
	do := func(method, path, accept string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, nil)
		req.Header.Set("User-Agent", browserUA)
		req.Header.Set("Accept-Encoding", accept)
		resp, err := raw.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, b
	}
	for _, tc := range []struct{ path, accept, want string }{
		{seedURL, "gzip", "gzip"},
		{seedURL, "", ""},
		{"/rss", "br", "br"},
		{"/sitemap/chuyen-muc.xml", "gzip", "gzip"},
	} {
		get, body := do("GET", tc.path, tc.accept)
		head, none := do("HEAD", tc.path, tc.accept)
		if get.StatusCode != 200 || head.StatusCode != 200 {
			t.Fatalf("%s: GET %d, HEAD %d", tc.path, get.StatusCode, head.StatusCode)
		}
		if len(none) != 0 {
			t.Errorf("HEAD %s sent %d bytes", tc.path, len(none))
		}
		for _, k := range []string{"Content-Encoding", "Content-Type", "Vary"} {
			if head.Header.Get(k) != get.Header.Get(k) {
				t.Errorf("%s: HEAD %s %q; GET %q", tc.path, k, head.Header.Get(k), get.Header.Get(k))
			}
		}
		if get.Header.Get("Content-Encoding") != tc.want {
			t.Errorf("GET %s, Accept-Encoding %q: Content-Encoding %q; want %q", tc.path, tc.accept, get.Header.Get("Content-Encoding"), tc.want)
		}
		if head.ContentLength != int64(len(body)) || get.ContentLength != int64(len(body)) {
			t.Errorf("%s: Content-Length HEAD %d, GET %d; body %d", tc.path, head.ContentLength, get.ContentLength, len(body))
		}
	}

	// Go's client as it comes: gzip asked for and undone on the way.
	views := func() string {
		req, _ := http.NewRequest("GET", srv.URL+seedURL, nil)
		req.Header.Set("User-Agent", browserUA) // Go's own is a crawler's
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if !resp.Uncompressed {
			t.Error("Go's client got the page uncompressed")
		}
		b, _ := io.ReadAll(resp.Body)
		return viewsIn(t, b)
	}
	before := views()
	n, _ := strconv.Atoi(before)
	if after := views(); after != strconv.Itoa(n+1) {
		t.Errorf("views %s, then %s; want one more", before, after)
	}
}

// TestDocumentCodings: feeds and sitemaps, whose bytes are fixed once built,
// come in brotli as well as gzip, each with an ETag of its own; a document
// too small to gain goes plain.
func TestDocumentCodings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		for _, path := range []string{"/rss", "/atom", "/sitemap/chuyen-muc.xml"} {
			plain := s.get(t, path)
			if plain.Code != 200 || plain.Body.Len() < 1024 {
				t.Fatalf("GET %s = %d with %d bytes", path, plain.Code, plain.Body.Len())
			}
			tags := map[string]string{}
			for _, tc := range []struct{ accept, want string }{
				{"", ""},
				{"gzip", "gzip"},
				{"gzip, deflate, br, zstd", "br"},
				{"br;q=0, gzip", "gzip"},
				{"br", "br"},
				{"identity", ""},
			} {
				w := s.get(t, path, "Accept-Encoding", tc.accept)
				if got := w.Header().Get("Content-Encoding"); w.Code != 200 || got != tc.want {
					t.Errorf("GET %s, Accept-Encoding %q = %d, Content-Encoding %q; want 200, %q", path, tc.accept, w.Code, got, tc.want)
				}
				if w.Header().Get("Vary") != "Accept-Encoding" {
					t.Errorf("GET %s: Vary %q", path, w.Header().Get("Vary"))
				}
				if got := w.Header().Get("Content-Length"); got != strconv.Itoa(w.Body.Len()) {
					t.Errorf("GET %s, Accept-Encoding %q: Content-Length %s for %d bytes", path, tc.accept, got, w.Body.Len())
				}
				if !bytes.Equal(decoded(t, w), plain.Body.Bytes()) {
					t.Errorf("GET %s, Accept-Encoding %q: decoded body is not the plain one", path, tc.accept)
				}
				tag := w.Header().Get("ETag")
				if other, ok := tags[tag]; ok && other != tc.want {
					t.Errorf("GET %s: ETag %s for both %q and %q", path, tag, other, tc.want)
				}
				tags[tag] = tc.want
				if w := s.get(t, path, "Accept-Encoding", tc.accept, "If-None-Match", tag); w.Code != 304 || w.Body.Len() != 0 {
					t.Errorf("GET %s, Accept-Encoding %q, If-None-Match %s = %d with %d bytes; want 304", path, tc.accept, tag, w.Code, w.Body.Len())
				}
			}
		}
		// The sitemaps of a small portal are a few hundred bytes.
		for _, path := range []string{"/sitemap.xml", "/sitemap/trang-1.xml"} {
			w := s.get(t, path, "Accept-Encoding", "gzip, br")
			if w.Body.Len() >= 1024 || w.Header().Get("Content-Encoding") != "" || w.Header().Get("Vary") != "" {
				t.Errorf("GET %s: %d bytes, Content-Encoding %q, Vary %q; want plain", path, w.Body.Len(), w.Header().Get("Content-Encoding"), w.Header().Get("Vary"))
			}
		}
		// So is a redirect.
		a, err := db.ArticleBySlug(ctx, demo.SeedSlug)
		if err != nil {
			t.Fatal(err)
		}
		w := s.get(t, "/bai/"+strconv.FormatInt(a.ID, 10), "Accept-Encoding", "gzip, br")
		if w.Code != 301 || w.Header().Get("Content-Encoding") != "" {
			t.Errorf("GET /bai/%d = %d, Content-Encoding %q; want 301 plain", a.ID, w.Code, w.Header().Get("Content-Encoding"))
		}
	})
}
