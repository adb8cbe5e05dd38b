package admin_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// TestYearlyReview reads the review page as an administrator: every duty
// with its status, the public address checked for HTTPS and IPv6 through
// the resolver it is given, and what is missing on a portal never backed up.
func TestYearlyReview(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	review := func(t *testing.T, base string, lookup func(ctx context.Context, network, host string) ([]net.IP, error)) string {
		t.Helper()
		office, err := admin.New(admin.Config{MediaDir: n.media, IdleTimeout: 15 * time.Minute, AbsoluteTimeout: 12 * time.Hour,
			BaseURL: base, LookupIP: lookup}, n.db, n.site, log)
		if err != nil {
			t.Fatal(err)
		}
		r := httptest.NewRequest("GET", admin.Prefix+"/ra-soat", nil)
		r.AddCookie(&http.Cookie{Name: "cong_s", Value: n.tokens["admin"]})
		w := httptest.NewRecorder()
		office.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			t.Fatalf("GET /ra-soat = %d %v", w.Code, w.Header())
		}
		return w.Body.String()
	}
	status := func(t *testing.T, page, duty string) string {
		t.Helper()
		m := regexp.MustCompile(`<tr class="review-([a-z-]+)">\s*<td>\d+</td>\s*<th scope="row">` + regexp.QuoteMeta(duty) + `</th>`).
			FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no row for %q", duty)
		}
		return m[1]
	}
	var asked []string
	page := review(t, "https://cong.example.gov.vn", func(_ context.Context, network, host string) ([]net.IP, error) {
		asked = append(asked, network+" "+host)
		return []net.IP{net.ParseIP("2001:db8::7")}, nil
	})
	if strings.Join(asked, ",") != "ip6 cong.example.gov.vn" {
		t.Errorf("looked up %q; want the public host's IPv6 addresses", asked)
	}
	for duty, want := range map[string]string{
		"Hỗ trợ IPv6":           string(portal.ReviewMet),
		"Kết nối an toàn HTTPS": string(portal.ReviewMet),
		"Sao lưu dữ liệu định kỳ (bản sao lưu trong 7 ngày qua)":             string(portal.ReviewMissing),
		"Sơ đồ cổng thông tin":                                               string(portal.ReviewMet),
		"Giới thiệu cơ quan: chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức": string(portal.ReviewMet),
	} {
		if got := status(t, page, duty); got != want {
			t.Errorf("%q: %s; want %s", duty, got, want)
		}
	}
	for _, want := range []string{"2001:db8::7", "Nghị định số 42/2022/NĐ-CP", "Chưa có bản sao lưu nào",
		`href="/so-do-trang"`, `href="/van-ban"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the review lacks %q", want)
		}
	}
	if got := strings.Count(page, `<tr class="review-`); got != 14 {
		t.Errorf("%d duties shown; want 14", got)
	}

	page = review(t, "http://cong.example.gov.vn", func(context.Context, string, string) ([]net.IP, error) {
		return nil, errors.New("no resolver here")
	})
	if got := status(t, page, "Hỗ trợ IPv6"); got != string(portal.ReviewByHand) {
		t.Errorf("IPv6 when the look-up fails: %s; want %s", got, portal.ReviewByHand)
	}
	if got := status(t, page, "Kết nối an toàn HTTPS"); got != string(portal.ReviewMissing) {
		t.Errorf("HTTPS on an http:// address: %s; want %s", got, portal.ReviewMissing)
	}
}
