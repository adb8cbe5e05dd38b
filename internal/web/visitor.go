package web

import (
	"bytes"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"cong/internal/counter"
)

// visitorCookie names the first-party cookie that tells visitors apart. Its
// value is "<id in hex>.<unix minute last seen>"; it carries nothing else.
const visitorCookie = "cong_v"

// visitGap is how long a visitor may be idle before the next page view
// starts a new visit.
const visitGap = 30 * time.Minute

// visitor is who asked for a page, as far as the counters care.
type visitor struct {
	id   uint64
	kind counter.Kind
}

// botID tells robots apart by address and User-Agent (FNV-1a), the same
// way on every instance, so that instances sharing who is online count a
// robot once.
func botID(host, ua string) uint64 {
	h := uint64(14695981039346656037)
	for _, s := range [...]string{host, " ", ua} {
		for i := 0; i < len(s); i++ {
			h = (h ^ uint64(s[i])) * 1099511628211
		}
	}
	return h
}

// identify tells who is visiting, records them as online and counts a new
// visit, refreshing the visitor cookie when needed. Bots get no cookie.
func (h *Handler) identify(w http.ResponseWriter, r *http.Request, now time.Time) visitor {
	if h.cfg.SharedTTL > 0 {
		return visitor{} // the page's beacon counts it (see shared.go)
	}
	ua := r.Header.Get("User-Agent")
	if isBot(ua) {
		host, _, _ := net.SplitHostPort(r.RemoteAddr)
		return h.seeBot(host, ua, now)
	}
	if h.cfg.Member != nil {
		if user, ok := h.cfg.Member(r); ok {
			h.counters.Online.Seen(counter.Member, uint64(user), now)
			h.countPage(r, r.Header.Get("Referer"), now)
			return visitor{id: uint64(user), kind: counter.Member}
		}
	}
	minute := now.Unix() / 60
	id, last, ok := parseVisitor(r)
	if !ok {
		id = rand.Uint64()
	}
	if !ok || minute != last {
		h.setVisitorCookie(w, r, id, minute)
	}
	return h.seeGuest(r, id, !ok || minute-last >= int64(visitGap/time.Minute), r.Header.Get("Referer"), now)
}

// seeBot records a robot, told apart by address and User-Agent, as online.
func (h *Handler) seeBot(host, ua string, now time.Time) visitor {
	v := visitor{id: botID(host, ua), kind: counter.Bot}
	h.counters.Online.Seen(v.kind, v.id, now)
	h.counters.Stats.Bot(v.id, now)
	return v
}

// seeGuest counts a guest's page view, coming from referrer, and a visit
// when newVisit, and records them as online.
func (h *Handler) seeGuest(r *http.Request, id uint64, newVisit bool, referrer string, now time.Time) visitor {
	if newVisit {
		h.counters.Visits.Add(now)
		h.counters.Stats.Visit(counter.DeviceClass(r.Header.Get("User-Agent")), now)
	}
	h.countPage(r, referrer, now)
	h.counters.Online.Seen(counter.Guest, id, now)
	return visitor{id: id, kind: counter.Guest}
}

// parseVisitor reads the visitor cookie.
func parseVisitor(r *http.Request) (id uint64, minute int64, ok bool) {
	for _, line := range r.Header["Cookie"] {
		i := strings.Index(line, visitorCookie+"=")
		if i < 0 || (i > 0 && line[i-1] != ' ' && line[i-1] != ';') {
			continue
		}
		v := line[i+len(visitorCookie)+1:]
		if j := strings.IndexByte(v, ';'); j >= 0 {
			v = v[:j]
		}
		return parseVisitorValue(v)
	}
	return 0, 0, false
}

// parseVisitorValue reads "<16 hex digits>.<unix minute last seen>", the
// visitor cookie's value and the beacon's v.
func parseVisitorValue(v string) (id uint64, minute int64, ok bool) {
	hexID, min, found := strings.Cut(v, ".")
	if !found || len(hexID) != 16 || len(min) > 12 {
		return 0, 0, false
	}
	id, err1 := strconv.ParseUint(hexID, 16, 64)
	minute, err2 := strconv.ParseInt(min, 10, 64)
	return id, minute, err1 == nil && err2 == nil
}

// setVisitorCookie writes the cookie by hand: it is sent on most responses
// and http.Cookie's validation would cost more than the page.
func (h *Handler) setVisitorCookie(w http.ResponseWriter, r *http.Request, id uint64, minute int64) {
	b := make([]byte, 0, 128)
	b = append(b, visitorCookie+"="...)
	hex := strconv.AppendUint(make([]byte, 0, 16), id, 16)
	for range 16 - len(hex) {
		b = append(b, '0')
	}
	b = append(b, hex...)
	b = append(b, '.')
	b = strconv.AppendInt(b, minute, 10)
	b = append(b, h.cookieAttrs...)
	if h.cfg.Secure(r) {
		b = append(b, "; Secure"...)
	}
	w.Header()["Set-Cookie"] = append(w.Header()["Set-Cookie"], string(b))
}

// botWords are found, lower case, in the User-Agent of the crawlers and link
// previewers that visit portals.
var botWords = [][]byte{
	[]byte("bot"), []byte("crawl"), []byte("spider"), []byte("slurp"), []byte("facebookexternalhit"),
	[]byte("bingpreview"), []byte("mediapartners"), []byte("feedfetcher"), []byte("preview"),
	[]byte("python-requests"), []byte("go-http-client"), []byte("wget"), []byte("curl/"),
	[]byte("lighthouse"), []byte("pagespeed"),
}

// isBot reports whether a User-Agent names a known robot. An empty one does
// not: some privacy tools strip it.
func isBot(ua string) bool {
	var buf [256]byte
	b := buf[:min(len(ua), len(buf))]
	for i := range b {
		c := ua[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	for _, w := range botWords {
		if bytes.Contains(b, w) {
			return true
		}
	}
	return false
}
