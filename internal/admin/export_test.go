package admin

import (
	"net/http/httptest"
	"strings"

	"cong/internal/portal"
)

// RouteSpec is a back-office route as the tests read it from the table.
type RouteSpec struct {
	Method  string            // "" for every method
	Pattern string            // the ServeMux pattern without its method, under Prefix
	Need    portal.Permission // "" for the routes open to anyone
	Open    bool              // no session needed
	Hidden  bool              // not found (404) to anyone not signed in
}

// Routes lists the route table, so the tests are generated from it.
func Routes() []RouteSpec {
	var out []RouteSpec
	for _, rt := range (&Handler{}).routeTable() {
		s := RouteSpec{Pattern: rt.muxPattern(), Need: rt.need, Open: rt.gate == anyone, Hidden: rt.gate == hidden}
		if method, path, ok := strings.Cut(s.Pattern, " "); ok {
			s.Method, s.Pattern = method, path
		}
		out = append(out, s)
	}
	return out
}

// BodyLimitPatterns lists the route patterns given a body cap.
func BodyLimitPatterns() []string {
	var out []string
	for p := range bodyLimits.Routes {
		out = append(out, p)
	}
	return out
}

// RichFieldPatterns lists the route patterns whose forms hold HTML fields.
func RichFieldPatterns() []string {
	var out []string
	for p := range richFields {
		out = append(out, p)
	}
	return out
}

// RoutePattern is the pattern the back office routes method and path to.
func (h *Handler) RoutePattern(method, path string) string {
	mux, err := h.routes()
	if err != nil {
		panic(err)
	}
	_, p := mux.Handler(httptest.NewRequest(method, path, nil))
	return p
}
