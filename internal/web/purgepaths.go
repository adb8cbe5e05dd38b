package web

import (
	"context"
	"strconv"
	"strings"

	"cong/internal/portal"
)

// maxPurgeCategories bounds how many categories' pages one change purges.
const maxPurgeCategories = 500

// PurgePaths are the addresses a shared cache must drop after a change to
// objects ("article:42", see store.OnChangeObjects): the home page, the
// feeds and the sitemap index always, every category's page and feeds, and
// for each article its page, print view, permanent address and audio, for a poll
// its page and the list of polls; for a thread ("thread:7"), or an article
// of one, the thread's timeline and its articles' pages, whose boxes list
// each other; for a group ("collection:7") its page. Other pages
// that show the change (tags, archives, a category's later pages, the most
// read, an old address after a slug changed) live out their s-maxage.
// Paths may repeat; the purger drops the repeats.
func (h *Handler) PurgePaths(ctx context.Context, objects []string) []string {
	paths := []string{"/", "/rss", "/atom", "/sitemap.xml"}
	category := func(c portal.Category) { paths = append(paths, "/"+c.Slug, "/rss/"+c.Slug, "/atom/"+c.Slug) }
	s, err := h.site(ctx)
	if err == nil {
		for _, c := range s.nav[:min(len(s.nav), maxPurgeCategories)] {
			category(c)
		}
	}
	threads := map[int64]bool{} // each thread's pages once, however many of its articles changed
	thread := func(id int64) {
		if !threads[id] {
			threads[id] = true
			paths = append(paths, h.threadPurgePaths(ctx, id)...)
		}
	}
	for _, o := range objects {
		if id, ok := strings.CutPrefix(o, "poll:"); ok { // the side block is on every page purged above
			paths = append(paths, pollsPath, pollsPath+"/"+id)
			continue
		}
		if id, ok := strings.CutPrefix(o, "thread:"); ok {
			n, _ := strconv.ParseInt(id, 10, 64)
			thread(n)
			continue
		}
		if id, ok := strings.CutPrefix(o, "collection:"); ok {
			n, _ := strconv.ParseInt(id, 10, 64)
			paths = append(paths, h.collectionPurgePaths(ctx, n)...)
			continue
		}
		id, err := strconv.ParseInt(strings.TrimPrefix(o, "article:"), 10, 64)
		if !strings.HasPrefix(o, "article:") || err != nil {
			continue
		}
		paths = append(paths, "/bai/"+strconv.FormatInt(id, 10))
		a, err := h.svc.Articles.Article(ctx, id)
		if err != nil {
			continue
		}
		paths = append(paths, a.URL(), "/in"+a.URL(), reportURL(a.ID))
		if p, _ := h.articleAudio(ctx, a.ID); p != nil {
			paths = append(paths, p.URL)
		}
		if a.ThreadID != 0 {
			thread(a.ThreadID)
		}
		if s != nil {
			for _, c := range s.tree.Path(a.CategoryID) { // its category and those above
				category(c)
			}
		}
	}
	return paths
}
