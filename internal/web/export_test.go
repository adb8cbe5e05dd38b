package web

import "testing"

// SetSitemapSize makes each sitemap of articles list at most n addresses
// until the test ends. Tests that call it may not run in parallel.
func SetSitemapSize(t testing.TB, n int) {
	old := sitemapSize
	sitemapSize = n
	t.Cleanup(func() { sitemapSize = old })
}
