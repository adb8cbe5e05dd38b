package asset_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"cong/internal/asset"
)

var notFound = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "không có", http.StatusNotFound)
})

func folder(css string) fstest.MapFS {
	return fstest.MapFS{
		"site.css":                {Data: []byte(css)},
		"logo.svg":                {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		"editor/tinymce/a.min.js": {Data: []byte(`var a=1;`)},
	}
}

const sheet = `/* a comment that goes */
.article-item img {
  float: left;
  width: 140px;
}
@media (min-width: 900px) {
  .layout { grid-template-columns: minmax(0, 1fr) 320px; }
}
`

func mustURL(t *testing.T, f *asset.Files, name string) string {
	t.Helper()
	u, err := f.URL(name)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestHashFollowsContent: a changed file gets a new address, an unchanged
// one keeps its own.
func TestHashFollowsContent(t *testing.T) {
	a, err := asset.New(folder(sheet), "/static/")
	if err != nil {
		t.Fatal(err)
	}
	b, err := asset.New(folder(sheet+".x{color:red}"), "/static/")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^/static/site\.[0-9a-f]{8}\.css$`).MatchString(mustURL(t, a, "site.css")) {
		t.Errorf("URL(site.css) = %s; want /static/site.<8 hex>.css", mustURL(t, a, "site.css"))
	}
	if mustURL(t, a, "site.css") == mustURL(t, b, "site.css") {
		t.Errorf("changed style sheet kept its address %s", mustURL(t, a, "site.css"))
	}
	if mustURL(t, a, "logo.svg") != mustURL(t, b, "logo.svg") {
		t.Errorf("unchanged logo moved: %s, then %s", mustURL(t, a, "logo.svg"), mustURL(t, b, "logo.svg"))
	}
	if _, err := a.URL("khong-co.css"); err == nil {
		t.Error("URL of a missing file gave no error")
	}

	ta, _ := asset.NewTree(folder(sheet), "/admin/static/")
	tb, _ := asset.NewTree(folder(sheet+".x{color:red}"), "/admin/static/")
	ua, ub := mustURL(t, ta, "editor/tinymce/a.min.js"), mustURL(t, tb, "editor/tinymce/a.min.js")
	if !regexp.MustCompile(`^/admin/static/v-[0-9a-f]{8}/editor/tinymce/a\.min\.js$`).MatchString(ua) || ua == ub {
		t.Errorf("tree addresses %s, then %s; want /admin/static/v-<8 hex>/… changing with any file", ua, ub)
	}
}

// TestMinified: the style sheet is smaller and keeps its rules.
func TestMinified(t *testing.T) {
	f, _ := asset.New(folder(sheet), "/static/")
	body := get(t, f.Handler(notFound), mustURL(t, f, "site.css")).Body.String()
	if len(body) >= len(sheet) || strings.Contains(body, "comment") {
		t.Errorf("served %d bytes of %d: %s", len(body), len(sheet), body)
	}
	for _, rule := range []string{".article-item img{float:left;width:140px}", "@media(min-width:900px){.layout{", "grid-template-columns:minmax(0,1fr)320px"} {
		if !strings.Contains(body, rule) {
			t.Errorf("minified sheet lacks %q: %s", rule, body)
		}
	}
}

func get(t *testing.T, h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("GET", target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// TestServe: how long each kind of address is kept, and what is missing.
func TestServe(t *testing.T) {
	f, _ := asset.New(folder(sheet), "/static/")
	tree, _ := asset.NewTree(folder(sheet), "/admin/static/")
	current := mustURL(t, f, "site.css")
	for _, c := range []struct {
		name   string
		h      http.Handler
		target string
		status int
		cache  string
	}{
		{"hashed", f.Handler(notFound), current, 200, asset.Immutable},
		{"plain name", f.Handler(notFound), "/static/site.css", 200, asset.Short},
		{"older hash", f.Handler(notFound), "/static/site.0badc0de.css", 200, asset.Short},
		{"missing", f.Handler(notFound), "/static/khong-co.css", 404, ""},
		{"folder", f.Handler(notFound), "/static/editor/", 404, ""},
		{"tree current", tree.Handler(notFound), mustURL(t, tree, "editor/tinymce/a.min.js"), 200, asset.Immutable},
		{"tree older", tree.Handler(notFound), "/admin/static/v-0badc0de/editor/tinymce/a.min.js", 200, asset.Short},
		{"tree plain", tree.Handler(notFound), "/admin/static/site.css", 200, asset.Short},
		{"tree folder", tree.Handler(notFound), "/admin/static/editor/", 404, ""},
	} {
		w := get(t, c.h, c.target)
		if w.Code != c.status || w.Header().Get("Cache-Control") != c.cache {
			t.Errorf("%s: GET %s = %d, Cache-Control %q; want %d, %q", c.name, c.target, w.Code,
				w.Header().Get("Cache-Control"), c.status, c.cache)
		}
		if c.status == 200 && w.Header().Get("ETag") == "" {
			t.Errorf("%s: GET %s has no ETag", c.name, c.target)
		}
	}
	w := get(t, f.Handler(notFound), current)
	again := get(t, f.Handler(notFound), current, "If-None-Match", w.Header().Get("ETag"))
	if again.Code != http.StatusNotModified {
		t.Errorf("GET with If-None-Match %s = %d; want 304", w.Header().Get("ETag"), again.Code)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("Content-Type = %q; want text/css", ct)
	}
}
