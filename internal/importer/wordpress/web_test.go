package wordpress_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/counter"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

const browserUA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"

// publicSite is the public site over s's database and media.
func publicSite(t *testing.T, s *site) (*web.Handler, *counter.Counters) {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c := counter.New(s.db, 30*time.Minute, 20*time.Minute, log)
	if err := c.Visits.Load(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	h, err := web.New(web.Config{MediaDir: s.media, CacheTTL: time.Minute, CacheBytes: 8 << 20, VisitorTTL: 30 * time.Minute,
		BaseURL: "https://cong.example.vn"}, web.Services{Categories: s.db, Articles: s.db, Side: s.db, Popular: s.db,
		Search: s.db, Comments: s.db, Pages: s.db, Legacy: s.db, Ready: s.db.Ping, Version: s.db.ContentVersion}, c, log)
	if err != nil {
		t.Fatal(err)
	}
	return h, c
}

func get(t *testing.T, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("GET", path, nil)
	r.Header.Set("User-Agent", browserUA)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// TestOldAddresses follows every form of old address the import records,
// through the public site, on both engines: 301 to what each item became;
// what readers may not see stays 404.
func TestOldAddresses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		if _, err := s.importFile(t, fixture, false); err != nil {
			t.Fatal(err)
		}
		h, _ := publicSite(t, s)
		post12, post13 := article(t, db, "12").URL(), article(t, db, "13").URL()
		pic, _ := db.Media(ctx, imported(t, db, "attachment", "20"))
		plan, _ := db.Media(ctx, imported(t, db, "attachment", "21"))
		page30, _ := db.Page(ctx, imported(t, db, "page", "30"))
		page31, _ := db.Page(ctx, imported(t, db, "page", "31"))
		// A browser sends the percent-encoding in capitals; WordPress wrote
		// it in small letters.
		slug := "h%E1%BB%99i-ngh%E1%BB%8B-t%E1%BB%95ng-k%E1%BA%BFt"
		for _, c := range []struct{ path, want string }{
			{"/?p=12", post12},
			{"/index.php?p=12", ""},
			{"/2020/12/30/" + slug + "/", post12},
			{"/2020/12/30/" + strings.ToLower(slug) + "/", post12},
			{"/2020/12/" + slug + "/", post12},
			{"/" + slug + "/", post12},
			{"/archives/12", post12},
			{"/2020/12/30/hoi-nghi-cuoi-nam/", post12}, // _wp_old_slug
			{"/hoi-nghi-cuoi-nam/", post12},
			{"/2021/01/05/le-hoi-dua-ghe/", post13},
			{"/?page_id=30", "/gioi-thieu/" + page30.Slug},
			{"/gioi-thieu/lich-su/", "/gioi-thieu/" + page31.Slug},
			{"/?page_id=31", "/gioi-thieu/" + page31.Slug},
			{"/category/tin-tuc/kinh-te/nong-nghiep/", "/nong-nghiep"},
			{"/category/nong-nghiep/", "/nong-nghiep"},
			{"/category/chinh-tri", "/chinh-tri"},
			{"/?cat=5", "/chinh-tri"},
			{"/category/chinh-tri/feed/", "/rss/chinh-tri"},
			{"/tag/hoi-nghi/", "/tu-khoa/hoi-nghi"},
			{"/tag/l%E1%BB%85-h%E1%BB%99i/", "/tu-khoa/le-hoi"},
			{"/feed/", "/rss"},
			{"/?feed=rss2", "/rss"},
			{"/feed/atom/", "/atom"},
			{"/2020/12/", "/luu-tru/2020/12"},
			{"/2021/01/", "/luu-tru/2021/1"},
			{"/wp-content/uploads/2020/12/hoi-nghi.jpg", pic.URL()},
			{"/wp-content/uploads/2020/12/hoi-nghi-300x200.jpg", pic.URL()},
			{"/wp-content/uploads/2020/12/hoi-nghi-150x150.jpg", pic.URL()},
			{"/?attachment_id=21", plan.URL()},
			{"/wp-content/uploads/2021/01/so-do-duong-dua.png", plan.URL()},
			{"/2020/12/30/hoi-nghi-tong-ket/toan-canh-hoi-nghi/", pic.URL()}, // an attachment's page
			// What readers may not see, and what was never there.
			{"/?p=14", ""},                          // scheduled
			{"/?p=15", ""},                          // draft
			{"/2021/02/01/thong-tin-noi-bo/", ""},   // private
			{"/2021/02/02/danh-sach-tap-huan/", ""}, // password-protected
			{"/?p=42", "home"},                      // in WordPress's trash: the front page, as for any query
			{"/wp-content/uploads/2020/11/thieu.jpg", ""},
			{"/2019/01/01/khong-co/", ""},
		} {
			w := get(t, h, c.path)
			switch {
			case c.want == "home":
				if w.Code != http.StatusOK {
					t.Errorf("GET %s = %d; want the home page", c.path, w.Code)
				}
			case c.want == "" && w.Code != http.StatusNotFound:
				t.Errorf("GET %s = %d → %q; want 404", c.path, w.Code, w.Header().Get("Location"))
			case c.want != "" && (w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != c.want):
				t.Errorf("GET %s = %d → %q; want 301 → %q", c.path, w.Code, w.Header().Get("Location"), c.want)
			case c.want != "" && !strings.HasPrefix(c.want, "/rss") && !strings.HasPrefix(c.want, "/atom"):
				if w := get(t, h, c.want); w.Code != http.StatusOK {
					t.Errorf("GET %s (from %s) = %d; want 200", c.want, c.path, w.Code)
				}
			}
		}
	})
}

// TestImportedAreEverywhere: imported articles are in search, feeds,
// sitemaps, tag and month pages and counted at once, on both engines.
func TestImportedAreEverywhere(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		if _, err := s.importFile(t, fixture, false); err != nil {
			t.Fatal(err)
		}
		h, counters := publicSite(t, s)
		a12, a13 := article(t, db, "12"), article(t, db, "13")
		private := article(t, db, "17")
		for path, want := range map[string][]string{
			"/tim-kiem?q=dua+ghe+ngo":                             {a13.URL()},
			"/tim-kiem?q=" + url.QueryEscape("hội nghị tổng kết"): {a12.URL()},
			"/rss":                 {a12.Title, a13.Title, "/bai/"},
			"/atom":                {a12.Title},
			"/sitemap/trang-1.xml": {a12.URL(), a13.URL()},
			"/tu-khoa/le-hoi":      {a13.URL()},
			"/luu-tru/2020/12":     {a12.URL()},
			"/chinh-tri":           {a12.URL()},
			"/tin-tuc":             {a13.URL()}, // the subtree
		} {
			w := get(t, h, path)
			if w.Code != http.StatusOK {
				t.Errorf("GET %s = %d", path, w.Code)
				continue
			}
			for _, x := range want {
				if !strings.Contains(w.Body.String(), x) {
					t.Errorf("GET %s lacks %q", path, x)
				}
			}
			if strings.Contains(w.Body.String(), private.Title) {
				t.Errorf("GET %s shows the private post", path)
			}
		}

		// The article page: its picture, its comments, and a view counted.
		w := get(t, h, a12.URL())
		doc, err := goquery.NewDocumentFromReader(w.Body)
		if err != nil || w.Code != http.StatusOK {
			t.Fatalf("GET %s = %d, %v", a12.URL(), w.Code, err)
		}
		if got := strings.TrimSpace(doc.Find("h1").First().Text()); got != a12.Title {
			t.Errorf("article h1 = %q; want %q", got, a12.Title)
		}
		if n := doc.Find(`img[src^="/media/2020/12/"]`).Length(); n == 0 {
			t.Error("the article page shows no picture from the library")
		}
		if n := doc.Find("li.comment").Length(); n != 3 {
			t.Errorf("the article page shows %d comments; want 3 (one with two replies)", n)
		}
		if err := counters.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Article(ctx, a12.ID); got.ViewCount != 1 {
			t.Errorf("view count after one reader = %d; want 1", got.ViewCount)
		}
		if w := get(t, h, "/media/"+mustMedia(t, db, "20").File); w.Code != http.StatusOK || w.Header().Get("Content-Type") != "image/jpeg" {
			t.Errorf("the picture's file = %d %s", w.Code, w.Header().Get("Content-Type"))
		}
	})
}

func mustMedia(t *testing.T, db *store.DB, attachment string) *portal.Media {
	t.Helper()
	m, err := db.Media(ctx, imported(t, db, "attachment", attachment))
	if err != nil {
		t.Fatal(err)
	}
	return m
}
