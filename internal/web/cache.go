package web

import (
	"container/list"
	"sync"
	"time"

	"cong/internal/render"
)

// entry is a reader page kept in memory: rendered HTML with holes, a
// redirect, or a document (a feed, a sitemap). A page that is an article
// remembers which, so serving it can count the view.
type entry struct {
	key      string
	page     *render.Page
	redirect string
	doc      *document
	article  int64
	viewBase int64   // see counter.Views.Load
	ads      []int64 // the ads the page shows, an impression each per serve
	// gate, when set, is a members-only article the page would show: the
	// entry holds nothing of it, and each request is served by membersOnly.
	gate    int64
	expires time.Time
	// until, when set, is when the page stops being true (a consultation
	// opens or closes): it expires then, whatever the TTL.
	until time.Time

	rendered time.Time // when it was built: its Age when served stale
	// changes is when the page may next change without a write (an ad, a
	// notice or a consultation starting or ending), zero: never; a shared
	// cache keeps it until then at most.
	changes time.Time
}

func (e *entry) size() int {
	if e.doc != nil {
		return len(e.key) + len(e.doc.body) + len(e.doc.gz) + len(e.doc.br) + len(e.doc.etag) + 128
	}
	if e.page == nil {
		return len(e.key) + len(e.redirect) + 64
	}
	return len(e.key) + e.page.Size() + e.page.CompressedSize() + 64
}

// pageCache is a least-recently-used cache of reader pages bounded in bytes.
// Entries expire after the TTL so that edits made on another instance show
// within it, but an expired entry stays until the bound pushes it out: it is
// the last copy of its page, served when the page cannot be rebuilt because
// the database is down (see stale). A change readers must see at once clears
// the cache, stale copies with it.
type pageCache struct {
	mu      sync.Mutex
	max     int
	used    int
	order   *list.List // front: most recently used
	entries map[string]*list.Element
	hits    uint64
	misses  uint64
	// gen counts the clears: a page whose build began before the last
	// clear may hold what the change replaced (read from a replica not yet
	// level with it, or before the commit) and is not kept.
	gen uint64
}

// CacheStats tell how the page cache does, for the metrics.
type CacheStats struct {
	Hits, Misses uint64 // lookups since start
	Bytes        int    // in use
	Entries      int
}

func (c *pageCache) stats() CacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{Hits: c.hits, Misses: c.misses, Bytes: c.used, Entries: len(c.entries)}
}

func newPageCache(maxBytes int) *pageCache {
	return &pageCache{max: maxBytes, order: list.New(), entries: make(map[string]*list.Element)}
}

// get returns the entry at key unless it has expired.
func (c *pageCache) get(key string, now time.Time) *entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok || now.After(el.Value.(*entry).expires) {
		c.misses++
		return nil
	}
	c.order.MoveToFront(el)
	c.hits++
	return el.Value.(*entry)
}

// stale returns the entry at key, expired or not, unless the page has
// stopped being true (see entry.until).
func (c *pageCache) stale(key string, now time.Time) *entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return nil
	}
	e := el.Value.(*entry)
	if !e.until.IsZero() && !now.Before(e.until) {
		return nil
	}
	c.order.MoveToFront(el)
	return e
}

// generation is the number of clears so far, read before a build.
func (c *pageCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// put keeps e, built from what was read after generation gen, unless the
// cache was cleared since.
func (c *pageCache) put(e *entry, gen uint64) {
	if e.size() > c.max/8 {
		return // one page may not crowd out the rest
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if el, ok := c.entries[e.key]; ok {
		c.remove(el)
	}
	c.entries[e.key] = c.order.PushFront(e)
	c.used += e.size()
	for c.used > c.max {
		c.remove(c.order.Back())
	}
}

// clear empties the cache, after a change readers must see at once.
func (c *pageCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.order.Init()
	clear(c.entries)
	c.used = 0
	c.gen++
}

func (c *pageCache) remove(el *list.Element) {
	e := c.order.Remove(el).(*entry)
	delete(c.entries, e.key)
	c.used -= e.size()
}
