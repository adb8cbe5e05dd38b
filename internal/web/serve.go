package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"cong/internal/compress"
	"cong/internal/counter"
	"cong/internal/portal"
	"cong/internal/render"
)

// build makes a cache entry for a reader page on a cache miss.
type build func(r *http.Request, s *site) (*entry, error)

// cached serves the page at key from memory, building it on a miss. When
// the database is down, the last copy of a page built before is served
// instead, with its Age, for as long as the cache keeps it.
func (h *Handler) cached(w http.ResponseWriter, r *http.Request, key string, fn build) error {
	now := h.now()
	h.checkVersion(r, now)
	e, stale, err := h.entry(r, key, now, fn)
	if err != nil {
		return err
	}
	if stale {
		w.Header().Set("Age", age(e, now))
	}
	if e.redirect != "" {
		http.Redirect(w, r, e.redirect, http.StatusMovedPermanently)
		return nil
	}
	if e.gate != 0 {
		return h.membersOnly(w, r, e, fn)
	}
	if h.cfg.SharedTTL > 0 {
		h.serveShared(w, r, e, now, stale)
		return nil
	}
	h.serve(w, r, e, now)
	return nil
}

// retryGap is how long after the database was found down a page that has a
// stale copy is served from it without asking the database again.
const retryGap = time.Second

// entry returns the page at key: fresh from the cache, or rebuilt, or, when
// the database is down, the stale copy if there is one (stale is then true).
func (h *Handler) entry(r *http.Request, key string, now time.Time, fn build) (e *entry, stale bool, err error) {
	if e = h.cache.get(key, now); e != nil {
		return e, false, nil
	}
	if now.Sub(time.Unix(0, h.outage.Load())) < retryGap {
		if e = h.cache.stale(key, now); e != nil {
			return e, true, nil
		}
	}
	if e, err = h.rebuild(r, key, now, fn); err == nil {
		return e, false, nil
	}
	if err = h.fault(err); !isDown(err) {
		return nil, false, err
	}
	if last := time.Unix(0, h.outage.Swap(now.UnixNano())); now.Sub(last) >= retryGap {
		h.log.Warn("database unavailable: serving the pages cached before", "err", err)
	}
	if e = h.cache.stale(key, now); e != nil {
		return e, true, nil
	}
	return nil, false, err
}

// rebuild builds the page at key and caches it.
func (h *Handler) rebuild(r *http.Request, key string, now time.Time, fn build) (*entry, error) {
	gen := h.cache.generation()
	s, err := h.site(r.Context())
	if err != nil {
		return nil, err
	}
	e, err := fn(r, s)
	if err != nil {
		return nil, err
	}
	e.key, e.rendered, e.expires = key, now, s.expiry(now, h.cfg.CacheTTL)
	if !e.until.IsZero() && e.until.Before(e.expires) {
		e.expires = e.until.Add(-time.Nanosecond) // gone at until itself
	}
	e.ads = adsIn(e.page)
	e.changes = s.changes
	if !e.until.IsZero() && (e.changes.IsZero() || e.until.Before(e.changes)) {
		e.changes = e.until
	}
	if e.page != nil {
		v := h.pageValues(e, now)
		e.page.Compress(&v) // once, for every reader it is served to
	}
	h.cache.put(e, gen)
	return e, nil
}

// age is the Age header of a stale entry: whole seconds since it was built.
func age(e *entry, now time.Time) string {
	return strconv.FormatInt(int64(max(now.Sub(e.rendered), 0)/time.Second), 10)
}

// fault returns err as EUNAVAILABLE or EFULL when it means the database is
// down or it or the disk is full (see Services.Fault), err itself otherwise.
func (h *Handler) fault(err error) error {
	if err == nil || isDown(err) {
		return err
	}
	if h.svc.Fault != nil {
		return h.svc.Fault(err)
	}
	return err
}

// isDown reports whether err is the database's or the disk's fault, not the
// request's.
func isDown(err error) bool {
	code := portal.ErrorCode(err)
	return code == portal.EUNAVAILABLE || code == portal.EFULL
}

// serve writes a reader page, counting the visitor and, for an article, the
// view.
func (h *Handler) serve(w http.ResponseWriter, r *http.Request, e *entry, now time.Time) {
	v := h.identify(w, r, now)
	if e.article != 0 && v.kind != counter.Bot {
		h.counters.Views.Count(v.id, e.article, now)
	}
	if len(e.ads) > 0 && v.kind != counter.Bot {
		h.counters.Ads.Shown(e.ads, now)
	}
	values := h.pageValues(e, now)
	w.Header()["Cache-Control"] = noCache
	sendCached(w, r, e.page, &values, now)
}

// pageValues are the numbers that fill the holes of e's page at now.
func (h *Handler) pageValues(e *entry, now time.Time) render.Values {
	values := h.counterValues(now)
	if e.article != 0 {
		values[render.Views] = h.counters.Views.Total(e.article, e.viewBase)
	}
	if e.page.Has(render.FormToken) {
		values[render.FormToken] = h.formToken(now)
	}
	return values
}

// sendCached sends a cached page in the coding the request prefers among
// those the page offers, or 304 when the browser's copy — named by its
// ETag, which covers the numbers in the holes — is the page as it would be
// sent now. The view was counted before: a 304 is a view like any other.
// Brotli for a page with holes is had only when the page keeps a form for
// these numbers or may make one now (render.Page.Brotli); else the request
// gets the coding it prefers next, gzip for a browser, and so does one
// whose copy in that coding is current (304).
func sendCached(w http.ResponseWriter, r *http.Request, p *render.Page, v *render.Values, now time.Time) {
	hdr := w.Header()
	accept, offer := oneHeader(r.Header["Accept-Encoding"]), p.Offers()
	c := compress.Identity
	if offer != compress.Identity {
		hdr["Vary"] = varyEncoding
		c = compress.Choose(accept, offer)
	}
	inm := oneHeader(r.Header["If-None-Match"])
	tag := p.ETag(v, c)
	var br []byte
	if c == compress.Brotli && !etagMatch(inm, tag) {
		next := compress.Choose(accept, offer&^compress.Brotli)
		if inm != "" && etagMatch(inm, p.ETag(v, next)) {
			c = next // the browser's copy, sent when brotli was not to be had, is current
		} else if br = p.Brotli(v, now); br == nil {
			c = next
		}
		if br == nil {
			tag = p.ETag(v, c)
		}
	}
	hdr["Etag"] = []string{tag}
	if etagMatch(inm, tag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hdr["Content-Type"] = htmlType
	if br != nil {
		render.WriteEncoded(w, http.StatusOK, c, br)
		return
	}
	p.WriteIn(w, http.StatusOK, v, c)
}

var (
	htmlType = []string{"text/html; charset=utf-8"}
	// Pages carry live counters; browsers revalidate rather than reuse them.
	noCache = []string{"no-cache"}
	// Responses that could be compressed depend on the request's
	// Accept-Encoding, whichever coding this one got.
	varyEncoding = []string{"Accept-Encoding"}
)

// oneHeader joins the lines of a header that is a list, as RFC 9110 allows
// a client to send it in several.
func oneHeader(lines []string) string {
	if len(lines) == 1 {
		return lines[0]
	}
	return strings.Join(lines, ",")
}

// etagMatch reports whether tag is in an If-None-Match list, compared
// weakly as RFC 9110 says for it (a W/ prefix is ignored), or the list is
// "*".
func etagMatch(list, tag string) bool {
	for list != "" {
		var t string
		t, list, _ = strings.Cut(list, ",")
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == tag {
			return true
		}
	}
	return false
}

// counterValues reads the side column's counters.
func (h *Handler) counterValues(now time.Time) render.Values {
	var v render.Values
	o := h.counters.Online
	v[render.OnlineGuests] = int64(o.Count(counter.Guest, now))
	v[render.OnlineMembers] = int64(o.Count(counter.Member, now))
	v[render.OnlineTotal] = v[render.OnlineGuests] + v[render.OnlineMembers]
	v[render.VisitsToday], v[render.VisitsTotal] = h.counters.Visits.Counts(now)
	return v
}

// checkVersion reads the content version at most once a second, by one
// request of that second; when it moved — a publication, here or on another
// instance — the cached pages go.
func (h *Handler) checkVersion(r *http.Request, now time.Time) {
	sec, last := now.Unix(), h.versionChecked.Load()
	if h.svc.Version == nil || sec == last || !h.versionChecked.CompareAndSwap(last, sec) {
		return
	}
	v, err := h.svc.Version(r.Context())
	if err != nil {
		h.log.Warn("read content version", "err", err)
		return
	}
	if old := h.version.Swap(v); old != v {
		h.ClearCache()
	}
}
