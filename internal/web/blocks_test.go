package web_test

import (
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/counter"
	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// testClock is the site's clock, moved by the test.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *testClock) Set(t time.Time) { c.mu.Lock(); c.now = t; c.mu.Unlock() }

// newClockedSite is the demo portal whose site reads clock; its demo ads are
// stopped, so that only the test's ads run.
func newClockedSite(t *testing.T, db *store.DB, clock *testClock) *site {
	t.Helper()
	media := t.TempDir()
	if _, err := demo.Seed(ctx, db, media, clock.Now()); err != nil {
		t.Fatal(err)
	}
	ads, _ := db.AllAds(ctx)
	for _, a := range ads {
		a.Active = false
		if err := db.SaveAd(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c := counter.New(db, 30*time.Minute, 20*time.Minute, log)
	c.Now = clock.Now
	h, err := web.New(web.Config{MediaDir: media, CacheTTL: time.Minute, CacheBytes: 8 << 20, VisitorTTL: time.Hour},
		web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Popular: db, Search: db, Comments: db, Ready: db.Ping,
			Version: db.ContentVersion}, c, log)
	if err != nil {
		t.Fatal(err)
	}
	return &site{db: db, h: h, counters: c}
}

const botUA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"

// TestBlocksFollowTheClock: a notice, an image link and an ad appear at their
// start minute and go at their end minute, though the page was cached the
// second before.
func TestBlocksFollowTheClock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		t0 := time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC)
		clock := &testClock{now: t0}
		s := newClockedSite(t, db, clock)
		start, end := t0.Add(10*time.Minute), t0.Add(20*time.Minute)
		m, _ := db.MediaByFile(ctx, "lien-ket/chinh-phu.svg")
		blocks := []func() error{
			func() error {
				return db.SaveNotice(ctx, storetest.Actor, &portal.Notice{Text: "Bão số 3 đổ bộ, đề nghị người dân không ra đường",
					Level: portal.NoticeUrgent, StartsAt: start, EndsAt: end})
			},
			func() error {
				return db.SaveImageLink(ctx, storetest.Actor, &portal.ImageLink{Title: "Liên kết hẹn giờ", URL: "https://hen-gio.vn",
					Image: *m, Position: 99, Active: true, StartsAt: start, EndsAt: end})
			},
			func() error {
				return db.SaveAd(ctx, storetest.Actor, &portal.Ad{Title: "Quảng cáo hẹn giờ", Text: "Mua nông sản <sạch>",
					URL: "https://nong-san.vn", Weight: 1, StartsAt: start, EndsAt: end, Active: true})
			},
		}
		for _, save := range blocks {
			if err := save(); err != nil {
				t.Fatal(err)
			}
		}
		for _, step := range []struct {
			at    time.Time
			shown bool
		}{
			{start.Add(-time.Second), false}, {start, true}, {end.Add(-time.Second), true}, {end, false},
		} {
			clock.Set(step.at)
			for _, path := range []string{"/", seedURL} {
				doc := parse(t, s.get(t, path))
				checks := map[string]bool{
					"notice": strings.Contains(text(doc, ".notices .notice-urgent"), "Khẩn cấp: Bão số 3 đổ bộ"),
					"link":   doc.Find(`.block-links a[href="https://hen-gio.vn"]`).Length() == 1,
					"ad":     text(doc, ".block-ads .ad-text") == "Mua nông sản <sạch>",
				}
				for what, shown := range checks {
					if shown != step.shown {
						t.Errorf("GET %s at %s: %s shown = %t; want %t", path, step.at.Format("15:04:05"), what, shown, step.shown)
					}
				}
				if empty := text(doc, ".block-ads .empty") == "Không có quảng cáo"; empty == step.shown {
					t.Errorf("GET %s at %s: \"Không có quảng cáo\" shown = %t", path, step.at.Format("15:04:05"), empty)
				}
			}
		}
	})
}

// TestAdCounts: impressions per serve and clicks per request, never for
// bots; the click goes only to the ad's own address.
func TestAdCounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		t0 := time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC)
		clock := &testClock{now: t0}
		s := newClockedSite(t, db, clock)
		ad := portal.Ad{Title: "Hội chợ", Text: "Hội chợ OCOP", URL: "https://haugiang.gov.vn/hoi-cho?a=1&b=2",
			Weight: 5, StartsAt: t0.Add(-time.Hour), Active: true}
		if err := db.SaveAd(ctx, storetest.Actor, &ad); err != nil {
			t.Fatal(err)
		}
		visitsBefore, _ := s.counters.Visits.Counts(clock.Now())
		for range 3 {
			s.get(t, "/", "User-Agent", botUA)
		}
		bot := s.get(t, "/qc/"+strconv.FormatInt(ad.ID, 10), "User-Agent", botUA)
		if bot.Code != 302 || bot.Header().Get("Location") != ad.URL {
			t.Errorf("bot click = %d to %q; want 302 to the ad", bot.Code, bot.Header().Get("Location"))
		}
		if visits, _ := s.counters.Visits.Counts(clock.Now()); visits != visitsBefore {
			t.Errorf("bots moved visits from %d to %d", visitsBefore, visits)
		}
		flush(t, s)
		if _, total, _ := db.AdStats(ctx, ad.ID, "2000-01-01"); total.Impressions != 0 || total.Clicks != 0 {
			t.Errorf("after bots: %+v; want nothing counted", total)
		}

		home := s.get(t, "/")
		doc := parse(t, home)
		link := doc.Find(".block-ads a")
		if href, _ := link.Attr("href"); href != "/qc/"+strconv.FormatInt(ad.ID, 10) {
			t.Errorf("ad link = %q", href)
		}
		if rel, _ := link.Attr("rel"); rel != "noopener sponsored nofollow" {
			t.Errorf("ad rel = %q", rel)
		}
		s.get(t, seedURL) // the side ad and nothing below the article (no ad there)
		for _, path := range []string{"/qc/" + strconv.FormatInt(ad.ID, 10) + "?url=https://evil.example", "/qc/" + strconv.FormatInt(ad.ID, 10)} {
			w := s.get(t, path)
			if w.Code != 302 || w.Header().Get("Location") != ad.URL {
				t.Errorf("GET %s = %d to %q; want 302 to %q only", path, w.Code, w.Header().Get("Location"), ad.URL)
			}
		}
		for _, path := range []string{"/qc/999999", "/qc/abc", "/qc/-1", "/qc/https:%2F%2Fevil.example"} {
			if w := s.get(t, path); w.Code != 404 || w.Header().Get("Location") != "" {
				t.Errorf("GET %s = %d %q; want 404", path, w.Code, w.Header().Get("Location"))
			}
		}
		flush(t, s)
		days, total, err := db.AdStats(ctx, ad.ID, "2000-01-01")
		if err != nil || total.Impressions != 2 || total.Clicks != 2 || len(days) != 1 || days[0].Day != "2026-08-03" {
			t.Errorf("after 2 pages and 2 clicks: %+v %+v, %v; want 2 impressions and 2 clicks on 2026-08-03", days, total, err)
		}
	})
}

func flush(t *testing.T, s *site) {
	t.Helper()
	if err := s.counters.Flush(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestAdRotation: a page shows one of the slot's ads, by weight, and its
// impressions go to the ad it shows.
func TestAdRotation(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	t0 := time.Now().Truncate(time.Second)
	clock := &testClock{now: t0}
	s := newClockedSite(t, db, clock)
	ids := map[string]int64{}
	for _, a := range []portal.Ad{
		{Title: "Nặng", Text: "Nặng", URL: "https://a.vn", Weight: 100, StartsAt: t0.Add(-time.Hour), Active: true},
		{Title: "Nhẹ", Text: "Nhẹ", URL: "https://b.vn", Weight: 1, StartsAt: t0.Add(-time.Hour), Active: true},
	} {
		if err := db.SaveAd(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		ids[a.Text] = a.ID
	}
	shown := map[string]int{}
	for i := range 200 {
		s.h.ClearCache()
		shown[text(parse(t, s.get(t, "/?lan="+strconv.Itoa(i))), ".block-ads .ad-text")]++
	}
	if shown["Nặng"] < 180 || shown["Nặng"]+shown["Nhẹ"] != 200 {
		t.Errorf("shown %v in 200 builds; want about 198 and 2", shown)
	}
	flush(t, s)
	_, heavy, _ := db.AdStats(ctx, ids["Nặng"], "2000-01-01")
	_, light, _ := db.AdStats(ctx, ids["Nhẹ"], "2000-01-01")
	if heavy.Impressions != int64(shown["Nặng"]) || light.Impressions != int64(shown["Nhẹ"]) {
		t.Errorf("impressions %d and %d; want %v", heavy.Impressions, light.Impressions, shown)
	}
}

// TestSettingsOnPages: the footer and the order of the side blocks follow the
// settings.
func TestSettingsOnPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newClockedSite(t, db, &testClock{now: time.Now()})
		doc := parse(t, s.get(t, "/"))
		if got := text(doc, ".footer-licence"); !strings.HasPrefix(got, "Giấy phép số 15/GP-TTĐT") {
			t.Errorf("licence = %q", got)
		}
		if got := sideOrder(doc); got != "links schedule map counter ads" {
			t.Errorf("side blocks = %q; want the default order", got)
		}
		err := db.SaveSettings(ctx, storetest.Actor, map[string]string{portal.SettingFooterAddress: "Số 1 đường Trần Hưng Đạo",
			portal.SettingSideBlocks: "ads,counter,links"})
		if err != nil {
			t.Fatal(err)
		}
		s.h.ClearCache()
		doc = parse(t, s.get(t, "/"))
		if got := text(doc, ".footer-address"); got != "Địa chỉ: Số 1 đường Trần Hưng Đạo" {
			t.Errorf("address = %q", got)
		}
		if got := sideOrder(doc); got != "ads counter links" {
			t.Errorf("side blocks = %q; want ads counter links", got)
		}
	})
}

// sideOrder names the side column's blocks in order.
func sideOrder(doc *goquery.Document) string {
	var names []string
	doc.Find(".side > section").Each(func(_ int, sel *goquery.Selection) {
		for _, c := range strings.Fields(sel.AttrOr("class", "")) {
			if name, ok := strings.CutPrefix(c, "block-"); ok {
				names = append(names, name)
			}
		}
	})
	return strings.Join(names, " ")
}
