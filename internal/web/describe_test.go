package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/demo"
	"cong/internal/store"
	"cong/internal/storetest"
)

// readerRoutes are the public routes that answer with an HTML page, as
// routes.go lists them.
var readerRoutes = []string{
	"GET /{$}", "GET /{category}", "GET /{category}/{slug}", "GET /in/{category}/{slug}", "GET /y-kien-da-gui",
	"GET /tu-khoa/{tag}", "GET /tac-gia/{slug}", "GET /luu-tru/{year}/{month}", "GET /doc-nhieu", "GET /ban-do-hanh-chinh",
	"GET /ban-do-hanh-chinh/{slug}", "GET /lich-lam-viec", "GET /in/lich-lam-viec", "GET /tim-kiem", "GET /so-do-trang",
	"GET /hoi-dap", "GET /hoi-dap/gui-cau-hoi", "GET /hoi-dap/da-gui", "GET /hoi-dap/tra-cuu", "GET /hoi-dap/{ref}",
	"GET /gop-y-du-thao", "GET /gop-y-du-thao/sap-toi", "GET /gop-y-du-thao/da-ket-thuc", "GET /gop-y-du-thao/{slug}",
	"GET /gop-y-da-gui", "GET /van-ban", "GET /van-ban/{slug}", "GET /gioi-thieu", "GET /gioi-thieu/{slug}", "GET /en",
	"GET /en/{slug}", "GET /dong-su-kien", "GET /dong-su-kien/{slug}", "GET /chuyen-de", "GET /chuyen-de/{slug}", "/",
}

// TestEveryPageDescribed walks the site from the home page, following its
// links and redirects, and checks every HTML page it reaches: exactly one
// meaningful meta description; a canonical address, absolute on the base
// URL, on every page search engines may index; absolute hreflang and
// og:url. Every reader route must be among the pages walked.
func TestEveryPageDescribed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newFullSite(t, db, origin)
		seed, err := db.ArticleBySlug(ctx, demo.SeedSlug)
		if err != nil {
			t.Fatal(err)
		}
		seed.Tags = []string{"Nghị quyết", "Đại hội Đảng"}
		seed.ThreadID = seedThread(t, db, seed.ID)
		if err := db.UpdateArticle(ctx, storetest.Actor, seed); err != nil {
			t.Fatal(err)
		}
		s.h.ClearCache()
		routes := http.NewServeMux()
		for _, p := range readerRoutes {
			routes.HandleFunc(p, func(http.ResponseWriter, *http.Request) {})
		}
		covered := map[string]bool{}
		queue := []string{"/", "/y-kien-da-gui", "/gop-y-da-gui", "/hoi-dap/da-gui", "/hoi-dap/tra-cuu", "/tim-kiem",
			"/tim-kiem?q=h%E1%BB%99i+ngh%E1%BB%8B", "/khong/co/trang-nay", "/bai/1", "/luu-tru/2020/12", "/doc-nhieu"}
		seen := map[string]bool{}
		for len(queue) > 0 && len(seen) < 400 {
			path := queue[0]
			queue = queue[1:]
			if seen[path] || skipWalk(path) {
				continue
			}
			seen[path] = true
			w := s.get(t, path)
			if loc := w.Header().Get("Location"); w.Code/100 == 3 {
				queue = append(queue, loc)
				continue
			}
			if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
				continue
			}
			r := httptest.NewRequest("GET", path, nil)
			_, pattern := routes.Handler(r)
			covered[pattern] = true
			doc := parse(t, w)
			checkHead(t, path, w.Code, doc)
			doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
				if next, ok := internal(a.AttrOr("href", "")); ok && !seen[next] {
					queue = append(queue, next)
				}
			})
		}
		for _, p := range readerRoutes {
			if !covered[p] {
				t.Errorf("the walk reached no page of %s", p)
			}
		}
		t.Logf("%d pages walked", len(seen))
	})
}

// checkHead checks what a page tells search engines and sharing sites.
func checkHead(t *testing.T, path string, status int, doc *goquery.Document) {
	t.Helper()
	desc := doc.Find(`meta[name="description"]`)
	if desc.Length() != 1 {
		t.Errorf("%s: %d meta descriptions; want 1", path, desc.Length())
	} else if d := strings.TrimSpace(desc.AttrOr("content", "")); utf8.RuneCountInString(d) < 20 {
		t.Errorf("%s: meta description %q says too little", path, d)
	}
	noindex := strings.Contains(doc.Find(`meta[name="robots"]`).AttrOr("content", ""), "noindex")
	canonical := doc.Find(`link[rel="canonical"]`)
	switch {
	case canonical.Length() > 1:
		t.Errorf("%s: %d canonical links", path, canonical.Length())
	case canonical.Length() == 0 && status == 200 && !noindex:
		t.Errorf("%s: no canonical link on a page search engines may index", path)
	}
	doc.Find(`link[rel="canonical"], link[rel="alternate"][hreflang]`).Each(func(_ int, l *goquery.Selection) {
		if href := l.AttrOr("href", ""); !strings.HasPrefix(href, origin+"/") {
			t.Errorf("%s: %s link %q is not absolute on %s", path, l.AttrOr("rel", ""), href, origin)
		}
	})
	if og, ok := doc.Find(`meta[property="og:url"]`).Attr("content"); ok && !strings.HasPrefix(og, origin+"/") {
		t.Errorf("%s: og:url %q is not absolute", path, og)
	}
}

// internal returns the path and query of a link to a reader page of the
// site, without its fragment.
func internal(href string) (string, bool) {
	u, err := url.Parse(href)
	if err != nil || u.Host != "" && u.Scheme+"://"+u.Host != origin || u.Scheme != "" && u.Host == "" {
		return "", false
	}
	if u.Path == "" {
		return "", false
	}
	u.Scheme, u.Host, u.Fragment = "", "", ""
	return u.String(), true
}

// skipWalk leaves out what is no page: files, feeds, the ads' redirects,
// and the endless variations of lists (pages, filters) past their first.
func skipWalk(path string) bool {
	for _, prefix := range []string{"/static/", "/media/", "/rss", "/atom", "/sitemap", "/qc/", "/quan-tri"} {
		if strings.HasPrefix(path, prefix) {
			return true
		}
	}
	u, _ := url.Parse(path)
	q := u.Query()
	return strings.HasSuffix(u.Path, ".ics") || strings.Contains(u.Path, "/tep/") ||
		slices.ContainsFunc([]string{"trang", "loai", "co-quan", "linh-vuc", "nam", "chuyen-muc"}, q.Has)
}
