package web_test

import (
	"encoding/xml"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// The base URL the test sites are configured with, which every absolute
// link starts with (it is also httptest's request host, which must not
// matter).
const origin = "http://example.com"

// rssSchema is RSS 2.0 as a reader parses it. The self link comes before
// the channel's link: a field without namespace takes any element of its
// name.
type rssSchema struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Self struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
			Type string `xml:"type,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
		Title         string `xml:"title"`
		Link          string `xml:"link"`
		Description   string `xml:"description"`
		Language      string `xml:"language"`
		LastBuildDate string `xml:"lastBuildDate"`
		Items         []struct {
			Title string `xml:"title"`
			Link  string `xml:"link"`
			GUID  struct {
				IsPermaLink string `xml:"isPermaLink,attr"`
				Value       string `xml:",chardata"`
			} `xml:"guid"`
			PubDate     string `xml:"pubDate"`
			Description string `xml:"description"`
			Creator     string `xml:"http://purl.org/dc/elements/1.1/ creator"`
			Category    string `xml:"category"`
			Enclosure   *struct {
				URL    string `xml:"url,attr"`
				Length int64  `xml:"length,attr"`
				Type   string `xml:"type,attr"`
			} `xml:"enclosure"`
		} `xml:"item"`
	} `xml:"channel"`
}

// atomSchema is Atom 1.0, every element in the Atom namespace.
type atomSchema struct {
	XMLName xml.Name     `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string       `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string       `xml:"http://www.w3.org/2005/Atom id"`
	Title   string       `xml:"http://www.w3.org/2005/Atom title"`
	Updated string       `xml:"http://www.w3.org/2005/Atom updated"`
	Links   []atomLinkEl `xml:"http://www.w3.org/2005/Atom link"`
	Author  string       `xml:"http://www.w3.org/2005/Atom author>name"`
	Entries []struct {
		ID        string       `xml:"http://www.w3.org/2005/Atom id"`
		Title     string       `xml:"http://www.w3.org/2005/Atom title"`
		Updated   string       `xml:"http://www.w3.org/2005/Atom updated"`
		Published string       `xml:"http://www.w3.org/2005/Atom published"`
		Links     []atomLinkEl `xml:"http://www.w3.org/2005/Atom link"`
		Summary   string       `xml:"http://www.w3.org/2005/Atom summary"`
		Author    string       `xml:"http://www.w3.org/2005/Atom author>name"`
		Category  struct {
			Term  string `xml:"term,attr"`
			Label string `xml:"label,attr"`
		} `xml:"http://www.w3.org/2005/Atom category"`
	} `xml:"http://www.w3.org/2005/Atom entry"`
}

type atomLinkEl struct {
	Href   string `xml:"href,attr"`
	Rel    string `xml:"rel,attr"`
	Type   string `xml:"type,attr"`
	Length int64  `xml:"length,attr"`
}

func (l atomLinkEl) String() string { return l.Rel + " " + l.Href }

func link(links []atomLinkEl, rel string) *atomLinkEl {
	for i := range links {
		if links[i].Rel == rel {
			return &links[i]
		}
	}
	return nil
}

// fixture is the demo portal with more articles: 55 published ones in
// Kinh tế, a draft and one not yet due in Chính trị, and one published in a
// visible category under a hidden one.
type fixture struct {
	*site
	siteName string
	hidden   []string // slugs of the hidden category and of its child
	secret   []string // titles readers must never see in a feed or sitemap
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	f := &fixture{site: newSite(t, db)}
	settings, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f.siteName = settings[portal.SettingSiteName]
	cats, err := db.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tree := portal.NewCategoryTree(cats)
	hidden := portal.Category{Name: "Chuyên mục ẩn", Slug: "chuyen-muc-an", Visible: false}
	if err := db.CreateCategory(ctx, storetest.Actor, &hidden); err != nil {
		t.Fatal(err)
	}
	under := portal.Category{Name: "Dưới mục ẩn", Slug: "duoi-muc-an", ParentID: hidden.ID, Visible: true}
	if err := db.CreateCategory(ctx, storetest.Actor, &under); err != nil {
		t.Fatal(err)
	}
	f.hidden = []string{hidden.Slug, under.Slug}
	now := time.Now().Truncate(time.Second)
	var bulk []portal.Article
	for i := range 55 {
		at := now.Add(-time.Duration(i+1) * time.Hour)
		bulk = append(bulk, portal.Article{CategoryID: tree.BySlug("kinh-te").ID, Title: "Tin kinh tế số " + strconv.Itoa(i),
			Slug: "tin-kinh-te-so-" + strconv.Itoa(i), Summary: "Tóm tắt " + strconv.Itoa(i), Author: "Minh Anh",
			Status: portal.StatusPublished, CreatedAt: at, UpdatedAt: at, PublishedAt: at})
	}
	if err := db.ImportArticles(ctx, storetest.Actor, bulk); err != nil {
		t.Fatal(err)
	}
	for _, a := range []portal.Article{
		{CategoryID: tree.BySlug("chinh-tri").ID, Title: "Bản nháp bí mật", Status: portal.StatusDraft},
		{CategoryID: tree.BySlug("chinh-tri").ID, Title: "Hẹn giờ bí mật", Status: portal.StatusPublished, PublishedAt: now.Add(time.Hour)},
		{CategoryID: under.ID, Title: "Tin trong mục ẩn", Status: portal.StatusPublished, PublishedAt: now.Add(-time.Minute)},
	} {
		a.Body = "<p>bí mật</p>"
		if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		f.secret = append(f.secret, a.Title)
	}
	f.h.ClearCache()
	return f
}

// decode parses the response body into v, failing on a wrong status or type.
func decode(t *testing.T, w *httptest.ResponseRecorder, ctype string, v any) {
	t.Helper()
	if w.Code != 200 {
		t.Fatalf("status %d; want 200", w.Code)
	}
	if got := w.Header().Get("Content-Type"); got != ctype {
		t.Errorf("Content-Type = %q; want %q", got, ctype)
	}
	if err := xml.Unmarshal(w.Body.Bytes(), v); err != nil {
		t.Fatalf("parse: %v\n%s", err, w.Body)
	}
}

func TestRSS(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		var feed rssSchema
		w := f.get(t, "/rss")
		decode(t, w, "application/rss+xml; charset=utf-8", &feed)
		c := feed.Channel
		if feed.Version != "2.0" || c.Title != f.siteName || c.Link != origin+"/" || c.Language != "vi" || c.Description == "" {
			t.Errorf("channel: version %q title %q link %q language %q description %q", feed.Version, c.Title, c.Link,
				c.Language, c.Description)
		}
		if c.Self.Href != origin+"/rss" || c.Self.Rel != "self" || c.Self.Type != "application/rss+xml" {
			t.Errorf("atom:link = %+v; want rel=self to %s/rss", c.Self, origin)
		}
		built, err := time.Parse(time.RFC1123Z, c.LastBuildDate)
		if err != nil {
			t.Errorf("lastBuildDate %q: %v", c.LastBuildDate, err)
		}
		if len(c.Items) != 50 {
			t.Fatalf("%d items; want the latest 50", len(c.Items))
		}
		var prev time.Time
		for i, it := range c.Items {
			pub, err := time.Parse(time.RFC1123Z, it.PubDate)
			if err != nil {
				t.Errorf("item %d pubDate %q: %v", i, it.PubDate, err)
			}
			if i > 0 && pub.After(prev) {
				t.Errorf("item %d (%s) is newer than the one before", i, it.Title)
			}
			prev = pub
			if pub.After(built) {
				t.Errorf("item %d published %s, after lastBuildDate %s", i, pub, built)
			}
			if !strings.HasPrefix(it.Link, origin+"/") || !strings.HasPrefix(it.GUID.Value, origin+"/bai/") || it.GUID.IsPermaLink != "true" {
				t.Errorf("item %d: link %q guid %+v; want an absolute link and the permanent address as guid", i, it.Link, it.GUID)
			}
			if slices.Contains(f.secret, it.Title) {
				t.Errorf("the feed lists %q", it.Title)
			}
		}
		first := c.Items[0]
		if first.Title != "Tin kinh tế số 0" || first.Category != "Kinh tế" || first.Description != "Tóm tắt 0" ||
			first.Creator != "Minh Anh" || first.Link != origin+"/kinh-te/tin-kinh-te-so-0" {
			t.Errorf("first item = %+v", first)
		}
		// The seed article, the oldest, is past the 50; its category's feed has it.
		feed = rssSchema{}
		decode(t, f.get(t, "/rss/chinh-tri"), "application/rss+xml; charset=utf-8", &feed)
		if n := len(feed.Channel.Items); n != 1 {
			t.Fatalf("Chính trị feed has %d items; want the seed article alone", n)
		}
		seed := feed.Channel.Items[0]
		if seed.Link != origin+seedURL || seed.Category != "Chính trị" {
			t.Errorf("seed item: link %q category %q", seed.Link, seed.Category)
		}
		if e := seed.Enclosure; e == nil || !strings.HasPrefix(e.URL, origin+"/media/") || e.Length <= 0 ||
			!strings.HasPrefix(e.Type, "image/") {
			t.Errorf("seed enclosure = %+v; want the cover's absolute URL, length and type", e)
		}
		if feed.Channel.Link != origin+"/chinh-tri" || feed.Channel.Self.Href != origin+"/rss/chinh-tri" ||
			!strings.HasPrefix(feed.Channel.Title, "Chính trị") {
			t.Errorf("category channel: title %q link %q self %q", feed.Channel.Title, feed.Channel.Link, feed.Channel.Self.Href)
		}
	})
}

func TestAtom(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		var feed atomSchema
		decode(t, f.get(t, "/atom"), "application/atom+xml; charset=utf-8", &feed)
		if feed.ID != origin+"/" || feed.Title != f.siteName || feed.Lang != "vi" || feed.Author == "" {
			t.Errorf("feed: id %q title %q lang %q author %q", feed.ID, feed.Title, feed.Lang, feed.Author)
		}
		if l := link(feed.Links, "self"); l == nil || l.Href != origin+"/atom" {
			t.Errorf("self link = %v; want %s/atom", l, origin)
		}
		if l := link(feed.Links, "alternate"); l == nil || l.Href != origin+"/" {
			t.Errorf("alternate link = %v; want %s/", l, origin)
		}
		updated, err := time.Parse(time.RFC3339, feed.Updated)
		if err != nil {
			t.Errorf("updated %q: %v", feed.Updated, err)
		}
		if len(feed.Entries) != 50 {
			t.Fatalf("%d entries; want 50", len(feed.Entries))
		}
		ids := map[string]bool{}
		for i, e := range feed.Entries {
			up, err1 := time.Parse(time.RFC3339, e.Updated)
			pub, err2 := time.Parse(time.RFC3339, e.Published)
			if err1 != nil || err2 != nil || up.After(updated) || pub.After(up) {
				t.Errorf("entry %d: updated %q published %q, feed updated %q", i, e.Updated, e.Published, feed.Updated)
			}
			if !strings.HasPrefix(e.ID, "tag:example.com,") || ids[e.ID] {
				t.Errorf("entry %d: id %q; want a tag URI of its own", i, e.ID)
			}
			ids[e.ID] = true
			if l := link(e.Links, "alternate"); l == nil || !strings.HasPrefix(l.Href, origin+"/") {
				t.Errorf("entry %d: alternate link %v; want an absolute URL", i, l)
			}
			if e.Author == "" || e.Category.Term == "" || e.Category.Label == "" {
				t.Errorf("entry %d: author %q category %+v", i, e.Author, e.Category)
			}
			if slices.Contains(f.secret, e.Title) {
				t.Errorf("the feed lists %q", e.Title)
			}
		}
		if e := feed.Entries[0]; e.Title != "Tin kinh tế số 0" || e.Summary != "Tóm tắt 0" || e.Category.Term != "kinh-te" {
			t.Errorf("first entry = %+v", e)
		}
		feed = atomSchema{}
		decode(t, f.get(t, "/atom/chinh-tri"), "application/atom+xml; charset=utf-8", &feed)
		if len(feed.Entries) != 1 {
			t.Fatalf("Chính trị feed has %d entries; want 1", len(feed.Entries))
		}
		if l := link(feed.Entries[0].Links, "enclosure"); l == nil || !strings.HasPrefix(l.Href, origin+"/media/") ||
			l.Length <= 0 || !strings.HasPrefix(l.Type, "image/") {
			t.Errorf("seed enclosure = %v; want the cover", l)
		}
	})
}

func TestFeedStatuses(t *testing.T) {
	f := newFixture(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	for _, tc := range []struct {
		path string
		want int
	}{
		{"/rss", 200},
		{"/atom", 200},
		{"/rss/kinh-te", 200},
		{"/atom/kinh-te", 200},
		{"/rss/xay-dung-dang", 200}, // a sub-category, empty
		{"/rss/chuyen-muc-an", 404},
		{"/rss/duoi-muc-an", 404}, // visible, under a hidden one
		{"/atom/duoi-muc-an", 404},
		{"/rss/khong-co", 404},
		{"/rss/Kinh-Te", 404},
		{"/rss/kinh-te/x", 404},
	} {
		if w := f.get(t, tc.path); w.Code != tc.want {
			t.Errorf("GET %s = %d; want %d", tc.path, w.Code, tc.want)
		}
	}
}

func TestFeedConditionalGet(t *testing.T) {
	f := newFixture(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	for _, path := range []string{"/rss", "/atom/kinh-te", "/sitemap.xml", "/sitemap/trang-1.xml"} {
		w := f.get(t, path)
		tag, modified := w.Header().Get("ETag"), w.Header().Get("Last-Modified")
		if w.Code != 200 || !strings.HasPrefix(tag, `"`) {
			t.Fatalf("GET %s = %d, ETag %q", path, w.Code, tag)
		}
		if w.Header().Get("Set-Cookie") != "" {
			t.Errorf("GET %s sets a cookie", path)
		}
		if again := f.get(t, path); again.Header().Get("ETag") != tag || again.Body.String() != w.Body.String() {
			t.Errorf("GET %s again: another ETag or body", path)
		}
		if w := f.get(t, path, "If-None-Match", tag); w.Code != 304 || w.Body.Len() != 0 {
			t.Errorf("GET %s If-None-Match its ETag = %d with %d bytes; want 304 and none", path, w.Code, w.Body.Len())
		}
		if w := f.get(t, path, "If-None-Match", `"autre"`); w.Code != 200 {
			t.Errorf("GET %s If-None-Match another = %d; want 200", path, w.Code)
		}
		if path == "/sitemap.xml" {
			continue // an index has no date of its own
		}
		last, err := time.Parse(http1123, modified)
		if err != nil {
			t.Fatalf("GET %s: Last-Modified %q: %v", path, modified, err)
		}
		if w := f.get(t, path, "If-Modified-Since", modified); w.Code != 304 {
			t.Errorf("GET %s If-Modified-Since its Last-Modified = %d; want 304", path, w.Code)
		}
		if w := f.get(t, path, "If-Modified-Since", last.Add(-time.Second).Format(http1123)); w.Code != 200 {
			t.Errorf("GET %s If-Modified-Since a second before = %d; want 200", path, w.Code)
		}
	}
	// The feed of the whole site dates from its newest article.
	var feed rssSchema
	w := f.get(t, "/rss")
	decode(t, w, "application/rss+xml; charset=utf-8", &feed)
	pub, _ := time.Parse(time.RFC1123Z, feed.Channel.Items[0].PubDate)
	if got := w.Header().Get("Last-Modified"); got != pub.UTC().Format(http1123) {
		t.Errorf("Last-Modified = %q; want the newest article's time %q", got, pub.UTC().Format(http1123))
	}
}

const http1123 = "Mon, 02 Jan 2006 15:04:05 GMT"

// TestFeedCached serves the feed from memory until the cache is dropped.
func TestFeedCached(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	f := newFixture(t, db)
	before := f.get(t, "/rss").Body.String()
	cats, _ := db.Categories(ctx)
	a := portal.Article{CategoryID: portal.NewCategoryTree(cats).BySlug("kinh-te").ID, Title: "Tin vừa đăng",
		Status: portal.StatusPublished, PublishedAt: time.Now()}
	if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
		t.Fatal(err)
	}
	if got := f.get(t, "/rss").Body.String(); got != before {
		t.Error("the feed changed before its cache period ended")
	}
	f.h.ClearCache()
	if got := f.get(t, "/rss").Body.String(); !strings.Contains(got, "Tin vừa đăng") {
		t.Error("after ClearCache the feed lacks the new article")
	}
}
