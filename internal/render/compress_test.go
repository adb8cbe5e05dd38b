package render

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

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
	if p.Offers() != compress.Gzip|compress.Brotli {
		t.Fatalf("a page with holes offers %v; want gzip and br", p.Offers())
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

// plainOf is the page with its holes filled from v, as Write sends it.
func plainOf(p *Page, v *Values) []byte {
	w := httptest.NewRecorder()
	p.Write(w, 200, v)
	return w.Body.Bytes()
}

// TestPageWithHolesInBrotli: a page with holes keeps one brotli form, for
// one set of numbers, made by a request at most once a second; it decodes
// to the plain page with those numbers, byte for byte.
func TestPageWithHolesInBrotli(t *testing.T) {
	p := bigPage(t, true)
	t0 := time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC)
	v1 := Values{Views: 1234, OnlineGuests: 5, FormToken: 987654321}
	v2 := Values{Views: 1235, OnlineGuests: 5, FormToken: 987654321}
	made := BrotliMade()
	for _, tc := range []struct {
		name string
		v    Values
		now  time.Time
		want bool // a brotli body
		made uint64
	}{
		{"first request", v1, t0, true, 1},
		{"same numbers", v1, t0.Add(time.Second / 2), true, 1},
		{"a number the page does not show", Values{Views: 1234, OnlineGuests: 5, FormToken: 987654321, VisitsTotal: 7}, t0, true, 1},
		{"new numbers within the second", v2, t0.Add(999 * time.Millisecond), false, 1},
		{"new numbers in the next second", v2, t0.Add(time.Second), true, 2},
		{"the old numbers in that second", v1, t0.Add(1500 * time.Millisecond), false, 2},
		{"the new numbers, from the form", v2, t0.Add(time.Hour), true, 2},
		{"the old numbers later", v1, t0.Add(2 * time.Second), true, 3},
	} {
		br := p.Brotli(&tc.v, tc.now)
		if got := BrotliMade() - made; got != tc.made {
			t.Errorf("%s: %d brotli forms made in all; want %d", tc.name, got, tc.made)
		}
		if (br != nil) != tc.want {
			t.Fatalf("%s: brotli %d bytes; want one: %v", tc.name, len(br), tc.want)
		}
		if br == nil {
			continue
		}
		if got := decode(t, "br", br); !bytes.Equal(got, plainOf(p, &tc.v)) {
			t.Errorf("%s: brotli body differs from the plain one", tc.name)
		}
		if len(br) > p.brRoom {
			t.Errorf("%s: brotli %d bytes; room %d", tc.name, len(br), p.brRoom)
		}
		w := httptest.NewRecorder()
		p.WriteIn(w, 200, &tc.v, compress.Brotli)
		if w.Header().Get("Content-Encoding") != "br" || !bytes.Equal(w.Body.Bytes(), br) {
			t.Errorf("%s: WriteIn in brotli: Content-Encoding %q, %d bytes; want br, the form kept", tc.name, w.Header().Get("Content-Encoding"), w.Body.Len())
		}
	}
	// WriteIn makes none: without a form for the numbers, the body goes plain.
	w := httptest.NewRecorder()
	p.WriteIn(w, 200, &v2, compress.Brotli)
	if w.Header().Get("Content-Encoding") != "" || !bytes.Equal(w.Body.Bytes(), plainOf(p, &v2)) {
		t.Errorf("WriteIn in brotli without a form: Content-Encoding %q; want the plain page", w.Header().Get("Content-Encoding"))
	}
}

// TestBrotliLargerThanRoom: a brotli form that would take more memory than
// the cache counted for it is neither kept nor sent.
func TestBrotliLargerThanRoom(t *testing.T) {
	p := bigPage(t, true)
	room := p.brRoom
	p.brRoom = 10
	t0 := time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC)
	v := Values{Views: 1}
	if br := p.Brotli(&v, t0); br != nil || p.brForm.Load() != nil {
		t.Errorf("a form larger than its room: %d bytes sent, kept %v; want neither", len(br), p.brForm.Load() != nil)
	}
	p.brRoom = room
	if p.Brotli(&v, t0.Add(time.Second)) == nil || p.brForm.Load() == nil {
		t.Error("room enough, the next second: no form made and kept")
	}
}

// TestBrotliOncePerSecond: requests at once, each showing other numbers,
// make one brotli form between them in a second, and each gets either it,
// exact, or nothing.
func TestBrotliOncePerSecond(t *testing.T) {
	p := bigPage(t, true)
	t0 := time.Date(2026, 8, 3, 9, 0, 0, 0, time.UTC)
	for sec := range 3 {
		made := BrotliMade()
		now := t0.Add(time.Duration(sec) * time.Second)
		var wg sync.WaitGroup
		bodies := make([][]byte, 200)
		for i := range bodies {
			wg.Go(func() {
				v := Values{Views: int64(i % 50), OnlineGuests: int64(sec)}
				bodies[i] = p.Brotli(&v, now.Add(time.Duration(i)*time.Millisecond))
			})
		}
		wg.Wait()
		if got := BrotliMade() - made; got != 1 {
			t.Errorf("second %d: %d brotli forms made by 200 requests; want 1", sec, got)
		}
		sent := 0
		for i, br := range bodies {
			if br == nil {
				continue
			}
			sent++
			v := Values{Views: int64(i % 50), OnlineGuests: int64(sec)}
			if !bytes.Equal(decode(t, "br", br), plainOf(p, &v)) {
				t.Fatalf("second %d, request %d: brotli body is not its page", sec, i)
			}
		}
		if sent == 0 {
			t.Errorf("second %d: no request got brotli", sec)
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
	if p.Brotli(&v, time.Now()) == nil {
		b.Fatal("no brotli form")
	}
	for name, c := range map[string]compress.Coding{"identity": compress.Identity, "gzip": compress.Gzip, "brotli": compress.Brotli} {
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
