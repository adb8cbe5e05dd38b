package web_test

import (
	"net/http/httptest"
	"testing"

	"cong/internal/storetest"
)

// BenchmarkArticlePage serves the seed article from memory to a new visitor
// each time, with view and visitor counting on: the path wrk measures.
func BenchmarkArticlePage(b *testing.B) {
	db := storetest.Open(b, storetest.SQLiteDSN(b))
	s := newSiteB(b, db)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r := httptest.NewRequest("GET", seedURL, nil)
			r.Header.Set("User-Agent", browserUA)
			w := httptest.NewRecorder()
			s.h.ServeHTTP(w, r)
			if w.Code != 200 {
				b.Fatalf("GET = %d: %s", w.Code, w.Body.String()[:200])
			}
		}
	})
}
