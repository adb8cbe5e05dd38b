package web

import (
	"net/http"
	"strings"
)

// absURL makes path absolute on the portal's public address: the configured
// base URL, or else the request's own scheme and host.
func (h *Handler) absURL(r *http.Request, path string) string {
	if h.cfg.BaseURL != "" {
		return strings.TrimRight(h.cfg.BaseURL, "/") + path
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}
