package admin_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"cong/internal/admin"
	"cong/internal/browsertest"
	"cong/internal/storetest"
	"cong/internal/viet"
)

// TestNewAdStartsNow: the new-ad form offers the present minute, in
// Vietnam, as its required start — also when it comes back after a post
// that could not be read — and an ad's own start when it is edited.
func TestNewAdStartsNow(t *testing.T) {
	now := time.Date(2026, 3, 5, 17, 2, 59, 0, time.UTC) // 00:02 on the 6th in Vietnam
	n := newNewsroomAt(t, storetest.Open(t, storetest.SQLiteDSN(t)), func() time.Time { return now })
	start := func(w *httptest.ResponseRecorder) (value string, required bool) {
		t.Helper()
		field := parseDoc(t, w).Find("form #b-starts")
		if field.Length() != 1 {
			t.Fatalf("%d start fields; want 1", field.Length())
		}
		value, _ = field.Attr("value")
		_, required = field.Attr("required")
		return value, required
	}
	if v, req := start(n.do(t, "admin", "GET", admin.Prefix+"/quang-cao", nil)); v != "2026-03-06T00:02" || !req {
		t.Errorf("new ad: start %q, required %t; want 2026-03-06T00:02, required", v, req)
	}

	r := httptest.NewRequest("POST", admin.Prefix+"/quang-cao", strings.NewReader("--x\r\nnot a part"))
	r.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	r.AddCookie(&http.Cookie{Name: "cong_s", Value: n.tokens["admin"]})
	w := httptest.NewRecorder()
	n.h.ServeHTTP(w, r)
	if w.Code != http.StatusBadRequest {
		t.Fatalf("unreadable form = %d; want 400", w.Code)
	}
	if v, _ := start(w); v != "2026-03-06T00:02" {
		t.Errorf("new ad after an unreadable post: start %q; want 2026-03-06T00:02", v)
	}

	ads, _ := n.db.AllAds(ctx)
	want := viet.DateTime(ads[0].StartsAt) // dd/mm/yyyy hh:mm
	v, _ := start(n.do(t, "admin", "GET", admin.Prefix+"/quang-cao/"+itoa(ads[0].ID), nil))
	if got, err := time.ParseInLocation("2006-01-02T15:04", v, viet.Location); err != nil || viet.DateTime(got) != want {
		t.Errorf("editing an ad: start %q; want its own, %s", v, want)
	}
}

// TestBrowserNewAd adds an ad in a real browser without touching its
// start: the browser accepts the offered minute and the ad runs from it.
func TestBrowserNewAd(t *testing.T) {
	browser := browsertest.Start(t, browserTimeout)
	clock := &fakeClock{now: time.Now().Truncate(time.Minute).Add(42 * time.Second)}
	n := newNewsroomAt(t, storetest.Open(t, storetest.SQLiteDSN(t)), clock.Now)
	n.withPassword(t, "admin")
	srv := httptest.NewServer(n.h)
	t.Cleanup(srv.Close)

	tab := signIn(t, browser, srv.URL, "admin")
	follow(t, tab, "open Quảng cáo", `nav.side a[href="/quan-tri/quang-cao"]`)
	browsertest.Do(t, tab, "fill in the new ad",
		chromedp.SendKeys(chromedp.CSS("#a-title"), "Hội chợ xuân"),
		chromedp.SendKeys(chromedp.CSS("#a-url"), "https://haugiang.gov.vn/hoi-cho"),
		chromedp.SendKeys(chromedp.CSS("#a-text"), "Hội chợ xuân tại Vị Thanh"))
	follow(t, tab, "click Lưu", `form[action="/quan-tri/quang-cao"] button[type=submit]`)
	checkText(t, tab, ".flash", "Đã lưu.")
	ads, err := n.db.AllAds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range ads {
		if a.Title == "Hội chợ xuân" {
			if want := clock.Now().Truncate(time.Minute); !a.StartsAt.Equal(want) {
				t.Errorf("the new ad starts at %v; want %v, the minute the form was shown", a.StartsAt, want)
			}
			return
		}
	}
	t.Errorf("no ad saved from the form; ads: %+v", ads)
}
