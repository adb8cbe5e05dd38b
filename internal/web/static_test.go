package web_test

import (
	"bytes"
	"image"
	"image/jpeg"
	_ "image/png"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/image/webp"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cong/internal/asset"
	"cong/internal/demo"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestEveryStaticLinkResolves walks every kind of reader page and follows
// each address of the embedded files they name: each answers 200 for a
// year. Every srcset candidate of a picture answers too, at the width it
// claims, and the WebP ones are WebP.
func TestEveryStaticLinkResolves(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	dir := t.TempDir()
	s := newFullSiteIn(t, db, origin, dir)
	article := addPhotoArticle(t, db, dir)
	seed, err := db.ArticleBySlug(ctx, demo.SeedSlug)
	if err != nil {
		t.Fatal(err)
	}
	seed.Tags = []string{"Nghị quyết"}         // for the tag page
	seed.ThreadID = seedThread(t, db, seed.ID) // for the thread's and the group's pages
	if err := db.UpdateArticle(ctx, storetest.Actor, seed); err != nil {
		t.Fatal(err)
	}

	paths := []string{article, "/in" + article}
	for _, p := range a11yPages {
		if p.path == "" {
			continue
		}
		if p.link == "" {
			paths = append(paths, p.path)
			continue
		}
		href, ok := parse(t, s.get(t, p.path)).Find(p.link).First().Attr("href")
		if !ok {
			t.Fatalf("%s: no %s on %s", p.name, p.link, p.path)
		}
		paths = append(paths, href)
	}
	seen := map[string]bool{}
	var webps, widths int
	for _, path := range paths {
		w := s.get(t, path)
		doc := parse(t, w)
		doc.Find(`link[href^="/static/"], script[src^="/static/"], img[src^="/static/"]`).Each(func(_ int, sel *goquery.Selection) {
			u := sel.AttrOr("href", sel.AttrOr("src", ""))
			if seen[u] {
				return
			}
			seen[u] = true
			r := s.get(t, u)
			if r.Code != 200 || r.Header().Get("Cache-Control") != asset.Immutable || r.Header().Get("ETag") == "" {
				t.Errorf("%s names %s: %d, Cache-Control %q, ETag %q; want 200 for a year with an ETag", path, u,
					r.Code, r.Header().Get("Cache-Control"), r.Header().Get("ETag"))
			}
		})
		doc.Find(`img[srcset], source[srcset]`).Each(func(_ int, sel *goquery.Selection) {
			if sel.AttrOr("sizes", "") == "" {
				t.Errorf("%s: %s with srcset but no sizes", path, goquery.NodeName(sel))
			}
			for _, c := range strings.Split(sel.AttrOr("srcset", ""), ", ") {
				u, wd, _ := strings.Cut(c, " ")
				want, _ := strconv.Atoi(strings.TrimSuffix(wd, "w"))
				if seen[u] {
					continue
				}
				seen[u] = true
				widths++
				got, format := pictureWidth(t, s, u)
				if got != want {
					t.Errorf("%s: srcset candidate %s is %d pixels wide", path, c, got)
				}
				if sel.Is("source") {
					webps++
					if format != "webp" || sel.AttrOr("type", "") != "image/webp" {
						t.Errorf("%s: <source type=%q> lists %s, a %s picture", path, sel.AttrOr("type", ""), u, format)
					}
				}
			}
		})
	}
	t.Logf("followed %d addresses on %d pages: %d srcset candidates, %d of them WebP", len(seen), len(paths), widths, webps)
	if len(seen) == 0 || webps == 0 || widths == 0 {
		t.Errorf("followed %d addresses, %d srcset candidates of which %d WebP; want some of each", len(seen), widths, webps)
	}
}

// pictureWidth fetches a picture and reads its width and format; WebP with
// the x/image decoder, as a browser's own decoder would read it.
func pictureWidth(t *testing.T, s *site, u string) (int, string) {
	t.Helper()
	r := s.get(t, u)
	if r.Code != 200 {
		t.Errorf("GET %s = %d", u, r.Code)
		return 0, ""
	}
	if strings.HasSuffix(u, ".webp") {
		img, err := webp.Decode(bytes.NewReader(r.Body.Bytes()))
		if err != nil {
			t.Errorf("%s: %v", u, err)
			return 0, ""
		}
		return img.Bounds().Dx(), "webp"
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(r.Body.Bytes()))
	if err != nil {
		t.Errorf("%s: %v", u, err)
	}
	return cfg.Width, format
}

// addPhotoArticle uploads a photo the way the library does and publishes
// the newest featured article with it as cover and in its body; it returns
// the article's address.
func addPhotoArticle(t *testing.T, db *store.DB, dir string) string {
	t.Helper()
	var buf bytes.Buffer
	jpegEncode(t, &buf)
	saved, err := (&media.Processor{Store: media.Dir(dir)}).Process(ctx, "anh.jpg", &buf)
	if err != nil {
		t.Fatal(err)
	}
	m := portal.Media{Alt: "Quang cảnh hội nghị"}
	saved.Fill(&m)
	if err := db.CreateMedia(ctx, storetest.Actor, &m); err != nil {
		t.Fatal(err)
	}
	img := &html.Node{Type: html.ElementNode, Data: "img", DataAtom: atom.Img}
	media.SetPicture(img, &m)
	var body strings.Builder
	body.WriteString("<p>Quang cảnh hội nghị.</p><figure>")
	html.Render(&body, img)
	body.WriteString("</figure>")
	cats, err := db.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var catID int64
	for _, c := range cats {
		if c.Slug == demo.SeedCategory {
			catID = c.ID
		}
	}
	a := portal.Article{CategoryID: catID, Title: "Ảnh hội nghị tổng kết năm", Summary: "Ảnh.", Body: body.String(),
		Status: portal.StatusPublished, Featured: true, CoverID: m.ID, PublishedAt: time.Now().Add(-time.Minute)}
	if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
		t.Fatal(err)
	}
	return "/" + demo.SeedCategory + "/" + a.Slug
}

// jpegEncode writes a 1200×800 photo-like JPEG: gradients, edges and a
// little grain, so that it gets every copy, WebP ones too.
func jpegEncode(t *testing.T, buf *bytes.Buffer) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1200, 800))
	for y := range 800 {
		for x := range 1200 {
			i := img.PixOffset(x, y)
			img.Pix[i] = uint8(160+80*math.Sin(float64(x)/97)) + uint8((x*7919^y*104729)&3)*2
			img.Pix[i+1] = uint8(120 + 100*math.Cos(float64(y)/61))
			img.Pix[i+2] = uint8((x/40+y/40)%2*60 + 80)
			img.Pix[i+3] = 255
		}
	}
	if err := jpeg.Encode(buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
}

// A library picture with WebP copies in an article body is drawn in a
// <picture> whose WebP <source> phones take, on the article page and the
// print view, while the body is stored as the editor left it.
func TestBodyPicturesGetWebP(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	dir := t.TempDir()
	s := newFullSiteIn(t, db, origin, dir)
	article := addPhotoArticle(t, db, dir)
	for _, path := range []string{article, "/in" + article} {
		doc := parse(t, s.get(t, path))
		src := doc.Find(`.article-body figure picture > source[type="image/webp"]`)
		img := doc.Find(`.article-body figure picture > source + img`)
		if src.Length() != 1 || img.Length() != 1 {
			t.Fatalf("%s: %d WebP sources, %d pictures after them; want one of each", path, src.Length(), img.Length())
		}
		if set := src.AttrOr("srcset", ""); !strings.Contains(set, ".webp 640w") || src.AttrOr("sizes", "") != media.ColumnSizes {
			t.Errorf("%s: source srcset %q sizes %q", path, set, src.AttrOr("sizes", ""))
		}
		if set := img.AttrOr("srcset", ""); !strings.Contains(set, ".jpg 640w") {
			t.Errorf("%s: the <img> srcset %q; want its JPEG copies kept", path, set)
		}
	}
	a, err := db.ArticleBySlug(ctx, strings.TrimPrefix(article, "/"+demo.SeedCategory+"/"))
	if err != nil || strings.Contains(a.Body, "<picture") {
		t.Errorf("stored body %q, %v; want it without <picture>", a.Body, err)
	}
}
