package admin_test

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/admin"
	"cong/internal/asset"
	"cong/internal/storetest"
)

// TestStaticLinksResolve: the back office's pages name their style sheet
// and scripts by the folder's hash; each address answers for a year, and so
// do the files TinyMCE loads beside its script by relative address.
func TestStaticLinksResolve(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	var editor string
	for _, p := range []struct{ role, path string }{
		{"anonymous", admin.Prefix + "/dang-nhap"},
		{"editor", admin.Prefix + "/"},
		{"editor", admin.Prefix + "/bai-viet/moi"},
		{"admin", admin.Prefix + "/trang/moi"},
	} {
		w := n.do(t, p.role, "GET", p.path, nil)
		doc, err := goquery.NewDocumentFromReader(w.Body)
		if err != nil || w.Code != 200 {
			t.Fatalf("GET %s = %d, %v", p.path, w.Code, err)
		}
		found := doc.Find(`link[href*="/static/"], script[src*="/static/"]`)
		if found.Length() == 0 {
			t.Errorf("GET %s names no static file", p.path)
		}
		found.Each(func(_ int, sel *goquery.Selection) {
			u := sel.AttrOr("href", sel.AttrOr("src", ""))
			if strings.HasSuffix(u, "/editor/cong-editor.js") {
				editor = u
			}
			checkYear(t, n, p.path+" names "+u, u)
		})
	}
	if editor == "" {
		t.Fatal("no page loads the editor")
	}
	// What cong-editor.js asks TinyMCE to load, beside itself.
	base := strings.TrimSuffix(editor, "cong-editor.js")
	for _, rel := range []string{"tinymce/tinymce.min.js", "tinymce/langs/vi.js", "tinymce/skins/ui/oxide/skin.min.css",
		"tinymce/skins/content/default/content.min.css", "cong-content.css"} {
		checkYear(t, n, "the editor's "+rel, base+rel)
	}
}

func checkYear(t *testing.T, n *newsroom, what, u string) {
	t.Helper()
	w := n.do(t, "anonymous", "GET", u, nil)
	if w.Code != 200 || w.Header().Get("Cache-Control") != asset.Immutable || w.Header().Get("ETag") == "" {
		t.Errorf("%s: GET %s = %d, Cache-Control %q, ETag %q; want 200 for a year with an ETag", what, u, w.Code,
			w.Header().Get("Cache-Control"), w.Header().Get("ETag"))
	}
}
