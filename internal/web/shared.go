package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"cong/internal/counter"
)

// A shared cache — a CDN, or nginx's proxy_cache — in front of Cổng may
// keep reader pages, feeds and sitemaps when Config.SharedTTL is set. Then:
//
//   - a cached reader page served to a reader with no session says
//     "public, max-age=0, s-maxage=TTL, stale-while-revalidate=TTL,
//     stale-if-error=STALE": the shared cache keeps it, browsers revalidate;
//   - serving a page counts nothing and sets no cookie; the page carries a
//     beacon (static/luot-xem.js) that asks /luot-xem once shown, cookie-free,
//     and that request counts the view, the visitor, the visit and the ads
//     shown, in memory like a page served did;
//   - everything else keeps its private or no-store headers: staff (a
//     session), forms shown again, search results, errors, previews.
//
// A page's numbers (views, people online, the form token) are those of when
// the shared cache fetched it, at most TTL plus the stale time old.

// beaconPage is what the beacon of a page that is not an article reports:
// a page view and a visitor, no article view.
const beaconPage = "0"

// sharedControl is the Cache-Control of a cached reader page or document
// served at now: for a shared cache when the request is a reader's and the
// page is current, else ours, today's header for browsers alone.
func (h *Handler) sharedControl(r *http.Request, e *entry, now time.Time, stale bool, ours string) string {
	if stale || h.staff(r) {
		return "private, " + ours
	}
	return "public, max-age=0" + h.sharedDirectives(e, now)
}

// sharedDirectives are what tell a shared cache how long to keep e: the
// TTL, or until the page may change without a write (e.changes).
func (h *Handler) sharedDirectives(e *entry, now time.Time) string {
	ttl := h.cfg.SharedTTL
	if !e.changes.IsZero() {
		ttl = min(ttl, e.changes.Sub(now))
	}
	secs := strconv.Itoa(int(max(ttl, 0) / time.Second))
	return ", s-maxage=" + secs + ", stale-while-revalidate=" + secs +
		", stale-if-error=" + strconv.Itoa(int(h.cfg.SharedStale/time.Second))
}

// staff reports whether the request comes from a signed-in member of staff:
// what is sent to them is never marked for a shared cache.
func (h *Handler) staff(r *http.Request) bool {
	if h.cfg.Session != nil && h.cfg.Session(r) {
		return true
	}
	if h.cfg.Member == nil {
		return false
	}
	_, ok := h.cfg.Member(r)
	return ok
}

// serveShared writes a cached reader page when a shared cache may keep it:
// nothing is counted and no cookie set, the page's beacon does that.
func (h *Handler) serveShared(w http.ResponseWriter, r *http.Request, e *entry, now time.Time, stale bool) {
	values := h.pageValues(e, now)
	w.Header().Set("Cache-Control", h.sharedControl(r, e, now, stale, "no-cache"))
	sendCached(w, r, e.page, &values, now)
}

// beaconFor is the beacon value of an article's page: its id, signed so the
// beacon counts views only of articles Cổng showed readers. base is the
// page's Beacon so far: "" (no beacon) stays "".
func (h *Handler) beaconFor(base string, article int64) string {
	secret := h.formSecret.Load()
	if base == "" || secret == nil {
		return base
	}
	id := strconv.FormatInt(article, 10)
	return id + "." + beaconMAC(*secret, id)
}

func beaconMAC(secret, id string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("view:"))
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil)[:8])
}

// beaconArticle reads a beacon value: the article whose view it reports
// (0 for another page), ok false when it is malformed or not signed by us.
func (h *Handler) beaconArticle(v string) (article int64, ok bool) {
	if v == beaconPage {
		return 0, true
	}
	id, mac, found := strings.Cut(v, ".")
	secret := h.formSecret.Load()
	if !found || len(id) > 19 || len(mac) != 16 || secret == nil {
		return 0, false
	}
	article, err := strconv.ParseInt(id, 10, 64)
	if err != nil || article <= 0 || !hmac.Equal([]byte(mac), []byte(beaconMAC(*secret, id))) {
		return 0, false
	}
	return article, true
}

// countBeacon counts a page view reported by a page's beacon: the visitor
// as online, a visit when they were away 30 minutes, the page view for the
// statistics and, for an article, its view once per window. It answers 204
// and is never stored; without a shared cache there is no beacon (404).
// Everything happens in memory: a flood of beacons costs map operations,
// never a database write.
func (h *Handler) countBeacon(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if h.cfg.SharedTTL <= 0 {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	q := r.URL.Query()
	article, ok := h.beaconArticle(q.Get("b"))
	if !ok {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	now := h.now()
	v := h.beaconVisitor(r, q.Get("v"), q.Get("r"), now)
	if v.kind != counter.Bot && article != 0 {
		h.counters.Views.Count(v.id, article, now)
	}
	if ads := h.beaconAds(r, q.Get("qc")); v.kind != counter.Bot && len(ads) > 0 {
		h.counters.Ads.Shown(ads, now)
	}
	w.WriteHeader(http.StatusNoContent)
}

// maxBeaconAds bounds the ads one beacon reports; a page shows two.
const maxBeaconAds = 4

// beaconAds reads the ads a page showed, "3.7" (their data-qc marks, which
// only the ad template writes): running ones only, each once.
func (h *Handler) beaconAds(r *http.Request, list string) []int64 {
	if list == "" {
		return nil
	}
	s, err := h.site(r.Context())
	if err != nil {
		return nil
	}
	var ids []int64
	for i, f := range strings.SplitN(list, ".", maxBeaconAds+1) {
		id, err := strconv.ParseInt(f, 10, 64)
		if i == maxBeaconAds || err != nil || s.ad(id) == nil || slices.Contains(ids, id) {
			continue
		}
		ids = append(ids, id)
	}
	return ids
}

// beaconVisitor tells who sent a beacon and counts them as identify does a
// page's reader. v is "<16 hex digits>.<unix minute last seen>" kept by the
// script in the browser's storage (no cookie); without it (no script, no
// storage) the visitor is their address and User-Agent, and no visit is
// counted, since when they came last is unknown.
func (h *Handler) beaconVisitor(r *http.Request, v, referrer string, now time.Time) visitor {
	ua := r.Header.Get("User-Agent")
	ip := h.cfg.ClientIP(r)
	if isBot(ua) {
		host, _, err := net.SplitHostPort(ip)
		if err != nil {
			host = ip
		}
		return h.seeBot(host, ua, now)
	}
	id, last, ok := parseVisitorValue(v)
	if !ok {
		id = botID("beacon "+ip, ua)
	}
	return h.seeGuest(r, id, ok && now.Unix()/60-last >= int64(visitGap/time.Minute), referrer, now)
}

// beaconRoute answers the beacon: GET for the <noscript> picture, POST for
// the script; posts from other sites' pages are refused, so no site can
// make its readers' browsers count views here.
func (h *Handler) beaconRoute() http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusForbidden)
	}))
	return cop.Handler(http.HandlerFunc(h.countBeacon))
}
