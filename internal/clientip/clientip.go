// Package clientip tells the address a request came from, and whether it
// came over HTTPS, believing the X-Forwarded-For and X-Forwarded-Proto
// headers only from the proxies it is told to trust — a load balancer in
// front of several instances — and never from anyone else.
package clientip

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Resolver finds a request's client address.
type Resolver struct {
	trusted []netip.Prefix
}

// New trusts the proxies at the given addresses or CIDR ranges.
func New(proxies []string) (*Resolver, error) {
	r := &Resolver{}
	for _, p := range proxies {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if !strings.Contains(p, "/") {
			addr, err := netip.ParseAddr(p)
			if err != nil {
				return nil, fmt.Errorf("trusted proxy %q: %w", p, err)
			}
			p = netip.PrefixFrom(addr, addr.BitLen()).String()
		}
		prefix, err := netip.ParsePrefix(p)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: %w", p, err)
		}
		r.trusted = append(r.trusted, prefix.Masked())
	}
	return r, nil
}

// IP returns the client's address: the peer's, or — when the peer is a
// trusted proxy — the last address in X-Forwarded-For that is not one.
func (r *Resolver) IP(req *http.Request) string {
	peer := hostOf(req.RemoteAddr)
	if r == nil || !r.trusts(peer) {
		return peer
	}
	hops := strings.Split(strings.Join(req.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		if _, err := netip.ParseAddr(hop); err != nil {
			return peer // a forged or broken header: keep what we know
		}
		if !r.trusts(hop) {
			return hop
		}
	}
	return peer
}

// HTTPS reports whether the browser reached the portal over HTTPS: the
// request came over TLS, or the peer is a trusted proxy whose
// X-Forwarded-Proto says https. Of a list ("http, https"), the last value
// counts: the one the nearest proxy wrote, whatever the client sent.
func (r *Resolver) HTTPS(req *http.Request) bool {
	if req.TLS != nil {
		return true
	}
	if r == nil || !r.trusts(hostOf(req.RemoteAddr)) {
		return false
	}
	values := req.Header.Values("X-Forwarded-Proto")
	if len(values) == 0 {
		return false
	}
	last := values[len(values)-1]
	if i := strings.LastIndexByte(last, ','); i >= 0 {
		last = last[i+1:]
	}
	return strings.EqualFold(strings.TrimSpace(last), "https")
}

func (r *Resolver) trusts(ip string) bool {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	addr = addr.Unmap()
	for _, p := range r.trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

func hostOf(remote string) string {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		return remote
	}
	return host
}
