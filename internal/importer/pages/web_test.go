package pages_test

import (
	"encoding/xml"
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
	"cong/internal/importer/pages/pagestest"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

const origin = "https://haugiang.example"

// newWeb is the public site over db, serving pictures from mediaDir.
func newWeb(t *testing.T, db *store.DB, mediaDir string) http.Handler {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c := counter.New(db, 30*time.Minute, 20*time.Minute, log)
	if err := c.Visits.Load(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	h, err := web.New(web.Config{MediaDir: mediaDir, CacheTTL: time.Minute, CacheBytes: 8 << 20,
		VisitorTTL: 30 * time.Minute, BaseURL: origin},
		web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Popular: db, Search: db, Comments: db, Pages: db,
			Legacy: db, Ready: db.Ping, Version: db.ContentVersion}, c, log)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func get(t *testing.T, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("GET", path, nil)
	r.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// TestOldAddressesOfSavedPages: through the public site, the saved pages'
// addresses (their query in any order) and their pictures' answer 301 to
// the articles and the library's files; a page that failed, and the old
// portal's other pages, do not.
func TestOldAddressesOfSavedPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		site, mediaDir := pagestest.Write(t), t.TempDir()
		importSite(t, db, site.Dir, mediaDir, false)
		h := newWeb(t, db, mediaDir)
		seed, rice := article(t, db, pagestest.SeedAddress), article(t, db, pagestest.RiceAddress)
		cover, _ := db.Media(ctx, seed.CoverID)
		riceCover, _ := db.Media(ctx, rice.CoverID)
		for path, want := range map[string]string{
			pagestest.SeedAddress:                "/chinh-tri/" + seed.Slug,
			"/Default.aspx?ItemID=123&tabid=57":  "/chinh-tri/" + seed.Slug,
			"/default.aspx?tabid=57&ItemID=123":  "", // a path of another case is another address
			pagestest.RiceAddress:                "/kinh-te/" + rice.Slug,
			pagestest.SeedPicture:                cover.URL(),
			"/Portals/0/Images/lua.jpg?v=2":      riceCover.URL(),
			"/Portals/0/Images/lua.jpg":          riceCover.URL(), // a picture is known by its path
			"/Default.aspx?tabid=57&ItemID=126":  "",              // its page failed
			"/Default.aspx?tabid=57":             "",              // a listing: skipped
			"/Default.aspx?tabid=57&ItemID=9999": "",
		} {
			w := get(t, h, path)
			switch {
			case want == "" && w.Code != http.StatusNotFound:
				t.Errorf("GET %s = %d %q; want 404", path, w.Code, w.Header().Get("Location"))
			case want != "" && (w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != want):
				t.Errorf("GET %s = %d → %q; want 301 → %q", path, w.Code, w.Header().Get("Location"), want)
			}
		}
		if w := get(t, h, cover.URL()); w.Code != http.StatusOK || w.Header().Get("Content-Type") != "image/jpeg" {
			t.Errorf("GET %s = %d %s; want the picture", cover.URL(), w.Code, w.Header().Get("Content-Type"))
		}
	})
}

// TestImportedArticlesEverywhere: an imported article is at once on its
// page (with its date in Vietnam, its views counted on), in search, the
// feeds, the sitemaps and the month's archive.
func TestImportedArticlesEverywhere(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		site, mediaDir := pagestest.Write(t), t.TempDir()
		importSite(t, db, site.Dir, mediaDir, false)
		h := newWeb(t, db, mediaDir)
		seed := pagestest.Seed()
		a := article(t, db, pagestest.SeedAddress)

		w := get(t, h, a.URL())
		doc, err := goquery.NewDocumentFromReader(w.Body)
		if w.Code != http.StatusOK || err != nil {
			t.Fatalf("GET %s = %d, %v", a.URL(), w.Code, err)
		}
		for sel, want := range map[string]string{
			".article-category a":             "Chính trị",
			"h1.article-title":                seed.Title,
			".article-meta time":              "30/12/2020",
			".article-meta .views":            "236", // the page's 235, and this view
			".article-body figure figcaption": seed.Caption,
			".article-author":                 "Thanh Tâm",
		} {
			if got := strings.Join(strings.Fields(doc.Find(sel).First().Text()), " "); got != want {
				t.Errorf("%s = %q; want %q", sel, got, want)
			}
		}

		found, err := db.Search(ctx, portal.SearchQuery{Text: `"hoi nghi hoc tap"`, Page: 1})
		if err != nil || found.Total != 2 || found.Hits[0].Article.ID != a.ID {
			t.Errorf("search = %+v, %v; want the seed article first, then the one that shares its text", found, err)
		}
		if w := get(t, h, "/tim-kiem?q=l%C3%BAa+%C4%90%C3%B4ng+Xu%C3%A2n"); !strings.Contains(w.Body.String(), "Nông dân Hậu Giang trúng mùa") {
			t.Errorf("the search page does not find the rice article")
		}
		for _, feed := range []string{"/rss", "/atom", "/rss/chinh-tri"} {
			if body := get(t, h, feed).Body.String(); !strings.Contains(body, seed.Title) {
				t.Errorf("%s lacks the imported article", feed)
			}
		}
		if body := get(t, h, "/luu-tru/2020/12").Body.String(); !strings.Contains(body, a.URL()) {
			t.Errorf("the archive of 12/2020 lacks the article, published 30/12/2020 in Vietnam")
		}
		if !inSitemaps(t, h, origin+a.URL()) {
			t.Errorf("the sitemaps lack %s", origin+a.URL())
		}
	})
}

// inSitemaps reports whether one of the sitemaps the index lists holds loc.
func inSitemaps(t *testing.T, h http.Handler, loc string) bool {
	t.Helper()
	var index struct {
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(get(t, h, "/sitemap.xml").Body.Bytes(), &index); err != nil || len(index.Sitemaps) == 0 {
		t.Fatalf("sitemap index: %v, %d sitemaps", err, len(index.Sitemaps))
	}
	for _, s := range index.Sitemaps {
		u, err := url.Parse(s.Loc)
		if err != nil {
			t.Fatal(err)
		}
		var set struct {
			URLs []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(get(t, h, u.Path).Body.Bytes(), &set); err != nil {
			t.Fatalf("%s: %v", u.Path, err)
		}
		for _, x := range set.URLs {
			if x.Loc == loc {
				return true
			}
		}
	}
	return false
}
