package web

import (
	"testing"
	"time"
)

// SetSitemapSize makes each sitemap of articles list at most n addresses
// until the test ends. Tests that call it may not run in parallel.
func SetSitemapSize(t testing.TB, n int) {
	old := sitemapSize
	sitemapSize = n
	t.Cleanup(func() { sitemapSize = old })
}

// FormToken signs t as the comment form does.
func FormToken(secret string, t time.Time) int64 { return formToken(secret, t) }

// PerPage is how many articles a list page shows.
const PerPage = perPage
