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
)

// TestPermalink follows /bai/{id} through a new title and a new category,
// and finds nothing behind the ids of articles readers may not see.
func TestPermalink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		a, err := db.ArticleBySlug(ctx, demo.SeedSlug)
		if err != nil {
			t.Fatal(err)
		}
		perma := "/bai/" + strconv.FormatInt(a.ID, 10)
		follow := func(want string) {
			t.Helper()
			s.h.ClearCache()
			w := s.get(t, perma)
			if w.Code != 301 || w.Header().Get("Location") != want {
				t.Errorf("GET %s = %d to %q; want 301 to %s", perma, w.Code, w.Header().Get("Location"), want)
			}
		}
		follow(seedURL)
		a.Title = "Hội nghị quán triệt Nghị quyết Đại hội Đảng bộ tỉnh"
		if err := db.UpdateArticle(ctx, storetest.Actor, a); err != nil {
			t.Fatal(err)
		}
		follow("/chinh-tri/hoi-nghi-quan-triet-nghi-quyet-dai-hoi-dang-bo-tinh")
		cats, err := db.Categories(ctx)
		if err != nil {
			t.Fatal(err)
		}
		a.CategoryID = portal.NewCategoryTree(cats).BySlug("kinh-te").ID
		if err := db.UpdateArticle(ctx, storetest.Actor, a); err != nil {
			t.Fatal(err)
		}
		follow("/kinh-te/hoi-nghi-quan-triet-nghi-quyet-dai-hoi-dang-bo-tinh")

		// What readers may not see: drafts, withdrawn, future, expired, in a
		// hidden category. Each answers as an id that never was.
		hidden := portal.Category{Name: "Nội bộ", Slug: "noi-bo"}
		if err := db.CreateCategory(ctx, storetest.Actor, &hidden); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		never := s.get(t, "/bai/987654321")
		if never.Code != 404 {
			t.Fatalf("GET /bai/987654321 = %d; want 404", never.Code)
		}
		want := text(parse(t, never), "main")
		for _, b := range []portal.Article{
			{Title: "Bản nháp bí mật", Status: portal.StatusDraft, CategoryID: a.CategoryID},
			{Title: "Đã gỡ bí mật", Status: portal.StatusUnpublished, PublishedAt: now.Add(-time.Hour), CategoryID: a.CategoryID},
			{Title: "Hẹn giờ bí mật", Status: portal.StatusPublished, PublishedAt: now.Add(time.Hour), CategoryID: a.CategoryID},
			{Title: "Hết hạn bí mật", Status: portal.StatusPublished, PublishedAt: now.Add(-2 * time.Hour),
				ExpiresAt: now.Add(-time.Hour), CategoryID: a.CategoryID},
			{Title: "Nội bộ bí mật", Status: portal.StatusPublished, PublishedAt: now.Add(-time.Hour), CategoryID: hidden.ID},
		} {
			b.Body = "<p>bí mật</p>"
			if err := db.CreateArticle(ctx, storetest.Actor, &b); err != nil {
				t.Fatal(err)
			}
			s.h.ClearCache()
			p := "/bai/" + strconv.FormatInt(b.ID, 10)
			w := s.get(t, p)
			if w.Code != 404 || w.Header().Get("Location") != "" {
				t.Errorf("%s: GET %s = %d to %q; want 404", b.Title, p, w.Code, w.Header().Get("Location"))
				continue
			}
			if body := w.Body.String(); strings.Contains(body, "bí mật") || text(parse(t, w), "main") != want {
				t.Errorf("%s: GET %s tells the article apart from an id that never was", b.Title, p)
			}
		}
		for _, p := range []string{"/bai/0", "/bai/-1", "/bai/01", "/bai/abc", "/bai/1.0", "/bai/99999999999999999999"} {
			if w := s.get(t, p); w.Code != 404 {
				t.Errorf("GET %s = %d; want 404", p, w.Code)
			}
		}
	})
}

// TestPrintViewCountsViews: the print view shows the article's real view
// count, filled in per request like the article page's, and a reader who
// prints after reading counts once.
func TestPrintViewCountsViews(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		first := s.get(t, "/in"+seedURL)
		if got := text(parse(t, first), ".views"); got != "236" {
			t.Errorf("print view: views = %q; want the seed's 235 and this reader", got)
		}
		cookie := strings.SplitN(first.Header().Get("Set-Cookie"), ";", 2)[0]
		if got := text(parse(t, s.get(t, seedURL, "Cookie", cookie)), ".views"); got != "236" {
			t.Errorf("article page after the print view, same reader: views = %q; want 236", got)
		}
		if got := text(parse(t, s.get(t, "/in"+seedURL)), ".views"); got != "237" {
			t.Errorf("print view, cached, another reader: views = %q; want 237", got)
		}
		if err := s.counters.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		if a, err := db.ArticleBySlug(ctx, demo.SeedSlug); err != nil || a.ViewCount != 237 {
			t.Errorf("view count after flush = %d, %v; want 237", a.ViewCount, err)
		}
	})
}
