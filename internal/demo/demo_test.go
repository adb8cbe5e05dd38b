package demo_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/viet"
)

var ctx = context.Background()

// now is a fixed Friday, so the schedule's week is known.
var now = time.Date(2026, 11, 27, 10, 0, 0, 0, viet.Location)

// seedLine returns line n (from 1) of the scraped seed page, read here
// independently of the parser under test.
func seedLine(t *testing.T, n int) string {
	t.Helper()
	b, err := os.ReadFile("seed/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(b), "\n")[n-1]
}

func TestSeedArticle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		media := t.TempDir()
		if ok, err := demo.Seed(ctx, db, media, now); !ok || err != nil {
			t.Fatalf("Seed on an empty database = %v, %v; want true, nil", ok, err)
		}
		a, err := db.ArticleBySlug(ctx, demo.SeedSlug)
		if err != nil {
			t.Fatalf("ArticleBySlug(SeedSlug): %v", err)
		}
		checkSeedFields(t, db, a)
		checkSeedBody(t, a.Body)
		checkSeedPicture(t, a, media)
	})
}

func checkSeedFields(t *testing.T, db *store.DB, a *portal.Article) {
	t.Helper()
	cats, err := db.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c := portal.NewCategoryTree(cats).ByID(a.CategoryID)
	if c == nil || c.Name != "Chính trị" || c.Slug != demo.SeedCategory {
		t.Errorf("category = %+v; want Chính trị (%s)", c, demo.SeedCategory)
	}
	if want := seedLine(t, 2); a.Title != want {
		t.Errorf("title = %q; want %q", a.Title, want)
	}
	checks := []struct{ field, got, want string }{
		{"slug", a.Slug, viet.Slug(a.Title)},
		{"author", a.Author, "Thanh Tâm"},
		{"source", a.Source, ""},
		{"status", string(a.Status), string(portal.StatusPublished)},
		{"updated", viet.DateTime(a.UpdatedAt), "30/12/2020 08:00"},
		{"published", viet.DateTime(a.PublishedAt), "30/12/2020 08:00"},
		{"created", viet.DateTime(a.CreatedAt), "30/12/2020 08:00"},
		{"views", strconv.FormatInt(a.ViewCount, 10), "235"},
		{"featured", strconv.FormatBool(a.Featured), "true"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q; want %q", c.field, c.got, c.want)
		}
	}
	if !strings.HasPrefix(a.Summary, "Ngày 25/12, Tỉnh ủy tổ chức Hội nghị") || !strings.HasSuffix(a.Summary, "trong toàn Tỉnh.") {
		t.Errorf("summary = %q; want the first paragraph", a.Summary)
	}
}

func checkSeedBody(t *testing.T, body string) {
	t.Helper()
	// Distinctive phrases of each paragraph and of the figure, in page order.
	phrases := []string{
		"<p>Ngày 25/12, Tỉnh ủy tổ chức Hội nghị học tập",
		"Với chủ đề “Đoàn kết, dân chủ, kỷ cương, đổi mới, phát triển”",
		"Bí thư Tỉnh ủy Lê Tiến Châu nhấn mạnh",
		"Video Clip Tọa đàm đưa Nghị quyết Đại hội Đảng bộ tỉnh vào cuộc sống",
		`<figure class="image"><img src="/media/2020/12/30.12.20.b.png" alt="Hội nghị tại điểm cầu cấp Tỉnh" width="960" height="540">`,
		"<figcaption>Hội nghị tại điểm cầu cấp Tỉnh</figcaption></figure>",
		"<p>Phát biểu kết luận Hội nghị, đồng chí Trần Văn Huyến",
		"Đại hội cấp mình thiết thực, hiệu quả.</p>",
	}
	at := 0
	for _, p := range phrases {
		i := strings.Index(body[at:], p)
		if i < 0 {
			t.Errorf("body lacks %q after byte %d", p, at)
			continue
		}
		at += i + len(p)
	}
	counts := []struct {
		s    string
		want int
	}{{"<p>", 5}, {"</p>", 5}, {"<figure", 1}, {"<figcaption>", 1}, {"Các ý kiến", 0}, {"Ảnh liên kết", 0}, {"\u00a0", 0}}
	for _, c := range counts {
		if n := strings.Count(body, c.s); n != c.want {
			t.Errorf("body has %d of %q; want %d", n, c.s, c.want)
		}
	}
	if !strings.HasSuffix(body, "hiệu quả.</p>") {
		t.Errorf("body ends with %q; want the last paragraph, trimmed", body[max(0, len(body)-40):])
	}
}

func checkSeedPicture(t *testing.T, a *portal.Article, media string) {
	t.Helper()
	if len(a.Media) != 1 || a.CoverID != a.Media[0].ID {
		t.Fatalf("media = %+v, cover %d; want one picture, the cover", a.Media, a.CoverID)
	}
	m := a.Media[0]
	if m.File != "2020/12/30.12.20.b.png" || m.MIME != "image/png" || m.Caption != "Hội nghị tại điểm cầu cấp Tỉnh" ||
		m.Alt != m.Caption || m.Width != 960 || m.Height != 540 {
		t.Errorf("media record = %+v", m)
	}
	b, err := os.ReadFile(filepath.Join(media, "2020", "12", "30.12.20.b.png"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode picture: %v", err)
	}
	if r := img.Bounds(); r.Dx() != 960 || r.Dy() != 540 {
		t.Errorf("picture is %v; want 960×540", r)
	}
	if int64(len(b)) != m.Size || len(b) > 150<<10 {
		t.Errorf("picture is %d bytes, record says %d; want them equal and under 150 KB", len(b), m.Size)
	}
}

func TestSeedSide(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		media := t.TempDir()
		if _, err := demo.Seed(ctx, db, media, now); err != nil {
			t.Fatal(err)
		}
		settings, err := db.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{portal.SettingSiteName, portal.SettingSiteTagline, portal.SettingMapTitle, portal.SettingMapDescription} {
			if settings[k] == "" {
				t.Errorf("setting %s is empty", k)
			}
		}
		id, _ := strconv.ParseInt(settings[portal.SettingMapMedia], 10, 64)
		m, err := db.Media(ctx, id)
		if err != nil {
			t.Fatalf("map media %q: %v", settings[portal.SettingMapMedia], err)
		}
		checkSVG(t, media, *m)
		links, err := db.ImageLinks(ctx, time.Now())
		if err != nil || len(links) != 4 {
			t.Fatalf("ImageLinks = %d links, %v; want 4", len(links), err)
		}
		for _, l := range links {
			if l.Image.Width != 300 || l.Image.Height != 90 || l.Image.Alt != l.Title || !strings.HasPrefix(l.URL, "https://") {
				t.Errorf("image link %+v", l)
			}
			checkSVG(t, media, l.Image)
		}
		checkSchedule(t, db)
		ads, err := db.Ads(ctx, now)
		if err != nil || len(ads) != 2 || ads[0].Slot == ads[1].Slot {
			t.Errorf("Ads(now) = %+v, %v; want one running in each slot (the third has ended)", ads, err)
		}
	})
}

// checkSVG checks that m is an SVG file under media that parses as XML and
// holds no script.
func checkSVG(t *testing.T, media string, m portal.Media) {
	t.Helper()
	if m.MIME != "image/svg+xml" || m.Width <= 0 || m.Height <= 0 || m.Alt == "" {
		t.Errorf("SVG record %+v", m)
	}
	b, err := os.ReadFile(filepath.Join(media, filepath.FromSlash(m.File)))
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(b)) != m.Size {
		t.Errorf("%s: %d bytes, record says %d", m.File, len(b), m.Size)
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	root := ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s is not XML: %v", m.File, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if root == "" {
				root = se.Name.Local
			}
			if strings.EqualFold(se.Name.Local, "script") || strings.EqualFold(se.Name.Local, "foreignObject") {
				t.Errorf("%s holds <%s>", m.File, se.Name.Local)
			}
			for _, a := range se.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					t.Errorf("%s has an event handler %s", m.File, a.Name.Local)
				}
			}
		}
	}
	if root != "svg" {
		t.Errorf("%s: root element %q; want svg", m.File, root)
	}
}

func checkSchedule(t *testing.T, db *store.DB) {
	t.Helper()
	from := viet.WeekStart(now)
	entries, err := db.ScheduleEntries(ctx, from, from.AddDate(0, 0, 7))
	if err != nil || len(entries) < 6 || len(entries) > 8 {
		t.Fatalf("Schedule(this week) = %d entries, %v; want 6 to 8", len(entries), err)
	}
	for _, e := range entries {
		if h := e.StartsAt.In(viet.Location).Hour(); h < 7 || h > 17 || e.Who() == "" || e.Content == "" || e.Location == "" {
			t.Errorf("schedule entry %+v", e)
		}
	}
}

func TestSeedTwice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		media := t.TempDir()
		if _, err := demo.Seed(ctx, db, media, now); err != nil {
			t.Fatal(err)
		}
		before := contents(t, db)
		ok, err := demo.Seed(ctx, db, media, now)
		if ok || err != nil {
			t.Errorf("second Seed = %v, %v; want false, nil", ok, err)
		}
		if after := contents(t, db); after != before {
			t.Errorf("second Seed changed the database: %v, then %v", before, after)
		}
	})
}

// contents counts what Seed adds.
func contents(t *testing.T, db *store.DB) [3]int {
	t.Helper()
	n, err := db.CountArticles(ctx, portal.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	cats, err := db.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	links, err := db.ImageLinks(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return [3]int{n, len(cats), len(links)}
}

func TestGenerate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		const n = 2000
		if err := demo.Generate(ctx, db, t.TempDir(), n, now, rand.New(rand.NewPCG(1, 2))); err != nil {
			t.Fatal(err)
		}
		all, err := db.Articles(ctx, portal.ArticleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != n+1 {
			t.Fatalf("%d articles; want the seed and %d generated", len(all), n)
		}
		slugs := map[string]bool{}
		for _, a := range all {
			if !portal.IsSlug(a.Slug) || slugs[a.Slug] {
				t.Errorf("slug %q is malformed or used twice", a.Slug)
			}
			slugs[a.Slug] = true
			checkGenerated(t, &a)
		}
		// Bodies are not listed; read a sample.
		for _, a := range all[:20] {
			full, err := db.Article(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if viet.NFC(full.Body) != full.Body || strings.Count(full.Body, "<p>") < 4 {
				t.Errorf("article %d: body not NFC or under 4 paragraphs: %q", a.ID, full.Body)
			}
		}
	})
}

func checkGenerated(t *testing.T, a *portal.Article) {
	t.Helper()
	for _, s := range []string{a.Title, a.Summary, a.Author, a.Source} {
		if viet.NFC(s) != s {
			t.Errorf("article %d: %q is not NFC", a.ID, s)
		}
	}
	if a.Slug == demo.SeedSlug {
		return
	}
	if a.Status != portal.StatusPublished || a.PublishedAt.After(now) || a.PublishedAt.Before(now.AddDate(-5, 0, -2)) ||
		!a.CreatedAt.Equal(a.PublishedAt) || !a.UpdatedAt.Equal(a.PublishedAt) || a.ViewCount < 0 || a.ViewCount > 5000 {
		t.Errorf("article %d: status %s, published %v, created %v, views %d", a.ID, a.Status, a.PublishedAt, a.CreatedAt, a.ViewCount)
	}
}

// BenchmarkGenerate measures adding 10 000 articles to a SQLite database that
// grows by as many each round: the target is 100 000 in well under a minute.
func BenchmarkGenerate(b *testing.B) {
	db := storetest.Open(b, storetest.SQLiteDSN(b))
	media := b.TempDir()
	if _, err := demo.Seed(ctx, db, media, now); err != nil {
		b.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	for b.Loop() {
		if err := demo.Generate(ctx, db, media, 10000, now, rnd); err != nil {
			b.Fatal(err)
		}
	}
}
