package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/xml"
	"net/http"
	"strconv"
	"time"

	"cong/internal/portal"
)

// document is a machine-read response — a feed, a sitemap — kept in memory
// like the pages, with what conditional requests compare.
type document struct {
	body     []byte
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
	hdr.Set("ETag", d.etag)
	hdr.Set("Cache-Control", "public, max-age="+strconv.Itoa(int(h.cfg.CacheTTL/time.Second)))
	// ServeContent compares If-None-Match with the ETag first and
	// If-Modified-Since with modified only without it, as RFC 9110 says.
	http.ServeContent(w, r, "", d.modified, bytes.NewReader(d.body))
	return nil
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
