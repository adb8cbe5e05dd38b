package wordpress_test

import (
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"cong/internal/browsertest"
	"cong/internal/storetest"
)

// TestBrowserOldAddress: a reader with a link to the old site's article, in
// its permalink form under a slug it had before, lands on the imported
// article in Chromium, its picture shown from the library.
func TestBrowserOldAddress(t *testing.T) {
	tab := browsertest.Start(t, time.Minute)
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSite(t, db)
	if _, err := s.importFile(t, fixture, false); err != nil {
		t.Fatal(err)
	}
	h, _ := publicSite(t, s)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	a := article(t, db, "12")

	browsertest.Do(t, tab, "open the old address", chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv.URL+"/2020/12/30/hoi-nghi-cuoi-nam/"),
		chromedp.WaitVisible(chromedp.CSS("h1.article-title")))
	if loc := browsertest.Run(t, tab, "location", chromedp.Location()); loc != srv.URL+a.URL() {
		t.Errorf("the old address led to %q; want %q", loc, srv.URL+a.URL())
	}
	if got := browsertest.Text(t, tab, "h1.article-title"); got != a.Title {
		t.Errorf("h1 = %q; want %q", got, a.Title)
	}
	if w := browsertest.ImageWidth(t, tab, `.article-body img[src^="/media/2020/12/"]`); w == 0 {
		t.Error("the article's picture did not load")
	}
	browsertest.Screenshot(t, tab, filepath.Join(browsertest.ArtifactsDir(t), "wordpress-article.png"))
}
