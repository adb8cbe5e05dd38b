package web_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"cong/internal/render"
	"cong/internal/storetest"
)

// browserAccept is what browsers send: brotli and gzip alike acceptable.
const browserAccept = "gzip, deflate, br, zstd"

// made is how many brotli forms of pages with holes were made since start.
// The tests that read it run on one engine, so no other test makes any
// meanwhile.
func made() uint64 { return render.BrotliMade() }

// TestPageBrotli: a page with holes goes in brotli to a browser that
// prefers it; the form made for the numbers of one request serves the next
// ones showing the same; numbers changed within the second get gzip, and
// brotli again in the next second. Decoded, every body is the plain page
// of the same numbers, byte for byte.
func TestPageBrotli(t *testing.T) {
	t0 := time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC)
	clock := &testClock{now: t0}
	s := newClockedSite(t, storetest.Open(t, storetest.SQLiteDSN(t)), clock)
	cookie := cookieOf(t, s.get(t, seedURL)) // the page cached, the visitor known
	start := made()
	step := func(name, accept, want string, forms uint64) *httptest.ResponseRecorder {
		t.Helper()
		w := s.get(t, seedURL, "Cookie", cookie, "Accept-Encoding", accept)
		plain := s.get(t, seedURL, "Cookie", cookie) // the same numbers: same visitor, same instant
		if got := w.Header().Get("Content-Encoding"); w.Code != 200 || got != want {
			t.Fatalf("%s: %d, Content-Encoding %q; want 200, %q", name, w.Code, got, want)
		}
		if got := decoded(t, w); !bytes.Equal(got, plain.Body.Bytes()) {
			t.Errorf("%s: decoded body (%d bytes) is not the plain page (%d)", name, len(got), plain.Body.Len())
		}
		if got := w.Header().Get("ETag"); want != "" && !strings.HasSuffix(got, "-"+want+`"`) {
			t.Errorf("%s: ETag %s; want one naming %s", name, got, want)
		}
		if got := made() - start; got != forms {
			t.Errorf("%s: %d brotli forms made in all; want %d", name, got, forms)
		}
		return w
	}
	first := step("first request", browserAccept, "br", 1)
	again := step("the same numbers", "br", "br", 1)
	if !bytes.Equal(again.Body.Bytes(), first.Body.Bytes()) {
		t.Error("the same numbers: another brotli body than the form kept")
	}
	clock.Set(t0.Add(900 * time.Millisecond))
	s.get(t, seedURL) // another reader: one more view, one more guest
	step("new numbers within the second", browserAccept, "gzip", 1)
	step("new numbers, brotli alone acceptable", "br", "", 1)
	clock.Set(t0.Add(time.Second))
	step("the next second", browserAccept, "br", 2)
	step("the next second, again", browserAccept, "br", 2)
	clock.Set(t0.Add(3 * time.Second)) // the form's token changes every second
	step("seconds later", "br;q=1, gzip;q=0.5", "br", 3)
}

// TestPageBrotliNotModified: a browser's brotli copy revalidates to 304
// with nothing compressed, and so does its gzip copy, sent when brotli was
// not to be had, while its numbers stand.
func TestPageBrotliNotModified(t *testing.T) {
	t0 := time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC)
	clock := &testClock{now: t0}
	s := newClockedSite(t, storetest.Open(t, storetest.SQLiteDSN(t)), clock)
	cookie := cookieOf(t, s.get(t, "/")) // the home page: counters, no form
	start := made()
	revalidate := func(name, tag string, forms uint64) {
		t.Helper()
		w := s.get(t, "/", "Cookie", cookie, "Accept-Encoding", browserAccept, "If-None-Match", tag)
		if w.Code != 304 || w.Body.Len() != 0 || w.Header().Get("ETag") != tag {
			t.Errorf("%s: %d with %d bytes, ETag %s; want 304, none, %s", name, w.Code, w.Body.Len(), w.Header().Get("ETag"), tag)
		}
		if w.Header().Get("Vary") != "Accept-Encoding" || w.Header().Get("Content-Encoding") != "" {
			t.Errorf("%s: Vary %q, Content-Encoding %q", name, w.Header().Get("Vary"), w.Header().Get("Content-Encoding"))
		}
		if got := made() - start; got != forms {
			t.Errorf("%s: %d brotli forms made in all; want %d", name, got, forms)
		}
	}
	w := s.get(t, "/", "Cookie", cookie, "Accept-Encoding", browserAccept)
	if w.Header().Get("Content-Encoding") != "br" {
		t.Fatalf("home page: Content-Encoding %q; want br", w.Header().Get("Content-Encoding"))
	}
	revalidate("the brotli copy", w.Header().Get("ETag"), 1)

	s.get(t, "/") // another reader within the second: the counters move
	w = s.get(t, "/", "Cookie", cookie, "Accept-Encoding", browserAccept)
	if w.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("new numbers within the second: Content-Encoding %q; want gzip", w.Header().Get("Content-Encoding"))
	}
	clock.Set(t0.Add(time.Second))
	revalidate("the gzip copy, the next second", w.Header().Get("ETag"), 1)
	if w = s.get(t, "/", "Cookie", cookie, "Accept-Encoding", browserAccept); w.Header().Get("Content-Encoding") != "br" {
		t.Errorf("no copy, the next second: Content-Encoding %q; want br", w.Header().Get("Content-Encoding"))
	}
	revalidate("the new brotli copy", w.Header().Get("ETag"), 2)
}

// TestPageBrotliHead: HEAD sends the headers GET sends in brotli, with no
// body, through a real server.
func TestPageBrotliHead(t *testing.T) {
	clock := &testClock{now: time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC)}
	s := newClockedSite(t, storetest.Open(t, storetest.SQLiteDSN(t)), clock)
	srv := httptest.NewServer(s.h)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	defer client.CloseIdleConnections()
	cookie := cookieOf(t, s.get(t, seedURL))
	do := func(method string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+seedURL, nil)
		req.Header.Set("User-Agent", browserUA)
		req.Header.Set("Accept-Encoding", browserAccept)
		req.Header.Set("Cookie", cookie)
		resp, err := client.Do(req)
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
	head, none := do("HEAD")
	get, body := do("GET")
	if get.StatusCode != 200 || head.StatusCode != 200 || get.Header.Get("Content-Encoding") != "br" {
		t.Fatalf("GET %d, HEAD %d, Content-Encoding %q; want 200, 200, br", get.StatusCode, head.StatusCode, get.Header.Get("Content-Encoding"))
	}
	if len(none) != 0 || head.ContentLength != int64(len(body)) || get.ContentLength != int64(len(body)) {
		t.Errorf("HEAD sent %d bytes; Content-Length HEAD %d, GET %d; body %d", len(none), head.ContentLength, get.ContentLength, len(body))
	}
	for _, k := range []string{"Content-Encoding", "Content-Type", "Vary", "ETag"} {
		if head.Header.Get(k) != get.Header.Get(k) {
			t.Errorf("HEAD %s %q; GET %q", k, head.Header.Get(k), get.Header.Get(k))
		}
	}
}

// TestPageBrotliOncePerSecond: 200 new readers at once, each showing other
// numbers, make one brotli form of the page between them in a second; every
// one gets a body that decodes to a whole page in the coding its ETag
// names.
func TestPageBrotliOncePerSecond(t *testing.T) {
	t0 := time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC)
	clock := &testClock{now: t0}
	s := newClockedSite(t, storetest.Open(t, storetest.SQLiteDSN(t)), clock)
	s.get(t, seedURL) // cached
	for sec := range 2 {
		clock.Set(t0.Add(time.Duration(sec) * time.Second))
		start := made()
		res := make([]*httptest.ResponseRecorder, 200)
		var wg sync.WaitGroup
		for i := range res {
			wg.Go(func() {
				r := httptest.NewRequest("GET", seedURL, nil)
				r.Header.Set("User-Agent", browserUA)
				r.Header.Set("Accept-Encoding", browserAccept)
				res[i] = httptest.NewRecorder()
				s.h.ServeHTTP(res[i], r)
			})
		}
		wg.Wait()
		if got := made() - start; got != 1 {
			t.Errorf("second %d: %d brotli forms made for 200 readers; want 1", sec, got)
		}
		codings := map[string]int{}
		for _, w := range res {
			c := w.Header().Get("Content-Encoding")
			codings[c]++
			if w.Code != 200 || !strings.HasSuffix(w.Header().Get("ETag"), "-"+c+`"`) {
				t.Fatalf("second %d: %d, Content-Encoding %q, ETag %s", sec, w.Code, c, w.Header().Get("ETag"))
			}
			if page := decoded(t, w); !bytes.HasSuffix(bytes.TrimSpace(page), []byte("</html>")) {
				t.Fatalf("second %d: %s body is not a whole page", sec, c)
			}
		}
		if codings["br"] == 0 || codings["br"]+codings["gzip"] != len(res) {
			t.Errorf("second %d: codings %v; want brotli and gzip only, some brotli", sec, codings)
		}
	}
}
