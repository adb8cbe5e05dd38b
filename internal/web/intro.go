package web

import (
	"context"
	"net/http"

	"cong/internal/portal"
	"cong/internal/sanitize"
)

// The addresses of the introduction pages: Vietnamese under /gioi-thieu,
// English under /en, as the law asks of state agencies' portals.
const (
	introHome   = "/gioi-thieu"
	englishHome = "/en"
)

// IntroPage is an introduction page, Vietnamese or English.
type IntroPage struct {
	Base
	Page *portal.Page
	Menu []portal.Page // the pages of its language, in menu order
	// Switch is the same page in the other language, or that language's
	// first page when it has no translation; Alternates are the hreflang
	// links, only when the page has a published translation.
	Switch     LangLink
	Alternates []LangLink
	SiteNameEN string // the portal's English name, for the English pages
}

// LangLink links a page in a language.
type LangLink struct {
	Lang  string
	URL   string
	Label string // in that language: "Tiếng Việt", "English"
}

// loadIntro reads the menus of the introduction pages into the snapshot.
func (h *Handler) loadIntro(ctx context.Context, s *site) error {
	if h.svc.Pages == nil {
		return nil
	}
	all, err := h.svc.Pages.Pages(ctx, "", true)
	for _, p := range all {
		switch {
		case !p.InMenu:
		case p.Lang == portal.LangVI:
			s.intro = append(s.intro, p)
		case p.Lang == portal.LangEN:
			s.introEN = append(s.introEN, p)
		}
	}
	return err
}

func (h *Handler) showIntro(w http.ResponseWriter, r *http.Request) error {
	return h.cached(w, r, r.URL.Path, func(r *http.Request, s *site) (*entry, error) {
		return h.buildIntro(r, s, portal.LangVI, s.intro)
	})
}

func (h *Handler) showEnglish(w http.ResponseWriter, r *http.Request) error {
	return h.cached(w, r, r.URL.Path, func(r *http.Request, s *site) (*entry, error) {
		return h.buildIntro(r, s, portal.LangEN, s.introEN)
	})
}

// buildIntro renders the page at the path's slug, or the first of the menu
// at the section's home; drafts do not exist for readers.
func (h *Handler) buildIntro(r *http.Request, s *site, lang string, menu []portal.Page) (*entry, error) {
	slug := r.PathValue("slug")
	if slug == "" && len(menu) > 0 {
		slug = menu[0].Slug
	}
	if h.svc.Pages == nil || !portal.IsSlug(slug) {
		return nil, errNotFound
	}
	p, err := h.svc.Pages.PageBySlug(r.Context(), lang, slug)
	if portal.ErrorCode(err) == portal.ENOTFOUND || err == nil && !p.Published {
		return nil, errNotFound
	}
	if err != nil {
		return nil, err
	}
	data := IntroPage{Base: s.base("gioi-thieu"), Page: p, Menu: menu, SiteNameEN: s.settings[portal.SettingSiteNameEN]}
	if data.SiteNameEN == "" {
		data.SiteNameEN = s.info.Name
	}
	data.Canonical, data.Description = pageURL(p), clip(sanitize.Text(p.Body), 300)
	if data.Description == "" {
		data.Description = p.Title + " – " + s.info.Name
		if lang == portal.LangEN {
			data.Description = p.Title + " – " + data.SiteNameEN
		}
	}
	data.Switch = LangLink{Lang: portal.LangEN, URL: englishHome, Label: "English"}
	if lang == portal.LangEN {
		data.Switch = LangLink{Lang: portal.LangVI, URL: introHome, Label: "Tiếng Việt"}
	}
	if t := p.Translation; t != nil && t.Published {
		data.Switch.URL = pageURL(t)
		self := LangLink{Lang: p.Lang, URL: pageURL(p)}
		data.Alternates = []LangLink{self, {Lang: t.Lang, URL: data.Switch.URL}}
	}
	name := "intro"
	if lang == portal.LangEN {
		name = "english"
	}
	page, err := h.render.Render(name, data)
	return &entry{page: page}, err
}

// pageURL is the address of an introduction page.
func pageURL(p *portal.Page) string {
	if p.Lang == portal.LangEN {
		return englishHome + "/" + p.Slug
	}
	return introHome + "/" + p.Slug
}
