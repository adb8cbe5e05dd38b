package store_test

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

var ctx = context.Background()

func newCategory(t *testing.T, db *store.DB, name, slug string, parent int64) portal.Category {
	t.Helper()
	c := portal.Category{Name: name, Slug: slug, ParentID: parent, Visible: true}
	if err := db.CreateCategory(ctx, storetest.Actor, &c); err != nil {
		t.Fatalf("CreateCategory(%q): %v", name, err)
	}
	return c
}

func newArticle(t *testing.T, db *store.DB, cat int64, title string, status portal.Status, published time.Time) portal.Article {
	t.Helper()
	a := portal.Article{CategoryID: cat, Title: title, Body: "<p>Nội dung</p>", Status: status, PublishedAt: published}
	if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
		t.Fatalf("CreateArticle(%q): %v", title, err)
	}
	return a
}

func TestMigrateTwice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("second Migrate: %v", err)
		}
		names, err := db.Migrations(ctx)
		if err != nil || len(names) == 0 || names[0] != "0001_init.sql" {
			t.Errorf("Migrations() = %v, %v; want [0001_init.sql ...]", names, err)
		}
	})
}

func TestCategories(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		top := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		newCategory(t, db, "Xây dựng Đảng", "xay-dung-dang", top.ID)
		dup := portal.Category{Name: "Khác", Slug: "chinh-tri", Visible: true}
		if err := db.CreateCategory(ctx, storetest.Actor, &dup); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("duplicate slug: err = %v; want EINVALID", err)
		}
		reserved := portal.Category{Name: "Tĩnh", Slug: "static", Visible: true}
		if err := db.CreateCategory(ctx, storetest.Actor, &reserved); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("reserved slug: err = %v; want EINVALID", err)
		}
		cats, err := db.Categories(ctx)
		if err != nil {
			t.Fatal(err)
		}
		tree := portal.NewCategoryTree(cats)
		if got := tree.Subtree(top.ID); len(got) != 2 {
			t.Errorf("Subtree(top) = %v; want 2 ids", got)
		}
		if c := tree.BySlug("xay-dung-dang"); c == nil || c.ParentID != top.ID || c.Name != "Xây dựng Đảng" {
			t.Errorf("BySlug(xay-dung-dang) = %+v", c)
		}
	})
}

func TestArticleSlugsAndRedirects(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		now := time.Now()
		a := newArticle(t, db, cat.ID, "Hội nghị Đảng bộ tỉnh", portal.StatusPublished, now)
		if a.Slug != "hoi-nghi-dang-bo-tinh" {
			t.Errorf("slug = %q; want hoi-nghi-dang-bo-tinh", a.Slug)
		}
		b := newArticle(t, db, cat.ID, "Hội nghị Đảng bộ tỉnh", portal.StatusPublished, now)
		if b.Slug != "hoi-nghi-dang-bo-tinh-2" {
			t.Errorf("second slug = %q; want hoi-nghi-dang-bo-tinh-2", b.Slug)
		}
		a.Title = "Hội nghị Ban Chấp hành Đảng bộ tỉnh"
		if err := db.UpdateArticle(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		if a.Slug != "hoi-nghi-ban-chap-hanh-dang-bo-tinh" {
			t.Errorf("slug after new title = %q", a.Slug)
		}
		got, err := db.ArticleBySlug(ctx, "hoi-nghi-dang-bo-tinh")
		if err != nil || got.ID != a.ID || got.Slug != a.Slug {
			t.Errorf("ArticleBySlug(old) = %+v, %v; want article %d at its new slug", got, err, a.ID)
		}
		// The freed old slug is kept for the redirect, not given to a new article.
		c := newArticle(t, db, cat.ID, "Hội nghị Đảng bộ tỉnh", portal.StatusDraft, time.Time{})
		if c.Slug != "hoi-nghi-dang-bo-tinh-3" {
			t.Errorf("third slug = %q; want hoi-nghi-dang-bo-tinh-3", c.Slug)
		}
		if _, err := db.ArticleBySlug(ctx, "khong-co"); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("unknown slug: err = %v; want ENOTFOUND", err)
		}
	})
}

func TestReaderFilterHidesDrafts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Kinh tế", "kinh-te", 0)
		now := time.Now()
		pub := newArticle(t, db, cat.ID, "Đã xuất bản", portal.StatusPublished, now.Add(-time.Hour))
		newArticle(t, db, cat.ID, "Bản nháp", portal.StatusDraft, time.Time{})
		newArticle(t, db, cat.ID, "Hẹn giờ", portal.StatusPublished, now.Add(time.Hour))
		f := portal.ReaderFilter(now)
		f.CategoryIDs = []int64{cat.ID}
		list, err := db.Articles(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].ID != pub.ID {
			t.Errorf("reader list = %+v; want only %q", list, pub.Title)
		}
		if n, err := db.CountArticles(ctx, f); n != 1 || err != nil {
			t.Errorf("CountArticles = %d, %v; want 1", n, err)
		}
	})
}

func TestTextStoredNFC(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Xã hội", "xa-hoi", 0)
		nfd := "Ho\u0300a bi\u0300nh" // "Hoà bình" decomposed
		a := newArticle(t, db, cat.ID, nfd, portal.StatusPublished, time.Now())
		got, err := db.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "Hòa bình" && got.Title != "Hoà bình" || strings.ContainsRune(got.Title, '\u0300') {
			t.Errorf("Title = %q; want NFC", got.Title)
		}
		if got.Slug != "hoa-binh" {
			t.Errorf("Slug = %q; want hoa-binh", got.Slug)
		}
	})
}

func TestArticleRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		m := portal.Media{File: "2020/12/30.12.20.b.jpg", MIME: "image/jpeg", Caption: "Hội nghị", Alt: "Ảnh", Width: 800, Height: 450,
			Size: 1234, Variants: []int{320, 360, 640}, WebP: []int{320, 360, 640, 800}}
		if err := db.CreateMedia(ctx, storetest.Actor, &m); err != nil {
			t.Fatal(err)
		}
		published := time.Date(2020, 12, 30, 3, 0, 0, 0, time.UTC)
		a := portal.Article{CategoryID: cat.ID, Title: "Tiêu đề", Summary: "Tóm tắt", Body: "<p>Thân</p>",
			Author: "Thanh Tâm", Source: "Báo Hậu Giang", Status: portal.StatusPublished, Featured: true,
			CoverID: m.ID, PublishedAt: published, ViewCount: 235}
		if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		if err := db.LinkMedia(ctx, storetest.Actor, a.ID, m.ID, 1); err != nil {
			t.Fatal(err)
		}
		got, err := db.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := a
		want.CategorySlug = "chinh-tri"
		want.Media = []portal.Media{m}
		opts := cmp.Comparer(func(x, y time.Time) bool { return x.Equal(y) })
		if diff := cmp.Diff(want, *got, opts); diff != "" {
			t.Errorf("Article() mismatch (-want +got):\n%s", diff)
		}
		list, err := db.Articles(ctx, portal.ArticleFilter{})
		if err != nil || len(list) != 1 || list[0].Cover == nil || list[0].Cover.File != m.File || list[0].Body != "" {
			t.Errorf("Articles() = %+v, %v; want one article with its cover and no body", list, err)
		}
	})
}

func TestInvalidArticle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		for name, a := range map[string]portal.Article{
			"no title":     {CategoryID: cat.ID, Status: portal.StatusDraft},
			"no category":  {Title: "X", Status: portal.StatusDraft},
			"bad status":   {CategoryID: cat.ID, Title: "X", Status: "gone"},
			"long title":   {CategoryID: cat.ID, Title: strings.Repeat("ă", 301), Status: portal.StatusDraft},
			"NUL in title": {CategoryID: cat.ID, Title: "a\x00b", Status: portal.StatusDraft},
			"bad UTF-8":    {CategoryID: cat.ID, Title: "a\xffb", Status: portal.StatusDraft},
		} {
			if err := db.CreateArticle(ctx, storetest.Actor, &a); portal.ErrorCode(err) != portal.EINVALID {
				t.Errorf("%s: err = %v; want EINVALID", name, err)
			}
		}
		if n, _ := db.CountArticles(ctx, portal.ArticleFilter{}); n != 0 {
			t.Errorf("%d articles saved; want none", n)
		}
	})
}

func TestAddViewsAndImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		now := time.Now().UTC()
		var as []portal.Article
		for i := range 450 {
			as = append(as, portal.Article{CategoryID: cat.ID, Title: "Bài số " + string(rune('a'+i%26)),
				Slug: "bai-" + strings.Repeat("x", i%3+1) + "-" + itoa(i), Status: portal.StatusPublished,
				CreatedAt: now, UpdatedAt: now, PublishedAt: now})
		}
		if err := db.ImportArticles(ctx, storetest.Actor, as); err != nil {
			t.Fatal(err)
		}
		if n, err := db.CountArticles(ctx, portal.ArticleFilter{}); n != 450 || err != nil {
			t.Fatalf("CountArticles = %d, %v; want 450", n, err)
		}
		list, _ := db.Articles(ctx, portal.ArticleFilter{Limit: 2})
		if err := db.AddViews(ctx, map[int64]int64{list[0].ID: 3, list[1].ID: 1}); err != nil {
			t.Fatal(err)
		}
		got, _ := db.Article(ctx, list[0].ID)
		if got.ViewCount != 3 {
			t.Errorf("ViewCount = %d; want 3", got.ViewCount)
		}
	})
}

func TestVisits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for _, v := range []struct {
			day string
			n   int64
		}{{"2020-12-29", 5}, {"2020-12-30", 2}, {"2020-12-30", 3}} {
			if err := db.AddVisits(ctx, v.day, v.n); err != nil {
				t.Fatal(err)
			}
		}
		today, total, err := db.Visits(ctx, "2020-12-30")
		if today != 5 || total != 10 || err != nil {
			t.Errorf("Visits = %d, %d, %v; want 5, 10", today, total, err)
		}
	})
}

func TestSideBlocks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		m := portal.Media{File: "lien-ket/a.png", MIME: "image/png", Width: 300, Height: 80}
		if err := db.CreateMedia(ctx, storetest.Actor, &m); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		links := []portal.ImageLink{{Title: "Cổng Chính phủ", URL: "https://chinhphu.vn", Image: m, Active: true},
			{Title: "Ẩn", URL: "https://x.vn", Image: m, Active: false}}
		for i := range links {
			if err := db.SaveImageLink(ctx, storetest.Actor, &links[i]); err != nil {
				t.Fatal(err)
			}
		}
		ads := []portal.Ad{{Slot: portal.AdSlotSide, Weight: 1, Title: "Đang chạy", URL: "https://a.vn", Image: m, StartsAt: now.Add(-time.Hour), Active: true},
			{Slot: portal.AdSlotSide, Weight: 1, Title: "Hết hạn", URL: "https://b.vn", Image: m, StartsAt: now.Add(-2 * time.Hour), EndsAt: now.Add(-time.Hour), Active: true},
			{Slot: portal.AdSlotSide, Weight: 1, Title: "Chưa tới", URL: "https://c.vn", Image: m, StartsAt: now.Add(time.Hour), Active: true}}
		for i := range ads {
			if err := db.SaveAd(ctx, storetest.Actor, &ads[i]); err != nil {
				t.Fatal(err)
			}
		}
		for _, d := range []time.Duration{-48 * time.Hour, time.Hour, 240 * time.Hour} {
			e := portal.ScheduleEntry{StartsAt: now.Add(d), Leader: "Bí thư", Content: "Họp", Location: "Tỉnh ủy"}
			if err := db.CreateScheduleEntry(ctx, storetest.Actor, &e); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := db.ImageLinks(ctx, time.Now()); err != nil || len(got) != 1 || got[0].Image.File != m.File {
			t.Errorf("ImageLinks = %+v, %v; want the active one", got, err)
		}
		if got, err := db.Ads(ctx, now); err != nil || len(got) != 1 || got[0].Title != "Đang chạy" {
			t.Errorf("Ads = %+v, %v; want only the running one", got, err)
		}
		if got, err := db.ScheduleEntries(ctx, now.Add(-24*time.Hour), now.Add(24*time.Hour)); err != nil || len(got) != 1 {
			t.Errorf("ScheduleEntries = %+v, %v; want one entry", got, err)
		}
		if err := db.SaveSettings(ctx, storetest.Actor, map[string]string{portal.SettingSiteName: "Cổng"}); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveSettings(ctx, storetest.Actor, map[string]string{portal.SettingSiteName: "Cổng TTĐT"}); err != nil {
			t.Fatal(err)
		}
		if s, err := db.Settings(ctx); err != nil || s[portal.SettingSiteName] != "Cổng TTĐT" {
			t.Errorf("Settings = %v, %v", s, err)
		}
	})
}

func TestFailedMigrationLeavesDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		bad := fstest.MapFS{
			"m/0100_ok.sql":     {Data: []byte("CREATE TABLE t_ok (id INTEGER PRIMARY KEY)")},
			"m/0101_broken.sql": {Data: []byte("CREATE TABLE t_half (id INTEGER PRIMARY KEY); INSERT INTO nowhere VALUES (1)")},
		}
		err := store.MigrateFS(ctx, db, bad, "m")
		if err == nil || !strings.Contains(err.Error(), "0101_broken.sql") {
			t.Fatalf("MigrateFS = %v; want an error naming 0101_broken.sql", err)
		}
		if err := store.Exec(ctx, db, "SELECT COUNT(*) FROM t_half"); err == nil {
			t.Error("table t_half exists after its migration failed")
		}
		if err := store.Exec(ctx, db, "SELECT COUNT(*) FROM t_ok"); err != nil {
			t.Errorf("table t_ok of the good migration is missing: %v", err)
		}
	})
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestListsOverSeveralCategories(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		top := newCategory(t, db, "Kinh tế", "kinh-te", 0)
		a := newCategory(t, db, "Nông nghiệp", "nong-nghiep", top.ID)
		b := newCategory(t, db, "Công nghiệp", "cong-nghiep", top.ID)
		t0 := time.Now().Add(-time.Hour)
		cats := []int64{top.ID, a.ID, b.ID}
		for i := range 30 {
			newArticle(t, db, cats[i%3], "Tin "+strconv.Itoa(i), portal.StatusPublished, t0.Add(time.Duration(i*7%30)*time.Minute))
		}
		f := portal.ReaderFilter(time.Now())
		f.CategoryIDs = cats
		all, err := db.Articles(ctx, f)
		if err != nil || len(all) != 30 {
			t.Fatalf("Articles(all) = %d, %v", len(all), err)
		}
		if n, err := db.CountArticles(ctx, portal.ArticleFilter{CategoryIDs: cats, Limit: 5}); n != 30 || err != nil {
			t.Errorf("CountArticles = %d, %v; want 30 whatever the limit", n, err)
		}
		for _, page := range []struct{ limit, offset int }{{5, 0}, {7, 5}, {10, 25}} {
			f.Limit, f.Offset = page.limit, page.offset
			got, err := db.Articles(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			want := all[page.offset:min(page.offset+page.limit, len(all))]
			if len(got) != len(want) {
				t.Fatalf("limit %d offset %d: %d articles; want %d", page.limit, page.offset, len(got), len(want))
			}
			for i := range want {
				if got[i].ID != want[i].ID {
					t.Errorf("limit %d offset %d: [%d] = %d; want %d", page.limit, page.offset, i, got[i].ID, want[i].ID)
				}
			}
		}
	})
}

func TestExclusive(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var mu sync.Mutex
		inside, most := 0, 0
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				err := db.Exclusive(ctx, "test.lock", func() error {
					mu.Lock()
					inside++
					most = max(most, inside)
					mu.Unlock()
					time.Sleep(20 * time.Millisecond) // hold the lock a while
					mu.Lock()
					inside--
					mu.Unlock()
					return nil
				})
				if err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if db.Engine() == "postgres" && most != 1 {
			t.Errorf("%d callers inside the lock at once; want 1", most)
		}
	})
}
