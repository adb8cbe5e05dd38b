package web_test

import (
	"cmp"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"cong/internal/storetest"
)

// BenchmarkArticlePage serves the seed article from memory to a new visitor
// each time, with view and visitor counting on: the path wrk measures.
func BenchmarkArticlePage(b *testing.B) { benchmarkArticlePage(b, "", "", false) }

// BenchmarkArticlePageGzip is BenchmarkArticlePage for a browser that
// accepts gzip: the cached parts spliced with the numbers of the request.
// Brotli is not offered: every new visitor changes the numbers.
func BenchmarkArticlePageGzip(b *testing.B) { benchmarkArticlePage(b, "gzip, deflate", "gzip", false) }

// BenchmarkArticlePageSameVisitor serves the seed article to one visitor
// again and again, so that its numbers stand still within each second: in
// brotli from the form kept for them (one made a second), against gzip
// spliced as for any visitor.
func BenchmarkArticlePageSameVisitor(b *testing.B) {
	b.Run("gzip", func(b *testing.B) { benchmarkArticlePage(b, "gzip, deflate", "gzip", true) })
	b.Run("br", func(b *testing.B) { benchmarkArticlePage(b, "gzip, deflate, br, zstd", "br", true) })
}

func benchmarkArticlePage(b *testing.B, accept, want string, sameVisitor bool) {
	db := storetest.Open(b, storetest.SQLiteDSN(b))
	s := newSiteB(b, db)
	first := s.get(b, seedURL) // the page rendered and cached
	cookie := ""
	if sameVisitor {
		cookie, _, _ = strings.Cut(first.Header().Get("Set-Cookie"), ";")
	}
	var sent, inWant atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r := httptest.NewRequest("GET", seedURL, nil)
			r.Header.Set("User-Agent", browserUA)
			if accept != "" {
				r.Header.Set("Accept-Encoding", accept)
			}
			if cookie != "" {
				r.Header.Set("Cookie", cookie)
			}
			w := httptest.NewRecorder()
			s.h.ServeHTTP(w, r)
			c := w.Header().Get("Content-Encoding")
			if w.Code != 200 || c != want && (want != "br" || c != "gzip") {
				b.Fatalf("GET = %d, Content-Encoding %q", w.Code, c)
			}
			sent.Add(1)
			if c == want {
				inWant.Add(1)
			}
		}
	})
	// Brotli goes to most: gzip only while a new second's form is made.
	b.ReportMetric(float64(inWant.Load())/float64(max(sent.Load(), 1)), "share-"+cmp.Or(want, "plain"))
}

// BenchmarkMembersOnlyPage serves a members-only article to a signed-in
// member of its group: built for each request (the cookie's MAC checked
// against the member's row, the article's groups read, the page rendered),
// never from the cache, to set against BenchmarkArticlePage.
func BenchmarkMembersOnlyPage(b *testing.B) {
	db := storetest.Open(b, storetest.SQLiteDSN(b))
	s := newMembersSite(b, db)
	cookie := s.login(b, "dangvien", s.password)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r := httptest.NewRequest("GET", s.own.URL(), nil)
			r.Header.Set("User-Agent", browserUA)
			r.Header.Set("Cookie", cookie)
			w := httptest.NewRecorder()
			s.h.ServeHTTP(w, r)
			if w.Code != 200 {
				b.Fatalf("GET = %d", w.Code)
			}
		}
	})
}
