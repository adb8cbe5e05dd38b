package web

import (
	"context"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// site is what every page shows around its content — the category tree,
// settings and the side column — read from the database at most once per
// cache period.
type site struct {
	loaded   time.Time
	origin   string // the portal's public address (see Base.Origin)
	info     SiteInfo
	tree     *portal.CategoryTree
	nav      []portal.Category
	side     Side
	settings map[string]string
	// The urgent notices and running ads (by slot) at loaded, and the next
	// minute one of them or an image link starts or ends: the snapshot and
	// the pages built from it last until then at most.
	notices []portal.Notice
	ads     map[string][]portal.Ad
	changes time.Time
	intro   []portal.Page // the menu of the introduction pages
	introEN []portal.Page // and of the English pages
	beacon  bool          // pages carry the view beacon (a shared cache is on)
	// departments are those readers may write to from the contact page.
	departments []portal.Department
	sections    Sections
}

// defaultSiteName names a portal whose settings do not.
const defaultSiteName = "Cổng Thông tin điện tử"

// siteCache holds the current site snapshot.
type siteCache struct {
	mu      sync.Mutex
	current *site
	loading sync.Mutex // one reload at a time
}

// site returns the snapshot, reloading it when older than the cache TTL.
func (h *Handler) site(ctx context.Context) (*site, error) {
	now := h.now()
	h.sites.mu.Lock()
	cur := h.sites.current
	h.sites.mu.Unlock()
	if cur != nil && cur.fresh(now, h.cfg.CacheTTL) {
		return cur, nil
	}
	h.sites.loading.Lock()
	defer h.sites.loading.Unlock()
	h.sites.mu.Lock()
	cur = h.sites.current
	h.sites.mu.Unlock()
	if cur != nil && cur.fresh(now, h.cfg.CacheTTL) {
		return cur, nil
	}
	gen := h.cache.generation()
	s, err := h.loadSite(ctx, now)
	if err != nil {
		if cur != nil {
			h.log.Error("reload site, serving the previous one", "err", err)
			return cur, nil
		}
		return nil, err
	}
	h.sites.mu.Lock()
	if h.cache.generation() == gen { // else a change came while it loaded: the next page loads it again
		h.sites.current = s
	}
	h.sites.mu.Unlock()
	return s, nil
}

func (h *Handler) loadSite(ctx context.Context, now time.Time) (*site, error) {
	cats, err := h.svc.Categories.Categories(ctx)
	if err != nil {
		return nil, err
	}
	settings, err := h.svc.Side.Settings(ctx)
	if err != nil {
		return nil, err
	}
	s := &site{loaded: now, origin: h.origin, tree: portal.NewCategoryTree(cats), settings: settings,
		beacon: h.cfg.SharedTTL > 0, sections: Sections{Questions: h.svc.Questions != nil,
			Consultations: h.svc.Consultations != nil, Documents: h.svc.Documents != nil}}
	if secret := settings["forms.secret"]; secret != "" {
		h.formSecret.Store(&secret)
	}
	s.info = SiteInfo{Name: settings[portal.SettingSiteName], Tagline: settings[portal.SettingSiteTagline]}
	if s.info.Name == "" {
		s.info.Name = defaultSiteName
	}
	s.nav = s.tree.Children(0)
	if err := h.loadIntro(ctx, s); err != nil {
		return nil, err
	}
	if s.side.Links, err = h.svc.Side.ImageLinks(ctx, now); err != nil {
		return nil, err
	}
	if s.side.Schedule, err = h.sideSchedule(ctx, now); err != nil {
		return nil, err
	}
	if id, err := strconv.ParseInt(settings[portal.SettingMapMedia], 10, 64); err == nil {
		if s.side.Map, err = h.svc.Side.Media(ctx, id); err != nil && portal.ErrorCode(err) != portal.ENOTFOUND {
			return nil, err
		}
	}
	if h.svc.Map != nil {
		if s.side.Units, err = h.svc.Map.AdminMap(ctx); err != nil {
			return nil, err
		}
	}
	if err := h.loadBlocks(ctx, s, now); err != nil {
		return nil, err
	}
	if h.svc.Contact != nil {
		if s.departments, err = h.svc.Contact.Departments(ctx); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// groupByDay groups entries, in time order, by their day in Vietnam.
func groupByDay(entries []portal.ScheduleEntry) []ScheduleDay {
	var days []ScheduleDay
	for _, e := range entries {
		d := viet.WeekdayDate(e.StartsAt)
		if len(days) == 0 || days[len(days)-1].Day != d {
			days = append(days, ScheduleDay{Day: d, URL: weekURL(e.StartsAt, "")})
		}
		last := &days[len(days)-1]
		last.Entries = append(last.Entries, e)
	}
	return days
}

// hasMap reports whether the site has an administrative map to show: the
// main site's units, or a picture of one (a site other than the main one
// may have only that, or nothing).
func (h *Handler) hasMap(s *site) bool { return h.svc.Map != nil || s.side.Map != nil }

// base fills the layout's fields for a page.
func (s *site) base(active string) Base {
	b := Base{Site: s.info, Nav: s.nav, Side: s.side, Active: active, Notices: s.notices,
		Intro: s.intro, Origin: s.origin, Contact: len(s.departments) > 0, Sections: s.sections}
	if s.beacon {
		b.Beacon = beaconPage
	}
	b.Side.Ad = portal.PickAd(s.ads[portal.AdSlotSide], rand.Uint64())
	b.AdBelow = portal.PickAd(s.ads[portal.AdSlotBelowArticle], rand.Uint64())
	if len(s.introEN) > 0 {
		b.English = englishHome
	}
	return b
}
