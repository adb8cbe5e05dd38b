package web

import (
	"net/http"

	"cong/internal/portal"
	"cong/internal/render"
)

// Preview renders a, in whatever status, exactly as readers would see it.
// It is for the back office, which checks who may look; nothing is cached
// or counted.
func (h *Handler) Preview(w http.ResponseWriter, r *http.Request, a *portal.Article) error {
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	cat := s.tree.ByID(a.CategoryID)
	if cat == nil {
		return portal.Errorf(portal.ENOTFOUND, "Bài viết chưa có chuyên mục.")
	}
	comments, err := h.svc.Side.ApprovedComments(r.Context(), a.ID)
	if err != nil {
		return err
	}
	body := *a // the editor's copy keeps its body as stored
	a = &body
	if a.Body, err = h.webpBody(r.Context(), a.Body); err != nil {
		return err
	}
	data := ArticlePage{Base: s.base(s.tree.Path(cat.ID)[0].Slug), Article: a, Category: cat, Comments: comments}
	data.Beacon = "" // staff looking count no view
	data.Meta = h.articleMeta(s, a, cat)
	if data.Thread, err = h.threadBox(r.Context(), s, a); err != nil {
		return err
	}
	p, err := h.render.Render("article", data)
	if err != nil {
		return err
	}
	hdr := w.Header()
	hdr.Set("Content-Type", "text/html; charset=utf-8")
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("X-Robots-Tag", "noindex, nofollow")
	values := h.counterValues(h.now())
	values[render.Views] = a.ViewCount
	return p.Write(w, http.StatusOK, &values)
}
