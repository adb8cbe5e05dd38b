package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"cong/internal/portal"
)

// LegacyService tells where the addresses of the portal a site moved from
// now lead (see portal.ImportService): what importers recorded, and the
// library's files they point at.
type LegacyService interface {
	LegacyPath(ctx context.Context, key string) (*portal.LegacyPath, error)
	Media(ctx context.Context, id int64) (*portal.Media, error)
}

// frontControllers are the old portals' entry points whose query names the
// page (WordPress's /?p=12, NukeViet's /index.php?nv=news&op=…): a request
// for them is looked up before its handler runs, for "/" would otherwise
// show the home page whatever the query.
func frontController(r *http.Request) bool {
	return r.URL.RawQuery != "" && (r.URL.Path == "/" || r.URL.Path == "/index.php")
}

// errNotOld says that a request is for no address of the old portal.
var errNotOld = errors.New("not an old address")

// followLegacy answers an old address with a 301 to what it became: nil
// when it did, errNotOld when r is no old address. The answer is cached
// like a page, and resolved to the object's current address, so a later
// new title or category is followed; what readers may not see (a draft, a
// hidden category, a citizen's attachment) is errNotFound, as it would be
// at its own address.
func (h *Handler) followLegacy(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Legacy == nil || r.Method != http.MethodGet && r.Method != http.MethodHead {
		return errNotOld
	}
	key := portal.LegacyKey(r.URL.EscapedPath(), r.URL.RawQuery)
	if key == "" || len(key) > 2000 {
		return errNotOld
	}
	return h.cached(w, r, "legacy "+key, func(r *http.Request, s *site) (*entry, error) {
		p, err := h.svc.Legacy.LegacyPath(r.Context(), key)
		if portal.ErrorCode(err) == portal.ENOTFOUND {
			return nil, errNotOld
		}
		if err != nil {
			return nil, err
		}
		target, err := h.legacyTarget(r, s, p)
		if err != nil {
			return nil, err
		}
		return &entry{redirect: target}, nil
	})
}

// legacyTarget is the current address of what p leads to.
func (h *Handler) legacyTarget(r *http.Request, s *site, p *portal.LegacyPath) (string, error) {
	ctx := r.Context()
	switch p.Object {
	case "url":
		if strings.HasPrefix(p.Target, "/") && !strings.HasPrefix(p.Target, "//") {
			return p.Target, nil
		}
	case "article":
		a, err := h.svc.Articles.Article(ctx, p.ObjectID)
		if err != nil {
			return "", err
		}
		if _, err := h.publicCategory(r, s, a); err != nil {
			return "", err
		}
		return a.URL(), nil
	case "category":
		if c := s.tree.ByID(p.ObjectID); c != nil && s.tree.Shown(c.ID) {
			return "/" + c.Slug, nil
		}
	case "page":
		if h.svc.Pages == nil {
			break
		}
		pg, err := h.svc.Pages.Page(ctx, p.ObjectID)
		if err != nil {
			return "", err
		}
		if pg.Published && pg.Lang == portal.LangEN {
			return "/en/" + pg.Slug, nil
		}
		if pg.Published {
			return "/gioi-thieu/" + pg.Slug, nil
		}
	case "media":
		m, err := h.svc.Legacy.Media(ctx, p.ObjectID)
		if err != nil {
			return "", err
		}
		if !strings.HasPrefix(m.File, portal.QuestionFolder+"/") {
			return m.URL(), nil
		}
	}
	return "", errNotFound
}
