package web

import (
	"encoding/json"
	"html/template"
	neturl "net/url"
	"strings"
	"time"
	"unicode/utf8"

	"cong/internal/portal"
	"cong/internal/sanitize"
)

// ArticleMeta is what an article tells machines about itself: Open Graph
// and Twitter cards for sharing, JSON-LD for search engines, and the Dublin
// Core fields the rules on state portals ask of every article.
type ArticleMeta struct {
	URL         string // current, absolute
	Permalink   string // /bai/{id}, absolute: outlives a new title or category
	Title       string
	Description string
	Image       string // absolute, or ""
	SiteName    string
	Section     string
	Tags        []string
	Author      string
	Source      string
	Published   string // RFC 3339
	Modified    string
	Date        string // YYYY-MM-DD, for Dublin Core
	JSONLD      template.JS
	Share       Share
}

// Share is where a reader shares an article: plain links to each service's
// own share address, no script, frame or pixel of theirs on the page. They
// carry the article's address on the configured base URL, never the
// request's Host, for the page is cached for every reader.
type Share struct {
	Facebook string
	Zalo     string // the address Zalo's own share button opens
	Mail     string // mailto: with the title as subject, the address as body
}

// shareLinks are the share links of the article titled title at url.
func shareLinks(url, title string) Share {
	return Share{
		Facebook: "https://www.facebook.com/sharer/sharer.php?u=" + neturl.QueryEscape(url),
		Zalo:     "https://sp.zalo.me/share_to?url=" + neturl.QueryEscape(url),
		Mail:     "mailto:?subject=" + mailEscape(title) + "&body=" + mailEscape(title+"\r\n"+url),
	}
}

// mailEscape encodes s for a mailto: header field (RFC 6068): every byte
// but the unreserved ones as %XX, so a space is %20, never "+".
func mailEscape(s string) string { return strings.ReplaceAll(neturl.QueryEscape(s), "+", "%20") }

// articleMeta fills the metadata of a, its addresses on the portal's
// public address.
func (h *Handler) articleMeta(s *site, a *portal.Article, cat *portal.Category) *ArticleMeta {
	m := &ArticleMeta{URL: h.absURL(a.URL()), Permalink: h.absURL(permalink(a.ID)), Title: a.Title, Description: description(a), SiteName: s.info.Name,
		Section: cat.Name, Tags: a.Tags, Author: a.Author, Source: a.Source,
		Published: a.PublishedAt.UTC().Format(time.RFC3339), Modified: a.UpdatedAt.UTC().Format(time.RFC3339),
		Date: a.PublishedAt.UTC().Format("2006-01-02")}
	if img := articleImage(a); img != "" {
		m.Image = h.absURL(img)
	}
	emblem, _ := h.assets.URL("emblem.svg")
	m.JSONLD = newsArticle(m, h.absURL(emblem))
	m.Share = shareLinks(m.URL, a.Title)
	return m
}

// description is the summary, or the body's first words.
func description(a *portal.Article) string {
	if a.Summary != "" {
		return clip(a.Summary, 300)
	}
	return clip(sanitize.Text(a.Body), 300)
}

// clip is plain text s on one line, cut to at most n characters at the end
// of a word, for a page's description.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := string([]rune(s)[:n])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)*2/3 {
		return cut[:i] + "…"
	}
	return cut + "…"
}

// articleImage is the picture that stands for a: its cover, else its first.
func articleImage(a *portal.Article) string {
	switch {
	case a.Cover != nil:
		return a.Cover.URL()
	case len(a.Media) > 0:
		return a.Media[0].URL()
	}
	return ""
}

// newsArticle is the schema.org NewsArticle of m, as JSON that is safe in a
// script element (json.Marshal escapes <, > and &).
func newsArticle(m *ArticleMeta, logo string) template.JS {
	type thing = map[string]any
	doc := thing{
		"@context": "https://schema.org", "@type": "NewsArticle",
		"headline": m.Title, "description": m.Description, "inLanguage": "vi",
		"datePublished": m.Published, "dateModified": m.Modified,
		"mainEntityOfPage": thing{"@type": "WebPage", "@id": m.URL}, "url": m.URL,
		"articleSection": m.Section,
		"publisher": thing{"@type": "Organization", "name": m.SiteName,
			"logo": thing{"@type": "ImageObject", "url": logo}},
	}
	if m.Author != "" {
		doc["author"] = []thing{{"@type": "Person", "name": m.Author}}
	} else {
		doc["author"] = []thing{{"@type": "Organization", "name": m.SiteName}}
	}
	if m.Image != "" {
		doc["image"] = []string{m.Image}
	}
	if len(m.Tags) > 0 {
		doc["keywords"] = strings.Join(m.Tags, ", ")
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return "{}"
	}
	return template.JS(b)
}
