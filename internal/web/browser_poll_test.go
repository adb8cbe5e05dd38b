package web_test

import (
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"cong/internal/browsertest"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// TestBrowserPollVote votes on a poll's page in Chromium, with no script of
// the site's: the page comes back with the reader's figures drawn as SVG
// bars and set out in a table, and axe-core finds no WCAG 2 A/AA violation
// on the form or the results.
func TestBrowserPollVote(t *testing.T) {
	tab := browsertest.Start(t, browserTimeout)
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newPollSite(t, db, 1, portal.ResultsAfterVote)
	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)
	url := srv.URL + s.url()

	browsertest.Do(t, tab, "open the poll", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(url))
	for _, v := range browsertest.Axe(t, tab) {
		t.Errorf("the poll's form: %s", v)
	}
	if n := browsertest.Run(t, tab, "bars before voting", chromedp.Evaluate[int](
		`document.querySelectorAll("svg.poll-chart").length`)); n != 0 {
		t.Errorf("%d charts before voting; want none", n)
	}
	second := "#bc-" + strconv.FormatInt(s.p.Options[1].ID, 10)
	browsertest.Do(t, tab, "pick the second option", chromedp.Click(chromedp.CSS(second)))
	s.clk.Set(s.clk.Now().Add(10 * time.Second)) // a person takes a few seconds
	browsertest.Run(t, tab, "vote", chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS("#bc-form button[type=submit]"))))
	browsertest.Do(t, tab, "wait for the results", chromedp.WaitVisible(chromedp.CSS("svg.poll-chart")))

	if got := browsertest.Text(t, tab, ".poll-voted"); got != "Cảm ơn bạn đã bình chọn." {
		t.Errorf("after voting the page says %q", got)
	}
	widths := browsertest.Run(t, tab, "bar widths", chromedp.Evaluate[[]float64](
		`[...document.querySelectorAll("svg.poll-chart rect.poll-bar")].map(r => r.getBBox().width)`))
	if len(widths) != 3 || widths[0] != 0 || widths[1] <= 0 || widths[2] != 0 {
		t.Errorf("bar widths = %v; want only the second drawn", widths)
	}
	if got := browsertest.Text(t, tab, ".poll-table tbody tr:nth-child(2)"); got != "Tại bộ phận một cửa 1 100%" {
		t.Errorf("the table's second row = %q", got)
	}
	if n := browsertest.Run(t, tab, "forms", chromedp.Evaluate[int](`document.querySelectorAll("#bc-form").length`)); n != 0 {
		t.Error("the form is shown again after voting")
	}
	for _, v := range browsertest.Axe(t, tab) {
		t.Errorf("the results: %s", v)
	}
	browsertest.Screenshot(t, tab, filepath.Join(browsertest.ArtifactsDir(t), "poll-results.png"))
	if got := s.votes(t); got != "0 1 0" {
		t.Errorf("votes = %s; want 0 1 0", got)
	}
}
