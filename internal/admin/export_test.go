package admin

import "net/http/httptest"

// BodyLimitPatterns lists the route patterns given a body cap.
func BodyLimitPatterns() []string {
	var out []string
	for p := range bodyLimits.Routes {
		out = append(out, p)
	}
	return out
}

// RoutePattern is the pattern the back office routes method and path to.
func (h *Handler) RoutePattern(method, path string) string {
	_, p := h.routes().Handler(httptest.NewRequest(method, path, nil))
	return p
}
