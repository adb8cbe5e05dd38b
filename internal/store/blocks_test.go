package store_test

import (
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

func newPicture(t *testing.T, db *store.DB) portal.Media {
	t.Helper()
	m := portal.Media{File: "lien-ket/b.png", MIME: "image/png", Width: 300, Height: 80, Alt: "Biểu ngữ"}
	if err := db.CreateMedia(ctx, storetest.Actor, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestImageLinkPeriod(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		m := newPicture(t, db)
		t0 := time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC)
		l := portal.ImageLink{Title: "Cổng Chính phủ", URL: "https://chinhphu.vn", Image: m, Active: true,
			StartsAt: t0, EndsAt: t0.Add(time.Hour)}
		v0, _ := db.ContentVersion(ctx)
		if err := db.SaveImageLink(ctx, storetest.Actor, &l); err != nil {
			t.Fatal(err)
		}
		if v, _ := db.ContentVersion(ctx); v != v0+1 {
			t.Errorf("content version %d → %d; want raised by one", v0, v)
		}
		for _, tc := range []struct {
			at   time.Time
			want int
		}{{t0.Add(-time.Second), 0}, {t0, 1}, {t0.Add(59 * time.Minute), 1}, {t0.Add(time.Hour), 0}} {
			if got, err := db.ImageLinks(ctx, tc.at); err != nil || len(got) != tc.want {
				t.Errorf("ImageLinks(%s) = %d, %v; want %d", tc.at, len(got), err, tc.want)
			}
		}
		if next, err := db.NextChange(ctx, t0.Add(-time.Minute)); !next.Equal(t0) || err != nil {
			t.Errorf("NextChange before = %s, %v; want the start %s", next, err, t0)
		}
		if next, err := db.NextChange(ctx, t0); !next.Equal(t0.Add(time.Hour)) || err != nil {
			t.Errorf("NextChange at start = %s, %v; want the end", next, err)
		}
		if next, err := db.NextChange(ctx, t0.Add(time.Hour)); !next.IsZero() || err != nil {
			t.Errorf("NextChange after = %s, %v; want none", next, err)
		}
		bad := []portal.ImageLink{
			{Title: "", URL: "https://a.vn", Image: m},
			{Title: "A", URL: "javascript:alert(1)", Image: m},
			{Title: "A", URL: "//evil.example", Image: m},
			{Title: "A", URL: "https://a.vn"},
			{Title: "A", URL: "https://a.vn", Image: m, StartsAt: t0, EndsAt: t0},
		}
		for _, b := range bad {
			if err := db.SaveImageLink(ctx, storetest.Actor, &b); portal.ErrorCode(err) != portal.EINVALID {
				t.Errorf("SaveImageLink(%+v) = %v; want EINVALID", b, err)
			}
		}
		l.Title = "Cổng Thông tin điện tử Chính phủ"
		if err := db.SaveImageLink(ctx, storetest.Actor, &l); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.ImageLink(ctx, l.ID); got.Title != l.Title || !got.EndsAt.Equal(l.EndsAt) {
			t.Errorf("after update: %+v", got)
		}
		if err := db.DeleteImageLink(ctx, storetest.Actor, l.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteImageLink(ctx, storetest.Actor, l.ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("second delete = %v; want ENOTFOUND", err)
		}
	})
}

func TestAdsAndStats(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		m := newPicture(t, db)
		t0 := time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC)
		text := portal.Ad{Slot: portal.AdSlotBelowArticle, Title: "Hội chợ", Text: "Hội chợ OCOP <b>2026</b>",
			URL: "https://haugiang.gov.vn", Weight: 3, StartsAt: t0, EndsAt: t0.Add(time.Hour), Active: true}
		pic := portal.Ad{Title: "Tạp chí", URL: "https://tapchicongsan.org.vn", Image: m, Weight: 1, StartsAt: t0, Active: true}
		for _, a := range []*portal.Ad{&text, &pic} {
			if err := db.SaveAd(ctx, storetest.Actor, a); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.Ads(ctx, t0)
		if err != nil || len(got) != 2 {
			t.Fatalf("Ads = %+v, %v", got, err)
		}
		if got[0].Slot != portal.AdSlotBelowArticle || got[0].Image.ID != 0 || got[0].Text != text.Text || got[0].Weight != 3 {
			t.Errorf("text ad read back as %+v", got[0])
		}
		if got[1].Slot != portal.AdSlotSide || got[1].Image.File != m.File {
			t.Errorf("picture ad read back as %+v", got[1])
		}
		if got, _ := db.Ads(ctx, t0.Add(time.Hour)); len(got) != 1 {
			t.Errorf("after the end: %d ads; want the picture only", len(got))
		}
		for _, b := range []portal.Ad{
			{Title: "A", URL: "https://a.vn", Weight: 1, StartsAt: t0},                            // neither picture nor text
			{Title: "A", URL: "ftp://a.vn", Text: "x", Weight: 1, StartsAt: t0},                   // not http
			{Title: "A", URL: "https://a.vn", Text: "x", Weight: 101, StartsAt: t0},               // weight
			{Title: "A", URL: "https://a.vn", Text: "x", Weight: 1, StartsAt: t0, Slot: "footer"}, // slot
			{Title: "A", URL: "https://a.vn", Text: "x", Weight: 1},                               // no start
		} {
			if err := db.SaveAd(ctx, storetest.Actor, &b); portal.ErrorCode(err) != portal.EINVALID {
				t.Errorf("SaveAd(%+v) = %v; want EINVALID", b, err)
			}
		}
		batch := []portal.AdStat{{AdID: pic.ID, Day: "2026-07-01", Impressions: 10, Clicks: 1},
			{AdID: pic.ID, Day: "2026-06-01", Impressions: 5}}
		for range 2 {
			if err := db.AddAdStats(ctx, batch); err != nil {
				t.Fatal(err)
			}
		}
		days, total, err := db.AdStats(ctx, pic.ID, "2026-06-15")
		if err != nil || len(days) != 1 || days[0].Impressions != 20 || days[0].Clicks != 2 {
			t.Errorf("AdStats days = %+v, %v; want 1 day with 20 and 2", days, err)
		}
		if total.Impressions != 30 || total.Clicks != 2 || total.CTR() < 6.66 || total.CTR() > 6.67 {
			t.Errorf("AdStats total = %+v (CTR %.2f); want 30 and 2", total, total.CTR())
		}
	})
}

func TestNoticesAndSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		t0 := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
		notices := []portal.Notice{
			{Text: "Bão số 5 đổ bộ", Level: portal.NoticeWarning, StartsAt: t0, EndsAt: t0.Add(48 * time.Hour)},
			{Text: "Sơ tán khẩn", Level: portal.NoticeUrgent, StartsAt: t0.Add(time.Hour), URL: "/thoi-su/so-tan"},
		}
		for i := range notices {
			if err := db.SaveNotice(ctx, storetest.Actor, &notices[i]); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.Notices(ctx, t0.Add(2*time.Hour))
		if err != nil || len(got) != 2 || got[0].Level != portal.NoticeUrgent {
			t.Errorf("Notices = %+v, %v; want both, the urgent one first", got, err)
		}
		if got, _ := db.Notices(ctx, t0.Add(48*time.Hour)); len(got) != 1 {
			t.Errorf("after the storm's end: %d notices; want 1", len(got))
		}
		for _, b := range []portal.Notice{
			{Text: "", Level: portal.NoticeInfo, StartsAt: t0},
			{Text: string(make([]rune, 501)), Level: portal.NoticeInfo, StartsAt: t0},
			{Text: "A", Level: "red", StartsAt: t0},
			{Text: "A", Level: portal.NoticeInfo, StartsAt: t0, URL: "javascript:x"},
			{Text: "A", Level: portal.NoticeInfo, StartsAt: t0, URL: "//evil.example/x"},
		} {
			if err := db.SaveNotice(ctx, storetest.Actor, &b); portal.ErrorCode(err) != portal.EINVALID {
				t.Errorf("SaveNotice(%.40q) = %v; want EINVALID", b.Text+" "+b.URL+" "+b.Level, err)
			}
		}
		if err := db.DeleteNotice(ctx, storetest.Actor, notices[0].ID); err != nil {
			t.Fatal(err)
		}
		v0, _ := db.ContentVersion(ctx)
		if err := db.SaveSettings(ctx, storetest.Actor, map[string]string{portal.SettingFooterPhone: "0293 3 878 268", portal.SettingSideBlocks: "ads,links"}); err != nil {
			t.Fatal(err)
		}
		kv, _ := db.Settings(ctx)
		s := portal.ReadSiteSettings(kv)
		if s.Phone != "0293 3 878 268" || len(s.Blocks) != 2 || s.Blocks[0] != "ads" {
			t.Errorf("settings read back as %+v", s)
		}
		if v, _ := db.ContentVersion(ctx); v != v0+1 {
			t.Errorf("content version %d → %d; want raised", v0, v)
		}
	})
}
