package web_test

import (
	"net/http/httptest"
	"testing"

	"cong/internal/storetest"
)

// BenchmarkArticlePage serves the seed article from memory to a new visitor
// each time, with view and visitor counting on: the path wrk measures.
func BenchmarkArticlePage(b *testing.B) { benchmarkArticlePage(b, "") }

// BenchmarkArticlePageGzip is BenchmarkArticlePage for a browser that
// accepts gzip: the cached parts spliced with the numbers of the request.
func BenchmarkArticlePageGzip(b *testing.B) { benchmarkArticlePage(b, "gzip, deflate, br, zstd") }

func benchmarkArticlePage(b *testing.B, accept string) {
	db := storetest.Open(b, storetest.SQLiteDSN(b))
	s := newSiteB(b, db)
	s.get(b, seedURL) // the page rendered and cached
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r := httptest.NewRequest("GET", seedURL, nil)
			r.Header.Set("User-Agent", browserUA)
			if accept != "" {
				r.Header.Set("Accept-Encoding", accept)
			}
			w := httptest.NewRecorder()
			s.h.ServeHTTP(w, r)
			if w.Code != 200 || (w.Header().Get("Content-Encoding") == "gzip") != (accept != "") {
				b.Fatalf("GET = %d, Content-Encoding %q", w.Code, w.Header().Get("Content-Encoding"))
			}
		}
	})
}
