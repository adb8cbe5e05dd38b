package web_test

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// newIntroSite is a portal with a few introduction pages and no demo content.
func newIntroSite(t *testing.T, db *store.DB) *site {
	t.Helper()
	pages := []*portal.Page{
		{Lang: portal.LangVI, Slug: "lien-he", Title: "Liên hệ", Position: 3, InMenu: true, Published: true, Body: "<p>Số 1 đường Trần Hưng Đạo</p>",
			Contacts: []portal.Contact{{Name: "Nguyễn Văn Mẫu", Title: "Chánh Văn phòng", Phone: "(0293) 3 870 123", Email: "mau@example.gov.vn"}}},
		{Lang: portal.LangVI, Slug: "gioi-thieu-chung", Title: "Giới thiệu chung", Position: 1, InMenu: true, Published: true},
		{Lang: portal.LangVI, Slug: "du-thao", Title: "Bản nháp", Position: 2, InMenu: true},
	}
	for _, p := range pages {
		if err := db.CreatePage(ctx, storetest.Actor, p); err != nil {
			t.Fatal(err)
		}
	}
	en := &portal.Page{Lang: portal.LangEN, Slug: "contact", Title: "Contact", TranslationOf: pages[0].ID, InMenu: true, Published: true,
		Contacts: []portal.Contact{{Name: "Nguyen Van Mau", Title: "Chief of Office", Email: "mau@example.gov.vn"}}}
	if err := db.CreatePage(ctx, storetest.Actor, en); err != nil {
		t.Fatal(err)
	}
	return newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Popular: db, Ready: db.Ping, Pages: db}, t.TempDir())
}

func TestIntroPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newIntroSite(t, db)
		home := parse(t, s.get(t, "/"))
		if got := home.Find(`.nav a[href="/gioi-thieu"]`).Text(); got != "Giới thiệu" {
			t.Errorf("main menu: Giới thiệu link = %q", got)
		}
		if got, _ := home.Find(`.nav a[href="/en"]`).Attr("hreflang"); got != "en" {
			t.Errorf("main menu: English link hreflang = %q; want en", got)
		}

		w := s.get(t, "/gioi-thieu")
		doc := parse(t, w)
		if w.Code != 200 || text(doc, "h1") != "Giới thiệu chung" {
			t.Fatalf("/gioi-thieu = %d, %q; want the first page of the menu", w.Code, text(doc, "h1"))
		}
		var menu []string
		doc.Find(".intro-menu li").Each(func(_ int, li *goquery.Selection) { menu = append(menu, li.Text()) })
		if strings.Join(menu, "|") != "Giới thiệu chung|Liên hệ" {
			t.Errorf("menu = %q; want position order without the draft", menu)
		}

		doc = parse(t, s.get(t, "/gioi-thieu/lien-he"))
		if got := text(doc, ".contacts tbody th"); got != "Nguyễn Văn Mẫu" {
			t.Errorf("contact = %q", got)
		}
		if got, _ := doc.Find(`.contacts a[href^="tel:"]`).Attr("href"); got != "tel:02933870123" {
			t.Errorf("tel link = %q", got)
		}
		sw := doc.Find(".lang-switch a")
		if href, _ := sw.Attr("href"); href != "/en/contact" || sw.AttrOr("lang", "") != "en" || sw.AttrOr("hreflang", "") != "en" {
			t.Errorf("language switch = %q lang=%q hreflang=%q; want /en/contact, en, en", href, sw.AttrOr("lang", ""), sw.AttrOr("hreflang", ""))
		}
		if doc.Find(`link[rel="alternate"][hreflang="en"][href="`+origin+`/en/contact"]`).Length() != 1 ||
			doc.Find(`link[rel="alternate"][hreflang="vi"][href="`+origin+`/gioi-thieu/lien-he"]`).Length() != 1 {
			t.Errorf("no hreflang alternates on the Vietnamese page")
		}

		w = s.get(t, "/en/contact")
		doc = parse(t, w)
		if lang := doc.Find("html").AttrOr("lang", ""); w.Code != 200 || lang != "en" {
			t.Errorf("/en/contact = %d, lang %q; want 200, en", w.Code, lang)
		}
		if got := text(doc, ".skip"); got != "Skip to main content" {
			t.Errorf("English chrome: skip link %q", got)
		}
		sw = doc.Find(".nav-lang a")
		if href, _ := sw.Attr("href"); href != "/gioi-thieu/lien-he" || sw.AttrOr("lang", "") != "vi" {
			t.Errorf("switch back = %q lang %q", href, sw.AttrOr("lang", ""))
		}
		if doc.Find(`link[rel="alternate"][hreflang="vi"]`).Length() != 1 {
			t.Errorf("no hreflang alternate on the English page")
		}
		if got := text(doc, "h1"); got != "Contact" || text(doc, ".contacts caption") != "Contact officials" {
			t.Errorf("English page: h1 %q, caption %q", got, text(doc, ".contacts caption"))
		}
		if got := text(doc, "main"); strings.Contains(got, "Lượt truy cập") {
			t.Errorf("Vietnamese side blocks on the English page")
		}

		for _, path := range []string{"/gioi-thieu/du-thao", "/gioi-thieu/khong-co", "/en/lien-he", "/gioi-thieu/Lien-He", "/en/du-thao"} {
			if w := s.get(t, path); w.Code != 404 {
				t.Errorf("GET %s = %d; want 404", path, w.Code)
			}
		}
	})
}
