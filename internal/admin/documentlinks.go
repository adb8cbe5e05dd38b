package admin

import (
	"net/http"
	"strings"

	"cong/internal/portal"
)

// documentsField is the "Văn bản liên quan" field of an article's page:
// what was just posted to it, kept when it was refused, or else the
// numbers of the documents the article links to, one a line.
func (h *Handler) documentsField(r *http.Request, a *portal.Article) (string, error) {
	if r.Method == http.MethodPost && r.PostForm.Has("documents") {
		return r.PostForm.Get("documents"), nil
	}
	if a.ID == 0 {
		return "", nil
	}
	linked, err := h.store.LinkedDocuments(r.Context(), a.ID)
	var lines []string
	for _, d := range linked {
		lines = append(lines, d.Number)
	}
	return strings.Join(lines, "\n"), err
}

// saveArticleDocuments links an article to the documents named in its
// "Văn bản liên quan" field, by number and symbol or by id.
func (h *Handler) saveArticleDocuments(w http.ResponseWriter, r *http.Request) error {
	a, err := h.loadArticle(r)
	if err != nil {
		return err
	}
	if !userOf(r).CanEdit(a) {
		return errForbidden
	}
	refs, err := portal.ParseDocumentRefs(r.PostFormValue("documents"))
	var found []portal.Document
	if err == nil {
		found, err = h.store.ResolveDocuments(r.Context(), refs)
	}
	ids := make([]int64, len(found))
	for i, d := range found {
		ids[i] = d.ID
	}
	if err == nil {
		err = h.store.SetArticleDocuments(r.Context(), h.actor(r), a.ID, ids)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.articleForm(w, r, http.StatusBadRequest, a, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, articleURL(a.ID), flashSaved)
	return nil
}
