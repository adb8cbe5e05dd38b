package admin_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestOneTimePassword: staff created by an administrator get a one-time
// password that opens only the password change; once they set their own,
// the one-time password no longer opens anything.
func TestOneTimePassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		w := n.do(t, "admin", "POST", admin.Prefix+"/nguoi-dung", url.Values{"username": {"phong-vien-moi"},
			"name": {"Trần Thị Mai"}, "roles": {"reporter"}})
		otp := regexp.MustCompile(`Mật khẩu dùng một lần: <code>([^<]+)</code>`).FindStringSubmatch(w.Body.String())
		if w.Code != 200 || otp == nil {
			t.Fatalf("create user = %d; want 200 with the one-time password", w.Code)
		}
		w = n.login(t, "phong-vien-moi", otp[1], "10.5.0.1")
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != admin.Prefix+"/bao-mat" {
			t.Fatalf("login with the one-time password = %d to %q; want the security page", w.Code, w.Header().Get("Location"))
		}
		n.tokens["new"] = sessionCookie(w).Value
		for _, path := range []string{"/", "/bai-viet", "/bai-viet/moi", "/thu-vien"} {
			if w := n.do(t, "new", "GET", admin.Prefix+path, nil); w.Code != http.StatusSeeOther ||
				w.Header().Get("Location") != admin.Prefix+"/bao-mat" {
				t.Errorf("GET %s before the change = %d to %q; want the security page", path, w.Code, w.Header().Get("Location"))
			}
		}
		if w := n.do(t, "new", "POST", admin.Prefix+"/bai-viet/moi", url.Values{"title": {"Tin mới"}}); w.Code != http.StatusForbidden {
			t.Errorf("writing before the change = %d; want 403", w.Code)
		}
		if w := n.do(t, "new", "POST", admin.Prefix+"/bao-mat/hai-buoc", url.Values{"secret": {"x"}}); w.Code != http.StatusForbidden {
			t.Errorf("setting up a second factor before the change = %d; want 403", w.Code)
		}
		page, _ := goquery.NewDocumentFromReader(n.do(t, "new", "GET", admin.Prefix+"/bao-mat", nil).Body)
		if page.Find(`form[action$="/bao-mat/mat-khau"]`).Length() != 1 || page.Find(`form[action$="/bao-mat/hai-buoc"]`).Length() != 0 {
			t.Error("the security page of a one-time password should offer the password change only")
		}
		change := url.Values{"current": {otp[1]}, "new": {otp[1]}, "confirm": {otp[1]}}
		if w := n.do(t, "new", "POST", admin.Prefix+"/bao-mat/mat-khau", change); w.Code != http.StatusBadRequest {
			t.Errorf("keeping the one-time password = %d; want 400", w.Code)
		}
		change = url.Values{"current": {otp[1]}, "new": {goodPassword}, "confirm": {goodPassword}}
		w = n.do(t, "new", "POST", admin.Prefix+"/bao-mat/mat-khau", change)
		if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), admin.Prefix+"/?") {
			t.Fatalf("change = %d to %q; want the dashboard", w.Code, w.Header().Get("Location"))
		}
		if w := n.do(t, "new", "GET", admin.Prefix+"/", nil); w.Code != 200 {
			t.Errorf("dashboard after the change = %d", w.Code)
		}
		if w := n.login(t, "phong-vien-moi", otp[1], "10.5.0.1"); w.Code != http.StatusUnauthorized {
			t.Errorf("the one-time password after the change = %d; want 401", w.Code)
		}
		if w := n.login(t, "phong-vien-moi", goodPassword, "10.5.0.1"); w.Code != http.StatusSeeOther ||
			w.Header().Get("Location") != admin.Prefix+"/" {
			t.Errorf("the new password = %d to %q; want the dashboard", w.Code, w.Header().Get("Location"))
		}
	})
}

// TestPasswordChangeEndsOtherSessions: a change keeps the session that
// made it and ends every other, a thief's included.
func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	n.withPassword(t, "editor")
	n.tokens["elsewhere"] = sessionCookie(n.login(t, "editor", goodPassword, "10.6.0.1")).Value
	next := "mưa rào trên cánh đồng lúa"
	w := n.do(t, "editor", "POST", admin.Prefix+"/bao-mat/mat-khau", url.Values{"current": {goodPassword}, "new": {next},
		"confirm": {next}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("change = %d", w.Code)
	}
	if w := n.do(t, "editor", "GET", admin.Prefix+"/", nil); w.Code != 200 {
		t.Errorf("the session that changed the password = %d; want it kept", w.Code)
	}
	if w := n.do(t, "elsewhere", "GET", admin.Prefix+"/", nil); w.Code != http.StatusSeeOther {
		t.Errorf("another session after the change = %d; want it ended", w.Code)
	}
}

// TestPasswordChangeCountsFailures: wrong current passwords count toward
// the lockout, which then holds for the change and for login alike.
func TestPasswordChangeCountsFailures(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	n.withPassword(t, "approver")
	now := time.Now()
	n.office.Now = func() time.Time { return now }
	next := "mưa rào trên cánh đồng lúa"
	try := func(current string) int {
		return n.do(t, "approver", "POST", admin.Prefix+"/bao-mat/mat-khau", url.Values{"current": {current},
			"new": {next}, "confirm": {next}}).Code
	}
	for i := range 5 {
		if code := try("đoán bừa " + itoa(int64(i))); code != http.StatusBadRequest {
			t.Fatalf("wrong current password %d = %d; want 400", i+1, code)
		}
	}
	if code := try(goodPassword); code != http.StatusTooManyRequests {
		t.Errorf("the right password after 5 wrong ones = %d; want 429", code)
	}
	if w := n.login(t, "approver", goodPassword, "10.7.0.1"); w.Code != http.StatusTooManyRequests {
		t.Errorf("login after 5 wrong current passwords = %d; want 429", w.Code)
	}
	if log, _ := n.db.AuditLog(ctx, portal.AuditFilter{Action: "user.password"}); len(log) != 6 {
		t.Errorf("%d audit entries for the attempts; want 6", len(log))
	}
	now = now.Add(16 * time.Minute) // the lockout is over, and so is the idle session
	n.tokens["approver"] = sessionCookie(n.login(t, "approver", goodPassword, "10.7.0.1")).Value
	if code := try(goodPassword); code != http.StatusSeeOther {
		t.Errorf("after 15 minutes = %d; want 303", code)
	}
}
