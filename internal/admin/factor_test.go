package admin_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"cong/internal/admin"
	"cong/internal/auth"
	"cong/internal/portal"
	"cong/internal/storetest"
)

func TestSecondFactor(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	n.withPassword(t, "editor")
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	n.office.Now = func() time.Time { return now }
	n.tokens["editor"] = sessionCookie(n.login(t, "editor", goodPassword, "10.1.1.1")).Value

	// Set it up: the page offers a secret; a code from it turns it on.
	page := n.do(t, "editor", "GET", admin.Prefix+"/bao-mat", nil).Body.String()
	secret := regexp.MustCompile(`name="secret" value="([A-Z2-7]+)"`).FindStringSubmatch(page)
	if secret == nil {
		t.Fatal("no secret offered on the security page")
	}
	code, _ := auth.TOTPCode(secret[1], now)
	w := n.do(t, "editor", "POST", admin.Prefix+"/bao-mat/hai-buoc", url.Values{"secret": {secret[1]}, "code": {code}})
	recovery := regexp.MustCompile(`<code>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})</code>`).FindAllStringSubmatch(w.Body.String(), -1)
	if w.Code != 200 || len(recovery) != 10 {
		t.Fatalf("enable = %d with %d recovery codes; want 200 and 10", w.Code, len(recovery))
	}

	// The password alone now opens only the code form.
	c := sessionCookie(n.login(t, "editor", goodPassword, "10.1.1.1"))
	n.tokens["half"] = c.Value
	if w := n.do(t, "half", "GET", admin.Prefix+"/", nil); w.Code != http.StatusSeeOther {
		t.Errorf("dashboard with the password only = %d; want a redirect", w.Code)
	}
	now = now.Add(time.Minute)
	code, _ = auth.TOTPCode(secret[1], now)
	w = n.do(t, "half", "POST", admin.Prefix+"/xac-thuc", url.Values{"code": {code}})
	full := sessionCookie(w)
	if w.Code != http.StatusSeeOther || full == nil || full.Value == c.Value {
		t.Fatalf("code = %d; want 303 with a new session", w.Code)
	}
	n.tokens["full"] = full.Value
	if w := n.do(t, "full", "GET", admin.Prefix+"/", nil); w.Code != 200 {
		t.Errorf("dashboard after the code = %d", w.Code)
	}

	// The same code again is a replay; a recovery code works once.
	n.tokens["again"] = sessionCookie(n.login(t, "editor", goodPassword, "10.1.1.1")).Value
	if w := n.do(t, "again", "POST", admin.Prefix+"/xac-thuc", url.Values{"code": {code}}); w.Code != 401 {
		t.Errorf("replayed code = %d; want 401", w.Code)
	}
	rc := strings.ToUpper(strings.ReplaceAll(recovery[0][1], "-", " "))
	if w := n.do(t, "again", "POST", admin.Prefix+"/xac-thuc", url.Values{"code": {rc}}); w.Code != http.StatusSeeOther {
		t.Errorf("recovery code = %d; want 303", w.Code)
	}
	n.tokens["third"] = sessionCookie(n.login(t, "editor", goodPassword, "10.1.1.1")).Value
	if w := n.do(t, "third", "POST", admin.Prefix+"/xac-thuc", url.Values{"code": {rc}}); w.Code != 401 {
		t.Errorf("spent recovery code = %d; want 401", w.Code)
	}

	// A stolen session cannot guess its way to turning the factor off:
	// wrong codes count toward the account's lockout (with the spent
	// recovery code above), and then even the right code waits.
	for i := 0; i < 4; i++ {
		if w := n.do(t, "full", "POST", admin.Prefix+"/bao-mat/tat-hai-buoc", url.Values{"code": {"000000"}}); w.Code != 400 {
			t.Fatalf("wrong code %d to turn it off = %d; want 400", i+1, w.Code)
		}
	}
	now = now.Add(time.Minute)
	code, _ = auth.TOTPCode(secret[1], now)
	if w := n.do(t, "full", "POST", admin.Prefix+"/bao-mat/tat-hai-buoc", url.Values{"code": {code}}); w.Code != http.StatusTooManyRequests {
		t.Errorf("turning it off after 5 wrong codes = %d; want 429", w.Code)
	}
	if u, _ := n.db.UserByUsername(ctx, "editor"); u.TOTPSecret == "" {
		t.Error("the second factor was turned off during the lockout")
	}
}

func TestMandatorySecondFactor(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	if w := n.do(t, "admin", "POST", admin.Prefix+"/bao-mat/bat-buoc", url.Values{"required": {"1"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("make mandatory = %d", w.Code)
	}
	s, _ := n.db.Settings(ctx)
	if s[portal.SettingTOTPRequired] != "1" {
		t.Fatal("setting not saved")
	}
	w := n.do(t, "reporter", "GET", admin.Prefix+"/", nil)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != admin.Prefix+"/bao-mat" {
		t.Errorf("reporter without a second factor: %d to %q; want the security page", w.Code, w.Header().Get("Location"))
	}
	if w := n.do(t, "reporter", "GET", admin.Prefix+"/bao-mat", nil); w.Code != 200 {
		t.Errorf("security page = %d; want 200", w.Code)
	}
	if w := n.do(t, "reporter", "POST", admin.Prefix+"/bai-viet/moi", url.Values{"title": {"x"}}); w.Code != http.StatusSeeOther {
		t.Errorf("writing before setting it up = %d; want the redirect", w.Code)
	}
}
