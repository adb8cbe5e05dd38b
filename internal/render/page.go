package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"

	"cong/internal/compress"
	"cong/internal/viet"
)

// Hole names a number filled in per request.
type Hole uint8

// The holes a page may have.
const (
	Views         Hole = iota // the article's view count
	OnlineGuests              // visitors online, not logged in
	OnlineMembers             // staff online
	OnlineTotal
	VisitsToday
	VisitsTotal
	FormToken // when the page's forms were shown, signed
	NumHoles
)

var holeNames = map[string]Hole{
	"views": Views, "online.guests": OnlineGuests, "online.members": OnlineMembers,
	"online.total": OnlineTotal, "visits.today": VisitsToday, "visits.total": VisitsTotal,
	"form.token": FormToken,
}

// marker brackets a hole in rendered output. NUL never occurs in stored
// text (inputs are refused with it), so it cannot be forged by content.
const marker = "\x00hole:"

func hole(name string) (template.HTML, error) {
	h, ok := holeNames[name]
	if !ok {
		return "", fmt.Errorf("unknown hole %q", name)
	}
	return template.HTML(marker + string(rune('0'+h)) + "\x00"), nil
}

// hiddenHole is a hidden form field whose value is a hole: a hole in an
// attribute would be escaped, so the whole element is written here.
func hiddenHole(name, holeName string) (template.HTML, error) {
	h, err := hole(holeName)
	if err != nil {
		return "", err
	}
	return template.HTML(`<input type="hidden" name="` + template.HTMLEscapeString(name) + `" value="` + string(h) + `">`), nil
}

// Has reports whether the page has hole h.
func (p *Page) Has(h Hole) bool {
	for _, x := range p.holes {
		if x == h {
			return true
		}
	}
	return false
}

// Page is rendered HTML with holes: parts[0] hole[0] parts[1] … parts[n].
type Page struct {
	parts [][]byte
	holes []Hole
	size  int

	// Made by Compress, once, for a page served many times.
	id string            // the page's identity in its ETags
	gz *compress.Spliced // nil: too small to gain
	br []byte            // brotli of a page without holes

	// A page with holes keeps at most one brotli form, made by a request
	// for the numbers it showed (see Brotli).
	brRoom int                        // the bytes counted for it; 0: no brotli
	brForm atomic.Pointer[brotliForm] // nil until one is made
	brMade atomic.Int64               // the Unix second the last one was made in
}

func split(b []byte) (*Page, error) {
	p := &Page{}
	for {
		i := bytes.Index(b, []byte(marker))
		if i < 0 {
			break
		}
		rest := b[i+len(marker):]
		if len(rest) < 2 || rest[1] != 0 || Hole(rest[0]-'0') >= NumHoles {
			return nil, fmt.Errorf("render: broken hole marker")
		}
		p.parts = append(p.parts, b[:i:i])
		p.holes = append(p.holes, Hole(rest[0]-'0'))
		b = rest[2:]
	}
	p.parts = append(p.parts, b)
	for _, part := range p.parts {
		p.size += len(part)
	}
	return p, nil
}

// Size is the page's length in bytes without its holes, for cache accounting.
func (p *Page) Size() int { return p.size }

// Values are the numbers that fill a page's holes.
type Values [NumHoles]int64

// Write sends the page with its holes filled as the body of a response with
// status. The body goes out in one Write, so the server hands it to the
// kernel in as few system calls as its buffers allow.
func (p *Page) Write(w http.ResponseWriter, status int, v *Values) error {
	return p.WriteIn(w, status, v, compress.Identity)
}

// WriteIn is Write in coding c, which must be one the page offers (see
// Offers), and sets Content-Encoding. A gzip body is spliced from the parts
// compressed by Compress and the holes' digits, not compressed again. A
// brotli body is the one kept for v's numbers (see Brotli), which WriteIn
// never makes: without one, the body goes plain.
func (p *Page) WriteIn(w http.ResponseWriter, status int, v *Values, c compress.Coding) error {
	if c == compress.Brotli {
		if br := p.kept(v); br != nil {
			return WriteEncoded(w, status, c, br)
		}
	}
	bp := bufPool.Get().(*[]byte)
	b := (*bp)[:0]
	var body []byte
	if c == compress.Gzip && p.gz != nil {
		// The holes' digits go first in the buffer, the stream after them.
		var ends [8]int
		e := ends[:0]
		for _, h := range p.holes {
			b = appendNumber(b, v[h])
			e = append(e, len(b))
		}
		k := len(b)
		b = p.gz.Append(b, b[:k], e)
		body = b[k:]
	} else {
		b = p.appendTo(b, v)
		body, c = b, compress.Identity
	}
	err := WriteEncoded(w, status, c, body)
	putBuf(bp, b)
	return err
}

// WriteEncoded sends body, in coding c, as the body of a response with
// status, setting Content-Encoding and Content-Length.
func WriteEncoded(w http.ResponseWriter, status int, c compress.Coding, body []byte) error {
	hdr := w.Header()
	switch c {
	case compress.Gzip:
		hdr["Content-Encoding"] = gzipEncoding
	case compress.Brotli:
		hdr["Content-Encoding"] = brotliEncoding
	}
	hdr["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(status)
	_, err := w.Write(body)
	return err
}

var (
	gzipEncoding   = []string{"gzip"}
	brotliEncoding = []string{"br"}
)

// appendTo appends the page with its holes filled.
func (p *Page) appendTo(b []byte, v *Values) []byte {
	for i, part := range p.parts {
		b = append(b, part...)
		if i < len(p.holes) {
			b = appendNumber(b, v[p.holes[i]])
		}
	}
	return b
}

// maxPooled keeps one huge page from pinning its buffer in the pool.
const maxPooled = 256 << 10

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

// putBuf returns b, grown from the pool's *bp, to the pool.
func putBuf(bp *[]byte, b []byte) {
	if cap(b) <= maxPooled {
		*bp = b
		bufPool.Put(bp)
	}
}

// WriteTo writes the page with its holes filled, for tests and tools.
func (p *Page) WriteTo(w io.Writer, v *Values) error {
	for i, part := range p.parts {
		if _, err := w.Write(part); err != nil {
			return err
		}
		if i < len(p.holes) {
			if _, err := w.Write(appendNumber(nil, v[p.holes[i]])); err != nil {
				return err
			}
		}
	}
	return nil
}

// appendNumber formats n the Vietnamese way, with '.' between thousands.
func appendNumber(b []byte, n int64) []byte {
	if n > -1000 && n < 1000 || n > 1<<40 { // tokens are not amounts
		return strconv.AppendInt(b, n, 10)
	}
	return append(b, viet.Number(n)...)
}
