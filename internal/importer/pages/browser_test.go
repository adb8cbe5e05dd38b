package pages_test

import (
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"cong/internal/browsertest"
	"cong/internal/importer/pages/pagestest"
	"cong/internal/storetest"
)

// TestBrowserFollowsOldAddress: a reader's browser given an old article's
// address, query and all, lands on the imported article with its picture
// loaded, its caption and its byline.
func TestBrowserFollowsOldAddress(t *testing.T) {
	tab := browsertest.Start(t, time.Minute)
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	site, mediaDir := pagestest.Write(t), t.TempDir()
	importSite(t, db, site.Dir, mediaDir, false)
	srv := httptest.NewServer(newWeb(t, db, mediaDir))
	t.Cleanup(srv.Close)
	a := article(t, db, pagestest.SeedAddress)
	seed := pagestest.Seed()

	browsertest.Do(t, tab, "open the old address", chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv.URL+pagestest.SeedAddress), chromedp.WaitVisible(chromedp.CSS("h1.article-title")))
	if loc := browsertest.Run(t, tab, "location", chromedp.Location()); loc != srv.URL+a.URL() {
		t.Errorf("location = %q; want %q", loc, srv.URL+a.URL())
	}
	for sel, want := range map[string]string{
		"h1.article-title":                seed.Title,
		".article-category a":             "Chính trị",
		".article-body figure figcaption": seed.Caption,
		".article-author":                 "Thanh Tâm",
	} {
		if got := browsertest.Text(t, tab, sel); got != want {
			t.Errorf("%s = %q; want %q", sel, got, want)
		}
	}
	if w := browsertest.ImageWidth(t, tab, ".article-body figure img"); w <= 0 {
		t.Errorf("the picture's naturalWidth = %d; want it loaded", w)
	}
	browsertest.Screenshot(t, tab, filepath.Join(browsertest.ArtifactsDir(t), "imported-article.png"))
}
