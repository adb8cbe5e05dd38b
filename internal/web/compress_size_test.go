package web

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"cong/internal/render"
)

// TestEntrySizeCountsCompressed: the cache's memory bound counts a page's
// and a document's compressed forms beside their plain bytes.
func TestEntrySizeCountsCompressed(t *testing.T) {
	engine, err := render.New(fstest.MapFS{
		"layout/l.html": {Data: []byte(`{{define "layout"}}{{range .}}<li><a href="/tin/{{.}}">Tin số {{.}}</a></li>{{end}}<b>{{hole "views"}}</b>{{end}}`)},
		"pages/p.html":  {Data: []byte(``)},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := engine.Render("p", make([]int, 300))
	if err != nil {
		t.Fatal(err)
	}
	page := &entry{key: "/tin", page: p}
	plain := page.size()
	p.Compress(&render.Values{render.Views: 235})
	if p.CompressedSize() == 0 || page.size() != plain+p.CompressedSize() {
		t.Errorf("page: size %d, plain %d, compressed forms %d", page.size(), plain, p.CompressedSize())
	}

	d := &document{body: []byte(strings.Repeat("<url><loc>https://example.com/tin</loc></url>\n", 300)), etag: `"x"`}
	doc := &entry{key: "doc:/sitemap.xml", doc: d}
	plain = doc.size()
	d.compress()
	if len(d.gz) == 0 || len(d.br) == 0 || bytes.Equal(d.gz, d.br) || doc.size() != plain+len(d.gz)+len(d.br) {
		t.Errorf("document: size %d, plain %d, gzip %d, brotli %d", doc.size(), plain, len(d.gz), len(d.br))
	}
}
