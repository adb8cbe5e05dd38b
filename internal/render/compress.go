package render

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"sync/atomic"
	"time"

	"cong/internal/compress"
)

// Compress readies a page that will be served many times, before it is
// shared: its identity for ETags, its gzip form (the parts compressed once,
// the holes spliced in per response) and, when it has no holes, its brotli
// form; a page with holes gets room for a brotli form made later, by a
// request (see Brotli). A page too small to gain keeps only its plain form.
// The gzip form is smallest while the numbers in the holes are as long as
// those in v, the ones known when the page is cached (see
// compress.Spliced); v may be nil.
func (p *Page) Compress(v *Values) {
	h := sha256.New()
	for i, part := range p.parts {
		h.Write(part)
		if i < len(p.holes) {
			h.Write([]byte{0, byte(p.holes[i])})
		}
	}
	p.id = base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:12])
	if p.size < compress.MinSize {
		return
	}
	var lens []int
	if v != nil {
		lens = make([]int, len(p.holes))
		for i, h := range p.holes {
			lens[i] = len(appendNumber(nil, v[h]))
		}
	}
	if gz := compress.NewSpliced(p.parts, lens); compress.Worth(p.size, gz.Len(0, v != nil)) {
		p.gz = gz
		if len(p.holes) > 0 {
			// The brotli form's room is the gzip body's length for v: one
			// larger is no gain, and is not kept (see Brotli).
			digits := 0
			for _, n := range lens {
				digits += n
			}
			p.brRoom = gz.Len(digits, v != nil)
		}
	}
	if len(p.holes) == 0 {
		if br := compress.BrotliBytes(p.parts[0]); compress.Worth(p.size, len(br)) {
			p.br = br
		}
	}
}

// Offers is the set of codings the page can be sent in besides identity.
func (p *Page) Offers() compress.Coding {
	var c compress.Coding
	if p.gz != nil {
		c |= compress.Gzip
	}
	if p.br != nil || p.brRoom > 0 {
		c |= compress.Brotli
	}
	return c
}

// CompressedSize is the memory the compressed forms take, for cache
// accounting: for a page with holes, the room for its brotli form too,
// which is counted from the start, fixed, and never exceeded.
func (p *Page) CompressedSize() int {
	n := len(p.id) + len(p.br)
	if p.gz != nil {
		n += p.gz.Size()
	}
	if p.brRoom > 0 {
		n += p.brRoom + brotliFormSize
	}
	return n
}

// brotliForm is a page in brotli with its holes filled from v (the holes'
// values; the others zero). It is never changed once made: readers share
// it without a lock.
type brotliForm struct {
	v    Values
	body []byte
}

// brotliFormSize is a form's memory besides its body: its numbers, the
// body's slice header, and some slack for the two allocations.
const brotliFormSize = 8*int(NumHoles) + 24 + 32

// Brotli returns the page in brotli with its holes filled from v, for a
// request at now, or nil when there is none to be had: the request then
// gets another coding. A page without holes has one, made by Compress. A
// page with holes keeps the form made last, for the numbers it was made
// for; a request showing other numbers makes its own from the filled page
// if none was made in now's second and a compressor is free
// (compress.TryBrotli), and keeps it for the next ones, unless it is larger
// than the room counted for it. So a page costs at most one brotli
// compression a second, whatever the rate of requests, and one form of
// memory; the rest of the second, changed numbers go in gzip.
func (p *Page) Brotli(v *Values, now time.Time) []byte {
	if br := p.kept(v); br != nil || p.brRoom == 0 {
		return br
	}
	sec, last := now.Unix(), p.brMade.Load()
	if sec <= last || !p.brMade.CompareAndSwap(last, sec) {
		return nil // made this second, or being made by another request
	}
	bp := bufPool.Get().(*[]byte)
	plain := p.appendTo((*bp)[:0], v)
	br, ok := compress.TryBrotli(plain)
	putBuf(bp, plain)
	if !ok {
		p.brMade.CompareAndSwap(sec, last) // none made: another request may try
		return nil
	}
	brotliMade.Add(1)
	if len(br) > p.brRoom {
		return nil // no smaller than gzip: neither kept nor sent
	}
	f := &brotliForm{body: br}
	for _, h := range p.holes {
		f.v[h] = v[h]
	}
	p.brForm.Store(f)
	return br
}

// kept is the page's brotli form for v's numbers, if it has one: for a page
// with holes, the form kept when it was made for them.
func (p *Page) kept(v *Values) []byte {
	if p.br != nil {
		return p.br
	}
	if f := p.brForm.Load(); f != nil && p.sameHoles(&f.v, v) {
		return f.body
	}
	return nil
}

// sameHoles reports whether a and b fill the page's holes alike.
func (p *Page) sameHoles(a, b *Values) bool {
	for _, h := range p.holes {
		if a[h] != b[h] {
			return false
		}
	}
	return true
}

// brotliMade counts the brotli forms made by Brotli.
var brotliMade atomic.Uint64

// BrotliMade is the number of brotli forms that requests have made for
// pages with holes since the program started.
func BrotliMade() uint64 { return brotliMade.Load() }

// ETag is a strong validator of the page sent in coding c with its holes
// filled from v: the page's identity, a hash of the numbers its holes show
// (a new view changes it), and the coding, for the bytes differ by coding.
// It is "" for a page that was not compressed (see Compress): such a page is
// made for one response.
func (p *Page) ETag(v *Values, c compress.Coding) string {
	if p.id == "" {
		return ""
	}
	sum := uint64(14695981039346656037) // FNV-1a over the holes' values
	for _, x := range p.holes {
		for u, i := uint64(v[x]), 0; i < 8; u, i = u>>8, i+1 {
			sum = (sum ^ u&0xff) * 1099511628211
		}
	}
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], sum)
	var b [64]byte
	t := append(b[:0], '"')
	t = append(t, p.id...)
	t = append(t, '-')
	t = base64.RawURLEncoding.AppendEncode(t, n[:])
	if c != compress.Identity {
		t = append(t, '-')
		t = append(t, c.Token()...)
	}
	return string(append(t, '"'))
}
