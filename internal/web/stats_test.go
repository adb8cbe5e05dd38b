package web_test

import (
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"cong/internal/counter"
	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

const phoneUA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"

// TestStatsPeopleAndBots serves pages to people and crawlers at a fixed
// clock: people move the people's figures, crawlers only their own.
func TestStatsPeopleAndBots(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2020, 12, 30, 3, 0, 0, 0, time.UTC)
		clock := func() time.Time { return now }
		db.Now = clock
		if _, err := demo.Seed(ctx, db, t.TempDir(), now); err != nil {
			t.Fatal(err)
		}
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		c := counter.New(db, 30*time.Minute, 20*time.Minute, log)
		c.Now = clock
		h, err := web.New(web.Config{CacheTTL: time.Minute, CacheBytes: 8 << 20, VisitorTTL: time.Hour},
			web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Popular: db, Ready: db.Ping}, c, log)
		if err != nil {
			t.Fatal(err)
		}
		s := &site{db: db, h: h, counters: c}
		s.get(t, seedURL, "User-Agent", phoneUA, "Referer", "https://www.google.com.vn/search?q=nghi+quyet")
		s.get(t, "/", "Referer", "http://example.com/") // the portal's own host: not a referrer
		s.get(t, seedURL, "User-Agent", "Googlebot/2.1 (+http://www.google.com/bot.html)", "Referer", "https://spam.example/")
		s.get(t, "/", "User-Agent", "Googlebot/2.1 (+http://www.google.com/bot.html)")
		if err := c.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		got, err := db.DailyStats(ctx, "2020-12-30", "2020-12-30")
		if err != nil {
			t.Fatal(err)
		}
		want := []portal.StatCount{
			{Day: "2020-12-30", Metric: portal.MetricBotViews, N: 2},
			{Day: "2020-12-30", Metric: portal.MetricBotVisits, N: 1},
			{Day: "2020-12-30", Metric: portal.MetricDevice, Item: portal.DeviceDesktop, N: 1},
			{Day: "2020-12-30", Metric: portal.MetricDevice, Item: portal.DevicePhone, N: 1},
			{Day: "2020-12-30", Metric: portal.MetricViews, N: 2},
			{Day: "2020-12-30", Metric: portal.MetricVisits, N: 2},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("DailyStats (-want +got):\n%s", diff)
		}
		refs, _ := db.TopItems(ctx, portal.MetricReferrer, "2020-12-30", 10)
		if diff := cmp.Diff([]portal.StatItem{{Item: "google.com.vn", N: 1}}, refs); diff != "" {
			t.Errorf("referrers (-want +got):\n%s", diff)
		}
		articles, _ := db.TopArticles(ctx, "2020-12-30", 10)
		if len(articles) != 1 || articles[0].Views != 1 {
			t.Errorf("TopArticles = %v; want the seed article once (the crawler's view not counted)", articles)
		}
		// The side block shows the people's visits.
		doc := parse(t, s.get(t, "/"))
		if got := text(doc, ".block-counter .today strong"); got != "3" {
			t.Errorf("visits today = %q; want 3 (two before, this one)", got)
		}
	})
}
