package render

import (
	"bytes"
	"net/http/httptest"
	"strconv"
	"testing"
	"testing/fstest"
)

func engine(t testing.TB, page string) *Engine {
	t.Helper()
	fsys := fstest.MapFS{
		"layout/layout.html": {Data: []byte(`{{define "layout"}}<p>{{.Title}}</p>{{template "main" .}}{{end}}`)},
		"pages/p.html":       {Data: []byte(page)},
	}
	e, err := New(fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestHolesFilledPerRequest(t *testing.T) {
	e := engine(t, `{{define "main"}}<b>{{hole "views"}}</b> <i>{{hole "online.guests"}}</i> <b>{{hole "views"}}</b>{{end}}`)
	p, err := e.Render("p", struct{ Title string }{"<Tin>"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		views, guests int64
		want          string
	}{
		{235, 0, "<p>&lt;Tin&gt;</p><b>235</b> <i>0</i> <b>235</b>"},
		{1234567, 108, "<p>&lt;Tin&gt;</p><b>1.234.567</b> <i>108</i> <b>1.234.567</b>"},
	} {
		var v Values
		v[Views], v[OnlineGuests] = tc.views, tc.guests
		w := httptest.NewRecorder()
		if err := p.Write(w, 200, &v); err != nil {
			t.Fatal(err)
		}
		if got := w.Body.String(); got != tc.want {
			t.Errorf("Write(views %d) = %q; want %q", tc.views, got, tc.want)
		}
		if got := w.Header().Get("Content-Length"); got != strconv.Itoa(len(tc.want)) {
			t.Errorf("Content-Length = %s; want %d", got, len(tc.want))
		}
		var buf bytes.Buffer
		p.WriteTo(&buf, &v)
		if buf.String() != tc.want {
			t.Errorf("WriteTo = %q; want %q", buf.String(), tc.want)
		}
	}
}

func TestContentCannotForgeAHole(t *testing.T) {
	e := engine(t, `{{define "main"}}{{.Title}}{{end}}`)
	p, err := e.Render("p", struct{ Title string }{"\x00hole:0\x00"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.holes) != 0 {
		t.Errorf("escaped content made %d holes; want 0", len(p.holes))
	}
}

func TestBadTemplates(t *testing.T) {
	if _, err := engine(t, `{{define "main"}}{{hole "nope"}}{{end}}`).Render("p", nil); err == nil {
		t.Error("unknown hole: no error")
	}
	if _, err := engine(t, `{{define "main"}}{{end}}`).Render("missing", nil); err == nil {
		t.Error("unknown page: no error")
	}
}
