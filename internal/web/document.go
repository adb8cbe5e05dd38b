package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"time"

	"cong/internal/compress"
	"cong/internal/portal"
)

// document is a machine-read response — a feed, a sitemap — kept in memory
// like the pages, with what conditional requests compare.
type document struct {
	body     []byte
	gz, br   []byte // body compressed, made once when cached; nil: too small to gain
	ctype    string
	etag     string    // a hash of body, quoted
	modified time.Time // zero: no Last-Modified
	// last is, for a sitemap of articles, the id of its last article: where
	// the next one starts.
	last int64
}

// newDocument marshals v into an XML document of type ctype.
func newDocument(ctype string, v any, modified time.Time) (*document, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return &document{body: buf.Bytes(), ctype: ctype, etag: etag(buf.Bytes()), modified: modified}, nil
}

// etag is a strong validator for body.
func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
}

// docKey names the document at path in the page cache, apart from pages.
func docKey(path string) string { return "doc:" + path }

// buildDoc makes a document on a cache miss.
type buildDoc func(r *http.Request, s *site) (*document, error)

// cachedDoc serves the document at key from memory, building it on a miss,
// and answers conditional requests with 304. Documents count no visitor and
// set no cookie.
func (h *Handler) cachedDoc(w http.ResponseWriter, r *http.Request, key string, fn buildDoc) error {
	d, err := h.doc(r, key, fn)
	if err != nil {
		return err
	}
	hdr := w.Header()
	if d.stale {
		hdr.Set("Age", age(d.entry, h.now()))
	}
	hdr.Set("Content-Type", d.ctype)
	control := "public, max-age=" + strconv.Itoa(int(h.cfg.CacheTTL/time.Second))
	if h.cfg.SharedTTL > 0 && !d.stale {
		control += h.sharedDirectives(d.entry, h.now())
	}
	hdr.Set("Cache-Control", control)
	body, tag := d.body, d.etag
	if offer := d.offers(); offer != compress.Identity {
		hdr["Vary"] = varyEncoding
		if c := compress.Choose(oneHeader(r.Header["Accept-Encoding"]), offer); c != compress.Identity {
			body, tag = d.in(c), codedETag(d.etag, c)
			hdr.Set("Content-Encoding", c.Token())
		}
	}
	hdr.Set("ETag", tag)
	// ServeContent leaves Content-Length out when Content-Encoding is set
	// (for handlers that compress as they write); these bytes are final.
	hdr.Set("Content-Length", strconv.Itoa(len(body)))
	// ServeContent compares If-None-Match with the ETag first and
	// If-Modified-Since with modified only without it, as RFC 9110 says.
	http.ServeContent(w, r, "", d.modified, bytes.NewReader(body))
	return nil
}

// compress makes the document's compressed forms, once, before it is
// cached: feeds and sitemaps never change once built, so brotli can be
// used as well as gzip.
func (d *document) compress() {
	if len(d.body) < compress.MinSize {
		return
	}
	if gz := compress.GzipBytes(d.body); compress.Worth(len(d.body), len(gz)) {
		d.gz = gz
	}
	if br := compress.BrotliBytes(d.body); compress.Worth(len(d.body), len(br)) {
		d.br = br
	}
}

// offers is the set of codings the document can be sent in besides
// identity.
func (d *document) offers() compress.Coding {
	var c compress.Coding
	if d.gz != nil {
		c |= compress.Gzip
	}
	if d.br != nil {
		c |= compress.Brotli
	}
	return c
}

// in returns the body in coding c, one the document offers.
func (d *document) in(c compress.Coding) []byte {
	if c == compress.Brotli {
		return d.br
	}
	return d.gz
}

// codedETag is the ETag of a document sent in coding c: a strong validator
// must differ between codings, whose bytes differ.
func codedETag(tag string, c compress.Coding) string {
	return strings.TrimSuffix(tag, `"`) + "-" + c.Token() + `"`
}

// doc returns the document at key, from the cache or built and cached, or
// its stale copy when the database is down.
func (h *Handler) doc(r *http.Request, key string, fn buildDoc) (staleDoc, error) {
	now := h.now()
	h.checkVersion(r, now)
	e, stale, err := h.entry(r, docKey(key), now, func(r *http.Request, s *site) (*entry, error) {
		d, err := fn(r, s)
		if err != nil {
			return nil, err
		}
		d.compress() // once, before it is cached
		return &entry{doc: d}, nil
	})
	if err != nil {
		return staleDoc{}, err
	}
	return staleDoc{e.doc, e, stale}, nil
}

// staleDoc is a document and whether it is served stale.
type staleDoc struct {
	*document
	entry *entry
	stale bool
}

// readerFilter selects what readers may see across the site: the reader
// filter, narrowed to the categories shown when some are hidden, for an
// article of a hidden category does not exist for readers.
func (h *Handler) readerFilter(s *site) portal.ArticleFilter {
	f := portal.ReaderFilter(h.now())
	var shown []int64
	for _, c := range s.tree.All {
		if s.tree.Shown(c.ID) {
			shown = append(shown, c.ID)
		}
	}
	switch {
	case len(shown) == len(s.tree.All):
	case len(shown) == 0:
		f.CategoryIDs = []int64{0} // no category has id 0: nothing
	default:
		f.CategoryIDs = shown
	}
	return f
}
