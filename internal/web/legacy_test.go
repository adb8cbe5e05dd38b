package web_test

import (
	"net/http"
	"testing"
	"time"

	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// TestOldAddresses: the addresses an importer recorded answer 301 to where
// their items are now — through a new title, on both engines — while what
// readers may not see, and addresses nobody recorded, stay "not found".
func TestOldAddresses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		media := t.TempDir()
		if _, err := demo.Seed(ctx, db, media, time.Now()); err != nil {
			t.Fatal(err)
		}
		s := newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Comments: db, Pages: db,
			Legacy: db, Ready: db.Ping, Version: db.ContentVersion}, media)
		who := portal.System("nhập thử")
		src := func(kind, id string, paths ...string) portal.Import {
			return portal.Import{Source: portal.Source{System: "wordpress", Kind: kind, ID: id}, Checksum: "1", Paths: paths}
		}
		cat := portal.Category{Name: "Kinh tế cũ", Slug: "kinh-te-cu", Visible: true}
		if _, err := db.ImportCategory(ctx, who, src("category", "4", "/category/kinh-te"), &cat); err != nil {
			t.Fatal(err)
		}
		pub := portal.Article{CategoryID: cat.ID, Title: "Giá lúa tăng", Slug: "gia-lua-tang", Body: "<p>Tin</p>",
			Status: portal.StatusPublished, PublishedAt: time.Now().Add(-time.Hour)}
		if _, err := db.ImportArticle(ctx, who, src("post", "12", "/?p=12", "/2020/12/30/gia-lua-tang/"), &pub, ""); err != nil {
			t.Fatal(err)
		}
		draft := portal.Article{CategoryID: cat.ID, Title: "Bản nháp riêng tư", Status: portal.StatusDraft}
		if _, err := db.ImportArticle(ctx, who, src("post", "13", "/?p=13"), &draft, "riêng tư"); err != nil {
			t.Fatal(err)
		}
		pic := portal.Media{File: "2020/12/lua.jpg", MIME: "image/jpeg", Width: 10, Height: 10, Size: 10}
		if _, err := db.ImportMedia(ctx, who, src("attachment", "20", "/wp-content/uploads/2020/12/lua.jpg",
			"/wp-content/uploads/2020/12/lua-300x200.jpg"), &pic); err != nil {
			t.Fatal(err)
		}
		private := portal.Media{File: portal.QuestionFolder + "/don.pdf", MIME: "application/pdf", Size: 10}
		if _, err := db.ImportMedia(ctx, who, src("attachment", "21", "/uploads/don.pdf"), &private); err != nil {
			t.Fatal(err)
		}
		page := portal.Page{Title: "Giới thiệu tỉnh", Slug: "gioi-thieu-tinh", Body: "<p>Tỉnh</p>", Published: true}
		if _, err := db.ImportPage(ctx, who, src("page", "2", "/?page_id=2"), &page); err != nil {
			t.Fatal(err)
		}
		if err := db.AddLegacyPaths(ctx, who, []portal.LegacyPath{{Key: "/feed", Object: "url", Target: "/rss"}}); err != nil {
			t.Fatal(err)
		}
		for path, want := range map[string]string{
			"/?p=12":                                      "/kinh-te-cu/gia-lua-tang",
			"/?p=12&utm_source=zalo":                      "", // another query: another address
			"/2020/12/30/gia-lua-tang/":                   "/kinh-te-cu/gia-lua-tang",
			"/2020/12/30/gia-lua-tang":                    "/kinh-te-cu/gia-lua-tang",
			"/category/kinh-te/":                          "/kinh-te-cu",
			"/wp-content/uploads/2020/12/lua-300x200.jpg": "/media/2020/12/lua.jpg",
			"/?page_id=2":                                 "/gioi-thieu/gioi-thieu-tinh",
			"/feed/":                                      "/rss",
			"/?p=13":                                      "", // a draft
			"/uploads/don.pdf":                            "", // a citizen's attachment
			"/2019/01/01/khong-co/":                       "",
		} {
			w := s.get(t, path)
			switch {
			case want == "" && path == "/?p=12&utm_source=zalo":
				if w.Code != http.StatusOK {
					t.Errorf("GET %s = %d; want the home page", path, w.Code)
				}
			case want == "":
				if w.Code != http.StatusNotFound {
					t.Errorf("GET %s = %d %s; want 404", path, w.Code, w.Header().Get("Location"))
				}
			case w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != want:
				t.Errorf("GET %s = %d → %q; want 301 → %q", path, w.Code, w.Header().Get("Location"), want)
			}
		}

		// A new title gives a new address; the old one still leads there.
		pub.Title, pub.Slug = "Giá lúa tăng mạnh", "gia-lua-tang-manh"
		imp := src("post", "12", "/?p=12")
		imp.Checksum = "2"
		if _, err := db.ImportArticle(ctx, who, imp, &pub, ""); err != nil {
			t.Fatal(err)
		}
		s.h.ClearCache()
		if w := s.get(t, "/?p=12"); w.Header().Get("Location") != "/kinh-te-cu/gia-lua-tang-manh" {
			t.Errorf("after a new title /?p=12 → %q", w.Header().Get("Location"))
		}
	})
}
