package admin

import (
	"context"
	"net"
	"net/http"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// ReviewPage is the yearly review: the portal against the duties of the
// decree in force (portal.Review), printable.
type ReviewPage struct {
	Base
	Decree  string
	At      string // when the review was made, dd/mm/yyyy HH:MM
	Rows    []ReviewRow
	Met     int
	Missing int
	ByHand  int
}

// ReviewRow is a duty of the review, numbered from 1.
type ReviewRow struct {
	N int
	portal.ReviewCheck
}

// Met reports whether the duty is met.
func (r ReviewRow) Met() bool { return r.Status == portal.ReviewMet }

// lookupTimeout bounds the look-up of the public host's IPv6 addresses.
const lookupTimeout = 3 * time.Second

func (h *Handler) showReview(w http.ResponseWriter, r *http.Request) error {
	b, err := h.base(r, "Rà soát cổng hằng năm")
	if err != nil {
		return err
	}
	now := h.Now()
	facts, err := h.store.ReviewFacts(r.Context(), now)
	if err != nil {
		return err
	}
	settings, err := h.store.Settings(r.Context())
	if err != nil {
		return err
	}
	env := portal.ReviewEnv{BaseURL: h.cfg.BaseURL}
	env.LastBackup, env.HasBackup = portal.LastBackup(settings)
	if host, _ := portal.PublicHost(h.cfg.BaseURL); host != "" {
		env.IPv6, env.LookupErr = h.lookupIPv6(r.Context(), host)
	}
	p := &ReviewPage{Base: b, Decree: portal.ReviewDecree, At: viet.DateTime(now)}
	for i, c := range portal.Review(facts, settings, env, now) {
		p.Rows = append(p.Rows, ReviewRow{N: i + 1, ReviewCheck: c})
		switch c.Status {
		case portal.ReviewMet:
			p.Met++
		case portal.ReviewMissing:
			p.Missing++
		default:
			p.ByHand++
		}
	}
	return h.page(w, r, http.StatusOK, "review", p)
}

// lookupIPv6 returns the IPv6 addresses host resolves to, as the world's
// resolvers would give them to a reader.
func (h *Handler) lookupIPv6(ctx context.Context, host string) ([]string, error) {
	if ip := net.ParseIP(host); ip != nil {
		if ip.To4() == nil {
			return []string{ip.String()}, nil
		}
		return nil, nil
	}
	lookup := h.cfg.LookupIP
	if lookup == nil {
		lookup = net.DefaultResolver.LookupIP
	}
	ctx, cancel := context.WithTimeout(ctx, lookupTimeout)
	defer cancel()
	ips, err := lookup(ctx, "ip6", host)
	if err != nil {
		if dnsErr, ok := err.(*net.DNSError); ok && dnsErr.IsNotFound {
			return nil, nil // the name is there, with no AAAA record
		}
		return nil, err
	}
	var out []string
	for _, ip := range ips {
		if ip.To4() == nil {
			out = append(out, ip.String())
		}
	}
	return out, nil
}
