package admin_test

import (
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"cong/internal/admin"
	"cong/internal/browsertest"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// TestBrowserGroupHandOrder orders Tin nổi bật by hand in Chromium, with
// the page's buttons and no script: an article moved up comes first on
// the back office's list and leads the home page's Tin nổi bật.
func TestBrowserGroupHandOrder(t *testing.T) {
	browser := browsertest.Start(t, browserTimeout)
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	n := newNewsroom(t, db)
	n.withPassword(t, "editor")
	srv := httptest.NewServer(n.h)
	t.Cleanup(srv.Close)
	featured, err := db.BuiltInCollection(ctx, portal.BuiltInFeatured)
	if err != nil {
		t.Fatal(err)
	}
	titles := []string{"Khai mạc kỳ họp", "Bế mạc kỳ họp"}
	for i, title := range titles {
		a := &portal.Article{CategoryID: n.cat, Title: title, Body: "<p>x</p>", Status: portal.StatusPublished,
			PublishedAt: time.Now().Add(-time.Duration(i+1) * time.Hour)}
		if err := db.CreateArticle(ctx, storetest.Actor, a); err != nil {
			t.Fatal(err)
		}
		if err := db.AddToCollection(ctx, storetest.Actor, featured.ID, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	tab := signIn(t, browser, srv.URL, "editor")
	browsertest.Do(t, tab, "open Tin nổi bật", chromedp.Navigate(srv.URL+admin.Prefix+"/chuyen-de/"+strconv.FormatInt(featured.ID, 10)))
	follow(t, tab, "move the second up", `.hand-order li:nth-child(2) button[value="len"]`)
	order := browsertest.Run(t, tab, "the order", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll(".hand-order li > a")].map(a => a.textContent)`))
	if len(order) != 2 || order[0] != titles[1] || order[1] != titles[0] {
		t.Errorf("order after the move = %q; want %q first", order, titles[1])
	}
	for _, v := range browsertest.Axe(t, tab) {
		t.Errorf("the group's page: %s", v)
	}
	browsertest.Do(t, tab, "open the home page", chromedp.Navigate(srv.URL+"/"))
	if got := browsertest.Text(t, tab, ".featured .lead h3"); got != titles[1] {
		t.Errorf("Tin nổi bật leads with %q; want %q", got, titles[1])
	}
}
