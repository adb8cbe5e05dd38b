package admin_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/storetest"
)

// TestEveryResponseHeaders checks the headers of the back office's
// responses of every kind: pages, files, errors, refusals.
func TestEveryResponseHeaders(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	for _, tc := range []struct {
		role, method, path string
		want               int
	}{
		{"anonymous", "GET", "/quan-tri/dang-nhap", 200},
		{"admin", "GET", "/quan-tri/", 200},
		{"anonymous", "GET", "/quan-tri/static/admin.css", 200},
		{"anonymous", "GET", "/quan-tri/static/", 404},
		{"anonymous", "GET", "/quan-tri/khong-co", 404},
		{"reporter", "GET", "/quan-tri/thong-ke", 403},
	} {
		w := n.do(t, tc.role, tc.method, tc.path, nil)
		if w.Code != tc.want {
			t.Errorf("%s %s as %s = %d; want %d", tc.method, tc.path, tc.role, w.Code, tc.want)
		}
		checkPolicies(t, tc.path, w)
	}
}

func checkPolicies(t *testing.T, what string, w *httptest.ResponseRecorder) {
	t.Helper()
	pp := w.Header().Get("Permissions-Policy")
	for _, feature := range []string{"camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()",
		"interest-cohort=()", "browsing-topics=()"} {
		if !strings.Contains(pp, feature) {
			t.Errorf("%s: Permissions-Policy %q lacks %s", what, pp, feature)
		}
	}
	if got := w.Header().Get("Cross-Origin-Opener-Policy"); got != "same-origin" {
		t.Errorf("%s: Cross-Origin-Opener-Policy = %q; want same-origin", what, got)
	}
}

// TestStaticListsNoFolder: the back office's files are served, its folders
// are the Vietnamese 404 page, never a listing.
func TestStaticListsNoFolder(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	for _, p := range []string{"/quan-tri/static/admin.css", "/quan-tri/static/editor/cong-editor.js"} {
		if w := n.do(t, "anonymous", "GET", p, nil); w.Code != 200 {
			t.Errorf("GET %s = %d; want 200", p, w.Code)
		}
	}
	for _, p := range []string{"/quan-tri/static/", "/quan-tri/static/editor/", "/quan-tri/static/editor",
		"/quan-tri/static/editor/tinymce/", "/quan-tri/static/khong-co.css", "/quan-tri/static/editor/index.html"} {
		w := n.do(t, "anonymous", "GET", p, nil)
		if w.Code != 404 {
			t.Errorf("GET %s = %d; want 404", p, w.Code)
			continue
		}
		doc, err := goquery.NewDocumentFromReader(w.Body)
		if err != nil {
			t.Fatal(err)
		}
		if got := doc.Find("h1").Text(); got != "Không tìm thấy" {
			t.Errorf("GET %s: h1 = %q; want the Vietnamese 404 page", p, got)
		}
		if doc.Find(`a[href="admin.css"], a[href="editor/"], pre a`).Length() > 0 {
			t.Errorf("GET %s lists files", p)
		}
	}
}
