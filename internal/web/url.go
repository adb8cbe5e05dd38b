package web

import "strings"

// defaultOrigin is the public address of a site built without one; the
// cong command always passes --base-url or the address it listens on.
const defaultOrigin = "http://localhost"

// origin is the portal's public address without a trailing slash: the
// configured base URL, never a request's Host, for pages built for one
// reader are served to all from the cache.
func origin(base string) string {
	if base = strings.TrimRight(base, "/"); base != "" {
		return base
	}
	return defaultOrigin
}

// absURL makes path absolute on the portal's public address.
func (h *Handler) absURL(path string) string { return h.origin + path }
