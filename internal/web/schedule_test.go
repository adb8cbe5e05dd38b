package web_test

import (
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/counter"
	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/viet"
	"cong/internal/web"
)

// clockSite is the demo portal read at a clock the test moves. Its cache
// TTL is long, so what a test sees change is the schedule's own bound.
func clockSite(t *testing.T, db *store.DB, start time.Time) (*site, *atomic.Int64) {
	t.Helper()
	var clock atomic.Int64
	clock.Store(start.UnixNano())
	now := func() time.Time { return time.Unix(0, clock.Load()) }
	db.Now = now
	media := t.TempDir()
	if _, err := demo.Seed(ctx, db, media, now()); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c := counter.New(db, 30*time.Minute, 20*time.Minute, log)
	c.Now = now
	h, err := web.New(web.Config{MediaDir: media, CacheTTL: 24 * time.Hour, CacheBytes: 8 << 20, VisitorTTL: time.Hour,
		BaseURL: origin},
		web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Ready: db.Ping}, c, log)
	if err != nil {
		t.Fatal(err)
	}
	return &site{db: db, h: h, counters: c}, &clock
}

// monday0800 is Monday 2 March 2026, 08:00 in Vietnam.
var monday0800 = time.Date(2026, 3, 2, 8, 0, 0, 0, viet.Location)

func addEntry(t *testing.T, db *store.DB, e portal.ScheduleEntry) portal.ScheduleEntry {
	t.Helper()
	if err := db.CreateScheduleEntry(ctx, storetest.Actor, &e); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestScheduleWeekPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, clock := clockSite(t, db, monday0800.Add(15*time.Hour+59*time.Minute)) // 23:59
		doc := parse(t, s.get(t, "/lich-lam-viec"))
		if got := doc.Find("section.week-day").Length(); got != 7 {
			t.Errorf("%d days; want 7", got)
		}
		if got := doc.Find(`section.today[aria-current="date"] h2`).Text(); !strings.HasPrefix(got, "Thứ Hai, 02/03/2026") {
			t.Errorf("today = %q; want Monday", got)
		}
		if href, _ := doc.Find(`.week-nav a[rel="prev"]`).Attr("href"); href != "/lich-lam-viec?tuan=2026-W09" {
			t.Errorf("previous week = %q", href)
		}
		if href, _ := doc.Find(`.week-nav a[rel="next"]`).Attr("href"); href != "/lich-lam-viec?tuan=2026-W11" {
			t.Errorf("next week = %q", href)
		}
		if got := doc.Find(".week-day .entry").Length(); got < 6 {
			t.Errorf("%d demo entries this week; want the demo's", got)
		}
		if got := doc.Find(".week-day .adjusted").Text(); !strings.Contains(got, "Điều chỉnh lúc 16:00 01/03/2026:") {
			t.Errorf("adjustment line = %q", got)
		}
		// At midnight the highlight moves, though the page was cached.
		clock.Add(int64(time.Minute))
		doc = parse(t, s.get(t, "/lich-lam-viec"))
		if got := doc.Find(`section.today[aria-current="date"] h2`).Text(); !strings.HasPrefix(got, "Thứ Ba, 03/03/2026") {
			t.Errorf("after midnight today = %q; want Tuesday", got)
		}
		next := parse(t, s.get(t, "/lich-lam-viec?tuan=2026-W11"))
		if next.Find("section.today").Length() != 0 || next.Find(".week-day .entry").Length() != 3 {
			t.Errorf("next week: %d today, %d entries; want 0 and the demo's 3", next.Find("section.today").Length(),
				next.Find(".week-day .entry").Length())
		}
		if href, _ := next.Find(`.week-nav a[href*="2026-W10"]`).Attr("href"); href == "" {
			t.Error("no link back to this week")
		}
		leaders, _ := db.Leaders(ctx, false)
		one := parse(t, s.get(t, "/lich-lam-viec?tuan=2026-W10&lanh-dao="+leaders[2].Slug))
		if got := one.Find(".week-day .entry").Length(); got != 1 {
			t.Errorf("%s: %d entries; want 1", leaders[2].Slug, got)
		}
		for path, code := range map[string]int{
			"/lich-lam-viec?tuan=2026-W54": 400, "/lich-lam-viec?tuan=abc": 400, "/lich-lam-viec?tuan=1999-W10": 404,
			"/lich-lam-viec?lanh-dao=khong-co": 404, "/lich-lam-viec/khong-co.ics": 404, "/lich-lam-viec/x": 404,
		} {
			if w := s.get(t, path); w.Code != code {
				t.Errorf("GET %s = %d; want %d", path, w.Code, code)
			}
		}
		print := parse(t, s.get(t, "/in/lich-lam-viec?tuan=2026-W10"))
		if print.Find("body.print-view").Length() != 1 || print.Find(".week-nav, .block-schedule").Length() != 0 ||
			print.Find(".week-day .entry").Length() < 6 {
			t.Error("the print view is not the bare week")
		}
	})
}

func TestScheduleEntryAppearsOnTime(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, clock := clockSite(t, db, monday0800)
		leaders, _ := db.Leaders(ctx, false)
		at := monday0800.Add(6 * time.Hour)
		pub := addEntry(t, db, portal.ScheduleEntry{StartsAt: at, Leaders: leaders[:1], Content: "Tiếp công dân định kỳ",
			Status: portal.StatusPublished, PublishedAt: monday0800.Add(10 * time.Minute), ExpiresAt: monday0800.Add(20 * time.Minute)})
		addEntry(t, db, portal.ScheduleEntry{StartsAt: at, Leaders: leaders[:1], Content: "Bản nháp bí mật"})
		shown := func(path string) (page, draft bool) {
			body := s.get(t, path).Body.String()
			return strings.Contains(body, pub.Content), strings.Contains(body, "Bản nháp bí mật")
		}
		for _, step := range []struct {
			after time.Duration
			want  bool
		}{{0, false}, {9*time.Minute + 59*time.Second, false}, {10 * time.Minute, true}, {19 * time.Minute, true}, {20 * time.Minute, false}} {
			clock.Store(monday0800.Add(step.after).UnixNano())
			for _, path := range []string{"/lich-lam-viec", "/lich-lam-viec?lanh-dao=" + leaders[0].Slug} {
				if page, draft := shown(path); page != step.want || draft {
					t.Errorf("at +%v %s: entry shown %v, draft shown %v; want %v, false", step.after, path, page, draft, step.want)
				}
			}
		}
		if strings.Contains(s.get(t, "/lich-lam-viec.ics").Body.String(), "Bản nháp") {
			t.Error("a draft is in the calendar")
		}
	})
}

func TestScheduleSideBlock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := clockSite(t, db, monday0800.Add(7*time.Hour)) // Monday 15:00: the morning entry is over
		doc := parse(t, s.get(t, "/"))
		items := doc.Find(".block-schedule li")
		if items.Length() != 5 {
			t.Fatalf("%d entries in the side block; want 5", items.Length())
		}
		if first := items.First().Text(); !strings.Contains(first, "14:00") || !strings.Contains(first, "Vị Thanh") {
			t.Errorf("first side entry = %q; want this afternoon's, still running", first)
		}
		if href, _ := items.First().Find("a").Attr("href"); !strings.HasPrefix(href, "/lich-lam-viec?tuan=2026-W10#lich-") {
			t.Errorf("side link = %q", href)
		}
	})
}

// TestScheduleWeeksBounded: the week pages link only weeks with entries or
// next to this one, mark empty weeks noindex, and exist only up to a year
// around the entries; a crawler following every week link from the home
// page finds a handful of pages, not a century of empty ones.
func TestScheduleWeeksBounded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := clockSite(t, db, monday0800) // 2026-W10; the demo fills W10 and W11
		leaders, _ := db.Leaders(ctx, false)
		far := time.Date(2026, 7, 22, 9, 0, 0, 0, viet.Location) // 2026-W30
		addEntry(t, db, portal.ScheduleEntry{StartsAt: far, Leaders: leaders[:1], Content: "Làm việc với huyện Long Mỹ",
			Status: portal.StatusPublished, PublishedAt: monday0800.Add(-time.Hour)})
		addEntry(t, db, portal.ScheduleEntry{StartsAt: far.AddDate(0, 0, 70), Leaders: leaders[:1], Content: "Bản nháp bí mật"})
		s.h.ClearCache()

		nav := func(path string) (prev, next, robots string) {
			t.Helper()
			w := s.get(t, path)
			if w.Code != 200 {
				t.Fatalf("GET %s = %d", path, w.Code)
			}
			doc := parse(t, w)
			prev, _ = doc.Find(`.week-nav a[rel="prev"]`).Attr("href")
			next, _ = doc.Find(`.week-nav a[rel="next"]`).Attr("href")
			robots, _ = doc.Find(`meta[name="robots"]`).Attr("content")
			return prev, next, robots
		}
		for _, tc := range []struct{ week, prev, next, robots string }{
			{"2026-W10", "2026-W09", "2026-W11", ""},
			{"2026-W11", "2026-W10", "2026-W30", ""},
			{"2026-W09", "", "2026-W10", "noindex"}, // this week -1: linked, empty
			{"2026-W20", "2026-W11", "2026-W30", "noindex"},
			{"2026-W30", "2026-W11", "", ""},
			{"2026-W45", "2026-W30", "", "noindex"}, // the draft's week is not worth a link
		} {
			prev, next, robots := nav("/lich-lam-viec?tuan=" + tc.week)
			if want := weekHref(tc.prev); prev != want {
				t.Errorf("%s: previous week %q; want %q", tc.week, prev, want)
			}
			if want := weekHref(tc.next); next != want {
				t.Errorf("%s: next week %q; want %q", tc.week, next, want)
			}
			if robots != tc.robots {
				t.Errorf("%s: robots %q; want %q", tc.week, robots, tc.robots)
			}
		}
		doc := parse(t, s.get(t, "/lich-lam-viec?tuan=2026-W11"))
		if got := text(doc, `.week-nav a[rel="next"]`); got != "Tuần 20/07/2026 »" {
			t.Errorf("link past the empty weeks = %q; want it to name the week's Monday", got)
		}
		if got := text(doc, `.week-nav a[rel="prev"]`); got != "« Tuần trước" {
			t.Errorf("link to the week before = %q", got)
		}
		// A year around the entries (or this week), no further; the leader's
		// own entries bound the leader's pages.
		for path, want := range map[string]int{
			"/lich-lam-viec?tuan=2025-W11": 200, "/lich-lam-viec?tuan=2025-W09": 404,
			"/lich-lam-viec?tuan=2027-W29": 200, "/lich-lam-viec?tuan=2027-W30": 404,
			"/lich-lam-viec?tuan=2100-W01": 404, "/in/lich-lam-viec?tuan=2027-W30": 404,
			"/lich-lam-viec?tuan=2027-W09&lanh-dao=" + leaders[1].Slug: 200,
			"/lich-lam-viec?tuan=2027-W20&lanh-dao=" + leaders[1].Slug: 404,
		} {
			if w := s.get(t, path); w.Code != want {
				t.Errorf("GET %s = %d; want %d", path, w.Code, want)
			}
		}
		// A crawler from the home page.
		seen := map[string]bool{}
		queue := []string{"/"}
		for len(queue) > 0 && len(seen) < 100 {
			p := queue[0]
			queue = queue[1:]
			if seen[p] {
				continue
			}
			seen[p] = true
			parse(t, s.get(t, p)).Find(`a[href^="/lich-lam-viec?"]`).Each(func(_ int, a *goquery.Selection) {
				href, _, _ := strings.Cut(a.AttrOr("href", ""), "#")
				if !strings.Contains(href, "lanh-dao=") {
					queue = append(queue, href)
				}
			})
		}
		if len(seen) > 6 { // home, W09, W10, W11, W30
			var pages []string
			for p := range seen {
				pages = append(pages, p)
			}
			t.Errorf("a crawler reaches %d pages from the home page: %v", len(seen), pages)
		}
	})
}

func weekHref(week string) string {
	if week == "" {
		return ""
	}
	return "/lich-lam-viec?tuan=" + week
}
