package render

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"cong/internal/compress"
)

// bigPage renders a page of some kilobytes with holes, or without when
// holes is false.
func bigPage(t testing.TB, holes bool) *Page {
	t.Helper()
	main := `{{define "main"}}{{range .Items}}<li class="item"><a href="/chinh-tri/{{.}}">Tin số {{.}} của Đảng bộ tỉnh</a></li>{{end}}`
	if holes {
		main += `<p>Số lần xem: {{hole "views"}}</p><p>Khách: {{hole "online.guests"}}</p>{{hiddenHole "t" "form.token"}}`
	}
	p, err := engine(t, main+`{{end}}`).Render("p", struct {
		Title string
		Items []int
	}{"Tin", make([]int, 200)})
	if err != nil {
		t.Fatal(err)
	}
	p.Compress(&Values{Views: 1234, OnlineGuests: 5})
	return p
}

func decode(t *testing.T, c string, b []byte) []byte {
	t.Helper()
	var r io.Reader
	switch c {
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(bytes.NewReader(b))
	default:
		return b
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decode %s: %v", c, err)
	}
	return out
}

// TestCompressedPageSameBytes: the gzip body is the plain page, holes and
// all, for any numbers in the holes.
func TestCompressedPageSameBytes(t *testing.T) {
	p := bigPage(t, true)
	if p.Offers() != compress.Gzip {
		t.Fatalf("a page with holes offers %v; want gzip only", p.Offers())
	}
	for _, n := range []int64{0, 7, 999, 1000, 1234567, -5, 1 << 50} {
		v := Values{Views: n, OnlineGuests: n / 3, FormToken: n * 7}
		plain, packed := httptest.NewRecorder(), httptest.NewRecorder()
		p.WriteIn(plain, 200, &v, compress.Identity)
		p.WriteIn(packed, 200, &v, compress.Gzip)
		if got := packed.Header().Get("Content-Encoding"); got != "gzip" {
			t.Fatalf("Content-Encoding = %q; want gzip", got)
		}
		if plain.Header().Get("Content-Encoding") != "" {
			t.Errorf("a plain body has Content-Encoding %q", plain.Header().Get("Content-Encoding"))
		}
		if got := decode(t, "gzip", packed.Body.Bytes()); !bytes.Equal(got, plain.Body.Bytes()) {
			t.Fatalf("views %d: gunzipped body differs from the plain one", n)
		}
		if !strings.Contains(plain.Body.String(), "Số lần xem: "+string(appendNumber(nil, n))) {
			t.Errorf("views %d: not in the page", n)
		}
		if got := packed.Header().Get("Content-Length"); got != strconv.Itoa(packed.Body.Len()) {
			t.Errorf("Content-Length = %s; body %d", got, packed.Body.Len())
		}
		if packed.Body.Len() > plain.Body.Len()/4 {
			t.Errorf("gzip body %d bytes of %d plain", packed.Body.Len(), plain.Body.Len())
		}
	}
}

func TestPageWithoutHolesInBrotli(t *testing.T) {
	p := bigPage(t, false)
	if p.Offers() != compress.Gzip|compress.Brotli {
		t.Fatalf("a page without holes offers %v; want gzip and br", p.Offers())
	}
	var v Values
	plain := httptest.NewRecorder()
	p.Write(plain, 200, &v)
	for _, c := range []compress.Coding{compress.Gzip, compress.Brotli} {
		w := httptest.NewRecorder()
		p.WriteIn(w, 200, &v, c)
		if got := w.Header().Get("Content-Encoding"); got != c.Token() {
			t.Errorf("Content-Encoding = %q; want %q", got, c.Token())
		}
		if got := decode(t, c.Token(), w.Body.Bytes()); !bytes.Equal(got, plain.Body.Bytes()) {
			t.Errorf("%s body differs from the plain one", c.Token())
		}
	}
}

func TestSmallPageStaysPlain(t *testing.T) {
	p, err := engine(t, `{{define "main"}}<b>{{hole "views"}}</b>{{end}}`).Render("p", struct{ Title string }{"Tin"})
	if err != nil {
		t.Fatal(err)
	}
	p.Compress(nil)
	if p.Offers() != compress.Identity {
		t.Errorf("a %d-byte page offers %v; want none", p.Size(), p.Offers())
	}
	if p.ETag(&Values{}, compress.Identity) == "" {
		t.Error("a small cached page has no ETag")
	}
}

func TestETag(t *testing.T) {
	p := bigPage(t, true)
	v := Values{Views: 235, OnlineGuests: 3}
	tag := p.ETag(&v, compress.Identity)
	if !strings.HasPrefix(tag, `"`) || !strings.HasSuffix(tag, `"`) || strings.HasPrefix(tag, "W/") {
		t.Fatalf("ETag = %s; want a strong, quoted one", tag)
	}
	if again := p.ETag(&v, compress.Identity); again != tag {
		t.Errorf("the same values: ETag %s, then %s", tag, again)
	}
	seen := map[string]string{tag: "identity"}
	for name, tc := range map[string]struct {
		v Values
		c compress.Coding
	}{
		"gzip":           {v, compress.Gzip},
		"one more view":  {Values{Views: 236, OnlineGuests: 3}, compress.Identity},
		"one less guest": {Values{Views: 235, OnlineGuests: 2}, compress.Identity},
	} {
		got := p.ETag(&tc.v, tc.c)
		if other, ok := seen[got]; ok {
			t.Errorf("%s: ETag %s, as for %s", name, got, other)
		}
		seen[got] = name
	}
	// A value the page does not show leaves its ETag alone.
	if got := p.ETag(&Values{Views: 235, OnlineGuests: 3, VisitsTotal: 9}, compress.Identity); got != tag {
		t.Errorf("a number the page does not show changed its ETag: %s, then %s", tag, got)
	}
	// Another page with the same numbers has another ETag.
	q := bigPage(t, false)
	if q.ETag(&v, compress.Identity) == tag {
		t.Error("two pages share an ETag")
	}
}

func BenchmarkWriteIn(b *testing.B) {
	p := bigPage(b, true)
	v := Values{Views: 1234, OnlineGuests: 56}
	for name, c := range map[string]compress.Coding{"identity": compress.Identity, "gzip": compress.Gzip} {
		b.Run(name, func(b *testing.B) {
			w := &discard{h: make(map[string][]string)}
			b.ReportAllocs()
			for b.Loop() {
				p.WriteIn(w, 200, &v, c)
				p.ETag(&v, c)
			}
		})
	}
}

type discard struct{ h map[string][]string }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}
