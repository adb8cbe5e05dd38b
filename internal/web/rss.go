package web

import (
	"encoding/xml"
	"html"
	"time"
)

// Namespaces RSS borrows from: Atom for its self link, Dublin Core for the
// byline.
const (
	atomNS = "http://www.w3.org/2005/Atom"
	dcNS   = "http://purl.org/dc/elements/1.1/"
)

// rssDoc is an RSS 2.0 document (https://www.rssboard.org/rss-specification).
type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	AtomNS  string     `xml:"xmlns:atom,attr"`
	DCNS    string     `xml:"xmlns:dc,attr"` // for the byline, which RSS's author (an e-mail) cannot hold
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string        `xml:"title"`
	Link        string        `xml:"link"`
	GUID        rssGUID       `xml:"guid"`
	PubDate     string        `xml:"pubDate"`
	Description string        `xml:"description,omitempty"`
	Author      string        `xml:"dc:creator,omitempty"`
	Category    string        `xml:"category,omitempty"`
	Enclosure   *rssEnclosure `xml:"enclosure"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type rssEnclosure struct {
	URL    string `xml:"url,attr"`
	Length int64  `xml:"length,attr"`
	Type   string `xml:"type,attr"`
}

// atomLink is Atom's link element, in Atom feeds and in RSS's self link.
type atomLink struct {
	Href   string `xml:"href,attr"`
	Rel    string `xml:"rel,attr,omitempty"`
	Type   string `xml:"type,attr,omitempty"`
	Length int64  `xml:"length,attr,omitempty"`
}

// rss encodes f as RSS 2.0. Dates are RFC 1123 with a numeric zone, in UTC.
// A description is HTML to feed readers, so the plain text of summaries,
// names and taglines is escaped as HTML once before XML escapes it again:
// "<b>" reaches the reader as the text "<b>", never as markup. Titles,
// categories and bylines are plain text in RSS and are escaped by XML only.
// The guid is the article's permanent address, which a new title keeps.
func (h *Handler) rss(f *feed) (*document, error) {
	doc := rssDoc{Version: "2.0", AtomNS: atomNS, DCNS: dcNS, Channel: rssChannel{
		Title: f.title, Link: f.page, Description: html.EscapeString(f.description), Language: "vi",
		Self: atomLink{Href: f.self, Rel: "self", Type: "application/rss+xml"},
	}}
	if !f.updated.IsZero() {
		doc.Channel.LastBuildDate = rfc1123(f.updated)
	}
	for i := range f.articles {
		a := &f.articles[i]
		item := rssItem{Title: a.Title, Link: h.absURL(a.URL()),
			GUID:    rssGUID{IsPermaLink: true, Value: h.absURL(permalink(a.ID))},
			PubDate: rfc1123(a.PublishedAt), Description: html.EscapeString(a.Summary), Author: a.Author}
		if c := f.category(a); c != nil {
			item.Category = c.Name
		}
		if m := a.Cover; m != nil {
			item.Enclosure = &rssEnclosure{URL: h.absURL(m.URL()), Length: m.Size, Type: m.MIME}
		}
		doc.Channel.Items = append(doc.Channel.Items, item)
	}
	return newDocument(rssType, doc, f.updated)
}

func rfc1123(t time.Time) string { return t.UTC().Format(time.RFC1123Z) }
