package nukeviet

import (
	"path"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"cong/internal/sanitize"
)

// sanitizeBody is bodyhtml as the portal keeps an article's body.
func sanitizeBody(raw string) string { return sanitize.Body(raw) }

// bodyScan is what a body holds that the report should name.
type bodyScan struct {
	active    []string // scripts, frames, handlers: what the sanitizer removes
	documents []string // links to files under uploads/ that are not pictures
}

// activeElements run code or pull in other pages.
var activeElements = map[string]bool{"script": true, "iframe": true, "object": true, "embed": true, "form": true,
	"frame": true, "frameset": true, "applet": true, "base": true, "meta": true, "link": true, "style": true}

// scanBody reads the body as a browser would and lists its active content
// and its links to documents under uploads/, each once.
func scanBody(raw string) bodyScan {
	var s bodyScan
	add := func(list *[]string, v string) {
		if !slices.Contains(*list, v) {
			*list = append(*list, v)
		}
	}
	z := html.NewTokenizer(strings.NewReader(raw))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return s
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		t := z.Token()
		if activeElements[t.Data] {
			add(&s.active, "<"+t.Data+">")
		}
		for _, a := range t.Attr {
			v := strings.ToLower(strings.TrimSpace(a.Val))
			switch {
			case strings.HasPrefix(a.Key, "on"):
				add(&s.active, a.Key+" handlers")
			case strings.HasPrefix(strings.ReplaceAll(v, " ", ""), "javascript:"):
				add(&s.active, "javascript: links")
			case t.Data == "a" && a.Key == "href" && isDocument(a.Val):
				add(&s.documents, a.Val)
			}
		}
	}
}

// isDocument tells a link to a file under uploads/ that is not a picture.
func isDocument(href string) bool {
	if !strings.Contains(href, "/uploads/") && !strings.HasPrefix(href, "uploads/") {
		return false
	}
	if _, ok := uploadPath(href); ok {
		return false
	}
	ext := strings.ToLower(path.Ext(strings.SplitN(href, "?", 2)[0]))
	return ext != "" && ext != ".html" && ext != ".htm"
}
