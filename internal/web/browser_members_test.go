package web_test

import (
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"cong/internal/browsertest"
	"cong/internal/storetest"
)

// TestBrowserMemberSignIn opens a members-only article in Chromium as a
// stranger, signs in on the form it shows, reads the article and the
// members' list, and signs out, with no script of the site's; the sign-in
// page, the article and the list pass axe-core and the sweep's checks.
func TestBrowserMemberSignIn(t *testing.T) {
	tab := browsertest.Start(t, 2*browserTimeout)
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newMembersSite(t, db)
	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)

	var found []browsertest.Finding
	check := func(name string) {
		found = append(found, browsertest.Check(t, tab, name, browsertest.Desktop, browsertest.Phone)...)
		found = append(found, browsertest.Overflow(t, tab, name, browsertest.Reflow)...)
		browsertest.SetWidth(t, tab, browsertest.Desktop)
	}
	browsertest.Do(t, tab, "open the members-only article", chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv.URL+s.own.URL()))
	if got := browsertest.Text(t, tab, "h1"); got != "Bài viết dành cho thành viên" {
		t.Errorf("a stranger's heading = %q", got)
	}
	check("members' sign-in")
	browsertest.Do(t, tab, "fill the form",
		chromedp.SendKeys(chromedp.CSS("#tv-username"), "dangvien"),
		chromedp.SendKeys(chromedp.CSS("#tv-password"), s.password))
	browsertest.Run(t, tab, "sign in", chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS(".member-login button[type=submit]"))))
	if got := browsertest.Text(t, tab, "h1.article-title"); got != s.own.Title {
		t.Fatalf("after signing in the heading is %q; want the article's", got)
	}
	if got := browsertest.Text(t, tab, ".members-badge"); got != "Dành cho thành viên" {
		t.Errorf("badge = %q", got)
	}
	check("members-only article")
	browsertest.Screenshot(t, tab, filepath.Join(browsertest.ArtifactsDir(t), "members-article.png"))

	browsertest.Do(t, tab, "open the members' list", chromedp.Navigate(srv.URL+"/thanh-vien"))
	links := browsertest.Run(t, tab, "links", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("main a")].map(a => a.getAttribute("href"))`))
	joined := strings.Join(links, " ")
	for _, u := range []string{s.own.URL(), s.inCategory.URL()} {
		if !strings.Contains(joined, u) {
			t.Errorf("the members' list lacks %s: %v", u, links)
		}
	}
	check("members' list")
	browsertest.Run(t, tab, "sign out", chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS(".member-bar button[type=submit]"))))
	browsertest.Do(t, tab, "open the article again", chromedp.Navigate(srv.URL+s.own.URL()))
	if n := browsertest.Run(t, tab, "sign-in forms", chromedp.Evaluate[int](
		`document.querySelectorAll("form[action='/thanh-vien/dang-nhap']").length`)); n != 1 {
		t.Errorf("after signing out the article shows %d sign-in forms; want 1", n)
	}
	browsertest.Report(t, "members' pages", found)
}
