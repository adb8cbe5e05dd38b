package web_test

import (
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"cong/internal/browsertest"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// TestBrowserThreadAndHomeBlock follows, in Chromium, a chuyên đề's home
// block to the articles in the editors' order, then an article's
// "Dòng sự kiện" box to the thread's timeline, dated in Vietnam's zone;
// axe-core finds no WCAG 2 A/AA violation on the home page or the timeline.
func TestBrowserThreadAndHomeBlock(t *testing.T) {
	tab := browsertest.Start(t, browserTimeout)
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s, cat := threadSite(t, db)
	th := &portal.Thread{Title: "Mùa nước nổi 2026", Description: "Theo dõi mùa nước nổi trên địa bàn tỉnh."}
	if err := db.CreateThread(ctx, storetest.Actor, th); err != nil {
		t.Fatal(err)
	}
	first := publish(t, db, cat, "Nước bắt đầu lên", portal.StatusPublished, time.Date(2026, 9, 1, 23, 15, 0, 0, time.UTC), th.ID)
	last := publish(t, db, cat, "Đỉnh lũ đã qua", portal.StatusPublished, time.Date(2026, 10, 3, 2, 0, 0, 0, time.UTC), th.ID)
	g := &portal.Collection{Name: "Ứng phó thiên tai", OnHome: true, Position: 1}
	if err := db.CreateCollection(ctx, storetest.Actor, g); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{first.ID, last.ID} { // the older one first, by hand
		if err := db.AddToCollection(ctx, storetest.Actor, g.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)

	browsertest.Do(t, tab, "open the home page", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+"/"))
	if got := browsertest.Text(t, tab, ".collection-block h2"); got != "Ứng phó thiên tai" {
		t.Errorf("home block heading = %q", got)
	}
	order := browsertest.Run(t, tab, "block order", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll(".collection-block .article-item h3")].map(h => h.textContent.trim())`))
	if len(order) != 2 || order[0] != "Nước bắt đầu lên" || order[1] != "Đỉnh lũ đã qua" {
		t.Errorf("home block = %q; want the hand order", order)
	}
	for _, v := range browsertest.Axe(t, tab) {
		t.Errorf("home page: %s", v)
	}

	browsertest.Do(t, tab, "open an article of the thread", chromedp.Navigate(srv.URL+first.URL()))
	if got := browsertest.Text(t, tab, ".thread-box h2"); got != "Dòng sự kiện: Mùa nước nổi 2026" {
		t.Errorf("thread box = %q", got)
	}
	browsertest.Do(t, tab, "follow the box", chromedp.Click(chromedp.CSS(".thread-box h2 a")),
		chromedp.WaitVisible(chromedp.CSS(".timeline")))
	days := browsertest.Run(t, tab, "days", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll(".timeline-day > h2")].map(h => h.textContent.trim())`))
	if len(days) != 2 || days[0] != "03/10/2026" || days[1] != "02/09/2026" {
		t.Errorf("timeline days = %q; want 03/10/2026 then 02/09/2026 (06:15 in Vietnam)", days)
	}
	if got := browsertest.Text(t, tab, ".timeline-day:last-child .clock"); got != "06:15" {
		t.Errorf("the first article's time = %q; want 06:15", got)
	}
	for _, v := range browsertest.Axe(t, tab) {
		t.Errorf("thread page: %s", v)
	}
	browsertest.Screenshot(t, tab, filepath.Join(browsertest.ArtifactsDir(t), "thread.png"))
}
