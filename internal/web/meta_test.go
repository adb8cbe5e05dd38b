package web_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/demo"
	"cong/internal/storetest"
)

func TestArticleMetadata(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	doc := parse(t, s.get(t, seedURL))
	abs := origin + seedURL
	attr := func(sel, name string) string { v, _ := doc.Find(sel).Attr(name); return v }
	for sel, want := range map[string]string{
		`link[rel=canonical]`:              abs,
		`meta[property="og:url"]`:          abs,
		`meta[property="og:title"]`:        seedTitle,
		`meta[property="og:type"]`:         "article",
		`meta[name="twitter:card"]`:        "summary_large_image",
		`meta[name="DC.title"]`:            seedTitle,
		`meta[name="DC.creator"]`:          "Thanh Tâm",
		`meta[name="DC.language"]`:         "vi",
		`meta[name="DC.identifier"]`:       abs,
		`meta[name="DC.date"]`:             "2020-12-30",
		`meta[name="DC.type"]`:             "Text",
		`meta[name="DC.format"]`:           "text/html",
		`meta[property="article:section"]`: "Chính trị",
		`meta[property="og:image"]`:        origin + "/media/2020/12/30.12.20.b.png",
	} {
		key := "content"
		if strings.HasPrefix(sel, "link") {
			key = "href"
		}
		if got := attr(sel, key); got != want {
			t.Errorf("%s = %q; want %q", sel, got, want)
		}
	}
	for _, dc := range []string{"DC.subject", "DC.description", "DC.publisher", "DC.source"} {
		if attr(`meta[name="`+dc+`"]`, "content") == "" {
			t.Errorf("%s is missing", dc)
		}
	}
	var ld struct {
		Context       string `json:"@context"`
		Type          string `json:"@type"`
		Headline      string
		DatePublished string
		DateModified  string
		Image         []string
		Author        []struct{ Type, Name string }
		Publisher     struct {
			Name string
			Logo struct{ URL string }
		}
		MainEntityOfPage struct {
			ID string `json:"@id"`
		}
	}
	if err := json.Unmarshal([]byte(doc.Find(`script[type="application/ld+json"]`).Text()), &ld); err != nil {
		t.Fatalf("JSON-LD: %v", err)
	}
	if ld.Type != "NewsArticle" || ld.Context != "https://schema.org" || ld.Headline != seedTitle ||
		len(ld.Author) != 1 || ld.Author[0].Name != "Thanh Tâm" || ld.MainEntityOfPage.ID != abs ||
		len(ld.Image) != 1 || !strings.HasPrefix(ld.Publisher.Logo.URL, origin+"/") {
		t.Errorf("JSON-LD = %+v", ld)
	}
	for _, d := range []string{ld.DatePublished, ld.DateModified} {
		if _, err := time.Parse(time.RFC3339, d); err != nil {
			t.Errorf("JSON-LD date %q: %v", d, err)
		}
	}
}

func TestPrintView(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	page := parse(t, s.get(t, seedURL))
	link, _ := page.Find(".article-tools a").Attr("href")
	if link != "/in"+seedURL {
		t.Fatalf("print link = %q; want /in%s", link, seedURL)
	}
	w := s.get(t, link)
	if w.Code != 200 {
		t.Fatalf("GET %s = %d", link, w.Code)
	}
	doc := parse(t, w)
	for _, sel := range []string{"nav", "aside", ".comments", "footer", ".article-tools", ".related", ".share"} {
		if doc.Find(sel).Length() > 0 {
			t.Errorf("print view has %s", sel)
		}
	}
	for sel, want := range map[string]string{
		".print-site":                     "Cổng Thông tin điện tử Đảng bộ tỉnh Hậu Giang",
		"h1.article-title":                seedTitle,
		".article-body figure figcaption": "Hội nghị tại điểm cầu cấp Tỉnh",
		".article-author":                 "Thanh Tâm",
		".print-url":                      "Địa chỉ bài viết: " + origin + "/bai/" + strconv.FormatInt(seedID(t, s), 10),
	} {
		if got := text(doc, sel); got != want {
			t.Errorf("print %s = %q; want %q", sel, got, want)
		}
	}
	if !strings.Contains(text(doc, ".article-meta"), "30/12/2020") {
		t.Error("print view lacks the date")
	}
	if w := s.get(t, "/in/chinh-tri/khong-co"); w.Code != 404 {
		t.Errorf("print of a missing article = %d", w.Code)
	}
}

// seedID is the id of the seed article.
func seedID(t *testing.T, s *site) int64 {
	t.Helper()
	a, err := s.db.ArticleBySlug(ctx, demo.SeedSlug)
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}
