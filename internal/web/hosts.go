package web

import (
	"net/http"
	"sync/atomic"

	"cong/internal/portal"
)

// Hosts routes each request to the site its Host names (see portal.Site),
// among the configured sites alone: a host no site names goes to the main
// site. The Host only ever selects a site; what a site's pages say of
// their address comes from that site's configured BaseURL, so a forged Host
// can neither reach another site's pages nor put its name in a cached one.
type Hosts struct {
	table atomic.Pointer[hostTable]
}

type hostTable struct {
	main   http.Handler
	byHost map[string]http.Handler
}

// Set replaces the table: main serves every host byHost does not name.
func (h *Hosts) Set(main http.Handler, byHost map[string]http.Handler) {
	h.table.Store(&hostTable{main: main, byHost: byHost})
}

// ServeHTTP serves r with its site's handler.
func (h *Hosts) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	t := h.table.Load()
	if len(t.byHost) > 0 { // one site: no host to read
		if next, ok := t.byHost[portal.RequestHost(r.Host)]; ok {
			next.ServeHTTP(w, r)
			return
		}
	}
	t.main.ServeHTTP(w, r)
}
