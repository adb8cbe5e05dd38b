package admin_test

import (
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/html"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// endless is a body of n bytes, made as it is read, that counts what was
// read and hides its length (sent chunked).
type endless struct {
	prefix string
	n      int64
	read   atomic.Int64
}

func (e *endless) Read(p []byte) (int, error) {
	off := e.read.Load()
	if off >= e.n {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), e.n-off)]
	for i := range p {
		if k := off + int64(i); k < int64(len(e.prefix)) {
			p[i] = e.prefix[k]
		} else {
			p[i] = 'a'
		}
	}
	e.read.Add(int64(len(p)))
	return len(p), nil
}

// postBody sends body to path as role, same-origin, with the content type kind;
// declared gives the body's length in the request.
func (n *newsroom) postBody(t *testing.T, role, path, kind string, body io.Reader, declared int64) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("POST", path, body)
	r.ContentLength = declared
	if declared == 0 {
		r.ContentLength = -1
	}
	r.Header.Set("Content-Type", kind)
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	if tok, ok := n.tokens[role]; ok {
		r.AddCookie(&http.Cookie{Name: "cong_s", Value: tok})
	}
	w := httptest.NewRecorder()
	n.h.ServeHTTP(w, r)
	return w
}

func heading(t *testing.T, w *httptest.ResponseRecorder) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(w.Body.String()))
	if err != nil {
		t.Fatal(err)
	}
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "h1" && n.FirstChild != nil {
			return n.FirstChild.Data
		}
	}
	return ""
}

// TestBodyLimits: a form body over its route's cap gets the 413 page —
// declared or not, URL-encoded or multipart — and changes nothing; a
// stranger's body to a staff route is never read.
func TestBodyLimits(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	login, form := admin.Prefix+"/dang-nhap", "application/x-www-form-urlencoded"
	const big = 1 << 20
	for _, c := range []struct {
		name     string
		kind     string
		prefix   string
		declared bool
	}{
		{"declared", form, "username=admin&password=", true},
		{"chunked", form, "username=admin&password=", false},
		{"multipart", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n", false},
	} {
		body := &endless{prefix: c.prefix, n: big}
		var declared int64
		if c.declared {
			declared = big
		}
		w := n.postBody(t, "anonymous", login, c.kind, body, declared)
		if w.Code != http.StatusRequestEntityTooLarge || heading(t, w) != "Dữ liệu gửi lên quá lớn" ||
			!strings.Contains(w.Body.String(), "tối đa 8 KB") {
			t.Errorf("login, %s body of 1 MB: %d %q; want 413 and the Vietnamese page", c.name, w.Code, heading(t, w))
		}
		if got := body.read.Load(); got > 64<<10 {
			t.Errorf("login, %s body: %d bytes read; want the cap and a buffer at most", c.name, got)
		}
	}
	if fails, _ := n.db.LoginFailures(ctx, "u:admin", n.office.Now().Add(-15*time.Minute)); fails != 0 {
		t.Errorf("oversized logins counted as %d failures; want none: the form was never read", fails)
	}

	// A back-office form over its cap saves nothing.
	body := &endless{prefix: "required=1&pad=", n: 100 << 10}
	if w := n.postBody(t, "admin", admin.Prefix+"/bao-mat/bat-buoc", form, body, 0); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized settings form = %d; want 413", w.Code)
	}
	if s, _ := n.db.Settings(ctx); s[portal.SettingTOTPRequired] == "1" {
		t.Error("an oversized form changed the setting")
	}

	// Without a session the body is not read at all.
	body = &endless{prefix: "title=", n: 5 << 20}
	if w := n.postBody(t, "anonymous", admin.Prefix+"/bai-viet/moi", form, body, 0); w.Code != http.StatusForbidden {
		t.Errorf("anonymous article post = %d; want 403", w.Code)
	}
	if got := body.read.Load(); got != 0 {
		t.Errorf("a stranger's body was read: %d bytes", got)
	}

	// An upload over its cap is answered on its own page.
	var mp strings.Builder
	mw := multipart.NewWriter(&mp)
	mw.WriteField("alt", "ảnh")
	mw.CreateFormFile("file", "a.jpg")
	w := n.postBody(t, "editor", admin.Prefix+"/thu-vien", mw.FormDataContentType(),
		io.MultiReader(strings.NewReader(mp.String()), &endless{n: 12 << 20}), 0)
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), "Tệp quá lớn (tối đa 10 MB)") {
		t.Errorf("library upload of 12 MB = %d; want 413 with the library page", w.Code)
	}
}

// TestBodyLimitRoutes checks that every route given a cap exists, so a
// renamed route cannot silently fall back to the default.
func TestBodyLimitRoutes(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	param := regexp.MustCompile(`\{[a-z]+\}`)
	for _, p := range admin.BodyLimitPatterns() {
		method, path, _ := strings.Cut(p, " ")
		if got := n.office.RoutePattern(method, param.ReplaceAllString(path, "1")); got != p {
			t.Errorf("body cap for %q, but the request goes to %q", p, got)
		}
	}
}
