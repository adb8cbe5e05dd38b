package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"cong/internal/portal"
	"cong/internal/viet"
)

// relatedCount is how many other articles of the category an article lists.
const relatedCount = 6

func (h *Handler) showArticle(w http.ResponseWriter, r *http.Request) error {
	catSlug, slug := r.PathValue("category"), r.PathValue("slug")
	if !portal.IsSlug(catSlug) || !portal.IsSlug(slug) {
		return errNotFound
	}
	return h.cached(w, r, r.URL.Path, func(r *http.Request, s *site) (*entry, error) {
		return h.buildArticle(r, s, catSlug, slug)
	})
}

func (h *Handler) buildArticle(r *http.Request, s *site, catSlug, slug string) (*entry, error) {
	ctx := r.Context()
	a, viewBase, err := h.loadArticle(ctx, slug)
	if err != nil {
		return nil, err
	}
	cat, err := h.readerCategory(r, s, a)
	if errors.Is(err, errMembersOnly) {
		return &entry{gate: a.ID}, nil
	}
	if err != nil {
		return nil, err
	}
	if a.Slug != slug || cat.Slug != catSlug {
		return &entry{redirect: a.URL()}, nil
	}
	comments, err := h.svc.Side.ApprovedComments(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	if a.Body, err = h.webpBody(ctx, a.Body); err != nil {
		return nil, err
	}
	related, err := h.related(r, s, a)
	if err != nil {
		return nil, err
	}
	data := ArticlePage{Base: s.base(s.tree.Path(cat.ID)[0].Slug), Article: a, Category: cat, Comments: comments, Related: related}
	data.Meta = h.articleMeta(s, a, cat)
	data.Canonical, data.Description = a.URL(), data.Meta.Description
	data.CommentsOpen = h.commentsOpen(s, a) && !a.MembersOnly
	data.Beacon = h.beaconFor(data.Beacon, a.ID)
	if h.svc.Reports != nil && !a.MembersOnly {
		data.ReportURL = reportURL(a.ID)
	}
	if h.svc.Documents != nil {
		if data.Documents, err = h.svc.Documents.ArticleDocuments(ctx, a.ID); err != nil {
			return nil, err
		}
	}
	if !a.MembersOnly { // its audio is served to every reader, so none is made for it
		if data.Audio, err = h.articleAudio(ctx, a.ID); err != nil {
			return nil, err
		}
	}
	if data.Thread, err = h.threadBox(ctx, s, a); err != nil {
		return nil, err
	}
	p, err := h.render.Render("article", data)
	if err != nil {
		return nil, err
	}
	return &entry{page: p, article: a.ID, viewBase: viewBase}, nil
}

// loadArticle reads the article at its current or former slug inside
// counter.Views.Load, so the view count its page shows and this instance's
// flushed tally agree.
func (h *Handler) loadArticle(ctx context.Context, slug string) (a *portal.Article, viewBase int64, err error) {
	viewBase, err = h.counters.Views.Load(func() (id, views int64, err error) {
		if a, err = h.svc.Articles.ArticleBySlug(ctx, slug); err != nil {
			return 0, 0, err
		}
		return a.ID, a.ViewCount, nil
	})
	return a, viewBase, err
}

// readerCategory returns the category of a when readers may see a; drafts,
// articles still to come and those of hidden categories do not exist for
// them. A members-only article that is out is errMembersOnly, unless r
// builds its page for a member its groups let read it (see membersOnly).
func (h *Handler) readerCategory(r *http.Request, s *site, a *portal.Article) (*portal.Category, error) {
	cat := s.tree.ByID(a.CategoryID)
	if !a.Published(h.now()) || cat == nil || !s.tree.Shown(cat.ID) {
		return nil, errNotFound
	}
	if a.MembersOnly && !readsAsMember(r.Context()) {
		if h.svc.Members == nil { // no one signs in: no one reads it
			return nil, errNotFound
		}
		return nil, errMembersOnly
	}
	return cat, nil
}

// related lists other articles: first the latest sharing a tag with a, then
// the latest of its category.
func (h *Handler) related(r *http.Request, s *site, a *portal.Article) ([]portal.Article, error) {
	var out []portal.Article
	seen := map[int64]bool{a.ID: true}
	add := func(f portal.ArticleFilter) error {
		f.ExceptID, f.Limit = a.ID, relatedCount
		list, err := h.svc.Articles.Articles(r.Context(), f)
		for _, o := range list {
			if !seen[o.ID] && len(out) < relatedCount {
				seen[o.ID] = true
				out = append(out, o)
			}
		}
		return err
	}
	if len(a.Tags) > 0 {
		f := h.readerFilter(s)
		for _, t := range a.Tags {
			f.TagSlugs = append(f.TagSlugs, viet.Slug(t))
		}
		if err := add(f); err != nil {
			return nil, err
		}
	}
	f := portal.ReaderFilter(h.now())
	f.CategoryIDs = []int64{a.CategoryID}
	return out, add(f)
}

// showPrint is the print view of an article: the article, its pictures and
// captions, source and date, its views, the portal's name and the permanent
// address. Like the article page it counts a reader's view, once per window.
func (h *Handler) showPrint(w http.ResponseWriter, r *http.Request) error {
	catSlug, slug := r.PathValue("category"), r.PathValue("slug")
	if !portal.IsSlug(catSlug) || !portal.IsSlug(slug) {
		return errNotFound
	}
	return h.cached(w, r, r.URL.Path, func(r *http.Request, s *site) (*entry, error) {
		a, viewBase, err := h.loadArticle(r.Context(), slug)
		if err != nil {
			return nil, err
		}
		cat, err := h.readerCategory(r, s, a)
		if errors.Is(err, errMembersOnly) {
			return &entry{gate: a.ID}, nil
		}
		if err != nil {
			return nil, err
		}
		if a.Slug != slug || cat.Slug != catSlug {
			return &entry{redirect: "/in" + a.URL()}, nil
		}
		if a.Body, err = h.webpBody(r.Context(), a.Body); err != nil {
			return nil, err
		}
		data := ArticlePage{Base: s.base(""), Article: a, Category: cat, Meta: h.articleMeta(s, a, cat)}
		data.Print, data.Canonical, data.Description = true, a.URL(), data.Meta.Description
		data.Beacon = h.beaconFor(data.Beacon, a.ID)
		p, err := h.render.Render("article", data)
		if err != nil {
			return nil, err
		}
		return &entry{page: p, article: a.ID, viewBase: viewBase}, nil
	})
}

// showPermalink serves /bai/{id}, the address of an article that outlives
// its title and category: a permanent redirect to where it is now. What
// readers may not see does not exist, whatever its id.
func (h *Handler) showPermalink(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != r.PathValue("id") {
		return errNotFound
	}
	return h.cached(w, r, permalink(id), func(r *http.Request, s *site) (*entry, error) {
		a, err := h.svc.Articles.Article(r.Context(), id)
		if portal.ErrorCode(err) == portal.ENOTFOUND {
			return nil, errNotFound // the same page as for a draft: ids are easy to try
		}
		if err != nil {
			return nil, err
		}
		if _, err := h.publicCategory(r, s, a); err != nil {
			return nil, err
		}
		return &entry{redirect: a.URL()}, nil
	})
}

// permalink is the permanent address of the article id.
func permalink(id int64) string { return "/bai/" + strconv.FormatInt(id, 10) }
