package web_test

import (
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

type sitemapIndexSchema struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemap"`
}

type urlSetSchema struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

// visibleURLs lists the absolute addresses of the articles readers may see,
// in id order, worked out apart from the code under test.
func visibleURLs(t *testing.T, db *store.DB) []string {
	t.Helper()
	cats, err := db.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tree := portal.NewCategoryTree(cats)
	list, err := db.Articles(ctx, portal.ReaderFilter(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(list, func(a, b portal.Article) int { return int(a.ID - b.ID) })
	var urls []string
	for _, a := range list {
		if tree.Shown(a.CategoryID) {
			urls = append(urls, origin+a.URL())
		}
	}
	return urls
}

func TestSitemaps(t *testing.T) {
	web.SetSitemapSize(t, 7) // here, not in the engines' parallel subtests
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		want := visibleURLs(t, db)
		if len(want) != 56 {
			t.Fatalf("%d visible articles; want the seed and 55", len(want))
		}
		var idx sitemapIndexSchema
		decode(t, f.get(t, "/sitemap.xml"), "application/xml; charset=utf-8", &idx)
		wantIdx := []string{origin + "/sitemap/chuyen-muc.xml"}
		for i := 1; i <= 8; i++ { // 56 / 7
			wantIdx = append(wantIdx, fmt.Sprintf("%s/sitemap/trang-%d.xml", origin, i))
		}
		var gotIdx []string
		for _, s := range idx.Sitemaps {
			gotIdx = append(gotIdx, s.Loc)
		}
		if diff := cmp.Diff(wantIdx, gotIdx); diff != "" {
			t.Fatalf("sitemap index (-want +got):\n%s", diff)
		}
		// Read the children backwards first, from a cold cache, so each
		// must find where it starts; then forwards.
		for _, order := range []string{"backwards", "forwards"} {
			f.h.ClearCache()
			got := make([][]string, 9)
			for k := 1; k <= 8; k++ {
				i := k
				if order == "backwards" {
					i = 9 - k
				}
				path := strings.TrimPrefix(gotIdx[i], origin)
				var set urlSetSchema
				decode(t, f.get(t, path), "application/xml; charset=utf-8", &set)
				if len(set.URLs) > 7 {
					t.Errorf("%s lists %d addresses; want at most 7", path, len(set.URLs))
				}
				for _, u := range set.URLs {
					if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil {
						t.Errorf("%s: %s lastmod %q: %v", path, u.Loc, u.LastMod, err)
					}
					got[i] = append(got[i], u.Loc)
				}
			}
			if diff := cmp.Diff(want, slices.Concat(got...)); diff != "" {
				t.Errorf("read %s, the sitemaps list (-want +got):\n%s", order, diff)
			}
		}
		for _, p := range []string{"/sitemap/trang-9.xml", "/sitemap/trang-0.xml", "/sitemap/trang-01.xml",
			"/sitemap/trang-1", "/sitemap/trang-x.xml", "/sitemap/khac.xml", "/sitemap/trang-1.xml/x"} {
			if w := f.get(t, p); w.Code != 404 {
				t.Errorf("GET %s = %d; want 404", p, w.Code)
			}
		}
	})
}

func TestSitemapOfPages(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	f := newFixture(t, db)
	var set urlSetSchema
	decode(t, f.get(t, "/sitemap/chuyen-muc.xml"), "application/xml; charset=utf-8", &set)
	got := map[string]string{}
	for _, u := range set.URLs {
		got[strings.TrimPrefix(u.Loc, origin)] = u.LastMod
		if !strings.HasPrefix(u.Loc, origin+"/") {
			t.Errorf("loc %q is not absolute", u.Loc)
		}
	}
	cats, _ := db.Categories(ctx)
	tree := portal.NewCategoryTree(cats)
	for _, c := range cats {
		_, listed := got["/"+c.Slug]
		if shown := tree.Shown(c.ID); listed != shown {
			t.Errorf("category %s: listed %v; shown to readers %v", c.Slug, listed, shown)
		}
	}
	for _, p := range []string{"/", "/lich-lam-viec", "/ban-do-hanh-chinh", "/so-do-trang"} {
		if _, ok := got[p]; !ok {
			t.Errorf("the sitemap of pages lacks %s", p)
		}
	}
	if mod, err := time.Parse(time.RFC3339, got["/chinh-tri"]); err != nil || mod.Year() != 2020 {
		t.Errorf("/chinh-tri lastmod %q; want the seed article's, in 2020", got["/chinh-tri"])
	}
}

func TestRobots(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	w := s.get(t, "/robots.txt")
	want := "User-agent: *\nAllow: /\nDisallow: /quan-tri/\nDisallow: /qc/\nDisallow: /tim-kiem\n\nSitemap: " + origin + "/sitemap.xml\n"
	if w.Code != 200 || w.Body.String() != want || w.Header().Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("GET /robots.txt = %d %q %q; want 200 text/plain %q", w.Code, w.Header().Get("Content-Type"), w.Body, want)
	}
}
