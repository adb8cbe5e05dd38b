package web

import (
	"net/http"
	"net/url"
	"time"

	"cong/internal/portal"
)

// feedSize is how many of the latest articles a feed carries.
const feedSize = 50

// Content types of the feeds.
const (
	rssType  = "application/rss+xml; charset=utf-8"
	atomType = "application/atom+xml; charset=utf-8"
)

// feed is what both formats say: the latest articles of the site or of a
// category, with absolute addresses.
type feed struct {
	siteName    string
	title       string
	description string
	page        string // the HTML page the feed follows
	self        string // the feed itself
	host        string // for the entries' tag URIs
	tree        *portal.CategoryTree
	articles    []portal.Article
	updated     time.Time // the newest article's change; zero when there is none
}

func (h *Handler) showRSS(w http.ResponseWriter, r *http.Request) error {
	return h.serveFeed(w, r, "", h.rss)
}

func (h *Handler) showCategoryRSS(w http.ResponseWriter, r *http.Request) error {
	return h.serveFeed(w, r, r.PathValue("category"), h.rss)
}

func (h *Handler) showAtom(w http.ResponseWriter, r *http.Request) error {
	return h.serveFeed(w, r, "", h.atom)
}

func (h *Handler) showCategoryAtom(w http.ResponseWriter, r *http.Request) error {
	return h.serveFeed(w, r, r.PathValue("category"), h.atom)
}

// serveFeed serves the feed of category slug ("" for the whole site) in the
// format encode makes.
func (h *Handler) serveFeed(w http.ResponseWriter, r *http.Request, slug string,
	encode func(f *feed) (*document, error)) error {
	if slug != "" && !portal.IsSlug(slug) {
		return errNotFound
	}
	return h.cachedDoc(w, r, r.URL.Path, func(r *http.Request, s *site) (*document, error) {
		f, err := h.feed(r, s, slug)
		if err != nil {
			return nil, err
		}
		return encode(f)
	})
}

// feed reads the latest articles of category slug, or of the whole site.
func (h *Handler) feed(r *http.Request, s *site, slug string) (*feed, error) {
	filter := h.readerFilter(s)
	home := h.absURL("/")
	f := &feed{siteName: s.info.Name, title: s.info.Name, description: s.info.Tagline, page: home, self: h.absURL(r.URL.Path), tree: s.tree}
	if u, err := url.Parse(home); err == nil {
		f.host = u.Hostname()
	}
	if slug != "" {
		cat := s.tree.BySlug(slug)
		if cat == nil || !s.tree.Shown(cat.ID) {
			return nil, errNotFound
		}
		filter.CategoryIDs = s.tree.Subtree(cat.ID)
		f.title = cat.Name + " - " + s.info.Name
		f.description = "Tin mới của chuyên mục " + cat.Name + ", " + s.info.Name
		f.page = h.absURL("/" + cat.Slug)
	}
	if f.description == "" {
		f.description = "Tin mới của " + s.info.Name
	}
	filter.Limit = feedSize
	var err error
	if f.articles, err = h.svc.Articles.Articles(r.Context(), filter); err != nil {
		return nil, err
	}
	for i := range f.articles {
		f.updated = latest(f.updated, modified(&f.articles[i]))
	}
	return f, nil
}

// category names an article's category, "" if it is gone.
func (f *feed) category(a *portal.Article) *portal.Category {
	return f.tree.ByID(a.CategoryID)
}

// modified is when readers last saw a change to a: its last save, or its
// publication when that came later, as for a scheduled article.
func modified(a *portal.Article) time.Time {
	return latest(a.UpdatedAt, a.PublishedAt)
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
