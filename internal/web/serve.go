package web

import (
	"net/http"
	"time"

	"cong/internal/counter"
	"cong/internal/render"
)

// build makes a cache entry for a reader page on a cache miss.
type build func(r *http.Request, s *site) (*entry, error)

// cached serves the page at key from memory, building it on a miss.
func (h *Handler) cached(w http.ResponseWriter, r *http.Request, key string, fn build) error {
	now := h.now()
	h.checkVersion(r, now)
	e := h.cache.get(key, now)
	if e == nil {
		s, err := h.site(r.Context())
		if err != nil {
			return err
		}
		if e, err = fn(r, s); err != nil {
			return err
		}
		e.key, e.expires = key, s.expiry(now, h.cfg.CacheTTL)
		if !e.until.IsZero() && e.until.Before(e.expires) {
			e.expires = e.until.Add(-time.Nanosecond) // gone at until itself
		}
		e.ads = adsIn(e.page)
		h.cache.put(e)
	}
	if e.redirect != "" {
		http.Redirect(w, r, e.redirect, http.StatusMovedPermanently)
		return nil
	}
	h.serve(w, r, e, now)
	return nil
}

// serve writes a reader page, counting the visitor and, for an article, the
// view.
func (h *Handler) serve(w http.ResponseWriter, r *http.Request, e *entry, now time.Time) {
	v := h.identify(w, r, now)
	values := h.counterValues(now)
	if e.article != 0 {
		if v.kind != counter.Bot {
			h.counters.Views.Count(v.id, e.article, now)
		}
		values[render.Views] = h.counters.Views.Total(e.article, e.viewBase)
	}
	if len(e.ads) > 0 && v.kind != counter.Bot {
		h.counters.Ads.Shown(e.ads, now)
	}
	if e.page.Has(render.FormToken) {
		values[render.FormToken] = h.formToken(now)
	}
	hdr := w.Header()
	hdr["Content-Type"] = htmlType
	hdr["Cache-Control"] = noCache
	e.page.Write(w, http.StatusOK, &values)
}

var (
	htmlType = []string{"text/html; charset=utf-8"}
	// Pages carry live counters; browsers revalidate rather than reuse them.
	noCache = []string{"no-cache"}
)

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
