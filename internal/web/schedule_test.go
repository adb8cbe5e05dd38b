package web_test

import (
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

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
		web.Services{Categories: db, Articles: db, Side: db, Ready: db.Ping}, c, log)
	if err != nil {
		t.Fatal(err)
	}
	return &site{db: db, h: h, counters: c}, &clock
}

// monday0800 is Monday 2 March 2026, 08:00 in Vietnam.
var monday0800 = time.Date(2026, 3, 2, 8, 0, 0, 0, viet.Location)

func addEntry(t *testing.T, db *store.DB, e portal.ScheduleEntry) portal.ScheduleEntry {
	t.Helper()
	if err := db.CreateScheduleEntry(ctx, &e); err != nil {
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
