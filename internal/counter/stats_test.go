package counter_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"cong/internal/counter"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

func TestDeviceClass(t *testing.T) {
	cases := []struct{ name, ua, want string }{
		{"iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", portal.DevicePhone},
		{"Android phone", "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36", portal.DevicePhone},
		{"Cốc Cốc on Android", "Mozilla/5.0 (Linux; Android 13; Redmi Note 12) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/118.0 Mobile Safari/537.36", portal.DevicePhone},
		{"Opera Mini", "Opera/9.80 (J2ME/MIDP; Opera Mini/9.80/191.283; U; vi) Presto/2.12.423 Version/12.16", portal.DevicePhone},
		{"iPad", "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1", portal.DeviceTablet},
		{"Android tablet", "Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36", portal.DeviceTablet},
		{"Firefox tablet", "Mozilla/5.0 (Android 13; Tablet; rv:127.0) Gecko/127.0 Firefox/127.0", portal.DeviceTablet},
		{"Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36", portal.DeviceDesktop},
		{"Mac", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", portal.DeviceDesktop},
		{"empty", "", portal.DeviceDesktop},
	}
	for _, c := range cases {
		if got := counter.DeviceClass(c.ua); got != c.want {
			t.Errorf("%s: DeviceClass(%q) = %q; want %q", c.name, c.ua, got, c.want)
		}
	}
}

func TestReferrerHost(t *testing.T) {
	cases := []struct{ referer, want string }{
		{"https://www.google.com.vn/search?q=ho+so+ca+nhan", "google.com.vn"},
		{"https://M.Facebook.com:443/story.php?id=1", "m.facebook.com"},
		{"http://baohaugiang.com.vn/chinh-tri/bai.html", "baohaugiang.com.vn"},
		{"https://haugiang.dcs.vn/chinh-tri/x", ""},  // the portal itself
		{"http://127.0.0.1:8080/tim-kiem?q=a", ""},   // the portal itself, by address
		{"https://portal.example.gov.vn/", ""},       // the public address
		{"android-app://com.google.android.gm/", ""}, // not a web page
		{"https://localhost/", ""},                   // no dot
		{"https://exa_mple.com/", ""},                // not a host name
		{"not a url", ""},
		{"", ""},
	}
	for _, c := range cases {
		if got := counter.ReferrerHost(c.referer, "haugiang.dcs.vn", "127.0.0.1:8080", "portal.example.gov.vn"); got != c.want {
			t.Errorf("ReferrerHost(%q) = %q; want %q", c.referer, got, c.want)
		}
	}
}

func TestStatsFlushAndBots(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		day := time.Date(2020, 12, 30, 20, 0, 0, 0, time.UTC) // 03:00 on 31/12 in Vietnam
		for instance := 1; instance <= 2; instance++ {
			s := counter.NewStats(db)
			s.View(day)
			s.View(day.Add(time.Minute))
			s.Visit(portal.DevicePhone, day)
			s.Referrer("google.com.vn", day)
			s.Referrer("", day)
			s.Bot(7, day)
			s.Bot(7, day.Add(10*time.Minute)) // same visit
			s.Bot(7, day.Add(50*time.Minute)) // a new one
			if err := s.Flush(ctx); err != nil {
				t.Fatal(err)
			}
			if err := s.Flush(ctx); err != nil { // nothing left: nothing added
				t.Fatal(err)
			}
			got, err := db.DailyStats(ctx, "2020-12-31", "2020-12-31")
			if err != nil {
				t.Fatal(err)
			}
			n := int64(instance)
			want := []portal.StatCount{
				{Day: "2020-12-31", Metric: portal.MetricBotViews, N: 3 * n},
				{Day: "2020-12-31", Metric: portal.MetricBotVisits, N: 2 * n},
				{Day: "2020-12-31", Metric: portal.MetricDevice, Item: portal.DevicePhone, N: n},
				{Day: "2020-12-31", Metric: portal.MetricViews, N: 2 * n},
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("instance %d: DailyStats (-want +got):\n%s", instance, diff)
			}
		}
	})
}

func TestReferrersBounded(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := counter.NewStats(db)
	for i := range counter.MaxReferrers + 50 {
		s.Referrer(fmt.Sprintf("site%d.vn", i), t0)
	}
	s.Referrer("site0.vn", t0) // known today: still by name
	if err := s.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	items, err := db.TopItems(ctx, portal.MetricReferrer, "2020-01-01", 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != counter.MaxReferrers+1 || items[0] != (portal.StatItem{Item: portal.OtherReferrers, N: 50}) {
		t.Errorf("referrers: %d items, first %v; want %d, %q 50 first", len(items), items[0], counter.MaxReferrers+1,
			portal.OtherReferrers)
	}
	s.Referrer("new.vn", t0.Add(24*time.Hour)) // a new day starts afresh
	s.Flush(ctx)
	if got, _ := db.TopItems(ctx, portal.MetricReferrer, "2020-12-31", 10); len(got) != 1 || got[0].Item != "new.vn" {
		t.Errorf("next day: %v; want new.vn by name", got)
	}
}
