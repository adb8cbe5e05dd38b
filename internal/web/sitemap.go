package web

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
)

// sitemapSize is the most addresses a sitemap of articles lists: the 50 000
// sitemaps.org allows. A variable, so that tests can make it small.
var sitemapSize = 50_000

// sitemapType is the content type of sitemaps.
const sitemapType = "application/xml; charset=utf-8"

// sitemapPages names the sitemap of the home page, the categories and the
// fixed pages, beside the numbered sitemaps of articles.
const sitemapPages = "chuyen-muc.xml"

// sitemapIndex is a sitemap index (https://www.sitemaps.org/protocol.html).
type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapLoc `xml:"sitemap"`
}

// urlSet is a sitemap.
type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapLoc `xml:"url"`
}

// sitemapLoc is an address and, when known, when it last changed, in W3C
// datetime.
type sitemapLoc struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

func loc(url string, mod time.Time) sitemapLoc {
	l := sitemapLoc{Loc: url}
	if !mod.IsZero() {
		l.LastMod = rfc3339(mod)
	}
	return l
}

// showRobots allows crawlers everywhere but the back office, the ads' click
// redirects and search results, and points them at the sitemap.
func (h *Handler) showRobots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "User-agent: *\nAllow: /\nDisallow: /quan-tri/\nDisallow: /qc/\nDisallow: /tim-kiem\n\nSitemap: %s\n", h.absURL("/sitemap.xml"))
}

// showSitemapIndex lists the sitemap of pages and as many sitemaps of
// articles as the published articles fill.
func (h *Handler) showSitemapIndex(w http.ResponseWriter, r *http.Request) error {
	return h.cachedDoc(w, r, "/sitemap.xml", func(r *http.Request, s *site) (*document, error) {
		n, err := h.svc.Articles.CountArticles(r.Context(), h.readerFilter(s))
		if err != nil {
			return nil, err
		}
		idx := sitemapIndex{Sitemaps: []sitemapLoc{{Loc: h.absURL("/sitemap/" + sitemapPages)}}}
		for i := 1; i <= sitemapCount(n); i++ {
			idx.Sitemaps = append(idx.Sitemaps, sitemapLoc{Loc: h.absURL(sitemapPath(i))})
		}
		return newDocument(sitemapType, idx, time.Time{})
	})
}

// sitemapCount is how many sitemaps n articles fill.
func sitemapCount(n int) int { return (n + sitemapSize - 1) / sitemapSize }

func sitemapPath(n int) string { return "/sitemap/trang-" + strconv.Itoa(n) + ".xml" }

// showSitemap serves /sitemap/chuyen-muc.xml and /sitemap/trang-N.xml.
func (h *Handler) showSitemap(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	if name == sitemapPages {
		return h.cachedDoc(w, r, r.URL.Path, h.buildSitemapPages)
	}
	digits, ok := strings.CutPrefix(name, "trang-")
	digits, ok2 := strings.CutSuffix(digits, ".xml")
	n, ok3 := pageNumber([]string{digits})
	if !ok || !ok2 || !ok3 {
		return errNotFound
	}
	return h.cachedDoc(w, r, r.URL.Path, func(r *http.Request, s *site) (*document, error) {
		return h.buildSitemapArticles(r, s, n)
	})
}

// buildSitemapPages lists the home page, every category readers see, each
// dated by its newest article, and the fixed pages.
func (h *Handler) buildSitemapPages(r *http.Request, s *site) (*document, error) {
	f := h.readerFilter(s)
	newest, err := h.newest(r, f)
	if err != nil {
		return nil, err
	}
	set := urlSet{URLs: []sitemapLoc{loc(h.absURL("/"), newest)}}
	for _, c := range s.tree.All {
		if !s.tree.Shown(c.ID) {
			continue
		}
		f.CategoryIDs = s.tree.Subtree(c.ID)
		mod, err := h.newest(r, f)
		if err != nil {
			return nil, err
		}
		set.URLs = append(set.URLs, loc(h.absURL("/"+c.Slug), mod))
	}
	for _, p := range h.sections(s) {
		set.URLs = append(set.URLs, loc(h.absURL(p.Path), time.Time{}))
	}
	more, err := h.threadLocations(r, s)
	if err != nil {
		return nil, err
	}
	set.URLs = append(set.URLs, more...)
	return newDocument(sitemapType, set, newest)
}

// maxSitemapThreads bounds the event threads the sitemap of pages lists,
// the most recently followed first.
const maxSitemapThreads = 1000

// threadLocations are the pages of the event threads and curated groups
// holding an article readers see: the pages that exist.
func (h *Handler) threadLocations(r *http.Request, s *site) ([]sitemapLoc, error) {
	if h.svc.Threads == nil {
		return nil, nil
	}
	ctx, f := r.Context(), h.readerFilter(s)
	threads, err := h.svc.Threads.ReaderThreads(ctx, f, maxSitemapThreads)
	if err != nil {
		return nil, err
	}
	var out []sitemapLoc
	for _, t := range threads {
		out = append(out, loc(h.absURL(threadsPath+"/"+t.Slug), time.Time{}))
	}
	groups, err := h.svc.Threads.Collections(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range groups {
		f.Limit = 1
		list, err := h.svc.Threads.CollectionArticles(ctx, c.ID, f)
		if err != nil {
			return nil, err
		}
		if c.BuiltIn == "" && len(list) > 0 {
			out = append(out, loc(h.absURL(collectionsPath+"/"+c.Slug), time.Time{}))
		}
	}
	return out, nil
}

// newest is when the newest article f selects last changed; zero if none.
func (h *Handler) newest(r *http.Request, f portal.ArticleFilter) (time.Time, error) {
	f.Limit = 1
	list, err := h.svc.Articles.Articles(r.Context(), f)
	if err != nil || len(list) == 0 {
		return time.Time{}, err
	}
	return modified(&list[0]), nil
}

// buildSitemapArticles lists the n-th sitemapSize published articles in id
// order. It starts after the last article of sitemap n-1, which this
// instance remembers for the cache period once it has built that one, so a
// crawler reading them in order costs one keyset query each.
func (h *Handler) buildSitemapArticles(r *http.Request, s *site, n int) (*document, error) {
	f := h.readerFilter(s)
	total, err := h.svc.Articles.CountArticles(r.Context(), f)
	if err != nil {
		return nil, err
	}
	if n > max(sitemapCount(total), 1) {
		return nil, errNotFound
	}
	f.Limit = sitemapSize
	after, err := h.sitemapStart(r, f, n)
	if err != nil {
		return nil, err
	}
	locs, err := h.svc.Articles.ArticleLocations(r.Context(), f, after)
	if err != nil {
		return nil, err
	}
	var set urlSet
	var newest time.Time
	for i := range locs {
		l := &locs[i]
		set.URLs = append(set.URLs, loc(h.absURL(l.URL()), l.Modified()))
		newest = latest(newest, l.Modified())
	}
	d, err := newDocument(sitemapType, set, newest)
	if err != nil {
		return nil, err
	}
	if len(locs) > 0 {
		d.last = locs[len(locs)-1].ID
		h.rememberEnd(n, d.last)
	}
	return d, nil
}

// sitemapStart returns the id sitemap n starts after: the end of sitemap
// n-1, walked to from the nearest sitemap whose end is remembered. When
// articles come and go, a sitemap built before and its neighbour built after
// may overlap or miss a few, for one cache period at most: sitemaps are
// hints, and no database work grows with n.
func (h *Handler) sitemapStart(r *http.Request, f portal.ArticleFilter, n int) (int64, error) {
	now := h.now()
	k, after := 1, int64(0) // sitemap k starts after the id after
	for i := n - 1; i >= 1; i-- {
		if e := h.cache.get(sitemapEndKey(i), now); e != nil && e.doc != nil {
			k, after = i+1, e.doc.last
			break
		}
	}
	for ; k < n; k++ {
		locs, err := h.svc.Articles.ArticleLocations(r.Context(), f, after)
		if err != nil {
			return 0, err
		}
		if len(locs) == 0 {
			return 0, errNotFound
		}
		after = locs[len(locs)-1].ID
		h.rememberEnd(k, after)
	}
	return after, nil
}

// rememberEnd keeps, for the cache period, the last id of sitemap n. A
// boundary is no page: a change does not make it wrong, only the split of
// the sitemaps a little uneven until it expires.
func (h *Handler) rememberEnd(n int, id int64) {
	h.cache.put(&entry{key: sitemapEndKey(n), doc: &document{last: id}, expires: h.now().Add(h.cfg.CacheTTL)}, h.cache.generation())
}

func sitemapEndKey(n int) string { return "sitemap-end:" + strconv.Itoa(n) }
