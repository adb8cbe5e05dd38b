package web

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	"cong/internal/portal"
	"cong/internal/render"
)

// Ads rotate when a page is built: each build of a page picks one running ad
// per slot by weight (site.base), and the cache entry remembers which ads its
// bytes carry (adsIn), so that every serve of it counts exactly those
// impressions. A page lives in the cache for the TTL at most, so readers see
// the ads take turns from one period to the next and from page to page;
// choosing per request would mean holes of HTML, not just numbers.

// loadBlocks fills the snapshot's portal settings, urgent notices, running
// ads, and the next minute when any of them or an image link changes.
func (h *Handler) loadBlocks(ctx context.Context, s *site, now time.Time) error {
	set := portal.ReadSiteSettings(s.settings)
	s.info.Address, s.info.Phone, s.info.Email, s.info.Licence = set.Address, set.Phone, set.Email, set.Licence
	// A site without a schedule, polls or a map (not the main one) has no
	// such block.
	s.side.Blocks = slices.DeleteFunc(slices.Clone(set.Blocks), func(b string) bool {
		return b == "schedule" && h.svc.Schedule == nil || b == "poll" && h.svc.Polls == nil || b == "map" && !h.hasMap(s)
	})
	if set.LogoID > 0 {
		logo, err := h.svc.Side.Media(ctx, set.LogoID)
		if err != nil && portal.ErrorCode(err) != portal.ENOTFOUND {
			return err
		}
		s.info.Logo = logo
	}
	var err error
	if s.notices, err = h.svc.Side.Notices(ctx, now); err != nil {
		return err
	}
	ads, err := h.svc.Side.Ads(ctx, now)
	if err != nil {
		return err
	}
	s.ads = make(map[string][]portal.Ad)
	for _, a := range ads {
		s.ads[a.Slot] = append(s.ads[a.Slot], a)
	}
	s.side.Ads = s.ads[portal.AdSlotSide]
	if s.changes, err = h.svc.Side.NextChange(ctx, now); err != nil {
		return err
	}
	return h.loadPoll(ctx, s, now)
}

// loadPoll fills the side block's poll: the one open now that opened last,
// its form the same for every reader (the form's signed time is a hole).
// The snapshot goes when a poll opens or closes.
func (h *Handler) loadPoll(ctx context.Context, s *site, now time.Time) error {
	if h.svc.Polls == nil {
		return nil
	}
	p, err := h.svc.Polls.CurrentPoll(ctx, now)
	switch {
	case err == nil:
		s.side.Poll = p
	case portal.ErrorCode(err) != portal.ENOTFOUND:
		return err
	}
	next, err := h.svc.Polls.NextPollChange(ctx, now)
	if err == nil && !next.IsZero() && (s.changes.IsZero() || next.Before(s.changes)) {
		s.changes = next
	}
	return err
}

// fresh reports whether the snapshot may still serve at now: younger than
// ttl, and no link, ad or notice has started or ended since it was read.
func (s *site) fresh(now time.Time, ttl time.Duration) bool {
	return now.Sub(s.loaded) < ttl && (s.changes.IsZero() || now.Before(s.changes))
}

// expiry is when a page built at now from the snapshot must go: after ttl,
// or just before the next change, whichever comes first.
func (s *site) expiry(now time.Time, ttl time.Duration) time.Time {
	end := now.Add(ttl)
	if !s.changes.IsZero() && s.changes.Before(end) {
		end = s.changes.Add(-time.Nanosecond)
	}
	return end
}

// ad returns the running ad id of the snapshot, or nil.
func (s *site) ad(id int64) *portal.Ad {
	for _, list := range s.ads {
		for i := range list {
			if list[i].ID == id {
				return &list[i]
			}
		}
	}
	return nil
}

// adMark is written by the "ad" template beside every ad link. Nothing else
// can put it in a page: bodies are sanitized without data attributes, and
// every other text is escaped.
var adMark = []byte(` data-qc="`)

// adsIn lists the ads a rendered page shows, by their marks.
func adsIn(p *render.Page) []int64 {
	if p == nil {
		return nil
	}
	var buf bytes.Buffer
	var none render.Values
	p.WriteTo(&buf, &none)
	var ids []int64
	for b := buf.Bytes(); ; {
		i := bytes.Index(b, adMark)
		if i < 0 {
			return ids
		}
		b = b[i+len(adMark):]
		j := bytes.IndexByte(b, '"')
		if j < 0 {
			return ids
		}
		if id, err := strconv.ParseInt(string(b[:j]), 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
}

// followAd counts a reader's click on an ad and sends them to the ad's own
// address: never to anything a request names, so /qc/ redirects nowhere
// else. Bots are sent on without being counted.
func (h *Handler) followAd(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return errNotFound
	}
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	ad := s.ad(id)
	if ad == nil {
		return errNotFound
	}
	if !isBot(r.Header.Get("User-Agent")) {
		h.counters.Ads.Clicked(id, h.now())
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex, nofollow")
	http.Redirect(w, r, ad.URL, http.StatusFound)
	return nil
}

// noticeLevel names a notice's level for readers.
func noticeLevel(level string) string { return portal.NameOf(portal.NoticeLevels, level) }
