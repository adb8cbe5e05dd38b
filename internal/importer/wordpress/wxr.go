package wordpress

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// The elements of a WXR file this reader uses. WXR 1.0, 1.1 and 1.2 differ
// in their namespaces' addresses (http://wordpress.org/export/1.2/, …), so
// fields are matched by local name; the one name two namespaces share,
// "encoded" (content: and excerpt:), is told apart by its namespace.

// wxrAuthor is a <wp:author> of the channel: a login and the name shown.
type wxrAuthor struct {
	Login       string `xml:"author_login"`
	DisplayName string `xml:"author_display_name"`
	FirstName   string `xml:"author_first_name"`
	LastName    string `xml:"author_last_name"`
}

// wxrCategory is a <wp:category> of the channel; Parent is the parent's
// nicename, "" for a top category.
type wxrCategory struct {
	TermID   int64  `xml:"term_id"`
	Nicename string `xml:"category_nicename"`
	Parent   string `xml:"category_parent"`
	Name     string `xml:"cat_name"`
}

// wxrTag is a <wp:tag> of the channel.
type wxrTag struct {
	TermID int64  `xml:"term_id"`
	Slug   string `xml:"tag_slug"`
	Name   string `xml:"tag_name"`
}

// wxrText is an element whose namespace matters.
type wxrText struct {
	XMLName xml.Name
	Value   string `xml:",chardata"`
}

// wxrTerm is an item's <category domain="category|post_tag" nicename="…">.
type wxrTerm struct {
	Domain   string `xml:"domain,attr"`
	Nicename string `xml:"nicename,attr"`
	Name     string `xml:",chardata"`
}

type wxrMeta struct {
	Key   string `xml:"meta_key"`
	Value string `xml:"meta_value"`
}

// wxrComment is a <wp:comment> of an item.
type wxrComment struct {
	ID       int64  `xml:"comment_id"`
	Author   string `xml:"comment_author"`
	Email    string `xml:"comment_author_email"`
	IP       string `xml:"comment_author_IP"`
	Date     string `xml:"comment_date"`
	DateGMT  string `xml:"comment_date_gmt"`
	Content  string `xml:"comment_content"`
	Approved string `xml:"comment_approved"`
	Type     string `xml:"comment_type"`
	Parent   int64  `xml:"comment_parent"`
}

// wxrItem is an <item>: a post, page, attachment, menu item, revision, …
type wxrItem struct {
	Title         string       `xml:"title"`
	Link          string       `xml:"link"`
	GUID          string       `xml:"guid"`
	Creator       string       `xml:"creator"`
	Encoded       []wxrText    `xml:"encoded"`
	ID            int64        `xml:"post_id"`
	Date          string       `xml:"post_date"`
	DateGMT       string       `xml:"post_date_gmt"`
	ModifiedGMT   string       `xml:"post_modified_gmt"`
	CommentStatus string       `xml:"comment_status"`
	Name          string       `xml:"post_name"`
	Status        string       `xml:"status"`
	Parent        int64        `xml:"post_parent"`
	MenuOrder     int          `xml:"menu_order"`
	Type          string       `xml:"post_type"`
	Password      string       `xml:"post_password"`
	Sticky        int          `xml:"is_sticky"`
	AttachmentURL string       `xml:"attachment_url"`
	Terms         []wxrTerm    `xml:"category"`
	Meta          []wxrMeta    `xml:"postmeta"`
	Comments      []wxrComment `xml:"comment"`

	line int // where the item starts in the file
}

// content is the item's content:encoded, excerpt its excerpt:encoded.
func (it *wxrItem) content() string { return it.encoded("content") }
func (it *wxrItem) excerpt() string { return it.encoded("excerpt") }

func (it *wxrItem) encoded(ns string) string {
	for _, e := range it.Encoded {
		if strings.Contains(e.XMLName.Space, "/"+ns) {
			return e.Value
		}
	}
	return ""
}

// meta returns the values of the item's post meta key, in order.
func (it *wxrItem) meta(key string) []string {
	var vs []string
	for _, m := range it.Meta {
		if m.Key == key {
			vs = append(vs, m.Value)
		}
	}
	return vs
}

func (it *wxrItem) firstMeta(key string) string {
	if vs := it.meta(key); len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// wxrChannel is what the channel says of the site before its items.
type wxrChannel struct {
	Title      string
	Link       string
	SiteURL    string // wp:base_site_url
	BlogURL    string // wp:base_blog_url
	WXRVersion string
	Authors    []wxrAuthor
	Categories []wxrCategory
	Tags       []wxrTag
}

func (ch *wxrChannel) set(name, v string) {
	switch name {
	case "title":
		ch.Title = v
	case "link":
		ch.Link = v
	case "base_site_url":
		ch.SiteURL = v
	case "base_blog_url":
		ch.BlogURL = v
	case "wxr_version":
		ch.WXRVersion = v
	}
}

// readError is a problem of the file itself, with the line it is at.
type readError struct {
	File string
	Line int
	Err  error
}

func (e *readError) Error() string {
	return fmt.Sprintf("%s: line %d: %v", e.File, e.Line, e.Err)
}

func (e *readError) Unwrap() error { return e.Err }

// scanner streams a WXR file: the channel's own elements, then one item at
// a time. Only the current item is held in memory.
type scanner struct {
	name    string
	d       *xml.Decoder
	clean   *controlFilter
	channel wxrChannel
	inChan  bool
}

// newScanner reads a WXR file from r; name is how errors name it.
func newScanner(name string, r io.Reader) *scanner {
	clean := &controlFilter{r: bufio.NewReaderSize(r, 256<<10)}
	d := xml.NewDecoder(clean)
	d.CharsetReader = charset.NewReaderLabel
	return &scanner{name: name, d: d, clean: clean}
}

// errNotWXR says the file is XML but no WordPress export.
var errNotWXR = errors.New("not a WordPress export (WXR): no <rss><channel> with wp:wxr_version")

// next returns the next item, or io.EOF after the last one. Everything of
// the channel before the item is in s.channel by then. A file that ends
// early or is not well-formed is a *readError naming the line.
func (s *scanner) next() (*wxrItem, error) {
	for {
		line, _ := s.d.InputPos()
		tok, err := s.d.Token()
		if err == io.EOF {
			if !s.seenWXR() {
				return nil, s.fail(line, errNotWXR)
			}
			return nil, io.EOF
		}
		if err != nil {
			return nil, s.fail(line, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			if ee, ok := tok.(xml.EndElement); ok && ee.Name.Local == "channel" {
				s.inChan = false
			}
			continue
		}
		if !s.inChan {
			if se.Name.Local == "channel" {
				s.inChan = true
			}
			continue
		}
		if it, err := s.channelElement(se, line); it != nil || err != nil {
			return it, err
		}
	}
}

// channelElement reads one element of the channel: an item is returned,
// the site's own elements are kept in s.channel.
func (s *scanner) channelElement(se xml.StartElement, line int) (*wxrItem, error) {
	var err error
	ch := &s.channel
	switch name := se.Name.Local; {
	case name == "item":
		if !s.seenWXR() {
			return nil, s.fail(line, errNotWXR)
		}
		it := &wxrItem{line: line}
		if err := s.d.DecodeElement(it, &se); err != nil {
			return nil, s.fail(line, fmt.Errorf("item starting here: %w", err))
		}
		return it, nil
	case name == "author" && isWP(se.Name):
		var a wxrAuthor
		err = s.d.DecodeElement(&a, &se)
		ch.Authors = append(ch.Authors, a)
	case name == "category" && isWP(se.Name):
		var c wxrCategory
		err = s.d.DecodeElement(&c, &se)
		ch.Categories = append(ch.Categories, c)
	case name == "tag" && isWP(se.Name):
		var t wxrTag
		err = s.d.DecodeElement(&t, &se)
		ch.Tags = append(ch.Tags, t)
	case name == "title" || name == "link" || name == "base_site_url" || name == "base_blog_url" || name == "wxr_version":
		var v string
		err = s.d.DecodeElement(&v, &se)
		ch.set(name, strings.TrimSpace(v))
	default:
		err = s.d.Skip()
	}
	if err != nil {
		return nil, s.fail(line, err)
	}
	return nil, nil
}

// isWP reports whether n is in WordPress's export namespace (any version),
// or carries its usual prefix undeclared.
func isWP(n xml.Name) bool {
	return strings.Contains(n.Space, "wordpress.org/export") || n.Space == "wp"
}

func (s *scanner) seenWXR() bool { return s.channel.WXRVersion != "" }

// fail makes err a *readError: at the line a syntax error names, else at
// line. A file that ends inside an element is said to be cut short.
func (s *scanner) fail(line int, err error) error {
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		line = syn.Line
		if strings.Contains(syn.Msg, "unexpected EOF") {
			err = fmt.Errorf("the export ends in the middle of an element (cut short?): %w", err)
		} else {
			err = fmt.Errorf("malformed XML: %w", err)
		}
	} else if errors.Is(err, io.ErrUnexpectedEOF) {
		cur, _ := s.d.InputPos()
		line = cur
		err = fmt.Errorf("the export ends in the middle of an element (cut short?): %w", err)
	}
	return &readError{File: s.name, Line: line, Err: err}
}

// controlFilter makes a stream XML accepts of what WordPress exports when a
// pasted text held bytes XML forbids: control characters become spaces and
// bytes that are not UTF-8 become "?", so that one stray byte does not stop
// a whole export. Lengths and line breaks stay, so lines count true.
type controlFilter struct {
	r        io.Reader
	pending  []byte // the start of a UTF-8 sequence the last read cut
	replaced int    // control characters
	invalid  int    // bytes that were not UTF-8
}

func (f *controlFilter) Read(p []byte) (int, error) {
	if len(p) < utf8.UTFMax {
		return 0, io.ErrShortBuffer
	}
	for {
		n := copy(p, f.pending)
		f.pending = f.pending[:0]
		m, err := f.r.Read(p[n:])
		n = f.clean(p[:n+m], err != nil)
		if n > 0 || err != nil {
			return n, err
		}
	}
}

// clean fixes p in place and returns how much of it is ready: a sequence
// cut at its end waits for the next read, unless the stream ended.
func (f *controlFilter) clean(p []byte, last bool) int {
	for i := 0; i < len(p); {
		b := p[i]
		if b < utf8.RuneSelf {
			if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
				p[i] = ' '
				f.replaced++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size == 1 {
			if !last && !utf8.FullRune(p[i:]) {
				f.pending = append(f.pending, p[i:]...)
				return i
			}
			p[i] = '?'
			f.invalid++
		}
		i += size
	}
	return len(p)
}
