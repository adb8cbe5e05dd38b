package web_test

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"cong/internal/storetest"
)

// TestHeadersOnEveryResponse checks the headers of the public site's
// responses of every kind: pages, documents, files, redirects, errors.
func TestHeadersOnEveryResponse(t *testing.T) {
	s := newFullSite(t, storetest.Open(t, storetest.SQLiteDSN(t)), origin)
	long := "/" + strings.Repeat("a", 2000)
	for path, want := range map[string]int{
		"/": 200, seedURL: 200, "/rss": 200, "/sitemap.xml": 200, "/robots.txt": 200, "/static/cong.css": 200,
		"/media/2020/12/30.12.20.b.png": 200, "/healthz": 200, "/bai/1": 301, "/khong-co": 404, long: 414,
		"/static/khong-co.css": 404, "/media/2020/": 404,
	} {
		w := s.get(t, path)
		if w.Code != want {
			t.Errorf("GET %.40s = %d; want %d", path, w.Code, want)
		}
		pp := w.Header().Get("Permissions-Policy")
		for _, feature := range []string{"camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()",
			"interest-cohort=()", "browsing-topics=()"} {
			if !strings.Contains(pp, feature) {
				t.Errorf("GET %.40s: Permissions-Policy %q lacks %s", path, pp, feature)
			}
		}
		if got := w.Header().Get("Cross-Origin-Opener-Policy"); got != "same-origin" {
			t.Errorf("GET %.40s: Cross-Origin-Opener-Policy = %q; want same-origin", path, got)
		}
	}
}

// TestMissingFilesVietnamese: a missing file or a folder under /static/
// and /media/ is the site's own 404 page, not the file server's English.
func TestMissingFilesVietnamese(t *testing.T) {
	s := newSite(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	for _, p := range []string{"/static/khong-co.css", "/static/", "/media/khong-co.png", "/media/2020", "/media/2020/12/"} {
		w := s.get(t, p)
		if w.Code != 404 {
			t.Errorf("GET %s = %d; want 404", p, w.Code)
			continue
		}
		if got := text(parse(t, w), "h1"); got != "Không tìm thấy trang" {
			t.Errorf("GET %s: h1 = %q; want the Vietnamese 404 page", p, got)
		}
	}
}

// TestCrossSiteFormPost posts every public form from another site, by the
// browser's Sec-Fetch-Site and by an Origin that is not the portal's: the
// answer is the Vietnamese error page with status 403, before the form is
// read.
func TestCrossSiteFormPost(t *testing.T) {
	s := newFullSite(t, storetest.Open(t, storetest.SQLiteDSN(t)), origin)
	form := url.Values{"name": {"Nguyễn Văn A"}, "email": {"a@example.vn"}, "body": {"Ý kiến"}, "title": {"Câu hỏi"},
		"content": {"Nội dung"}, "consent": {"1"}}.Encode()
	for _, path := range []string{seedURL, "/hoi-dap/gui-cau-hoi", "/gop-y-du-thao/du-thao-bat-ky"} {
		for _, header := range [][2]string{{"Sec-Fetch-Site", "cross-site"}, {"Origin", "https://evil.example"}} {
			r := httptest.NewRequest("POST", path, strings.NewReader(form))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			r.Header.Set("User-Agent", browserUA)
			r.Header.Set(header[0], header[1])
			w := httptest.NewRecorder()
			s.h.ServeHTTP(w, r)
			what := "POST " + path + " with " + header[0] + ": " + header[1]
			if w.Code != 403 || w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
				t.Errorf("%s = %d %q; want 403 HTML", what, w.Code, w.Header().Get("Content-Type"))
				continue
			}
			doc := parse(t, w)
			if got := text(doc, "main h1"); got != "Yêu cầu không hợp lệ" {
				t.Errorf("%s: h1 = %q; want the Vietnamese error page", what, got)
			}
			if got := text(doc, "main"); !strings.Contains(got, "gửi từ chính trang của cổng thông tin") {
				t.Errorf("%s: page says %q; want why, in Vietnamese", what, got)
			}
		}
	}
}
