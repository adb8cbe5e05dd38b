package web_test

import (
	"bytes"
	"encoding/xml"
	"html"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/xsstest"
)

// TestFeedsCarryText sends every XSS vector through what the feeds say —
// the article's title, summary and byline, its category's name, the site's
// name and tagline — and reads each feed as a feed reader would: the XML
// holds only the feed's own elements; an RSS description, which readers
// render as HTML, renders as the text written and nothing that runs; every
// other field (RSS title, category, byline; Atom, all text) is that text.
func TestFeedsCarryText(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		vectors := xsstest.Vectors()
		if err := db.SaveSettings(ctx, storetest.Actor, map[string]string{portal.SettingSiteName: vectors[0],
			portal.SettingSiteTagline: vectors[len(vectors)-1]}); err != nil {
			t.Fatal(err)
		}
		now := time.Now().Truncate(time.Second)
		var articles []portal.Article
		var cats []string
		names := map[string]string{} // category slug → name as stored
		for i, v := range vectors {
			c := portal.Category{Name: v, Slug: "xss-" + strconv.Itoa(i), Visible: true}
			if err := db.CreateCategory(ctx, storetest.Actor, &c); err != nil {
				c.Name = "Chuyên mục " + strconv.Itoa(i) // not a name staff could save
				if err := db.CreateCategory(ctx, storetest.Actor, &c); err != nil {
					t.Fatal(err)
				}
			}
			at := now.Add(-time.Duration(i+1) * time.Minute)
			articles = append(articles, portal.Article{CategoryID: c.ID, Title: v, Slug: c.Slug, Summary: v, Author: v,
				Source: v, Status: portal.StatusPublished, CreatedAt: at, UpdatedAt: at, PublishedAt: at})
			cats, names[c.Slug] = append(cats, c.Slug), c.Name
		}
		if err := db.ImportArticles(ctx, storetest.Actor, articles); err != nil {
			t.Fatal(err)
		}
		s.h.ClearCache()
		for _, p := range []string{"/rss", "/atom"} {
			checkFeed(t, p, s.get(t, p).Body.Bytes())
		}
		settings, err := db.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, slug := range cats {
			a, err := db.ArticleBySlug(ctx, slug) // as stored: what readers must get back
			if err != nil {
				t.Fatal(err)
			}
			catName := names[slug]
			w := s.get(t, "/rss/"+slug)
			checkFeed(t, "/rss/"+slug, w.Body.Bytes())
			var rss rssSchema
			decode(t, w, "application/rss+xml; charset=utf-8", &rss)
			ch := rss.Channel
			wantDesc := "Tin mới của chuyên mục " + catName + ", " + settings[portal.SettingSiteName]
			if len(ch.Items) != 1 || html.UnescapeString(ch.Description) != wantDesc {
				t.Fatalf("/rss/%s: channel description %q, %d items", slug, ch.Description, len(ch.Items))
			}
			it := ch.Items[0]
			if html.UnescapeString(it.Description) != a.Summary || it.Title != a.Title || it.Category != catName ||
				it.Creator != a.Author {
				t.Errorf("/rss/%s: item %+v; want the text of %q", slug, it, a.Title)
			}
			w = s.get(t, "/atom/"+slug)
			checkFeed(t, "/atom/"+slug, w.Body.Bytes())
			var af atomSchema
			decode(t, w, "application/atom+xml; charset=utf-8", &af)
			if len(af.Entries) != 1 {
				t.Fatalf("/atom/%s: %d entries", slug, len(af.Entries))
			}
			e := af.Entries[0]
			if e.Summary != a.Summary || e.Title != a.Title || e.Category.Label != catName || e.Author != a.Author {
				t.Errorf("/atom/%s: entry %+v; want the text of %q", slug, e, a.Title)
			}
		}
	})
}

// rssElements and atomElements are the elements the feeds may hold.
var (
	rssElements = map[string]bool{"rss": true, "channel": true, "title": true, "link": true, "description": true,
		"language": true, "lastBuildDate": true, "item": true, "guid": true, "pubDate": true, "creator": true,
		"category": true, "enclosure": true}
	atomElements = map[string]bool{"feed": true, "id": true, "title": true, "subtitle": true, "updated": true,
		"published": true, "link": true, "author": true, "name": true, "entry": true, "summary": true, "category": true}
)

// checkFeed walks a feed's XML and checks every element and text in it.
func checkFeed(t *testing.T, path string, body []byte) {
	t.Helper()
	allowed := rssElements
	if strings.HasPrefix(path, "/atom") {
		allowed = atomElements
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	var stack []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not XML: %v", path, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if !allowed[tok.Name.Local] {
				t.Errorf("%s: element <%s> is not the feed's own", path, tok.Name.Local)
			}
			for _, a := range tok.Attr {
				if a.Name.Local == "type" && (a.Value == "html" || a.Value == "xhtml") {
					t.Errorf("%s: <%s type=%q>: Atom text must be text", path, tok.Name.Local, a.Value)
				}
			}
			stack = append(stack, tok.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1] == "description" {
				checkDescription(t, path, string(tok))
			}
		}
	}
}

// checkDescription renders an RSS description as HTML, as feed readers do:
// nothing in it may run, and it must show the text that was written.
func checkDescription(t *testing.T, path, desc string) {
	t.Helper()
	if problems := xsstest.Problems([]byte(desc)); len(problems) > 0 {
		t.Errorf("%s: description %q runs script as HTML: %v", path, desc, problems)
	}
	nodes, err := xhtml.ParseFragment(strings.NewReader(desc), &xhtml.Node{Type: xhtml.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, n := range nodes {
		if n.Type != xhtml.TextNode {
			t.Errorf("%s: description %q holds markup <%s>; want text", path, desc, n.Data)
		}
	}
}
