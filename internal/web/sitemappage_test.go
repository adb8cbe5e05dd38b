package web_test

import (
	"strings"
	"testing"
	"time"

	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/storetest"
	"cong/internal/web"
)

func TestSitemapPage(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	f := newFixture(t, db)
	w := f.get(t, "/so-do-trang")
	if w.Code != 200 {
		t.Fatalf("GET /so-do-trang = %d", w.Code)
	}
	doc := parse(t, w)
	if got := text(doc, "h1"); got != "Sơ đồ trang" {
		t.Errorf("h1 = %q", got)
	}
	cats, _ := db.Categories(ctx)
	tree := portal.NewCategoryTree(cats)
	for _, c := range cats {
		n := doc.Find(`.sitemap-tree a[href="/` + c.Slug + `"]`).Length()
		if want := map[bool]int{true: 1, false: 0}[tree.Shown(c.ID)]; n != want {
			t.Errorf("category %s linked %d times; want %d", c.Slug, n, want)
		}
		if !tree.Shown(c.ID) {
			continue
		}
		// Nested: a sub-category's link sits in its parent's list item.
		if c.ParentID != 0 {
			parent := tree.ByID(c.ParentID)
			item := doc.Find(`.sitemap-tree a[href="/` + parent.Slug + `"]`).Parent()
			if item.ChildrenFiltered("ul.sitemap-tree").Find(`a[href="/`+c.Slug+`"]`).Length() != 1 {
				t.Errorf("%s is not nested under %s", c.Slug, parent.Slug)
			}
		}
	}
	for _, href := range []string{"/", "/lich-lam-viec", "/ban-do-hanh-chinh", "/rss", "/atom"} {
		if doc.Find(`main a[href="`+href+`"]`).Length() == 0 {
			t.Errorf("the sitemap page does not link %s", href)
		}
	}
	// Every page links the sitemap from its footer and the feed from its head.
	home := parse(t, f.get(t, "/"))
	if home.Find(`footer a[href="/so-do-trang"]`).Length() != 1 {
		t.Error("the footer does not link /so-do-trang")
	}
	if href, _ := home.Find(`head link[rel="alternate"][type="application/rss+xml"]`).Attr("href"); href != "/rss" {
		t.Errorf("head feed link = %q; want /rss", href)
	}
}

// TestSitemapPageSections: the portal's own sections and its introduction
// pages are on the site map page and in sitemap.xml.
func TestSitemapPageSections(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	media := t.TempDir()
	if _, err := demo.Seed(ctx, db, media, time.Now()); err != nil {
		t.Fatal(err)
	}
	s := newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Questions: db, Consultations: db,
		Documents: db, Pages: db, Map: db}, media)
	doc := parse(t, s.get(t, "/so-do-trang"))
	pages, err := db.Pages(ctx, portal.LangVI, true)
	if err != nil || len(pages) == 0 {
		t.Fatalf("demo pages = %v, %v", pages, err)
	}
	want := []string{"/van-ban", "/hoi-dap", "/hoi-dap/gui-cau-hoi", "/gop-y-du-thao", "/gioi-thieu/" + pages[0].Slug}
	for _, href := range want {
		if doc.Find(`main a[href="`+href+`"]`).Length() == 0 {
			t.Errorf("the sitemap page does not link %s", href)
		}
	}
	xml := s.get(t, "/sitemap/chuyen-muc.xml").Body.String()
	for _, href := range want {
		if !strings.Contains(xml, href+"</loc>") {
			t.Errorf("sitemap.xml does not list %s", href)
		}
	}
}
