package admin_test

import (
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/storetest"
	"cong/internal/xsstest"
)

var tokenField = regexp.MustCompile(`name="t" value="(\d+)"`)

// formTime is a clock tests move by hand, so that a form's token is old
// enough to be accepted without waiting.
type formTime struct{ unix atomic.Int64 }

func newFormTime() *formTime {
	c := &formTime{}
	c.unix.Store(time.Now().UnixNano())
	return c
}
func (c *formTime) now() time.Time          { return time.Unix(0, c.unix.Load()) }
func (c *formTime) advance(d time.Duration) { c.unix.Add(int64(d)) }

// token reads the signed fill-time token of the form on the page at path.
func (n *newsroom) token(t *testing.T, path string) string {
	t.Helper()
	m := tokenField.FindStringSubmatch(n.do(t, "anonymous", "GET", path, nil).Body.String())
	if m == nil {
		t.Fatalf("%s has no form token", path)
	}
	return m[1]
}

// post sends a public form from its own address, as readers do.
func (n *newsroom) post(t *testing.T, path string, form url.Values, ip string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	r.RemoteAddr = ip + ":40000"
	w := httptest.NewRecorder()
	n.h.ServeHTTP(w, r)
	return w
}

// checkPage fails when page could run any script a vector carried.
func checkPage(t *testing.T, what string, body []byte) {
	t.Helper()
	if p := xsstest.Problems(body); len(p) > 0 {
		t.Errorf("%s: %d problems, first: %s", what, len(p), p[0])
	}
}

// TestStoredXSSInComments sends every vector through every field of the
// comment form and every field staff write about comments, and checks the
// pages that show them: the refused form shown again, the article, the
// moderation queue and the audit log.
func TestStoredXSSInComments(t *testing.T) {
	clock := newFormTime()
	n := newNewsroomAt(t, storetest.Open(t, storetest.SQLiteDSN(t)), clock.now)
	article := "/chinh-tri/" + n.article["published"].Slug
	tok := n.token(t, article)
	clock.advance(10 * time.Second)
	vectors := xsstest.Vectors()
	sent := 0
	for i, v := range vectors {
		for j, field := range []string{"name", "email", "body"} {
			form := url.Values{"name": {"Bạn đọc " + strconv.Itoa(i)}, "email": {"doc" + strconv.Itoa(i*3+j) + "@example.vn"},
				"body": {"Ý kiến số " + strconv.Itoa(i*3+j)}, "consent": {"1"}, "t": {tok}}
			form.Set(field, v)
			w := n.post(t, article, form, "10.9."+strconv.Itoa(i)+"."+strconv.Itoa(j+1))
			if w.Code >= 500 {
				t.Fatalf("%s=%q: %d", field, v, w.Code)
			}
			if w.Code == 303 {
				sent++
				continue
			}
			checkPage(t, "form shown again with "+field+"="+v, w.Body.Bytes())
		}
	}
	pending, err := n.db.Comments(ctx, portal.CommentPending, 500)
	if err != nil || len(pending) != sent || sent < len(vectors) {
		t.Fatalf("pending = %d, %v; want the %d comments accepted, at least one per vector", len(pending), err, sent)
	}
	t.Logf("%d vectors, %d comments accepted", len(vectors), sent)
	checkPage(t, "moderation queue", n.do(t, "editor", "GET", admin.Prefix+"/y-kien", nil).Body.Bytes())
	for i, c := range pending {
		if i%2 == 0 {
			if _, err := n.db.Moderate(ctx, storetest.Actor, c.ID, portal.CommentApproved, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
	}
	approved, _ := n.db.Comments(ctx, portal.CommentApproved, 500)
	for i, c := range approved {
		if i >= len(vectors) {
			break
		}
		id := strconv.FormatInt(c.ID, 10)
		if w := n.do(t, "editor", "POST", admin.Prefix+"/y-kien/"+id+"/tra-loi", url.Values{"reply": {vectors[i]}}); w.Code >= 500 {
			t.Fatalf("reply %q: %d", vectors[i], w.Code)
		}
		if w := n.do(t, "editor", "POST", admin.Prefix+"/y-kien/"+id+"/sua", url.Values{"body": {vectors[len(vectors)-1-i]}}); w.Code >= 500 {
			t.Fatalf("edit %q: %d", vectors[i], w.Code)
		}
	}
	n.site.ClearCache()
	page := n.do(t, "anonymous", "GET", article, nil)
	if got := strings.Count(page.Body.String(), `class="comment`); got < len(approved) {
		t.Errorf("the article shows %d comments and replies; want at least %d", got, len(approved))
	}
	checkPage(t, "article with comments and replies", page.Body.Bytes())
	checkPage(t, "print view", n.do(t, "anonymous", "GET", "/in"+article, nil).Body.Bytes())
	for _, status := range []string{"pending", "approved"} {
		checkPage(t, "moderation "+status, n.do(t, "editor", "GET", admin.Prefix+"/y-kien?trang-thai="+status, nil).Body.Bytes())
	}
	checkPage(t, "audit log", n.do(t, "admin", "GET", admin.Prefix+"/nhat-ky", nil).Body.Bytes())
}
