package web_test

import (
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// newSearchSite is the demo portal with n generated articles besides the
// seed, searchable.
func newSearchSite(t *testing.T, db *store.DB, n int) *site {
	t.Helper()
	media := t.TempDir()
	if err := demo.Generate(ctx, db, media, n, time.Now(), rand.New(rand.NewPCG(3, 4))); err != nil {
		t.Fatal(err)
	}
	return newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Popular: db, Search: db, Comments: db,
		Ready: db.Ping}, media)
}

func searchPath(q string, extra ...string) string {
	v := url.Values{"q": {q}}
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	return "/tim-kiem?" + v.Encode()
}

func TestSearchPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSearchSite(t, db, 0)
		w := s.get(t, searchPath("dang bo tinh hau giang xiv"))
		if w.Code != 200 {
			t.Fatalf("GET = %d; want 200", w.Code)
		}
		doc := parse(t, w)
		if got := text(doc, "h1"); got != "Tìm kiếm" {
			t.Errorf("h1 = %q; want Tìm kiếm", got)
		}
		if got := text(doc, ".search-count"); got != "Tìm thấy 1 bài viết." {
			t.Errorf("count = %q", got)
		}
		hit := doc.Find(".search-results .search-hit").First()
		if href, _ := hit.Find("h2 a").Attr("href"); href != seedURL {
			t.Errorf("first hit links to %q; want %s", href, seedURL)
		}
		var marks []string
		hit.Find("h2 mark").Each(func(_ int, m *goquery.Selection) { marks = append(marks, m.Text()) })
		if got := strings.Join(marks, "|"); got != "Đảng bộ tỉnh|XIV" {
			t.Errorf("title marks = %q; want Đảng bộ tỉnh|XIV", got)
		}
		if hit.Find(".snippet mark").Length() == 0 {
			t.Errorf("snippet %q has no <mark>", text(doc, ".snippet"))
		}
		if got := text(doc, ".search-hit .search-category"); got != "Chính trị" {
			t.Errorf("category = %q", got)
		}
		// The query stays in the form; the masthead has its own box.
		if v, _ := doc.Find("#tk-q").Attr("value"); v != "dang bo tinh hau giang xiv" {
			t.Errorf("form keeps %q", v)
		}
		if w := s.get(t, searchPath("khongcotunay")); w.Code != 200 || text(parse(t, w), ".empty") != "Không tìm thấy bài viết nào phù hợp." {
			t.Errorf("no results: %d, want 200 and the empty state", w.Code)
		}
	})
}

func TestSearchBox(t *testing.T) {
	s := newSearchSite(t, storetest.Open(t, storetest.SQLiteDSN(t)), 0)
	for _, path := range []string{"/", seedURL, "/tim-kiem"} {
		doc := parse(t, s.get(t, path))
		form := doc.Find("header form.site-search[role=search][action='/tim-kiem'][method=get]")
		input := form.Find("input#site-search-q[name=q][type=search]")
		label := form.Find("label[for=site-search-q]")
		if input.Length() != 1 || strings.TrimSpace(label.Text()) != "Tìm kiếm" || form.Find("button[type=submit]").Length() != 1 {
			t.Errorf("%s: no labelled search box in the masthead", path)
		}
	}
}

func TestSearchBadInput(t *testing.T) {
	s := newSearchSite(t, storetest.Open(t, storetest.SQLiteDSN(t)), 30)
	for _, tt := range []struct {
		name, path string
		status     int
		message    string // in .search-message; "" for none
		tips       bool
	}{
		{"empty", "/tim-kiem", 200, "", true},
		{"found", searchPath("hội nghị"), 200, "", false},
		{"blank", searchPath("   "), 200, "", true},
		{"punctuation", searchPath(`"*" -- :: ()`), 200, "Từ khóa cần có ít nhất một chữ hoặc chữ số.", true},
		{"too long", searchPath(strings.Repeat("a", portal.SearchMaxQuery+1)), 400,
			"Từ khóa tìm kiếm dài quá 200 ký tự, xin rút gọn lại.", true},
		{"syntax", searchPath(`hậu AND "giang OR NEAR(x) <-> !a | b & c' d:* ^e`), 200, "", true},
		{"unknown category", searchPath("hội nghị", "chuyen-muc", "khong-co"), 400,
			"Không có chuyên mục này, xin chọn chuyên mục khác.", true},
		{"bad date", searchPath("hội nghị", "tu", "31/02/2024"), 400,
			"Ngày bắt đầu không hợp lệ, xin nhập theo dạng ngày/tháng/năm, ví dụ 30/12/2020.", true},
		{"dates reversed", searchPath("hội nghị", "tu", "02/01/2024", "den", "01/01/2024"), 400,
			"Ngày bắt đầu phải trước ngày kết thúc.", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := s.get(t, tt.path)
			if w.Code != tt.status {
				t.Fatalf("GET %.80s = %d; want %d", tt.path, w.Code, tt.status)
			}
			doc := parse(t, w)
			if got := text(doc, "h1"); got != "Tìm kiếm" {
				t.Errorf("h1 = %q; want the search page", got)
			}
			if got := text(doc, ".search-message"); got != tt.message {
				t.Errorf("message = %q; want %q", got, tt.message)
			}
			if got := doc.Find(".search-tips").Length() > 0; got != tt.tips {
				t.Errorf("tips shown = %v; want %v", got, tt.tips)
			}
		})
	}
	// What was typed is shown back, escaped.
	body := s.get(t, searchPath(`<script>alert(1)</script>`)).Body.String()
	if strings.Contains(body, "<script>alert") {
		t.Error("the query is written unescaped")
	}
}

func TestSearchPagesAndFilters(t *testing.T) {
	s := newSearchSite(t, storetest.Open(t, storetest.SQLiteDSN(t)), 300)
	cats, err := s.db.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tree := portal.NewCategoryTree(cats)
	q := "tỉnh"
	doc := parse(t, s.get(t, searchPath(q)))
	all := text(doc, ".search-count")
	if n := doc.Find(".search-hit").Length(); n != portal.SearchPerPage {
		t.Fatalf("page 1 has %d hits (%s); want %d", n, all, portal.SearchPerPage)
	}
	next, _ := doc.Find(".pager a[rel=next]").Attr("href")
	if next != searchPath(q, "trang", "2") {
		t.Errorf("next page = %q", next)
	}
	last := doc.Find(".pager span").Text() // "Trang 1 / N"
	pages := strings.TrimSpace(last[strings.LastIndex(last, "/")+1:])
	if w := s.get(t, searchPath(q, "trang", pages)); w.Code != 200 || parse(t, w).Find(".search-hit").Length() == 0 {
		t.Errorf("last page %s: %d", pages, w.Code)
	}
	for _, p := range []string{"999", "0", "abc"} {
		if w := s.get(t, searchPath(q, "trang", p)); w.Code != 404 {
			t.Errorf("page %s = %d; want 404", p, w.Code)
		}
	}
	// A category keeps its own articles and those of its subcategories.
	top := tree.Children(0)[0]
	names := map[string]bool{}
	for _, id := range tree.Subtree(top.ID) {
		names[tree.ByID(id).Name] = true
	}
	doc = parse(t, s.get(t, searchPath(q, "chuyen-muc", top.Slug)))
	if text(doc, ".search-count") == all {
		t.Errorf("the category changed nothing: %s", all)
	}
	doc.Find(".search-hit .search-category").Each(func(_ int, c *goquery.Selection) {
		if !names[c.Text()] {
			t.Errorf("a hit of category %q under %s", c.Text(), top.Name)
		}
	})
	if sel, _ := doc.Find("#tk-cm option[selected]").Attr("value"); sel != top.Slug {
		t.Errorf("selected category = %q; want %s", sel, top.Slug)
	}
	if next, ok := doc.Find(".pager a[rel=next]").Attr("href"); ok && !strings.Contains(next, "chuyen-muc="+top.Slug) {
		t.Errorf("next page %q loses the category", next)
	}
	// A date range keeps what was published within it, both days included.
	today := time.Now().Format("02/01/2006")
	doc = parse(t, s.get(t, searchPath(q, "tu", "01/01/1990", "den", "01/01/1991")))
	if got := text(doc, ".empty"); got != "Không tìm thấy bài viết nào phù hợp." {
		t.Errorf("1990: %q", text(doc, ".search-count"))
	}
	doc = parse(t, s.get(t, searchPath(q, "tu", "1/1/1990", "den", today)))
	if got := text(doc, ".search-count"); got != all {
		t.Errorf("1990 to today: %q; want %q", got, all)
	}
}

func TestSearchSkipsHiddenCategories(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSearchSite(t, db, 0)
	c := portal.Category{Name: "Nội bộ", Slug: "noi-bo", Visible: false}
	if err := db.CreateCategory(ctx, storetest.Actor, &c); err != nil {
		t.Fatal(err)
	}
	a := portal.Article{CategoryID: c.ID, Title: "Tin nội bộ không công khai", Status: portal.StatusPublished,
		PublishedAt: time.Now().Add(-time.Minute)}
	if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
		t.Fatal(err)
	}
	s.h.ClearCache()
	for _, p := range []string{searchPath("không công khai"), searchPath("khong cong khai", "chuyen-muc", "noi-bo")} {
		if body := s.get(t, p).Body.String(); strings.Contains(body, a.Slug) {
			t.Errorf("GET %s finds an article of a hidden category", p)
		}
	}
}
