package pages_test

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/importer"
	"cong/internal/importer/pages"
	"cong/internal/importer/pages/pagestest"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/viet"
)

var ctx = context.Background()

const system = "pages:" + pagestest.Host

// importSite runs the import of dir with the shipped haugiang rules: into
// db and mediaDir, or for a dry run into nothing.
func importSite(t *testing.T, db *store.DB, dir, mediaDir string, dry bool) *importer.Run {
	t.Helper()
	rules, err := pages.LoadRules("haugiang")
	if err != nil {
		t.Fatal(err)
	}
	run := importer.New("pages", io.Discard, dry)
	im := &pages.Importer{Dir: dir, Rules: rules, Store: db, Library: db, Run: run, Who: portal.System("cong import pages")}
	if dry {
		im.Store = &importer.Dry{Store: db}
	} else {
		im.Media = &media.Processor{Store: media.Dir(mediaDir)}
	}
	if err := im.Import(ctx); err != nil {
		t.Fatalf("Import: %v", err)
	}
	return run
}

// counts is what a run did, by kind and outcome.
type counts map[string]map[portal.Outcome]int

func (c counts) check(t *testing.T, run *importer.Run) {
	t.Helper()
	for kind, by := range c {
		for _, o := range []portal.Outcome{portal.Created, portal.Updated, portal.Unchanged, portal.Skipped, portal.Failed} {
			if got := run.Count(kind, o); got != by[o] {
				t.Errorf("%s %s: %d; want %d", kind, o, got, by[o])
			}
		}
	}
}

// article returns the article the page at address became.
func article(t *testing.T, db *store.DB, address string) *portal.Article {
	t.Helper()
	rec, err := db.Imported(ctx, portal.Source{System: system, Kind: "page", ID: portal.LegacyKeyOf(address)})
	if err != nil {
		t.Fatalf("record of %s: %v", address, err)
	}
	a, err := db.Article(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// files lists the files under dir.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, path)
		}
		return nil
	})
	return out
}

func auditEntries(t *testing.T, db *store.DB) int64 {
	t.Helper()
	check, err := db.VerifyAudit(ctx)
	if err != nil || check.Broken != nil {
		t.Fatalf("VerifyAudit = %+v, %v", check, err)
	}
	return check.Entries
}

// portalCategory makes the portal's own "Chính trị", which the seed's
// pages name.
func portalCategory(t *testing.T, db *store.DB) *portal.Category {
	t.Helper()
	c := &portal.Category{Name: "Chính trị", Slug: "chinh-tri", Visible: true}
	if err := db.CreateCategory(ctx, storetest.Actor, c); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestImportSavedPages imports the saved site on both engines: the
// articles with their fields, pictures and captions, the pages skipped and
// those that fail, each problem naming its file and rule.
func TestImportSavedPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		site, mediaDir := pagestest.Write(t), t.TempDir()
		politics := portalCategory(t, db)
		run := importSite(t, db, site.Dir, mediaDir, false)
		counts{
			"page":     {portal.Created: 3, portal.Failed: 2, portal.Skipped: 2},
			"image":    {portal.Created: 2},
			"category": {portal.Created: 1},
		}.check(t, run)

		seed := pagestest.Seed()
		a := article(t, db, pagestest.SeedAddress)
		if a.Title != seed.Title || a.CategoryID != politics.ID || a.Author != "Thanh Tâm" || a.ViewCount != 235 ||
			a.Status != portal.StatusPublished || a.Summary != seed.Paragraphs[0] {
			t.Errorf("seed article = title %q, category %d, author %q, views %d, %s, summary %q; want %q in %d by Thanh Tâm, 235 views, published",
				a.Title, a.CategoryID, a.Author, a.ViewCount, a.Status, a.Summary, seed.Title, politics.ID)
		}
		if want := time.Date(2020, 12, 30, 0, 0, 0, 0, viet.Location); !a.PublishedAt.Equal(want) || !a.UpdatedAt.Equal(want) {
			t.Errorf("seed article published %v, updated %v; want %v (midnight in Vietnam)", a.PublishedAt, a.UpdatedAt, want)
		}
		body, err := goquery.NewDocumentFromReader(strings.NewReader(a.Body))
		if err != nil {
			t.Fatal(err)
		}
		img := body.Find("figure.image > img")
		src, _ := img.Attr("src")
		alt, _ := img.Attr("alt")
		if img.Length() != 1 || !strings.HasPrefix(src, "/media/2020/12/") || alt != seed.Caption {
			t.Errorf("figure img = %d, src %q, alt %q; want one picture from /media/2020/12/ described by its caption", img.Length(), src, alt)
		}
		if got := body.Find("figure.image > figcaption").Text(); got != seed.Caption {
			t.Errorf("figcaption = %q; want %q", got, seed.Caption)
		}
		if n := body.Find("p").Length(); n != len(seed.Paragraphs) {
			t.Errorf("%d paragraphs in the body; want the seed's %d (no byline, caption, tools or empty ones)", n, len(seed.Paragraphs))
		}
		if a.Body == "" || strings.Contains(a.Body, "Thanh Tâm") {
			t.Errorf("the byline stayed in the body")
		}
		for _, left := range []string{"Các ý kiến của bạn đọc", "In bài viết", "Lượt truy cập", "Quảng cáo", "Cập nhật vào ngày", seed.Category} {
			if strings.Contains(a.Body, left) {
				t.Errorf("the body holds %q, which is not the article's text", left)
			}
		}
		cover, err := db.Media(ctx, a.CoverID)
		if err != nil || "/media/"+cover.File != src || cover.Caption != seed.Caption || cover.Width != 640 {
			t.Errorf("cover = %+v, %v; want the picture, 640 wide, with its caption", cover, err)
		}
		if _, err := os.Stat(filepath.Join(mediaDir, filepath.FromSlash(cover.File))); err != nil {
			t.Errorf("the picture's file: %v", err)
		}

		rice := article(t, db, pagestest.RiceAddress)
		cats, _ := db.Categories(ctx)
		var economy *portal.Category
		for i := range cats {
			if cats[i].ID == rice.CategoryID {
				economy = &cats[i]
			}
		}
		if economy == nil || economy.Name != "Kinh tế" || economy.Slug != "kinh-te" || !economy.Visible {
			t.Errorf("Rice's category = %+v; want a new visible Kinh tế", economy)
		}
		if rice.ViewCount != 1234 || rice.Author != "Minh Huy" || rice.Source != "Báo Hậu Giang" ||
			rice.SourceURL != "https://baohaugiang.com.vn/" || viet.Date(rice.PublishedAt) != "05/01/2021" {
			t.Errorf("Rice = views %d, author %q, source %q %q, date %s", rice.ViewCount, rice.Author, rice.Source,
				rice.SourceURL, viet.Date(rice.PublishedAt))
		}
		if strings.Contains(rice.Body, "script") || strings.Contains(rice.Body, "onclick") ||
			!strings.Contains(rice.Body, "Bà con phấn khởi.") || !strings.Contains(rice.Body, "<figcaption>Thu hoạch lúa ở huyện Phụng Hiệp</figcaption>") {
			t.Errorf("Rice's body = %s\nwant it sanitized, its text and figure kept", rice.Body)
		}

		lost := article(t, db, pagestest.LostAddress)
		if strings.Contains(lost.Body, "<img") || strings.Contains(lost.Body, "Quang cảnh hội nghị tổng kết") || lost.CoverID != 0 {
			t.Errorf("a picture not saved left its image or caption: %s", lost.Body)
		}

		problems := map[string]bool{}
		for _, p := range run.Problems() {
			problems[p.Message] = p.Failed
		}
		for msg, failed := range map[string]bool{
			pagestest.BadDateFile + `: rule "date": "31/02/2020" does not parse with layout "2/1/2006"`:                            true,
			pagestest.NoTitleFile + `: rule "title": selector ".NewsDetail .NewsTitle" finds nothing`:                              true,
			pagestest.LostFile + `: picture "/Portals/0/Images/2020/12/khong-luu.jpg" is not in the saved site: left out`:          false,
			pagestest.RiceFile + `: the text held 2 script, style, frame, form or event-handler parts: the sanitizer removed them`: false,
			`"Chính trị": the portal's own category /chinh-tri takes its articles`:                                                 false,
		} {
			got, ok := problems[pagestest.Host+"/"+msg]
			if !ok {
				got, ok = problems[msg]
			}
			if !ok || got != failed {
				t.Errorf("no problem (failed %v) %q among:\n%v", failed, msg, problems)
			}
		}
		if len(problems) != 5 {
			t.Errorf("%d problems; want 5: %v", len(problems), problems)
		}
	})
}

// TestImportAgain: a second run writes nothing (no audit entry, no file);
// a page changed since is updated in place; a dry run tells what a run
// would do and writes nothing, not even a picture.
func TestImportAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		site, mediaDir := pagestest.Write(t), t.TempDir()
		portalCategory(t, db)
		before := auditEntries(t, db)
		dry := importSite(t, db, site.Dir, mediaDir, true)
		counts{
			"page":     {portal.Created: 3, portal.Failed: 2, portal.Skipped: 2},
			"image":    {portal.Created: 2},
			"category": {portal.Created: 1},
		}.check(t, dry)
		n, _ := db.CountArticles(ctx, portal.ArticleFilter{})
		if cats, _ := db.Categories(ctx); n != 0 || len(cats) != 1 || auditEntries(t, db) != before || len(files(t, mediaDir)) != 0 {
			t.Fatalf("the dry run wrote: %d articles, %d categories, %d audit entries, files %v",
				n, len(cats), auditEntries(t, db)-before, files(t, mediaDir))
		}

		importSite(t, db, site.Dir, mediaDir, false)
		first := article(t, db, pagestest.RiceAddress)
		written, stored := auditEntries(t, db), files(t, mediaDir)
		unchanged := counts{
			"page":     {portal.Unchanged: 3, portal.Failed: 2, portal.Skipped: 2},
			"image":    {portal.Unchanged: 2},
			"category": {portal.Unchanged: 1},
		}
		unchanged.check(t, importSite(t, db, site.Dir, mediaDir, false))
		if auditEntries(t, db) != written || len(files(t, mediaDir)) != len(stored) {
			t.Errorf("a second run wrote %d audit entries and %d files; want none",
				auditEntries(t, db)-written, len(files(t, mediaDir))-len(stored))
		}
		unchanged.check(t, importSite(t, db, site.Dir, mediaDir, true))

		rice := pagestest.Rice()
		rice.Title, rice.Stamp = "Nông dân Hậu Giang trúng mùa, trúng giá lúa Đông Xuân", "[ Cập nhật vào ngày (05/01/2021) ] - [ Số lần xem: 2.000 ]"
		site.WritePage(t, pagestest.RiceFile, rice)
		counts{
			"page":  {portal.Updated: 1, portal.Unchanged: 2, portal.Failed: 2, portal.Skipped: 2},
			"image": {portal.Unchanged: 2},
		}.check(t, importSite(t, db, site.Dir, mediaDir, false))
		now := article(t, db, pagestest.RiceAddress)
		if now.ID != first.ID || now.Title != rice.Title || now.ViewCount != 2000 || now.CoverID != first.CoverID {
			t.Errorf("changed page = article %d %q, %d views, cover %d; want %d updated in place with 2000 views, cover %d",
				now.ID, now.Title, now.ViewCount, now.CoverID, first.ID, first.CoverID)
		}
		if n, _ := db.CountArticles(ctx, portal.ArticleFilter{}); n != 3 {
			t.Errorf("%d articles after four runs; want 3", n)
		}
	})
}

// TestBrokenPicture: a saved picture the library refuses fails as an image
// (the run exits non-zero) while its article comes in without it; the next
// run, the file mended, brings it in.
func TestBrokenPicture(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		site, mediaDir := pagestest.Write(t), t.TempDir()
		site.WriteFile(t, pagestest.RiceFileImage, []byte("<html>not a picture</html>"))
		run := importSite(t, db, site.Dir, mediaDir, false)
		counts{"image": {portal.Created: 1, portal.Failed: 1}}.check(t, run)
		rice := article(t, db, pagestest.RiceAddress)
		if rice.CoverID != 0 || strings.Contains(rice.Body, "<img") || strings.Contains(rice.Body, "Phụng Hiệp") {
			t.Errorf("Rice kept its broken picture or its caption: %s", rice.Body)
		}
		var noted bool
		for _, p := range run.Problems() {
			noted = noted || p.Kind == "image" && p.Failed && strings.Contains(p.Message, "not a picture") ||
				p.Kind == "page" && strings.Contains(p.Message, `picture "Portals/0/Images/lua.jpg?v=2" could not be stored`)
		}
		if !noted {
			t.Errorf("problems %+v; want the image failed and the page noted", run.Problems())
		}

		site.WriteFile(t, pagestest.RiceFileImage, pagestest.JPEG(t, 480, 320, 2))
		counts{"image": {portal.Created: 1, portal.Unchanged: 1}, "page": {portal.Updated: 1, portal.Unchanged: 2,
			portal.Failed: 2, portal.Skipped: 2}}.check(t, importSite(t, db, site.Dir, mediaDir, false))
		if rice := article(t, db, pagestest.RiceAddress); rice.CoverID == 0 || !strings.Contains(rice.Body, "<figcaption>") {
			t.Errorf("the mended picture did not come in: %s", rice.Body)
		}
	})
}
