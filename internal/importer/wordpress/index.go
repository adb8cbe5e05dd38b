package wordpress

import (
	"hash/maphash"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// index is what the first pass over the file learns, so that the second
// can write every item once, in an order where nothing points at what is
// not there yet. It holds no bodies: the channel's terms, the attachments'
// few fields, the pages' tree, and a hash of each item's own address.
type index struct {
	channel     wxrChannel
	attachments []attachment
	// pages are the pages to import, by WordPress id: their tree.
	pages map[int64]pageNode
	// links maps a hash of each item's own address (its <link>) to the
	// item: an address WordPress gave one item is never guessed for another.
	links map[uint64]int64
	seed  maphash.Seed
	// children lists the attachments uploaded to each post, for [gallery]
	// without ids.
	children map[int64][]int
	total    int // items and comments, for the progress line
	replaced int // control characters read as spaces
	invalid  int // bytes that were not UTF-8, read as "?"
}

// attachment is an <item> of type attachment, without its description.
type attachment struct {
	ID, Parent int64
	MenuOrder  int
	URL        string // attachment_url
	File       string // _wp_attached_file, relative to the uploads folder
	Title      string
	Caption    string // the excerpt
	Alt        string // _wp_attachment_image_alt
	Date       time.Time
	Sizes      []string // the files of its sized copies and original, from _wp_attachment_metadata
	Link       string
	line       int
}

// pageNode is a page's place in the tree.
type pageNode struct {
	Parent int64
	Slug   string // post_name, as WordPress keeps it (percent-encoded)
}

// scanIndex reads the whole file once, checking that it is well-formed.
func scanIndex(name string, r io.Reader) (*index, error) {
	ix := &index{pages: map[int64]pageNode{}, links: map[uint64]int64{}, children: map[int64][]int{},
		seed: maphash.MakeSeed()}
	s := newScanner(name, r)
	for {
		it, err := s.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		ix.add(it)
	}
	ix.channel = s.channel
	ix.replaced, ix.invalid = s.clean.replaced, s.clean.invalid
	ix.total += len(ix.channel.Categories)
	return ix, nil
}

func (ix *index) add(it *wxrItem) {
	ix.total += 1 + len(it.Comments)
	if key := portal.LegacyKeyOf(it.Link); key != "" && it.Type != "nav_menu_item" && it.Type != "revision" {
		if _, taken := ix.links[ix.hash(key)]; !taken {
			ix.links[ix.hash(key)] = it.ID
		}
	}
	switch it.Type {
	case "attachment":
		a := attachment{ID: it.ID, Parent: it.Parent, MenuOrder: it.MenuOrder, URL: strings.TrimSpace(it.AttachmentURL),
			File: strings.TrimSpace(it.firstMeta("_wp_attached_file")), Title: it.Title, Caption: it.excerpt(),
			Alt: it.firstMeta("_wp_attachment_image_alt"), Date: itemDate(it), Link: it.Link, line: it.line,
			Sizes: metadataFiles(it.firstMeta("_wp_attachment_metadata"))}
		if it.Parent != 0 {
			ix.children[it.Parent] = append(ix.children[it.Parent], len(ix.attachments))
		}
		ix.attachments = append(ix.attachments, a)
	case "page":
		if _, skip := skippedStatus[it.Status]; !skip {
			ix.pages[it.ID] = pageNode{Parent: it.Parent, Slug: it.Name}
		}
	}
}

func (ix *index) hash(key string) uint64 { return maphash.String(ix.seed, key) }

// ownedByOther reports whether key is the own address of an item other
// than id.
func (ix *index) ownedByOther(key string, id int64) bool {
	owner, ok := ix.links[ix.hash(key)]
	return ok && owner != id
}

// pagePath is the address WordPress gives a page: its ancestors' slugs and
// its own, "/gioi-thieu/lich-su"; "" when a slug is missing or the tree
// loops.
func (ix *index) pagePath(id int64) string {
	var parts []string
	for range 100 {
		n, ok := ix.pages[id]
		if !ok || n.Slug == "" {
			return ""
		}
		parts = append([]string{n.Slug}, parts...)
		if n.Parent == 0 {
			return "/" + strings.Join(parts, "/")
		}
		id = n.Parent
	}
	return ""
}

// metaFile finds the file names in a PHP-serialized _wp_attachment_metadata:
// the sized copies ("hoi-nghi-300x200.jpg") and the original a "-scaled"
// file was made from.
var metaFile = regexp.MustCompile(`s:(?:4:"file"|14:"original_image");s:\d+:"([^"]+)"`)

func metadataFiles(meta string) []string {
	var files []string
	for _, m := range metaFile.FindAllStringSubmatch(meta, 100) {
		files = append(files, m[1])
	}
	return files
}

// skippedStatus are the statuses of items nobody meant to keep.
var skippedStatus = map[string]string{
	"trash": "in the trash", "auto-draft": "an automatic draft", "inherit": "a revision",
}

// wpTime reads WordPress's "2020-12-30 08:00:00" in loc; zero for
// "0000-00-00 00:00:00", the date of what was never published.
func wpTime(s string, loc *time.Location) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(s, "0000") {
		return time.Time{}
	}
	t, err := time.ParseInLocation(time.DateTime, s, loc)
	if err != nil {
		return time.Time{}
	}
	return t
}

// siteZone is the time zone of post_date when post_date_gmt is missing (a
// draft's): the exports this reader is for come from Vietnamese sites.
var siteZone = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}()

// itemDate is when an item was written: post_date_gmt, else post_date in
// the site's zone.
func itemDate(it *wxrItem) time.Time {
	if t := wpTime(it.DateGMT, time.UTC); !t.IsZero() {
		return t
	}
	return wpTime(it.Date, siteZone).UTC()
}

// slugOf is a WordPress slug ("h%e1%bb%99i-ngh%e1%bb%8b") as a slug of
// this portal ("hoi-nghi").
func slugOf(name string) string {
	if u, err := url.PathUnescape(name); err == nil {
		name = u
	}
	return viet.Slug(name)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
