package admin

import (
	"html/template"
	"net/http"
	"strconv"

	"cong/internal/diff"
	"cong/internal/portal"
)

// RevisionPage shows one revision of an article.
type RevisionPage struct {
	Base
	Article  *portal.Article
	Revision *portal.Revision
	CanEdit  bool
}

// loadRevision reads the {rev} revision of an article r's user may see.
func (h *Handler) loadRevision(r *http.Request, a *portal.Article, value string) (*portal.Revision, error) {
	id, err := parseID(value)
	if err != nil {
		return nil, err
	}
	return h.store.Revision(r.Context(), a.ID, id)
}

func (h *Handler) showRevision(w http.ResponseWriter, r *http.Request) error {
	a, err := h.loadArticle(r)
	if err != nil {
		return err
	}
	rev, err := h.loadRevision(r, a, r.PathValue("rev"))
	if err != nil {
		return err
	}
	b, err := h.base(r, "Phiên bản "+strconv.FormatInt(rev.Version, 10))
	if err != nil {
		return err
	}
	return h.page(w, r, http.StatusOK, "revision", &RevisionPage{Base: b, Article: a, Revision: rev, CanEdit: userOf(r).CanEdit(a)})
}

// restoreRevision makes an old revision the article's content again, as a
// new save: nothing in between is lost.
func (h *Handler) restoreRevision(w http.ResponseWriter, r *http.Request) error {
	a, err := h.loadArticle(r)
	if err != nil {
		return err
	}
	u := userOf(r)
	if !u.CanEdit(a) {
		return errForbidden
	}
	rev, err := h.loadRevision(r, a, r.PathValue("rev"))
	if err != nil {
		return err
	}
	a.Title, a.Summary, a.Author, a.Source, a.Body, a.CategoryID = rev.Title, rev.Summary, rev.Author, rev.Source, rev.Body, rev.CategoryID
	a.SourceURL, a.SourceNote = rev.SourceURL, rev.SourceNote
	a.EditorID, a.EditorName = u.ID, u.Name
	a.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if err := h.store.UpdateArticle(r.Context(), h.actor(r), a); err != nil {
		return err
	}
	redirect(w, r, articleURL(a.ID), flashSaved)
	return nil
}

// ComparePage shows what changed between two revisions, word by word.
type ComparePage struct {
	Base
	Article          *portal.Article
	From, To         *portal.Revision
	Title, Summary   template.HTML
	Body             template.HTML
	Inserted, Delete int
}

func (h *Handler) compareRevisions(w http.ResponseWriter, r *http.Request) error {
	a, err := h.loadArticle(r)
	if err != nil {
		return err
	}
	from, err := h.loadRevision(r, a, r.URL.Query().Get("tu"))
	if err != nil {
		return err
	}
	to, err := h.loadRevision(r, a, r.URL.Query().Get("den"))
	if err != nil {
		return err
	}
	b, err := h.base(r, "So sánh phiên bản")
	if err != nil {
		return err
	}
	body := diff.Words(diff.Blocks(from.Body), diff.Blocks(to.Body))
	data := &ComparePage{Base: b, Article: a, From: from, To: to,
		Title:   diff.HTML(diff.Words(from.Title, to.Title)),
		Summary: diff.HTML(diff.Words(from.Summary, to.Summary)),
		Body:    diff.HTML(body)}
	data.Inserted, data.Delete = diff.Stats(body)
	return h.page(w, r, http.StatusOK, "compare", data)
}
