package nukeviet_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"cong/internal/browsertest"
	"cong/internal/counter"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// newWeb is the public site over db, with the library's files in mediaDir.
func newWeb(t *testing.T, db *store.DB, mediaDir string) *web.Handler {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c := counter.New(db, 30*time.Minute, 20*time.Minute, log)
	if err := c.Visits.Load(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	h, err := web.New(web.Config{MediaDir: mediaDir, CacheTTL: time.Minute, CacheBytes: 8 << 20, VisitorTTL: 30 * time.Minute,
		BaseURL: "https://cong.example.vn"}, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Comments: db, Search: db,
		Popular: db, Pages: db, Legacy: db, Ready: db.Ping, Version: db.ContentVersion}, c, log)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func get(h http.Handler, path string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", path, nil)
	r.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// TestOldAddresses: every form of the NukeViet site's addresses answers
// 301 with the new one, on both engines; what readers may not see stays
// "not found". The imported articles are in the feeds, the sitemaps and
// the most-read list at once, with their view counts.
func TestOldAddresses(t *testing.T) {
	s := newSite(t)
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		mediaDir := t.TempDir()
		s.run(t, db, mediaDir)
		h := newWeb(t, db, mediaDir)
		a, _ := db.Article(ctx, s.imported(t, db, "article", s.art["hoi-nghi"]))
		cover, _ := db.Media(ctx, a.CoverID)
		id := fmt.Sprint(s.art["hoi-nghi"])
		article := "/trong-tinh/hoi-nghi-tinh-uy-mo-rong"
		for path, want := range map[string]string{
			"/index.php/trong-tinh/hoi-nghi-tinh-uy-mo-rong-" + id + ".html":                        article,
			"/trong-tinh/hoi-nghi-tinh-uy-mo-rong-" + id + ".html":                                  article,
			"/thoi-su/hoi-nghi-tinh-uy-mo-rong-" + id + ".html":                                     article, // its other category
			"/news/trong-tinh/hoi-nghi-tinh-uy-mo-rong-" + id + ".html":                             article,
			"/index.php?language=vi&nv=news&op=trong-tinh/hoi-nghi-tinh-uy-mo-rong-" + id:           article,
			"/index.php?language=vi&nv=news&op=trong-tinh%2Fhoi-nghi-tinh-uy-mo-rong-" + id:         article,
			"/index.php?nv=news&op=trong-tinh/hoi-nghi-tinh-uy-mo-rong-" + id + ".html&language=vi": article,
			"/index.php?language=vi&nv=news&op=chau-thanh":                                          "/chau-thanh",
			"/index.php/kinh-te":                 "/kinh-te",
			"/news/thoi-su":                      "/thoi-su",
			"/tag/" + url.PathEscape("hội-nghị"): "/tu-khoa/hoi-nghi",
			"/index.php?language=vi&nv=news&op=tag/" + url.QueryEscape("tỉnh-ủy"): "/tu-khoa/tinh-uy",
			"/news/tag/" + url.PathEscape("tỉnh-ủy"):                              "/tu-khoa/tinh-uy",
			"/uploads/news/2020_12/hoi-nghi.jpg":                                  "/media/" + cover.File,
			"/index.php?language=vi&nv=news":                                      "/",
			"/news":                                                               "/",
			"/thoi-su/ban-nhap-" + fmt.Sprint(s.art["nhap"]) + ".html":            "", // a draft
			"/thoi-su/chao-nam-moi-" + fmt.Sprint(s.art["hen-gio"]) + ".html":     "", // not yet
			"/thoi-su/khong-co-12345.html":                                        "",
		} {
			w := get(h, path)
			switch {
			case want == "":
				if w.Code != http.StatusNotFound {
					t.Errorf("GET %s = %d %s; want 404", path, w.Code, w.Header().Get("Location"))
				}
			case w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != want:
				t.Errorf("GET %s = %d → %q; want 301 → %q", path, w.Code, w.Header().Get("Location"), want)
			}
		}
		// hitstotal (1 234) is the view count, and this reader's view adds one.
		page := get(h, article)
		if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), `<span class="views">1.235`) {
			t.Errorf("GET %s = %d; want the article showing 1.235 views", article, page.Code)
		}
		for path, want := range map[string]string{
			"/rss":                                 "Hội nghị Tỉnh ủy",
			"/sitemap/trang-1.xml":                 "https://cong.example.vn" + article,
			"/doc-nhieu":                           article,
			"/tu-khoa/hoi-nghi":                    "/chau-thanh/chau-thanh-ra-quan-lam-duong",
			"/media/" + cover.File:                 "\xff\xd8",
			"/tim-kiem?q=" + url.QueryEscape("bế"): "",
		} {
			w := get(h, path)
			if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), want) {
				t.Errorf("GET %s = %d; want 200 holding %q", path, w.Code, want)
			}
		}
	})
}

// TestBrowserFollowsOldAddress: a reader's bookmark of the old site, in
// Chromium, lands on the article, its picture shown from the library.
func TestBrowserFollowsOldAddress(t *testing.T) {
	tab := browsertest.Start(t, time.Minute)
	s := newSite(t)
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	mediaDir := t.TempDir()
	s.run(t, db, mediaDir)
	srv := httptest.NewServer(newWeb(t, db, mediaDir))
	defer srv.Close()
	old := srv.URL + "/index.php?language=vi&nv=news&op=trong-tinh/hoi-nghi-tinh-uy-mo-rong-" + fmt.Sprint(s.art["hoi-nghi"])
	browsertest.Do(t, tab, "open the old address", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(old))
	browsertest.Do(t, tab, "wait for the article", chromedp.WaitVisible(chromedp.CSS("h1.article-title")))
	if loc := browsertest.Run(t, tab, "location", chromedp.Location()); loc != srv.URL+"/trong-tinh/hoi-nghi-tinh-uy-mo-rong" {
		t.Errorf("landed on %s; want the article's new address", loc)
	}
	if h1 := browsertest.Text(t, tab, "h1.article-title"); h1 != `Hội nghị Tỉnh ủy "mở rộng" lần thứ 12` {
		t.Errorf("h1 = %q", h1)
	}
	img := `.article-body img[alt="Hội trường"]`
	if w := browsertest.ImageWidth(t, tab, img); w == 0 {
		t.Errorf("the body's picture %s did not load", browsertest.Attr(t, tab, img, "src"))
	}
	browsertest.Screenshot(t, tab, browsertest.ArtifactsDir(t)+"/nukeviet-old-address.png")
}
