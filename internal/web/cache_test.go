package web

import (
	"testing"
	"time"
)

// TestCacheKeepsNoPageBuiltBeforeAClear: a page whose build began before a
// change cleared the cache may show what the change replaced (read from a
// replica not yet level with it), so it is not kept; one begun after is.
func TestCacheKeepsNoPageBuiltBeforeAClear(t *testing.T) {
	c := newPageCache(1 << 20)
	now := time.Now()
	before := c.generation()
	c.clear() // a publish, while the page was being built
	c.put(&entry{key: "/", redirect: "/old", expires: now.Add(time.Minute)}, before)
	if e := c.get("/", now); e != nil {
		t.Errorf("a page built before the clear was kept: %+v", e)
	}
	c.put(&entry{key: "/", redirect: "/new", expires: now.Add(time.Minute)}, c.generation())
	if e := c.get("/", now); e == nil || e.redirect != "/new" {
		t.Errorf("a page built after the clear: %+v; want it kept", e)
	}
}
