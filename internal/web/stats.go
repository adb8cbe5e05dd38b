package web

import (
	"net/http"
	"strings"
	"time"

	"cong/internal/counter"
)

// countPage counts a reader page served to a person for the statistics,
// and the other site they came from, by host only.
func (h *Handler) countPage(r *http.Request, now time.Time) {
	h.counters.Stats.View(now)
	if ref := r.Header.Get("Referer"); ref != "" {
		h.counters.Stats.Referrer(counter.ReferrerHost(ref, r.Host, baseHost(h.cfg.BaseURL)), now)
	}
}

// baseHost is the host of the portal's public address, "" when unset.
func baseHost(base string) string {
	_, rest, found := strings.Cut(base, "://")
	if !found {
		return ""
	}
	host, _, _ := strings.Cut(rest, "/")
	return host
}
