package render

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"

	"cong/internal/compress"
)

// Compress readies a page that will be served many times, before it is
// shared: its identity for ETags, its gzip form (the parts compressed once,
// the holes spliced in per response) and, when it has no holes, its brotli
// form. A page too small to gain from either keeps only its plain form.
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
	if p.br != nil {
		c |= compress.Brotli
	}
	return c
}

// CompressedSize is the memory the compressed forms take, for cache
// accounting.
func (p *Page) CompressedSize() int {
	n := len(p.id) + len(p.br)
	if p.gz != nil {
		n += p.gz.Size()
	}
	return n
}

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
