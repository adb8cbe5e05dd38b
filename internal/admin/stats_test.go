package admin_test

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/storetest"
)

func TestStatsPage(t *testing.T) {
	now := time.Date(2020, 12, 30, 3, 0, 0, 0, time.UTC) // 10:00 in Vietnam
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	db.Now = func() time.Time { return now }
	n := newNewsroomAt(t, db, func() time.Time { return now })
	err := db.AddStats(ctx, []portal.StatCount{
		{Day: "2020-12-30", Metric: portal.MetricViews, N: 4321},
		{Day: "2020-12-29", Metric: portal.MetricBotViews, N: 98765},
		{Day: "2020-12-29", Metric: portal.MetricBotVisits, N: 77},
		{Day: "2020-12-30", Metric: portal.MetricDevice, Item: portal.DevicePhone, N: 3},
		{Day: "2020-12-30", Metric: portal.MetricDevice, Item: portal.DeviceDesktop, N: 1},
		{Day: "2020-12-30", Metric: portal.MetricReferrer, Item: "google.com.vn", N: 12},
		{Day: "2020-06-01", Metric: portal.MetricViews, N: 1500},
	})
	if err != nil {
		t.Fatal(err)
	}
	db.AddVisits(ctx, "2020-12-30", 1234)
	db.AddViews(ctx, map[int64]int64{n.article["published"].ID: 9})

	for _, role := range roles {
		w := n.do(t, role, "GET", admin.Prefix+"/thong-ke", nil)
		want := map[string]int{"anonymous": 303, "reporter": 403, "editor": 403, "approver": 200, "admin": 200}[role]
		if w.Code != want {
			t.Errorf("%s GET /thong-ke = %d; want %d", role, w.Code, want)
		}
	}
	w := n.do(t, "approver", "GET", admin.Prefix+"/thong-ke", nil)
	doc, err := goquery.NewDocumentFromReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	svgs := doc.Find("svg")
	if svgs.Length() != 4 {
		t.Fatalf("%d charts; want 4", svgs.Length())
	}
	svgs.Each(func(i int, s *goquery.Selection) {
		if s.Find("title").First().Text() == "" {
			t.Errorf("chart %d has no title", i)
		}
		html, _ := goquery.OuterHtml(s)
		if err := wellFormed(html); err != nil {
			t.Errorf("chart %d does not parse: %v", i, err)
		}
	})
	for _, want := range []string{"1.234", "4.321", "98.765", "google.com.vn", "75,0%", "Bài đã đăng", "06/2020"} {
		if !strings.Contains(doc.Find("main").Text(), want) {
			t.Errorf("statistics page lacks %q", want)
		}
	}
	// Bots stay apart: their 98.765 pages are in their own section only.
	if people := doc.Find("#tk-ngay").Parent().Text(); strings.Contains(people, "98.765") {
		t.Errorf("bot figures among people's")
	}
	if got := doc.Find("#tk-may").Parent().Find("dd").Eq(1).Text(); got != "98.765" {
		t.Errorf("bot page loads = %q; want 98.765", got)
	}
}

// wellFormed checks that an inline SVG parses as XML.
func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		if _, err := d.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}
