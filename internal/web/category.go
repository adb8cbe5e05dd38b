package web

import (
	"net/http"
	"strconv"

	"cong/internal/portal"
)

// perPage is how many articles a category page lists.
const perPage = 20

// maxPage bounds page numbers: deep offsets cost the database, and no
// reader pages that far.
const maxPage = 100_000

func (h *Handler) showCategory(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("category")
	if !portal.IsSlug(slug) {
		return errNotFound
	}
	page, ok := pageNumber(r.URL.Query()["trang"])
	if !ok {
		return errNotFound
	}
	key := r.URL.Path + "?trang=" + strconv.Itoa(page)
	return h.cached(w, r, key, func(r *http.Request, s *site) (*entry, error) {
		return h.buildCategory(r, s, slug, page)
	})
}

// pageNumber reads the "trang" parameter: absent means 1; anything but one
// positive integer without sign or leading zero is refused.
func pageNumber(values []string) (int, bool) {
	switch {
	case len(values) == 0:
		return 1, true
	case len(values) > 1 || len(values[0]) == 0 || len(values[0]) > 6 || values[0][0] == '0':
		return 0, false
	}
	n := 0
	for _, c := range []byte(values[0]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n >= 1 && n <= maxPage
}

// pageSuffix tells the pages of a list apart in their descriptions.
func pageSuffix(page int) string {
	if page <= 1 {
		return ""
	}
	return " Trang " + strconv.Itoa(page) + "."
}

func (h *Handler) buildCategory(r *http.Request, s *site, slug string, page int) (*entry, error) {
	cat := s.tree.BySlug(slug)
	if cat == nil || !s.tree.Shown(cat.ID) {
		return nil, errNotFound
	}
	f := portal.ReaderFilter(h.now())
	f.CategoryIDs = s.tree.Subtree(cat.ID)
	total, err := h.svc.Articles.CountArticles(r.Context(), f)
	if err != nil {
		return nil, err
	}
	pages := max((total+perPage-1)/perPage, 1)
	if page > pages {
		return nil, errNotFound
	}
	f.Limit, f.Offset = perPage, (page-1)*perPage
	list, err := h.svc.Articles.Articles(r.Context(), f)
	if err != nil {
		return nil, err
	}
	path := s.tree.Path(cat.ID)
	data := CategoryPage{Base: s.base(path[0].Slug), Category: cat, Path: path, Children: s.tree.Children(cat.ID),
		Articles: list, Pager: Pager{Path: "/" + cat.Slug, Page: page, Pages: pages}}
	if page > 1 {
		data.Pager.Prev = page - 1
	}
	if page < pages {
		data.Pager.Next = page + 1
	}
	data.Canonical = data.Pager.URL(page)
	data.Description = "Tin tức, bài viết chuyên mục " + cat.Name + " của " + s.info.Name + "." + pageSuffix(page)
	p, err := h.render.Render("category", data)
	if err != nil {
		return nil, err
	}
	return &entry{page: p}, nil
}
