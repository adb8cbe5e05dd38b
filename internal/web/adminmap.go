package web

import (
	"html/template"
	"net/http"
	"strings"

	"cong/internal/portal"
)

// The administrative map is drawn in the page as inline SVG from the units
// an administrator uploaded: each unit a link to its page, named for screen
// readers, reachable with Tab, with a plain list of the same links under it.
// Without units the page shows the picture of the settings, as before.

// MapView is what the map templates draw: the map, the unit to highlight
// (its slug, or none) and the name of the whole drawing.
type MapView struct {
	Map     *portal.AdminMap
	Current string
	Label   string
}

// Labelled reports whether names are written on the map: beyond a few dozen
// units they would pile up, and the list and tooltips carry them.
func (v MapView) Labelled() bool { return len(v.Map.Units) <= 60 }

// MapUnitPage is the page of one unit.
type MapUnitPage struct {
	Base
	Unit    *portal.MapUnit
	Small   MapView
	News    []portal.Article
	NewsURL string
}

// maxUnitNews is how many of a unit's newest articles its page lists.
const maxUnitNews = 8

// mapView returns the map drawing of the site, if it has units.
func (s *site) mapView(current, label string) *MapView {
	if s.side.Units == nil || len(s.side.Units.Units) == 0 {
		return nil
	}
	return &MapView{Map: s.side.Units, Current: current, Label: label}
}

// showMapUnit serves /ban-do-hanh-chinh/{slug}: the unit's facts, leaders,
// contacts, newest articles and where it lies.
func (h *Handler) showMapUnit(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if h.svc.Map == nil || !portal.IsSlug(slug) {
		return errNotFound
	}
	return h.cached(w, r, "/ban-do-hanh-chinh/"+slug, func(r *http.Request, s *site) (*entry, error) {
		u, err := h.svc.Map.MapUnit(r.Context(), slug)
		if err != nil {
			return nil, err
		}
		data := MapUnitPage{Base: s.base(""), Unit: u}
		data.Canonical, data.Description = "/ban-do-hanh-chinh/"+u.Slug, clip(u.Intro, 300)
		if data.Description == "" {
			data.Description = u.Name + ": giới thiệu, lãnh đạo, liên hệ và tin tức trên " + s.info.Name + "."
		}
		if v := s.mapView(u.Slug, "Vị trí của "+u.Name+" trên bản đồ"); v != nil {
			data.Small = *v
		}
		if u.Tag != "" {
			f := h.readerFilter(s)
			f.TagSlugs, f.Limit = []string{u.Tag}, maxUnitNews
			if data.News, err = h.svc.Articles.Articles(r.Context(), f); err != nil {
				return nil, err
			}
			data.NewsURL = "/tu-khoa/" + u.Tag
		}
		p, err := h.render.Render("mapunit", data)
		return &entry{page: p}, err
	})
}

// telURL makes a tel: link of a phone number as written ("(0293) 3 876
// 543"): its digits and a leading +.
func telURL(phone string) template.URL {
	var b strings.Builder
	for i, r := range phone {
		if r >= '0' && r <= '9' || r == '+' && i == 0 {
			b.WriteRune(r)
		}
	}
	return template.URL("tel:" + b.String())
}
