package web

import (
	"net/http"
)

// How many articles the front page shows of each kind.
const (
	homeFeatured = 5
	homeLatest   = 8
	homePerBlock = 4
)

func (h *Handler) showHome(w http.ResponseWriter, r *http.Request) error {
	return h.cached(w, r, "/", h.buildHome)
}

// homeDescription says what the portal is, for the home page's description.
func homeDescription(info SiteInfo) string {
	d := info.Name + ": tin tức, sự kiện, văn bản, lịch làm việc của lãnh đạo, hỏi – đáp và góp ý dự thảo."
	if info.Tagline != "" {
		d += " " + info.Tagline
	}
	return d
}

func (h *Handler) buildHome(r *http.Request, s *site) (*entry, error) {
	ctx, f := r.Context(), h.readerFilter(s)
	data := HomePage{Base: s.base("/")}
	data.Canonical, data.Description = "/", homeDescription(s.info)
	var err error
	if data.Featured, err = h.homeFeatured(ctx, f); err != nil {
		return nil, err
	}
	if data.Collections, err = h.homeCollections(ctx, f); err != nil {
		return nil, err
	}
	latest := f
	latest.Limit = homeLatest
	if data.Latest, err = h.svc.Articles.Articles(ctx, latest); err != nil {
		return nil, err
	}
	for _, c := range s.nav {
		block := f
		block.CategoryIDs, block.Limit = s.tree.Subtree(c.ID), homePerBlock
		list, err := h.svc.Articles.Articles(ctx, block)
		if err != nil {
			return nil, err
		}
		if len(list) > 0 {
			data.Blocks = append(data.Blocks, CategoryBlock{Category: c, Articles: list})
		}
	}
	if data.Popular, err = h.mostReadWeek(r, s); err != nil {
		return nil, err
	}
	p, err := h.render.Render("home", data)
	if err != nil {
		return nil, err
	}
	return &entry{page: p}, nil
}
