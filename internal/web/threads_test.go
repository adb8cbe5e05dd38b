package web_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// threadSite is the demo portal with threads and groups, its pages
// dropped at every change as in production.
func threadSite(t *testing.T, db *store.DB) (*site, int64) {
	t.Helper()
	media := t.TempDir()
	if _, err := demo.Seed(ctx, db, media, time.Now()); err != nil {
		t.Fatal(err)
	}
	s := newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Ready: db.Ping, Threads: db,
		Version: db.ContentVersion}, media)
	db.OnChange(s.h.ClearCache) // as cmd/cong wires it
	cats, err := db.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cats {
		if c.Slug == demo.SeedCategory {
			return s, c.ID
		}
	}
	t.Fatal("no seed category")
	return nil, 0
}

// publish saves an article of category cat at when, in thread (0: none).
func publish(t *testing.T, db *store.DB, cat int64, title string, status portal.Status, when time.Time, thread int64) portal.Article {
	t.Helper()
	a := portal.Article{CategoryID: cat, Title: title, Summary: "Tóm tắt " + title, Body: "<p>Nội dung</p>",
		Status: status, PublishedAt: when, ThreadID: thread}
	if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
		t.Fatal(err)
	}
	a.CategorySlug = demo.SeedCategory // all of them are in the seed category
	return a
}

func texts(doc *goquery.Document, sel string) []string {
	var out []string
	doc.Find(sel).Each(func(_ int, s *goquery.Selection) { out = append(out, strings.Join(strings.Fields(s.Text()), " ")) })
	return out
}

func TestThreadTimeline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, cat := threadSite(t, db)
		th := &portal.Thread{Title: "Phòng chống bão số 3", Description: "Diễn biến và ứng phó."}
		if err := db.CreateThread(ctx, storetest.Actor, th); err != nil {
			t.Fatal(err)
		}
		morning := publish(t, db, cat, "Bão hình thành trên Biển Đông", portal.StatusPublished,
			time.Date(2026, 3, 1, 1, 30, 0, 0, time.UTC), th.ID) // 08:30 01/03 in Vietnam
		publish(t, db, cat, "Tỉnh họp khẩn ứng phó bão", portal.StatusPublished,
			time.Date(2026, 3, 1, 16, 45, 0, 0, time.UTC), th.ID) // 23:45 01/03
		landfall := publish(t, db, cat, "Bão đổ bộ vào đất liền", portal.StatusPublished,
			time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC), th.ID) // 03:00 02/03
		publish(t, db, cat, "Bản nháp tổng kết bão", portal.StatusDraft, time.Time{}, th.ID)
		publish(t, db, cat, "Hẹn giờ: khắc phục hậu quả", portal.StatusPublished, time.Now().Add(24*time.Hour), th.ID)

		w := s.get(t, th.URL())
		if w.Code != 200 {
			t.Fatalf("GET %s = %d; want 200", th.URL(), w.Code)
		}
		doc := parse(t, w)
		if got := text(doc, "h1.page-title"); got != th.Title {
			t.Errorf("h1 = %q; want %q", got, th.Title)
		}
		if diff := cmp.Diff([]string{"02/03/2026", "01/03/2026"}, texts(doc, ".timeline-day > h2")); diff != "" {
			t.Errorf("days (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"03:00", "23:45", "08:30"}, texts(doc, ".timeline-item .clock")); diff != "" {
			t.Errorf("times in Vietnam (-want +got):\n%s", diff)
		}
		want := []string{"Bão đổ bộ vào đất liền", "Tỉnh họp khẩn ứng phó bão", "Bão hình thành trên Biển Đông"}
		if diff := cmp.Diff(want, texts(doc, ".timeline-item h3")); diff != "" {
			t.Errorf("timeline (-want +got):\n%s", diff)
		}
		if w := s.get(t, th.URL()+"?utm_source=zalo"); w.Code != 200 {
			t.Errorf("the timeline with a campaign's tag = %d; want 200", w.Code)
		}
		if body := w.Body.String(); strings.Contains(body, "Bản nháp") || strings.Contains(body, "Hẹn giờ") {
			t.Error("the timeline shows a draft or a scheduled article")
		}

		doc = parse(t, s.get(t, morning.URL()))
		if got := text(doc, ".thread-box h2"); got != "Dòng sự kiện: "+th.Title {
			t.Errorf("box heading = %q", got)
		}
		if href, _ := doc.Find(".thread-box h2 a").Attr("href"); href != th.URL() {
			t.Errorf("box link = %q; want %q", href, th.URL())
		}
		if diff := cmp.Diff(want[:2], texts(doc, ".thread-box li a")); diff != "" {
			t.Errorf("box's other articles (-want +got):\n%s", diff)
		}
		if w := s.get(t, "/dong-su-kien"); text(parse(t, w), ".thread-list h2") != th.Title {
			t.Errorf("list of threads: %d, %q", w.Code, text(parse(t, s.get(t, "/dong-su-kien")), ".thread-list h2"))
		}

		// A rename goes through the write path: cached pages follow at once.
		th.Title = "Bão số 3 năm 2026"
		if err := db.UpdateThread(ctx, storetest.Actor, th); err != nil {
			t.Fatal(err)
		}
		if got := text(parse(t, s.get(t, landfall.URL())), ".thread-box h2"); got != "Dòng sự kiện: Bão số 3 năm 2026" {
			t.Errorf("box after rename = %q", got)
		}

		for _, path := range []string{"/dong-su-kien/khong-co", "/chuyen-de/khong-co", th.URL() + "?truoc=abc",
			th.URL() + "?truoc=999999", th.URL() + "?truoc=1&truoc=2"} {
			w := s.get(t, path)
			if w.Code != 404 || !strings.Contains(w.Body.String(), "Trang bạn tìm không có") {
				t.Errorf("GET %s = %d; want the Vietnamese 404 page", path, w.Code)
			}
		}
	})
}

func TestThreadPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, cat := threadSite(t, db)
		th := &portal.Thread{Title: "Kỳ họp Hội đồng nhân dân"}
		if err := db.CreateThread(ctx, storetest.Actor, th); err != nil {
			t.Fatal(err)
		}
		start := time.Date(2026, 4, 1, 2, 0, 0, 0, time.UTC)
		var draft portal.Article
		for i := range 23 {
			publish(t, db, cat, "Phiên thứ "+strconv.Itoa(i+1), portal.StatusPublished, start.Add(time.Duration(i)*time.Hour), th.ID)
			if i == 10 {
				draft = publish(t, db, cat, "Nháp giữa chừng", portal.StatusDraft, time.Time{}, th.ID)
			}
		}
		doc := parse(t, s.get(t, th.URL()))
		items := texts(doc, ".timeline-item h3")
		if len(items) != 20 || items[0] != "Phiên thứ 23" || items[19] != "Phiên thứ 4" {
			t.Fatalf("first page: %d items, %q … %q", len(items), items[0], items[len(items)-1])
		}
		next, _ := doc.Find(`.pager a[rel="next"]`).Attr("href")
		w := s.get(t, next)
		if w.Code != 200 {
			t.Fatalf("GET %s = %d", next, w.Code)
		}
		doc = parse(t, w)
		if diff := cmp.Diff([]string{"Phiên thứ 3", "Phiên thứ 2", "Phiên thứ 1"}, texts(doc, ".timeline-item h3")); diff != "" {
			t.Errorf("second page (-want +got):\n%s", diff)
		}
		if doc.Find(`.pager a[rel="next"]`).Length() != 0 {
			t.Error("the last page links further")
		}
		if w := s.get(t, th.URL()+"?truoc="+strconv.FormatInt(draft.ID, 10)); w.Code != 404 {
			t.Errorf("a page before a draft = %d; want 404", w.Code)
		}
	})
}

func TestCollectionsOnHome(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, cat := threadSite(t, db)
		now := time.Now()
		var a [5]portal.Article
		for i := range a {
			a[i] = publish(t, db, cat, "Bài chuyên đề "+strconv.Itoa(i+1), portal.StatusPublished, now.Add(-time.Duration(i+1)*time.Hour), 0)
		}
		flagged := portal.Article{CategoryID: cat, Title: "Tin nổi bật mới nhất", Body: "<p>Nội dung</p>",
			Status: portal.StatusPublished, PublishedAt: now.Add(-time.Minute), Featured: true}
		if err := db.CreateArticle(ctx, storetest.Actor, &flagged); err != nil {
			t.Fatal(err)
		}
		draft := publish(t, db, cat, "Bài nháp chuyên đề", portal.StatusDraft, time.Time{}, 0)
		second := &portal.Collection{Name: "Chuyển đổi số", OnHome: true, Position: 2}
		first := &portal.Collection{Name: "Đại hội Đảng bộ", OnHome: true, Position: 1}
		hidden := &portal.Collection{Name: "Chưa lên trang chủ", Position: 3}
		for _, g := range []*portal.Collection{second, first, hidden} {
			if err := db.CreateCollection(ctx, storetest.Actor, g); err != nil {
				t.Fatal(err)
			}
		}
		add := func(g int64, ids ...int64) {
			t.Helper()
			for _, id := range ids {
				if err := db.AddToCollection(ctx, storetest.Actor, g, id); err != nil {
					t.Fatal(err)
				}
			}
		}
		add(first.ID, a[2].ID, draft.ID, a[0].ID, a[4].ID)
		add(second.ID, a[1].ID)
		add(hidden.ID, a[3].ID)
		featured, err := db.BuiltInCollection(ctx, portal.BuiltInFeatured)
		if err != nil {
			t.Fatal(err)
		}
		add(featured.ID, a[3].ID, draft.ID, a[1].ID)

		doc := parse(t, s.get(t, "/"))
		if diff := cmp.Diff([]string{"Đại hội Đảng bộ", "Chuyển đổi số"}, texts(doc, ".collection-block > h2")); diff != "" {
			t.Errorf("home blocks by position (-want +got):\n%s", diff)
		}
		var got []string
		doc.Find(".collection-block").First().Find(".article-item h3").Each(func(_ int, s *goquery.Selection) {
			got = append(got, s.Text())
		})
		if diff := cmp.Diff([]string{"Bài chuyên đề 3", "Bài chuyên đề 1", "Bài chuyên đề 5"}, got); diff != "" {
			t.Errorf("first block in hand order (-want +got):\n%s", diff)
		}
		if text(doc, ".featured .lead h3") != "Bài chuyên đề 4" || text(doc, ".featured-more li") != "Bài chuyên đề 2" {
			t.Errorf("Tin nổi bật: lead %q, then %q; want the hand order first", text(doc, ".featured .lead h3"),
				text(doc, ".featured-more li"))
		}
		if got := texts(doc, ".featured-more li"); len(got) < 2 || got[1] != "Tin nổi bật mới nhất" {
			t.Errorf("Tin nổi bật after the hand's = %q; want the newest featured-flagged next", got)
		}
		if strings.Contains(s.get(t, "/").Body.String(), "Bài nháp") {
			t.Error("the home page shows a draft")
		}

		w := s.get(t, first.URL())
		if w.Code != 200 {
			t.Fatalf("GET %s = %d", first.URL(), w.Code)
		}
		doc = parse(t, w)
		if diff := cmp.Diff([]string{"Bài chuyên đề 3", "Bài chuyên đề 1", "Bài chuyên đề 5"}, texts(doc, ".article-item h2")); diff != "" {
			t.Errorf("group page (-want +got):\n%s", diff)
		}
		// Moving by hand changes the cached page at once.
		if err := db.MoveInCollection(ctx, storetest.Actor, first.ID, a[4].ID, -1); err != nil {
			t.Fatal(err)
		}
		doc = parse(t, s.get(t, first.URL()))
		if diff := cmp.Diff([]string{"Bài chuyên đề 3", "Bài chuyên đề 5", "Bài chuyên đề 1"}, texts(doc, ".article-item h2")); diff != "" {
			t.Errorf("group page after a move (-want +got):\n%s", diff)
		}
		doc = parse(t, s.get(t, "/chuyen-de"))
		if diff := cmp.Diff([]string{"Đại hội Đảng bộ", "Chuyển đổi số", "Chưa lên trang chủ"}, texts(doc, ".collection-block > h2")); diff != "" {
			t.Errorf("list of groups (-want +got):\n%s", diff)
		}
		onlyDraft := &portal.Collection{Name: "Chỉ có nháp"}
		if err := db.CreateCollection(ctx, storetest.Actor, onlyDraft); err != nil {
			t.Fatal(err)
		}
		add(onlyDraft.ID, draft.ID)
		if w := s.get(t, onlyDraft.URL()); w.Code != 404 {
			t.Errorf("a group of drafts only = %d; want 404", w.Code)
		}
	})
}

func TestThreadPurgePaths(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, cat := threadSite(t, db)
		th := &portal.Thread{Title: "Lũ cuối năm"}
		if err := db.CreateThread(ctx, storetest.Actor, th); err != nil {
			t.Fatal(err)
		}
		a := publish(t, db, cat, "Nước lên nhanh", portal.StatusPublished, time.Now().Add(-time.Hour), th.ID)
		sibling := publish(t, db, cat, "Sơ tán dân", portal.StatusPublished, time.Now().Add(-2*time.Hour), th.ID)
		g := &portal.Collection{Name: "Mùa lũ"}
		if err := db.CreateCollection(ctx, storetest.Actor, g); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			object string
			want   []string
		}{
			{"thread:" + strconv.FormatInt(th.ID, 10), []string{"/", "/dong-su-kien", th.URL(), a.URL(), "/in" + a.URL()}},
			{"collection:" + strconv.FormatInt(g.ID, 10), []string{"/", "/chuyen-de", g.URL()}},
			{"article:" + strconv.FormatInt(a.ID, 10), []string{a.URL(), "/dong-su-kien", th.URL(), sibling.URL()}},
		} {
			got := map[string]bool{}
			for _, p := range s.h.PurgePaths(ctx, []string{c.object}) {
				got[p] = true
			}
			for _, p := range c.want {
				if !got[p] {
					t.Errorf("PurgePaths(%s) lacks %s", c.object, p)
				}
			}
		}
	})
}

// seedThread makes a thread for the seed article to join, and puts the
// article in a group shown on the home page, so walks and sweeps reach
// their pages; it returns the thread's id.
func seedThread(t testing.TB, db *store.DB, seed int64) int64 {
	t.Helper()
	th := &portal.Thread{Title: "Đại hội Đảng bộ tỉnh lần thứ XIV", Description: "Các bài viết về Đại hội Đảng bộ tỉnh."}
	if err := db.CreateThread(ctx, storetest.Actor, th); err != nil {
		t.Fatal(err)
	}
	g := &portal.Collection{Name: "Học tập Nghị quyết", Description: "Bài viết về học tập, quán triệt Nghị quyết.",
		OnHome: true, Position: 1}
	if err := db.CreateCollection(ctx, storetest.Actor, g); err != nil {
		t.Fatal(err)
	}
	if err := db.AddToCollection(ctx, storetest.Actor, g.ID, seed); err != nil {
		t.Fatal(err)
	}
	return th.ID
}

// The sitemap of pages lists the threads and groups that have a page: some
// article readers may see; a thread of drafts only is left out.
func TestThreadsInSitemap(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, cat := threadSite(t, db)
		live := &portal.Thread{Title: "Kỳ họp Hội đồng nhân dân"}
		drafts := &portal.Thread{Title: "Chưa có bài"}
		for _, th := range []*portal.Thread{live, drafts} {
			if err := db.CreateThread(ctx, storetest.Actor, th); err != nil {
				t.Fatal(err)
			}
		}
		a := publish(t, db, cat, "Khai mạc", portal.StatusPublished, time.Now().Add(-time.Hour), live.ID)
		publish(t, db, cat, "Nháp", portal.StatusDraft, time.Time{}, drafts.ID)
		g := &portal.Collection{Name: "Chuyển đổi số"}
		empty := &portal.Collection{Name: "Trống"}
		for _, c := range []*portal.Collection{g, empty} {
			if err := db.CreateCollection(ctx, storetest.Actor, c); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.AddToCollection(ctx, storetest.Actor, g.ID, a.ID); err != nil {
			t.Fatal(err)
		}
		body := s.get(t, "/sitemap/chuyen-muc.xml").Body.String()
		for _, want := range []string{origin + live.URL(), origin + "/chuyen-de/" + g.Slug} {
			if !strings.Contains(body, "<loc>"+want+"</loc>") {
				t.Errorf("the sitemap lacks %s", want)
			}
		}
		for _, not := range []string{drafts.URL(), "/chuyen-de/" + empty.Slug + "<"} {
			if strings.Contains(body, not) {
				t.Errorf("the sitemap lists %s, which has no page", not)
			}
		}
	})
}
