package admin_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/viet"
)

func TestBlockPagesOnlyForAdmins(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	ads, _ := n.db.AllAds(ctx)
	ad := "/quang-cao/" + strconv.FormatInt(ads[0].ID, 10)
	for _, path := range []string{"/anh-lien-ket", "/quang-cao", ad, ad + "/bao-cao", "/thong-bao-khan", "/cai-dat"} {
		for _, role := range roles {
			w := n.do(t, role, "GET", admin.Prefix+path, nil)
			if got, want := w.Code, map[bool]int{true: 200, false: 403}[role == "admin"]; role != "anonymous" && got != want {
				t.Errorf("%s GET %s = %d; want %d", role, path, got, want)
			}
		}
	}
	form := url.Values{"text": {"Bão"}, "level": {"urgent"}, "starts_at": {"2026-01-01T00:00"}}
	for _, role := range []string{"anonymous", "reporter", "editor", "approver"} {
		if w := n.do(t, role, "POST", admin.Prefix+"/thong-bao-khan", form); w.Code != 403 {
			t.Errorf("%s posts a notice: %d; want 403", role, w.Code)
		}
	}
	if all, _ := n.db.AllNotices(ctx); len(all) != 0 {
		t.Errorf("notices saved by non-admins: %+v", all)
	}
}

func TestBlockFormsKeepInput(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	long := strings.Repeat("Bão ", 130)
	for _, tc := range []struct {
		path    string
		form    url.Values
		message string
		kept    string
	}{
		{"/thong-bao-khan", url.Values{"text": {long}, "level": {"urgent"}, "starts_at": {"2026-01-01T00:00"}},
			"dài quá 500 ký tự", "Bão Bão"},
		{"/thong-bao-khan", url.Values{"text": {"Lũ lớn"}, "level": {"urgent"}, "starts_at": {"31/12/2026"}},
			"Thời điểm không hợp lệ", "Lũ lớn"},
		{"/anh-lien-ket", url.Values{"title": {"Cổng tỉnh"}, "url": {"javascript:alert(1)"}, "image": {"0"}},
			"http:// hoặc https://", "Cổng tỉnh"},
		{"/anh-lien-ket", url.Values{"title": {"Cổng tỉnh"}, "url": {"https://haugiang.gov.vn"}},
			"Xin chọn ảnh", "https://haugiang.gov.vn"},
		{"/quang-cao", url.Values{"title": {"Hội chợ"}, "url": {"https://a.vn"}, "weight": {"500"}, "text": {"Mời"},
			"starts_at": {"2026-01-01T00:00"}, "slot": {"side"}}, "Trọng số", "Hội chợ"},
		{"/quang-cao", url.Values{"title": {"Hội chợ"}, "url": {"https://a.vn"}, "weight": {"1"}, "text": {"Mời"},
			"starts_at": {"2026-01-02T00:00"}, "ends_at": {"2026-01-01T00:00"}, "slot": {"side"}}, "phải sau", "2026-01-02T00:00"},
		{"/cai-dat", url.Values{"name": {"Cổng tỉnh"}, "email": {"khong-phai-thu"}, "order_links": {"1"}, "order_schedule": {"2"},
			"order_map": {"3"}, "order_counter": {"4"}, "order_ads": {"5"}, "order_poll": {"6"}}, "thư điện tử không hợp lệ", "khong-phai-thu"},
		{"/cai-dat", url.Values{"name": {"Cổng tỉnh"}, "order_links": {"x"}}, "số từ 1 đến 99", "Cổng tỉnh"},
	} {
		w := n.do(t, "admin", "POST", admin.Prefix+tc.path, tc.form)
		body := w.Body.String()
		if w.Code != 400 || !strings.Contains(body, tc.message) || !strings.Contains(body, tc.kept) {
			t.Errorf("POST %s %v = %d; want 400 with %q and the input %q kept", tc.path, tc.form, w.Code, tc.message, tc.kept)
		}
	}
}

func TestBlocksFromTheBackOffice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		demoAds, _ := db.AllAds(ctx)
		for _, a := range demoAds {
			a.Active = false
			if err := db.SaveAd(ctx, storetest.Actor, &a); err != nil {
				t.Fatal(err)
			}
		}
		started := time.Now().Add(-time.Minute).In(viet.Location).Format("2006-01-02T15:04")
		pic, _ := db.MediaByFile(ctx, "lien-ket/chinh-phu.svg")
		posts := []struct {
			path string
			form url.Values
		}{
			{"/thong-bao-khan", url.Values{"text": {"Bão số 3: <không ra đường>"}, "level": {"urgent"}, "starts_at": {started}}},
			{"/anh-lien-ket", url.Values{"title": {"Cổng Quốc hội"}, "url": {"https://quochoi.vn"}, "active": {"1"},
				"image": {strconv.FormatInt(pic.ID, 10)}, "position": {"9"}}},
			{"/quang-cao", url.Values{"title": {"Hội chợ"}, "url": {"https://hoi-cho.vn"}, "weight": {"1"}, "text": {"Hội chợ OCOP"},
				"starts_at": {started}, "slot": {"below-article"}, "active": {"1"}}},
			{"/cai-dat", url.Values{"name": {"Cổng Thông tin điện tử tỉnh"}, "phone": {"(0293) 3 878 268"}, "licence": {"Giấy phép số 99/GP-TTĐT"},
				"block_ads": {"1"}, "order_ads": {"1"}, "block_links": {"1"}, "order_links": {"2"}, "order_schedule": {"3"},
				"order_map": {"4"}, "order_counter": {"5"}, "order_poll": {"6"}}},
		}
		for _, p := range posts {
			if w := n.do(t, "admin", "POST", admin.Prefix+p.path, p.form); w.Code != http.StatusSeeOther {
				t.Fatalf("POST %s = %d: %s", p.path, w.Code, w.Body)
			}
		}
		home := n.do(t, "anonymous", "GET", "/", nil).Body.String()
		for _, want := range []string{"Bão số 3: &lt;không ra đường&gt;", `href="https://quochoi.vn"`, "Giấy phép số 99/GP-TTĐT",
			"Cổng Thông tin điện tử tỉnh", "Điện thoại: (0293) 3 878 268"} {
			if !strings.Contains(home, want) {
				t.Errorf("home page lacks %q", want)
			}
		}
		if strings.Contains(home, "block-schedule") || strings.Index(home, "block-ads") > strings.Index(home, "block-links") {
			t.Errorf("side blocks: want ads then links only")
		}
		article := n.do(t, "anonymous", "GET", "/chinh-tri/"+n.article["published"].Slug, nil).Body.String()
		if !strings.Contains(article, "Hội chợ OCOP") {
			t.Errorf("article page lacks the ad below it")
		}
		entries, _ := db.AuditLog(ctx, portal.AuditFilter{Limit: 50})
		seen := map[string]bool{}
		for _, e := range entries {
			seen[e.Action] = true
		}
		for _, a := range []string{"notice.save", "imagelink.save", "ad.save", "settings.save"} {
			if !seen[a] {
				t.Errorf("no audit entry %s", a)
			}
		}
		ads, _ := db.AllAds(ctx)
		today := viet.Day(time.Now())
		if err := db.AddAdStats(ctx, []portal.AdStat{{AdID: ads[0].ID, Day: today, Impressions: 1200, Clicks: 15}}); err != nil {
			t.Fatal(err)
		}
		report := n.do(t, "admin", "GET", admin.Prefix+"/quang-cao/"+strconv.FormatInt(ads[0].ID, 10)+"/bao-cao", nil).Body.String()
		for _, want := range []string{viet.Date(time.Now()), "1.200", "1,25 %", "Tổng cộng"} {
			if !strings.Contains(report, want) {
				t.Errorf("report lacks %q", want)
			}
		}
		if rows := strings.Count(report, "<tr>"); rows != 31 {
			t.Errorf("report has %d rows; want 30 days and the heading", rows)
		}
	})
}
