package web

import (
	"errors"
	"io"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// documentFolder is where the register's files are stored. /media/ does not
// serve it: a document's files reach readers only while it is published.
const documentFolder = "van-ban/"

// serveDocumentFile sends one file of a published document, named after the
// document's number. Every file is downloaded, PDF too: browsers will not
// show a PDF under the sandbox policy every upload carries.
func (h *Handler) serveDocumentFile(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if h.svc.Documents == nil || !portal.IsSlug(slug) || err != nil {
		return errNotFound
	}
	d, err := h.readerDocument(r, slug)
	if err != nil {
		return err
	}
	for i, f := range d.Files {
		if f.ID == id {
			return h.serveStored(w, r, f.File, f.MIME, disposition(d, i, f), h.cfg.CacheTTL)
		}
	}
	return errNotFound
}

// serveStored sends a stored upload with the headers every file of the
// portal carries (see fileHeaders), cache directives added to them, and,
// when set, a Content-Disposition.
func (h *Handler) serveStored(w http.ResponseWriter, r *http.Request, name, ctype, disp string, maxAge time.Duration, cache ...string) error {
	f, err := h.cfg.Media.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	rs, ok := f.(io.ReadSeeker)
	if !ok || info.IsDir() {
		return errNotFound
	}
	fileHeaders(w.Header(), maxAge)
	if len(cache) > 0 {
		w.Header().Set("Cache-Control", w.Header().Get("Cache-Control")+", "+strings.Join(cache, ", "))
	}
	w.Header().Set("Content-Type", ctype)
	if disp != "" {
		w.Header().Set("Content-Disposition", disp)
	}
	http.ServeContent(w, r, "", info.ModTime(), rs)
	return nil
}

// fileHeaders are what every served upload carries: caching, no sniffing,
// and a policy that runs nothing even when a file is opened directly.
func fileHeaders(hdr http.Header, maxAge time.Duration) {
	hdr.Set("Cache-Control", "public, max-age="+strconv.Itoa(int(maxAge/time.Second)))
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
}

// disposition names file i of d after the document's number, in UTF-8 as
// RFC 6266 allows, with an ASCII name for old clients: "15-NQ/TU" becomes
// "15-NQ-TU.pdf", and its second file "15-NQ-TU-2.pdf".
func disposition(d *portal.Document, i int, f portal.DocumentFile) string {
	ext := "." + strings.ToLower(f.Kind())
	name := strings.NewReplacer("/", "-", "\\", "-", " ", "-").Replace(d.Number)
	ascii := viet.Slug(d.Number)
	if i > 0 {
		name += "-" + strconv.Itoa(i+1)
		ascii += "-" + strconv.Itoa(i+1)
	}
	if ascii == "" {
		ascii = "van-ban"
	}
	return `attachment; filename="` + ascii + ext + `"; filename*=UTF-8''` + rfc5987(name+ext)
}

// rfc5987 percent-encodes s, keeping only RFC 5987's attr-chars.
func rfc5987(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
