package web_test

import (
	"strings"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/storetest"
)

// TestArticleSourceLine checks "Nguồn: <name>" of a re-posted article on
// its page and its print view: linked to the source with rel="nofollow
// noopener", and the approver's note never shown to readers.
func TestArticleSourceLine(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSite(t, db)
	cats, _ := db.Categories(ctx)
	a := portal.Article{CategoryID: portal.NewCategoryTree(cats).BySlug("kinh-te").ID, Title: "Tin dẫn nguồn",
		Body: "<p>Nội dung</p>", Status: portal.StatusPublished, PublishedAt: time.Now().Add(-time.Minute),
		Source: "Báo Chính phủ", SourceURL: "https://baochinhphu.vn/bai-1.htm", SourceNote: "Ghi chú nội bộ XYZ"}
	if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
		t.Fatal(err)
	}
	url := "/kinh-te/" + a.Slug
	for _, path := range []string{url, "/in" + url} {
		w := s.get(t, path)
		if w.Code != 200 {
			t.Fatalf("GET %s = %d", path, w.Code)
		}
		body := w.Body.String()
		doc := parse(t, w)
		if got := text(doc, ".article-source"); got != "Nguồn: Báo Chính phủ" {
			t.Errorf("%s: source line %q", path, got)
		}
		link := doc.Find(".article-source a")
		if href, _ := link.Attr("href"); href != a.SourceURL {
			t.Errorf("%s: source link %q; want %q", path, href, a.SourceURL)
		}
		if rel, _ := link.Attr("rel"); rel != "nofollow noopener" {
			t.Errorf("%s: source link rel %q", path, rel)
		}
		if strings.Contains(body, "XYZ") {
			t.Errorf("%s shows the approver's note to readers", path)
		}
	}
}
