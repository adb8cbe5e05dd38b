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
	expires  time.Time
	// until, when set, is when the page stops being true (a consultation
	// opens or closes): it expires then, whatever the TTL.
	until time.Time
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
// within it.
type pageCache struct {
	mu      sync.Mutex
	max     int
	used    int
	order   *list.List // front: most recently used
	entries map[string]*list.Element
}

func newPageCache(maxBytes int) *pageCache {
	return &pageCache{max: maxBytes, order: list.New(), entries: make(map[string]*list.Element)}
}

func (c *pageCache) get(key string, now time.Time) *entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return nil
	}
	e := el.Value.(*entry)
	if now.After(e.expires) {
		c.remove(el)
		return nil
	}
	c.order.MoveToFront(el)
	return e
}

func (c *pageCache) put(e *entry) {
	if e.size() > c.max/8 {
		return // one page may not crowd out the rest
	}
	c.mu.Lock()
	defer c.mu.Unlock()
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
}

func (c *pageCache) remove(el *list.Element) {
	e := c.order.Remove(el).(*entry)
	delete(c.entries, e.key)
	c.used -= e.size()
}
