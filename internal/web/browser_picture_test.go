package web_test

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"cong/internal/browsertest"
	"cong/internal/storetest"
)

// sizesWidth evaluates in the page the sizes attribute of the element at
// the selector given as argument: the first entry whose media condition
// holds, its length measured on a scratch element.
const sizesWidth = `(sel => {
  const img = document.querySelector(sel);
  for (const entry of img.sizes.split(/,(?![^(]*\))/)) {
    const m = entry.trim().match(/^(\(.*\))\s+(.+)$/);
    if (m && !matchMedia(m[1]).matches) continue;
    const probe = document.createElement('div');
    probe.style.width = m ? m[2] : entry.trim();
    document.body.appendChild(probe);
    const w = probe.getBoundingClientRect().width;
    probe.remove();
    return w;
  }
  return -1;
})`

// TestBrowserPictureSizes: the sizes attribute of each kind of picture
// tells the width the style sheet draws it at, on a phone and on wide
// screens, and a browser that reads WebP takes a WebP copy.
func TestBrowserPictureSizes(t *testing.T) {
	tab := browsertest.Start(t, time.Minute)
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	dir := t.TempDir()
	s := newFullSiteIn(t, db, origin, dir)
	article := addPhotoArticle(t, db, dir)
	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)

	for _, width := range []int{375, 412, 1000, 1280} {
		browsertest.SetWidth(t, tab, width)
		for _, c := range []struct{ path, sel string }{
			{"/", ".lead picture img"},
			{"/", ".latest .article-item picture img"},
			{article, ".article-body figure img"},
		} {
			browsertest.Do(t, tab, "open "+c.path, chromedp.Navigate(srv.URL+c.path))
			browsertest.ImageWidth(t, tab, c.sel)
			drawn := browsertest.Run(t, tab, "width of "+c.sel, chromedp.Evaluate[float64](
				`document.querySelector(`+browsertest.JSString(c.sel)+`).getBoundingClientRect().width`))
			told := browsertest.Run(t, tab, "sizes of "+c.sel, chromedp.Evaluate[float64](
				sizesWidth+`(`+browsertest.JSString(c.sel)+`)`))
			// 100vw counts a desktop scroll bar that the page's width does not.
			if told < drawn-1 || told > drawn+16 {
				t.Errorf("at %dpx, %s on %s is drawn %.1f pixels wide; its sizes say %.1f", width, c.sel, c.path, drawn, told)
			}
			src := browsertest.Run(t, tab, "currentSrc of "+c.sel, chromedp.JavascriptAttribute[string](chromedp.CSS(c.sel), "currentSrc"))
			t.Logf("at %dpx, %s: drawn %.1f, sizes %.1f, took %s", width, c.sel, drawn, told, src)
			if !strings.HasSuffix(src, ".webp") {
				t.Errorf("at %dpx, %s on %s took %s; want a WebP copy", width, c.sel, c.path, src)
			}
		}
	}
}
