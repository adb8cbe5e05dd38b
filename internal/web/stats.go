package web

import (
	"net/http"
	"strings"
	"time"

	"cong/internal/counter"
)

// countPage counts a reader page served to a person for the statistics,
// and the other site they came from (referrer), by host only.
func (h *Handler) countPage(r *http.Request, referrer string, now time.Time) {
	h.counters.Stats.View(now)
	if referrer != "" && len(referrer) <= maxReferrer {
		h.counters.Stats.Referrer(counter.ReferrerHost(referrer, r.Host, baseHost(h.cfg.BaseURL)), now)
	}
}

// maxReferrer bounds the address read for the referrers' statistics.
const maxReferrer = 1024

// baseHost is the host of the portal's public address, "" when unset.
func baseHost(base string) string {
	_, rest, found := strings.Cut(base, "://")
	if !found {
		return ""
	}
	host, _, _ := strings.Cut(rest, "/")
	return host
}
