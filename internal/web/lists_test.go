package web_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

func TestTagArchiveAndMostRead(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSite(t, db)
	cats, _ := db.Categories(ctx)
	cat := portal.NewCategoryTree(cats).BySlug("kinh-te").ID
	now := time.Now()
	a := portal.Article{CategoryID: cat, Title: "Lúa Hậu Giang được mùa", Status: portal.StatusPublished,
		PublishedAt: now.Add(-time.Hour), Tags: []string{"Nông nghiệp", "Hậu Giang"}}
	if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
		t.Fatal(err)
	}
	seed, _ := db.ArticleBySlug(ctx, demo.SeedSlug)
	seed.Tags = []string{"Hậu Giang"}
	if err := db.UpdateArticle(ctx, storetest.Actor, seed); err != nil {
		t.Fatal(err)
	}
	s.h.ClearCache()

	doc := parse(t, s.get(t, "/tu-khoa/hau-giang"))
	if n := doc.Find(".article-list li").Length(); n != 2 {
		t.Errorf("tag page lists %d articles; want 2", n)
	}
	if w := s.get(t, "/tu-khoa/Hau-Giang"); w.Code != 404 {
		t.Errorf("tag with capitals = %d; want 404", w.Code)
	}
	// The seed article was published in December 2020.
	doc = parse(t, s.get(t, "/luu-tru/2020/12"))
	if doc.Find(`a[href="`+seedURL+`"]`).Length() == 0 {
		t.Error("archive 2020/12 does not list the seed article")
	}
	for _, p := range []string{"/luu-tru/2020/13", "/luu-tru/20/12", "/luu-tru/2020/x", "/luu-tru/2999/01", "/luu-tru/2020/12?trang=9"} {
		if w := s.get(t, p); w.Code != 404 {
			t.Errorf("GET %s = %d; want 404", p, w.Code)
		}
	}
	// Related: the article sharing a tag comes first.
	doc = parse(t, s.get(t, "/kinh-te/"+a.Slug))
	if href, _ := doc.Find(".related li a").First().Attr("href"); href != seedURL {
		t.Errorf("first related = %q; want the seed article, which shares a tag", href)
	}
	if doc.Find(`.article-tags a[href="/tu-khoa/nong-nghiep"]`).Length() != 1 {
		t.Error("tags do not link to their pages")
	}
	// Most read: views flushed today count for the week.
	if err := db.AddViews(ctx, map[int64]int64{a.ID: 5000}); err != nil {
		t.Fatal(err)
	}
	s.h.ClearCache()
	doc = parse(t, s.get(t, "/doc-nhieu"))
	if got := doc.Find(".popular").First().Find("a").First().Text(); got != a.Title {
		t.Errorf("most read this week = %q; want %q", got, a.Title)
	}
	if !strings.Contains(doc.Find(".popular").Last().Text(), "5000") {
		t.Errorf("all-time list = %q; want the 5000 views", doc.Find(".popular").Last().Text())
	}
}

// TestTagPageNamesTheTag: a tag page is headed by the tag as the articles
// hold it, tone marks and all; a tag no visible article carries is 404.
func TestTagPageNamesTheTag(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		cats, _ := db.Categories(ctx)
		tree := portal.NewCategoryTree(cats)
		for _, a := range []portal.Article{
			{Title: "Lễ hội Ok Om Bok", Status: portal.StatusPublished, PublishedAt: time.Now().Add(-time.Hour),
				Tags: []string{"Văn hóa", "lễ hội"}},
			{Title: "Lễ hội bí mật", Status: portal.StatusDraft, Tags: []string{"Lễ hội đêm"}},
		} {
			a.CategoryID = tree.BySlug("kinh-te").ID
			if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
				t.Fatal(err)
			}
		}
		s.h.ClearCache()
		w := s.get(t, "/tu-khoa/le-hoi")
		if w.Code != 200 {
			t.Fatalf("GET /tu-khoa/le-hoi = %d", w.Code)
		}
		doc := parse(t, w)
		if got := text(doc, "h1"); got != "Từ khóa: lễ hội" {
			t.Errorf("h1 = %q; want Từ khóa: lễ hội", got)
		}
		if got := text(doc, "title"); !strings.HasPrefix(got, "Từ khóa: lễ hội - ") {
			t.Errorf("title = %q", got)
		}
		if got, _ := doc.Find(`meta[name="description"]`).Attr("content"); !strings.Contains(got, "“lễ hội”") {
			t.Errorf("description = %q; want the tag's name", got)
		}
		for _, p := range []string{"/tu-khoa/le-hoi-dem", "/tu-khoa/khong-co-tu-khoa-nay"} {
			if w := s.get(t, p); w.Code != 404 {
				t.Errorf("GET %s = %d; want 404", p, w.Code)
			}
		}
	})
}

// TestAuthorPage: a byline links to its pen name's page, which lists the
// pen name's published articles newest first, paged, and never a draft; a
// pen name with nothing published has no page.
func TestAuthorPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		cats, _ := db.Categories(ctx)
		cat := portal.NewCategoryTree(cats).BySlug("kinh-te").ID
		now := time.Now()
		var newest portal.Article
		for i := range web.PerPage + 2 {
			a := portal.Article{CategoryID: cat, Title: "Tin số " + strconv.Itoa(i), Status: portal.StatusPublished,
				PublishedAt: now.Add(time.Duration(i-100) * time.Minute), Author: "Minh Đức"}
			if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
				t.Fatal(err)
			}
			newest = a
		}
		for _, a := range []portal.Article{
			{Title: "Bài nháp bí mật", Status: portal.StatusDraft, Author: "MINH ĐỨC"},
			{Title: "Chỉ có nháp", Status: portal.StatusDraft, Author: "Người Chưa Đăng"},
		} {
			a.CategoryID = cat
			if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
				t.Fatal(err)
			}
		}
		s.h.ClearCache()
		doc := parse(t, s.get(t, "/kinh-te/"+newest.Slug))
		href, _ := doc.Find(`.article-author a[rel="author"]`).Attr("href")
		if href != "/tac-gia/minh-duc" {
			t.Fatalf("byline links to %q; want /tac-gia/minh-duc", href)
		}
		doc = parse(t, s.get(t, href))
		if got := text(doc, "h1"); got != "Tác giả: Minh Đức" {
			t.Errorf("h1 = %q", got)
		}
		items := doc.Find(".article-list li")
		if items.Length() != web.PerPage || !strings.Contains(items.First().Text(), newest.Title) {
			t.Errorf("first page: %d articles, first %q; want %d, newest first", items.Length(), items.First().Text(), web.PerPage)
		}
		doc = parse(t, s.get(t, href+"?trang=2"))
		if n := doc.Find(".article-list li").Length(); n != 2 {
			t.Errorf("second page lists %d; want 2", n)
		}
		if strings.Contains(doc.Text(), "bí mật") {
			t.Error("a draft is listed")
		}
		for _, p := range []string{"/tac-gia/nguoi-chua-dang", "/tac-gia/khong-co", "/tac-gia/Minh-Duc", href + "?trang=3"} {
			if w := s.get(t, p); w.Code != 404 {
				t.Errorf("GET %s = %d; want 404", p, w.Code)
			}
		}
	})
}
