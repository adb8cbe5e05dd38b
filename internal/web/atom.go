package web

import (
	"encoding/xml"
	"strconv"
	"time"
)

// atomFeed is an Atom 1.0 document (RFC 4287).
type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID        string        `xml:"id"`
	Title     string        `xml:"title"`
	Updated   string        `xml:"updated"`
	Published string        `xml:"published"`
	Links     []atomLink    `xml:"link"`
	Summary   string        `xml:"summary,omitempty"`
	Author    atomPerson    `xml:"author"`
	Category  *atomCategory `xml:"category"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// atom encodes f as Atom 1.0. An entry's id is a tag URI of the article's
// number, not its address: a new title gives a new address, and feed readers
// must not take the article for a new one.
func (h *Handler) atom(f *feed) (*document, error) {
	updated := f.updated
	if updated.IsZero() {
		updated = h.now() // an empty feed still says when it was made
	}
	doc := atomFeed{Lang: "vi", ID: f.page, Title: f.title, Subtitle: f.description, Updated: rfc3339(updated),
		Links: []atomLink{
			{Href: f.self, Rel: "self", Type: "application/atom+xml"},
			{Href: f.page, Rel: "alternate", Type: "text/html"},
		},
		Author: atomPerson{Name: f.siteName},
	}
	for i := range f.articles {
		a := &f.articles[i]
		e := atomEntry{ID: f.tagURI(a.ID, a.CreatedAt, a.PublishedAt), Title: a.Title,
			Updated: rfc3339(modified(a)), Published: rfc3339(a.PublishedAt),
			Links:   []atomLink{{Href: h.absURL(a.URL()), Rel: "alternate", Type: "text/html"}},
			Summary: a.Summary, Author: atomPerson{Name: a.Author},
		}
		if e.Author.Name == "" {
			e.Author.Name = f.siteName
		}
		if c := f.category(a); c != nil {
			e.Category = &atomCategory{Term: c.Slug, Label: c.Name}
		}
		if m := a.Cover; m != nil {
			e.Links = append(e.Links, atomLink{Href: h.absURL(m.URL()), Rel: "enclosure", Type: m.MIME, Length: m.Size})
		}
		doc.Entries = append(doc.Entries, e)
	}
	return newDocument(atomType, doc, f.updated)
}

// tagURI is an article's lasting id (RFC 4151), dated by its creation.
func (f *feed) tagURI(id int64, created, published time.Time) string {
	day := created
	if day.IsZero() {
		day = published
	}
	return "tag:" + f.host + "," + day.UTC().Format(time.DateOnly) + ":bai-viet/" + strconv.FormatInt(id, 10)
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }
