package web_test

import (
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"cong/internal/browsertest"
	"cong/internal/storetest"
)

// TestBrowserMapAccessible loads the administrative map and a unit's page
// in Chromium: axe-core finds no WCAG 2 A/AA violation on either, Tab
// reaches every unit of the map in order, and a focused unit shows it.
func TestBrowserMapAccessible(t *testing.T) {
	tab := browsertest.Start(t, browserTimeout)
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSite(t, db)
	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)
	m, err := db.AdminMap(ctx)
	if err != nil || len(m.Units) == 0 {
		t.Fatalf("demo map: %v, %d units", err, len(m.Units))
	}

	for _, path := range []string{"/ban-do-hanh-chinh", "/ban-do-hanh-chinh/" + m.Units[0].Slug, "/"} {
		browsertest.Do(t, tab, "open "+path, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+path))
		for _, v := range browsertest.Axe(t, tab) {
			t.Errorf("%s: %s", path, v)
		}
	}

	browsertest.Do(t, tab, "open the map", chromedp.Navigate(srv.URL+"/ban-do-hanh-chinh"))
	var reached []string
	for range 120 { // the header, menu and search come first; bounded
		browsertest.Do(t, tab, "press Tab", chromedp.KeyEvent(kb.Tab))
		href := browsertest.Run(t, tab, "focused unit", chromedp.Evaluate[string](
			`(a => a && a.closest("svg.admin-map") ? a.getAttribute("href") : "")(document.activeElement)`))
		if href == "" {
			if len(reached) > 0 {
				break
			}
			continue
		}
		reached = append(reached, href)
		if len(reached) == 1 {
			width := browsertest.Run(t, tab, "focus ring", chromedp.Evaluate[string](
				`getComputedStyle(document.activeElement.querySelector("path")).strokeWidth`))
			if width != "3.5px" {
				t.Errorf("focused unit's border = %s; want the 3.5px focus border", width)
			}
			browsertest.Screenshot(t, tab, filepath.Join(browsertest.ArtifactsDir(t), "map-focus.png"))
		}
	}
	if len(reached) != len(m.Units) {
		t.Fatalf("Tab reached %d units of the map (%q); want %d", len(reached), reached, len(m.Units))
	}
	for i, u := range m.Units {
		if want := "/ban-do-hanh-chinh/" + u.Slug; reached[i] != want {
			t.Errorf("Tab stop %d = %s; want %s", i, reached[i], want)
		}
	}
}
