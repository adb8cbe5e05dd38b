package admin_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/admin"
	"cong/internal/auth"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

const goodPassword = "nắng vàng trên sông Hậu"

// login posts the login form from ip and returns the response.
func (n *newsroom) login(t *testing.T, username, password, ip string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	t.Helper()
	form := url.Values{"username": {username}, "password": {password}}
	r := httptest.NewRequest("POST", admin.Prefix+"/dang-nhap", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.RemoteAddr = ip + ":40000"
	for _, c := range cookies {
		r.AddCookie(c)
	}
	w := httptest.NewRecorder()
	n.h.ServeHTTP(w, r)
	return w
}

func (n *newsroom) withPassword(t *testing.T, name string) {
	t.Helper()
	hash, err := auth.NewHasher(1).Hash(ctx, goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := n.db.SetPassword(ctx, storetest.Actor, n.users[name].ID, hash, auth.HashToken(n.tokens[name])); err != nil {
		t.Fatal(err)
	}
}

func sessionCookie(w *httptest.ResponseRecorder) *http.Cookie {
	for _, c := range w.Result().Cookies() {
		if c.Name == "cong_s" && c.Value != "" {
			return c
		}
	}
	return nil
}

func TestLogin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		n.withPassword(t, "reporter")
		wrong := n.login(t, "reporter", "sai mật khẩu rồi", "10.0.0.1")
		unknown := n.login(t, "khong-ai-ca", "sai mật khẩu rồi", "10.0.0.1")
		if wrong.Code != 401 || unknown.Code != wrong.Code {
			t.Errorf("wrong password %d, unknown user %d; want the same 401", wrong.Code, unknown.Code)
		}
		if strings.ReplaceAll(unknown.Body.String(), "khong-ai-ca", "reporter") != wrong.Body.String() {
			t.Error("an unknown user and a wrong password get different pages")
		}
		old := &http.Cookie{Name: "cong_s", Value: "chosen-by-an-attacker"}
		w := n.login(t, "REPORTER", goodPassword, "10.0.0.1", old)
		c := sessionCookie(w)
		if w.Code != http.StatusSeeOther || c == nil || c.Value == old.Value {
			t.Fatalf("login = %d, cookie %v; want 303 and a new session id", w.Code, c)
		}
		if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode {
			t.Errorf("session cookie %+v; want HttpOnly, SameSite=Strict", c)
		}
		n.tokens["fresh"] = c.Value
		if w := n.do(t, "fresh", "GET", admin.Prefix+"/", nil); w.Code != 200 {
			t.Errorf("dashboard after login = %d", w.Code)
		}
		if w := n.do(t, "fresh", "POST", admin.Prefix+"/dang-xuat", url.Values{}); w.Code != http.StatusSeeOther {
			t.Errorf("logout = %d", w.Code)
		}
		if w := n.do(t, "fresh", "GET", admin.Prefix+"/", nil); w.Code != http.StatusSeeOther {
			t.Errorf("dashboard after logout = %d; want the login redirect", w.Code)
		}
		log, _ := db.AuditLog(ctx, portal.AuditFilter{Action: "login"})
		if len(log) < 3 {
			t.Errorf("%d login entries in the audit log; want failures and the success", len(log))
		}
	})
}

func TestAccountLockout(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	n.withPassword(t, "reporter")
	now := time.Now()
	n.office.Now = func() time.Time { return now }
	for i := range 5 {
		if w := n.login(t, "reporter", "sai", "10.0.0.2"); w.Code != 401 {
			t.Fatalf("attempt %d = %d; want 401", i+1, w.Code)
		}
	}
	if w := n.login(t, "reporter", goodPassword, "10.0.0.3"); w.Code != http.StatusTooManyRequests {
		t.Errorf("right password during the lockout = %d; want 429", w.Code)
	}
	// An unknown name locks the same way: the lockout tells nothing.
	for range 5 {
		n.login(t, "ai-do", "sai", "10.0.0.4")
	}
	if w := n.login(t, "ai-do", "sai", "10.0.0.4"); w.Code != http.StatusTooManyRequests {
		t.Errorf("unknown user after 5 failures = %d; want 429", w.Code)
	}
	now = now.Add(16 * time.Minute)
	if w := n.login(t, "reporter", goodPassword, "10.0.0.3"); w.Code != http.StatusSeeOther {
		t.Errorf("after 15 minutes = %d; want 303", w.Code)
	}
}

func TestIPLimit(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	n.withPassword(t, "approver")
	keys := make([]string, 50)
	for i := range keys {
		keys[i] = "ip:10.9.9.9"
	}
	if err := n.db.RecordLoginFailure(ctx, storetest.Actor, "login.failed", keys, time.Now()); err != nil {
		t.Fatal(err)
	}
	if w := n.login(t, "approver", goodPassword, "10.9.9.9"); w.Code != http.StatusTooManyRequests {
		t.Errorf("login from an IP with 50 failures = %d; want 429", w.Code)
	}
	if w := n.login(t, "approver", goodPassword, "10.9.9.8"); w.Code != http.StatusSeeOther {
		t.Errorf("login from another IP = %d; want 303", w.Code)
	}
}

func TestSessionTimeouts(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	now := time.Now()
	n.office.Now = func() time.Time { return now }
	for _, step := range []struct {
		after time.Duration
		want  int
	}{
		{10 * time.Minute, 200}, // active within the idle timeout
		{14 * time.Minute, 200}, // and again
		{16 * time.Minute, 303}, // idle too long: gone
	} {
		now = now.Add(step.after)
		if w := n.do(t, "editor", "GET", admin.Prefix+"/", nil); w.Code != step.want {
			t.Errorf("after %s more: %d; want %d", step.after, w.Code, step.want)
		}
	}
	// Absolute: 12 hours after login, however active.
	start := time.Now()
	for at := start; at.Before(start.Add(13 * time.Hour)); at = at.Add(10 * time.Minute) {
		now = at
		w := n.do(t, "approver", "GET", admin.Prefix+"/", nil)
		if alive := w.Code == 200; alive != (at.Sub(start) < 12*time.Hour) {
			t.Fatalf("%s after login: %d", at.Sub(start), w.Code)
		}
	}
}

func TestDisabledUserLosesSessions(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	id := n.users["editor"].ID
	form := url.Values{"name": {"Biên tập"}, "roles": {"editor"}, "disabled": {"1"}}
	if w := n.do(t, "admin", "POST", admin.Prefix+"/nguoi-dung/"+itoa(id), form); w.Code != http.StatusSeeOther {
		t.Fatalf("disable = %d: %s", w.Code, w.Body.String())
	}
	if w := n.do(t, "editor", "GET", admin.Prefix+"/", nil); w.Code != http.StatusSeeOther {
		t.Errorf("a disabled user's session still works: %d", w.Code)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
