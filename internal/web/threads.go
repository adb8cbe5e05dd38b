package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// Where readers find event threads and curated groups.
const (
	threadsPath     = "/dong-su-kien"
	collectionsPath = "/chuyen-de"
)

// How many articles the pages and blocks of threads and groups show.
const (
	threadPerPage     = 20  // a page of a thread's timeline
	threadBoxCount    = 5   // other articles of the thread under an article
	threadsListed     = 100 // threads on the list page
	homePerCollection = 5   // a group's articles in its home block
	collectionShown   = portal.MaxCollectionArticles
)

// ThreadsPage lists the threads readers can follow, the latest news first.
type ThreadsPage struct {
	Base
	Threads []portal.Thread
}

// ThreadPage is a thread's timeline, a keyset page at a time.
type ThreadPage struct {
	Base
	Thread *portal.Thread
	Days   []TimelineDay
	Later  bool   // a page after the first: the link back to the newest is shown
	Next   string // the older page's address, "" at the end
}

// TimelineDay is one day of a timeline, in Vietnam's calendar.
type TimelineDay struct {
	Date     time.Time // the first article's publish time, for the heading
	Articles []portal.Article
}

// ThreadBox is the "Dòng sự kiện" box under an article of a thread.
type ThreadBox struct {
	Thread   *portal.Thread
	Articles []portal.Article // the thread's other newest articles
}

// CollectionsPage lists the curated groups holding an article readers see.
type CollectionsPage struct {
	Base
	Collections []CollectionBlock
}

// CollectionPage is one curated group, its articles in hand order.
type CollectionPage struct {
	Base
	Collection *portal.Collection
	Articles   []portal.Article
}

// CollectionBlock is a group with its first articles: a home block.
type CollectionBlock struct {
	Collection portal.Collection
	Articles   []portal.Article
}

func (h *Handler) showThreads(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Threads == nil {
		return errNotFound
	}
	return h.cached(w, r, threadsPath, func(r *http.Request, s *site) (*entry, error) {
		list, err := h.svc.Threads.ReaderThreads(r.Context(), h.readerFilter(s), threadsListed)
		if err != nil {
			return nil, err
		}
		data := ThreadsPage{Base: s.base(""), Threads: list}
		data.Canonical = threadsPath
		data.Description = "Các dòng sự kiện trên " + s.info.Name + ": những bài viết theo dõi từng sự kiện."
		p, err := h.render.Render("threads", data)
		return &entry{page: p}, err
	})
}

// showThread shows a thread's timeline newest first: a reader following a
// story comes for its latest turn, and the first page, the one shared and
// cached most, stays the same size however long the story grows. Older
// pages start before an article of the thread (?truoc=id), a keyset that
// costs the same however deep.
func (h *Handler) showThread(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if h.svc.Threads == nil || !portal.IsSlug(slug) {
		return errNotFound
	}
	var before int64 // other parameters (a campaign's tags) are ignored, as on every list
	if v, ok := r.URL.Query()["truoc"]; ok {
		id, err := strconv.ParseInt(firstOf(v), 10, 64)
		if len(v) != 1 || err != nil || id <= 0 {
			return errNotFound
		}
		before = id
	}
	key := threadsPath + "/" + slug
	if before != 0 {
		key += "?truoc=" + strconv.FormatInt(before, 10)
	}
	return h.cached(w, r, key, func(r *http.Request, s *site) (*entry, error) {
		return h.buildThread(r, s, slug, before)
	})
}

func firstOf(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

func (h *Handler) buildThread(r *http.Request, s *site, slug string, before int64) (*entry, error) {
	ctx := r.Context()
	t, err := h.svc.Threads.ThreadBySlug(ctx, slug)
	if portal.ErrorCode(err) == portal.ENOTFOUND {
		return nil, errNotFound
	}
	if err != nil {
		return nil, err
	}
	f := h.readerFilter(s)
	f.ThreadID, f.Limit = t.ID, threadPerPage+1
	if before != 0 {
		a, err := h.svc.Articles.Article(ctx, before)
		if portal.ErrorCode(err) == portal.ENOTFOUND || err == nil && (a.ThreadID != t.ID || !a.Visible(h.now())) {
			return nil, errNotFound
		}
		if err != nil {
			return nil, err
		}
		f.Before = &portal.ArticleCursor{PublishedAt: a.PublishedAt, ID: a.ID}
	}
	list, err := h.svc.Articles.Articles(ctx, f)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 { // no article readers see: the thread has no page yet
		return nil, errNotFound
	}
	data := ThreadPage{Base: s.base(""), Thread: t, Later: before != 0}
	if len(list) > threadPerPage {
		list = list[:threadPerPage]
		data.Next = t.URL() + "?truoc=" + strconv.FormatInt(list[len(list)-1].ID, 10)
	}
	data.Days = timeline(list)
	data.Canonical = t.URL()
	if before != 0 {
		data.Canonical += "?truoc=" + strconv.FormatInt(before, 10)
	}
	data.Description = t.Description
	if data.Description == "" {
		data.Description = "Dòng sự kiện “" + t.Title + "” trên " + s.info.Name + "."
	}
	p, err := h.render.Render("thread", data)
	return &entry{page: p}, err
}

// timeline groups articles, newest first, by their day in Vietnam.
func timeline(list []portal.Article) []TimelineDay {
	var days []TimelineDay
	for _, a := range list {
		if n := len(days); n > 0 && viet.Date(days[n-1].Date) == viet.Date(a.PublishedAt) {
			days[n-1].Articles = append(days[n-1].Articles, a)
			continue
		}
		days = append(days, TimelineDay{Date: a.PublishedAt, Articles: []portal.Article{a}})
	}
	return days
}

// threadBox reads the box of a's thread, nil when a joined none.
func (h *Handler) threadBox(ctx context.Context, s *site, a *portal.Article) (*ThreadBox, error) {
	if a.ThreadID == 0 || h.svc.Threads == nil {
		return nil, nil
	}
	t, err := h.svc.Threads.Thread(ctx, a.ThreadID)
	if err != nil {
		return nil, err
	}
	f := h.readerFilter(s)
	f.ThreadID, f.ExceptID, f.Limit = t.ID, a.ID, threadBoxCount
	list, err := h.svc.Articles.Articles(ctx, f)
	if err != nil {
		return nil, err
	}
	return &ThreadBox{Thread: t, Articles: list}, nil
}

func (h *Handler) showCollections(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Threads == nil {
		return errNotFound
	}
	return h.cached(w, r, collectionsPath, func(r *http.Request, s *site) (*entry, error) {
		all, err := h.svc.Threads.Collections(r.Context())
		if err != nil {
			return nil, err
		}
		data := CollectionsPage{Base: s.base("")}
		for _, c := range all {
			if c.BuiltIn != "" {
				continue
			}
			f := h.readerFilter(s)
			f.Limit = 3
			list, err := h.svc.Threads.CollectionArticles(r.Context(), c.ID, f)
			if err != nil {
				return nil, err
			}
			if len(list) > 0 {
				data.Collections = append(data.Collections, CollectionBlock{Collection: c, Articles: list})
			}
		}
		data.Canonical = collectionsPath
		data.Description = "Các chuyên đề trên " + s.info.Name + ": bài viết do ban biên tập tuyển chọn."
		p, err := h.render.Render("collections", data)
		return &entry{page: p}, err
	})
}

// showCollection lists a group's articles readers see, in the hand order
// of the editors; a group with none has no page, so a group being prepared
// shows nothing.
func (h *Handler) showCollection(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if h.svc.Threads == nil || !portal.IsSlug(slug) {
		return errNotFound
	}
	return h.cached(w, r, collectionsPath+"/"+slug, func(r *http.Request, s *site) (*entry, error) {
		c, err := h.svc.Threads.CollectionBySlug(r.Context(), slug)
		if portal.ErrorCode(err) == portal.ENOTFOUND {
			return nil, errNotFound
		}
		if err != nil {
			return nil, err
		}
		f := h.readerFilter(s)
		f.Limit = collectionShown
		list, err := h.svc.Threads.CollectionArticles(r.Context(), c.ID, f)
		if err != nil {
			return nil, err
		}
		if len(list) == 0 {
			return nil, errNotFound
		}
		data := CollectionPage{Base: s.base(""), Collection: c, Articles: list}
		data.Canonical, data.Description = c.URL(), c.Description
		if data.Description == "" {
			data.Description = "Chuyên đề “" + c.Name + "” trên " + s.info.Name + "."
		}
		p, err := h.render.Render("collection", data)
		return &entry{page: p}, err
	})
}

// homeFeatured is Tin nổi bật: first the articles editors put in the
// built-in group, in their order, then the newest featured-flagged ones
// not among them, homeFeatured in all.
func (h *Handler) homeFeatured(ctx context.Context, f portal.ArticleFilter) ([]portal.Article, error) {
	var out []portal.Article
	seen := map[int64]bool{}
	if h.svc.Threads != nil {
		g, err := h.svc.Threads.BuiltInCollection(ctx, portal.BuiltInFeatured)
		if err != nil && portal.ErrorCode(err) != portal.ENOTFOUND {
			return nil, err
		}
		if g != nil {
			hand := f
			hand.Limit = homeFeatured
			if out, err = h.svc.Threads.CollectionArticles(ctx, g.ID, hand); err != nil {
				return nil, err
			}
			for _, a := range out {
				seen[a.ID] = true
			}
		}
	}
	if len(out) >= homeFeatured {
		return out, nil
	}
	yes := true
	rest := f
	rest.Featured, rest.Limit = &yes, homeFeatured+len(out)
	list, err := h.svc.Articles.Articles(ctx, rest)
	if err != nil {
		return nil, err
	}
	for _, a := range list {
		if !seen[a.ID] && len(out) < homeFeatured {
			out = append(out, a)
		}
	}
	return out, nil
}

// homeCollections are the groups marked for the home page, by position,
// each with its first articles readers see; a group with none is left out.
func (h *Handler) homeCollections(ctx context.Context, f portal.ArticleFilter) ([]CollectionBlock, error) {
	if h.svc.Threads == nil {
		return nil, nil
	}
	all, err := h.svc.Threads.Collections(ctx)
	if err != nil {
		return nil, err
	}
	var out []CollectionBlock
	for _, c := range all {
		if !c.OnHome || c.BuiltIn != "" {
			continue
		}
		g := f
		g.Limit = homePerCollection
		list, err := h.svc.Threads.CollectionArticles(ctx, c.ID, g)
		if err != nil {
			return nil, err
		}
		if len(list) > 0 {
			out = append(out, CollectionBlock{Collection: c, Articles: list})
		}
	}
	return out, nil
}

// maxPurgeThreadArticles bounds how many article pages a thread's change purges.
const maxPurgeThreadArticles = 200

// threadPurgePaths are the pages a change to a thread made stale: its
// timeline, the list, and the pages of its articles, which show its box.
func (h *Handler) threadPurgePaths(ctx context.Context, id int64) []string {
	paths := []string{threadsPath}
	if h.svc.Threads == nil {
		return paths
	}
	t, err := h.svc.Threads.Thread(ctx, id)
	if err != nil {
		return paths
	}
	paths = append(paths, t.URL())
	f := portal.ReaderFilter(h.now())
	f.ThreadID, f.Limit = id, maxPurgeThreadArticles
	list, err := h.svc.Articles.Articles(ctx, f)
	if err != nil {
		return paths
	}
	for _, a := range list {
		paths = append(paths, a.URL(), "/in"+a.URL())
	}
	return paths
}

// collectionPurgePaths are the pages a change to a group made stale: its
// page and the list (the home page is purged by every change).
func (h *Handler) collectionPurgePaths(ctx context.Context, id int64) []string {
	paths := []string{collectionsPath}
	if h.svc.Threads == nil {
		return paths
	}
	if c, err := h.svc.Threads.Collection(ctx, id); err == nil {
		paths = append(paths, c.URL())
	}
	return paths
}
