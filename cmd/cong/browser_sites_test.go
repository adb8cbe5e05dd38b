package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"cong/internal/auth"
	"cong/internal/browsertest"
	"cong/internal/config"
	"cong/internal/counter"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// TestBrowserSites adds a district's site in Chromium from the main site's
// back office, gives the administrator a role there, and then, on the
// district's own host (a name under .localhost, which Chromium sends to
// loopback), signs in with the same account, adds a category and reads the
// district's home page: its own name and menu, nothing of the main site's.
func TestBrowserSites(t *testing.T) {
	browser := browsertest.Start(t, 3*time.Minute)
	ctx := t.Context()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	mainURL, districtURL := "http://127.0.0.1:"+strconv.Itoa(port), "http://huyen.localhost:"+strconv.Itoa(port)
	cfg, err := config.Parse("cong serve", []string{"--base-url", mainURL, "--data", t.TempDir()}, noenv, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	hash, _ := auth.NewHasher(1).Hash(ctx, "nắng vàng trên sông Hậu")
	if err := db.CreateUser(ctx, storetest.Actor, &portal.User{Username: "quantri", Name: "Quản trị", PasswordHash: hash,
		Roles: []portal.Role{portal.RoleAdmin}}); err != nil {
		t.Fatal(err)
	}
	cat := portal.Category{Name: "Tin tỉnh", Slug: "tin-tinh", Visible: true}
	if err := db.CreateCategory(ctx, storetest.Actor, &cat); err != nil {
		t.Fatal(err)
	}
	secret := portal.Article{CategoryID: cat.ID, Title: "Hội nghị Tỉnh ủy tháng Mười hai", Body: "<p>x</p>",
		Status: portal.StatusPublished, PublishedAt: time.Now().Add(-time.Hour)}
	if err := db.CreateArticle(ctx, storetest.Actor, &secret); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	all, err := newSites(ctx, cfg, cfg.BaseURL, db, media.Dir(cfg.MediaDir()),
		counter.New(db, cfg.ViewWindow, cfg.OnlineWindow, log), log, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: all.handler}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	click := func(tab context.Context, what, sel string) {
		t.Helper()
		browsertest.Run(t, tab, what, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel))))
	}
	signIn := func(tab context.Context, base string) {
		t.Helper()
		browsertest.Do(t, tab, "open "+base+"'s login page", chromedp.Navigate(base+"/quan-tri/dang-nhap"))
		browsertest.Do(t, tab, "type the password", chromedp.SendKeys(chromedp.CSS("#username"), "quantri"),
			chromedp.SendKeys(chromedp.CSS("#password"), "nắng vàng trên sông Hậu"))
		click(tab, "log in", `.login button[type=submit]`)
		if loc := browsertest.Run(t, tab, "location", chromedp.Location()); loc != base+"/quan-tri/" {
			t.Fatalf("location after login on %s = %q; want the dashboard", base, loc)
		}
	}
	tab := browser
	signIn(tab, mainURL)
	click(tab, "open Các trang", `nav.side a[href="/quan-tri/cac-trang"]`)
	browsertest.Do(t, tab, "fill in the new site", chromedp.SendKeys(chromedp.CSS("#s-name"), "Cổng huyện Châu Thành"),
		chromedp.SendKeys(chromedp.CSS("#s-url"), districtURL))
	click(tab, "add the site", `form[action="/quan-tri/cac-trang"] button[type=submit]`)
	if got := browsertest.Text(t, tab, "h1"); got != "Cổng huyện Châu Thành" {
		t.Fatalf("after adding, the page's title = %q; want the site's name", got)
	}
	for _, v := range browsertest.Axe(t, tab) {
		t.Errorf("the site's page: %s", v)
	}
	click(tab, "open the administrator's roles there", `a[href$="/nguoi-dung/1"]`)
	browsertest.Do(t, tab, "tick Quản trị", chromedp.Click(chromedp.CSS(`input[name="roles"][value="admin"]`)))
	click(tab, "save the roles", `main form button[type=submit]`)
	if got := browsertest.Text(t, tab, "main table tbody tr td:nth-child(3)"); got != "Quản trị" {
		t.Errorf("the administrator's roles on the district = %q; want Quản trị", got)
	}
	browsertest.Screenshot(t, tab, filepath.Join(browsertest.ArtifactsDir(t), "sites-admin.png"))
	if err := all.load(ctx); err != nil { // serve does this every 10 s
		t.Fatal(err)
	}

	signIn(tab, districtURL)
	click(tab, "open Chuyên mục", `nav.side a[href="/quan-tri/chuyen-muc"]`)
	if body := browsertest.Text(t, tab, "main"); strings.Contains(body, "Tin tỉnh") {
		t.Error("the district's categories page lists the main site's category")
	}
	browsertest.Do(t, tab, "name a category", chromedp.SendKeys(chromedp.CSS(`#c-name`), "Tin huyện"))
	click(tab, "add the category", `form.form button[type=submit]`)
	if menu := browsertest.Text(t, tab, "nav.side"); strings.Contains(menu, "Người dùng") || strings.Contains(menu, "Các trang") ||
		strings.Contains(menu, "Nhật ký") || strings.Contains(menu, "Văn bản") {
		t.Errorf("the district's back office offers the main site's pages: %s", menu)
	}
	browsertest.Do(t, tab, "open the district's home page", chromedp.Navigate(districtURL+"/"))
	if nav := browsertest.Text(t, tab, "nav.nav"); !strings.Contains(nav, "Tin huyện") || strings.Contains(nav, "Tin tỉnh") ||
		strings.Contains(nav, "Văn bản") {
		t.Errorf("the district's menu = %q; want its own category and none of the main site's sections", nav)
	}
	if body := browsertest.Text(t, tab, "body"); strings.Contains(body, secret.Title) {
		t.Error("the district's home page shows the main site's article")
	}
	if got := browsertest.Attr(t, tab, `link[rel="canonical"]`, "href"); got != districtURL+"/" {
		t.Errorf("the district's canonical address = %q; want %s/", got, districtURL)
	}
	browsertest.Screenshot(t, tab, filepath.Join(browsertest.ArtifactsDir(t), "sites-district-home.png"))
}
