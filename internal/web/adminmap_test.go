package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"cong/internal/geo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestMapPage: the demo map is drawn inline, each unit a named link, with
// the same links listed under it, and the side block draws it small.
func TestMapPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		w := s.get(t, "/ban-do-hanh-chinh")
		if w.Code != 200 {
			t.Fatalf("GET /ban-do-hanh-chinh = %d", w.Code)
		}
		doc := parse(t, w)
		svg := doc.Find("figure.map svg.admin-map")
		if role, _ := svg.Attr("role"); role != "group" || svg.AttrOr("aria-label", "") == "" {
			t.Errorf("svg role=%q aria-label=%q; want a named group", role, svg.AttrOr("aria-label", ""))
		}
		links := svg.Find("a")
		if links.Length() != 8 {
			t.Fatalf("%d unit links on the map; want the demo's 8", links.Length())
		}
		links.Each(func(_ int, a *goquery.Selection) {
			name := a.AttrOr("aria-label", "")
			if href := a.AttrOr("href", ""); !strings.HasPrefix(href, "/ban-do-hanh-chinh/") || name == "" ||
				a.Find("title").Text() != name || a.Find("path").AttrOr("d", "") == "" {
				t.Errorf("unit link href=%q name=%q title=%q: want a link with a name, a title and a path", href, name, a.Find("title").Text())
			}
			if doc.Find(`.unit-index a[href="`+a.AttrOr("href", "")+`"]`).Text() != name {
				t.Errorf("unit %q is not in the list under the map", name)
			}
		})
		if n := svg.Find(`g.labels[aria-hidden="true"] text`).Length(); n != 8 {
			t.Errorf("%d labels; want 8, hidden from screen readers", n)
		}
		side := parse(t, s.get(t, "/")).Find(".block-map a.map-thumb-link")
		if side.AttrOr("href", "") != "/ban-do-hanh-chinh" || side.Find(`svg[role="img"]`).AttrOr("aria-label", "") == "" ||
			side.Find("path").Length() != 8 {
			t.Errorf("side block: %q; want a link to the map around a named picture of 8 units", side.AttrOr("href", ""))
		}
	})
}

// TestMapUnitPage: a unit's page shows its facts the Vietnamese way, its
// leaders, contacts, news tagged for it, and itself highlighted; a missing
// unit is a 404.
func TestMapUnitPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		u, err := db.MapUnit(ctx, "thanh-pho-vi-thanh")
		if err != nil {
			t.Fatal(err)
		}
		page := u.MapUnitPage
		page.Area, page.Population, page.Email, page.Website = 1621.7, 733017, "vp@vithanh.gov.vn", "https://vithanh.gov.vn"
		if err := db.SaveMapUnitPage(ctx, storetest.Actor, u.ID, &page); err != nil {
			t.Fatal(err)
		}
		cat := portal.Category{Name: "Địa phương", Slug: "dia-phuong", Visible: true}
		if err := db.CreateCategory(ctx, storetest.Actor, &cat); err != nil {
			t.Fatal(err)
		}
		a := portal.Article{CategoryID: cat.ID, Title: "Vị Thanh khánh thành cầu mới", Body: "<p>Tin.</p>",
			Status: portal.StatusPublished, PublishedAt: time.Now().Add(-time.Hour), Tags: []string{"Vị Thanh"}}
		if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		s.h.ClearCache()
		w := s.get(t, "/ban-do-hanh-chinh/thanh-pho-vi-thanh")
		if w.Code != 200 {
			t.Fatalf("unit page = %d", w.Code)
		}
		doc := parse(t, w)
		for sel, want := range map[string]string{
			"h1":                            "Thành phố Vị Thanh",
			".unit-facts dd:nth-of-type(1)": "1.621,7 km²",
			".unit-facts dd:nth-of-type(2)": "733.017 người",
			".unit-facts dd:nth-of-type(3)": "930",
			".unit-leaders li":              "Bí thư Thành ủy: (dữ liệu mẫu)",
			".unit-contacts a[href^=tel]":   "(0293) 3 870 000",
			".article-list h3":              "Vị Thanh khánh thành cầu mới",
		} {
			if got := strings.Join(strings.Fields(doc.Find(sel).First().Text()), " "); got != want {
				t.Errorf("%s = %q; want %q", sel, got, want)
			}
		}
		if href := doc.Find(".unit-contacts a[href^=tel]").AttrOr("href", ""); href != "tel:02933870000" {
			t.Errorf("phone link %q", href)
		}
		if n := doc.Find(".unit-locator svg path.current").Length(); n != 1 {
			t.Errorf("%d units highlighted on the small map; want 1", n)
		}
		for _, path := range []string{"/ban-do-hanh-chinh/khong-co", "/ban-do-hanh-chinh/Không"} {
			if w := s.get(t, path); w.Code != 404 {
				t.Errorf("GET %s = %d; want 404", path, w.Code)
			}
		}
	})
}

// TestMapHostileNames: names full of markup, uploaded through the reader,
// show as text on every page; the parsed pages hold no script and no on*
// attribute.
func TestMapHostileNames(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		hostile := []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(2)>`, `</title><svg onload=alert(3)>`,
			`<a href="javascript:alert(4)">x</a>`}
		var fs []geo.Feature
		for i, name := range hostile {
			x := 105 + float64(i)*0.1
			fs = append(fs, geo.Feature{Name: name, Polygons: [][][]geo.Point{{{
				{X: x, Y: 9}, {X: x + 0.1, Y: 9}, {X: x + 0.1, Y: 9.1}, {X: x, Y: 9.1}}}}})
		}
		drawn, err := geo.Draw(fs)
		if err != nil {
			t.Fatal(err)
		}
		m := drawn.AdminMap()
		if _, err := db.ReplaceMap(ctx, storetest.Actor, m); err != nil {
			t.Fatal(err)
		}
		s.h.ClearCache()
		pages := []string{"/", "/ban-do-hanh-chinh"}
		for _, u := range m.Units {
			pages = append(pages, "/ban-do-hanh-chinh/"+u.Slug)
		}
		for _, p := range pages {
			w := s.get(t, p)
			if w.Code != 200 {
				t.Fatalf("GET %s = %d", p, w.Code)
			}
			body := w.Body.String()
			checkInert(t, p, body)
			if p == "/ban-do-hanh-chinh" {
				doc := parse(t, w)
				for i, name := range hostile {
					if got := doc.Find(".unit-index li").Eq(i).Text(); got != name {
						t.Errorf("list item %d = %q; want the name as text %q", i, got, name)
					}
				}
			}
		}
	})
}

// checkInert parses a page and fails on any script element, on* attribute
// or javascript: address (in an attribute that holds one: in a label it is
// only text).
func checkInert(t *testing.T, path, body string) {
	t.Helper()
	root, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "script" {
			t.Errorf("%s: a <script> element", path)
		}
		for _, a := range n.Attr {
			url := a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "formaction"
			if strings.HasPrefix(strings.ToLower(a.Key), "on") || url && strings.Contains(strings.ToLower(a.Val), "javascript:") {
				t.Errorf("%s: <%s %s=%q>", path, n.Data, a.Key, a.Val)
			}
		}
	}
}
