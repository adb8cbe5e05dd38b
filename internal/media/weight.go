package media

import (
	"cmp"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cong/internal/htmlnode"
	"cong/internal/portal"
)

// The phone whose download a page's image weight counts: 360 CSS pixels
// wide (the most common Android width) at a device pixel ratio of 2. Every
// figure of "image weight" in the portal (the editor's, the settings') is
// measured for this phone and no other.
const (
	PhoneWidth = 360
	PhoneDPR   = 2
)

// phoneColumn is how wide the article column draws a picture on that phone:
// the last entry of ColumnSizes, calc(100vw - 70px).
const phoneColumn = PhoneWidth - 70

// PageWeight is what a page's pictures weigh on the phone.
type PageWeight struct {
	Bytes    int64           // the known pictures together
	Pictures []PictureWeight // the known pictures, heaviest first
	// Unknown lists, in page order, the addresses of pictures from outside
	// the library (or whose copy could not be measured): they count for
	// nothing in Bytes, and are named rather than guessed.
	Unknown []string
}

// PictureWeight is one picture of a page: the copy the phone loads.
type PictureWeight struct {
	Name  string // its caption, else its alt text, else its file name
	File  string // the copy loaded, under the library
	Width int    // that copy's width in pixels
	Bytes int64
	Cover bool
}

// PhoneWeight counts the bytes of the pictures a reader's phone (PhoneWidth
// at PhoneDPR) loads for an article: its cover, drawn across the column as
// the home page's lead story, and every <img> of body. library holds the
// library's records of the body's pictures by file (see BodyPictures);
// size tells a stored file's bytes (see SizeCache).
//
// For each picture the copy is the one a browser picks: it needs the
// column's width times the pixel ratio (290 × 2 = 580 pixels), and takes
// the narrowest copy at least that wide, else the widest. The cover is drawn
// in <picture> with its WebP copies, which phone browsers prefer, so they
// count where it has them; so is a body's picture that has resized copies
// (a srcset), when the reader's page is built (web's webpBody), though the
// body is stored without it. A body's picture is counted as SetPicture
// draws it when the article is saved, whatever srcset it has now; one
// drawn twice is loaded, and counted, once.
func PhoneWeight(cover *portal.Media, body string, library map[string]*portal.Media, size func(file string) (int64, bool)) PageWeight {
	var w PageWeight
	seen := map[string]bool{}
	add := func(m *portal.Media, webp, isCover bool) {
		p, ok := phoneCopy(m, webp, size)
		if !ok {
			w.Unknown = append(w.Unknown, m.URL())
			return
		}
		if seen[p.File] {
			return
		}
		seen[p.File], p.Cover = true, isCover
		w.Pictures, w.Bytes = append(w.Pictures, p), w.Bytes+p.Bytes
	}
	if cover != nil && cover.IsImage() {
		add(cover, true, true)
	}
	for _, src := range BodyPictures(body) {
		if m := library[strings.TrimPrefix(src, "/media/")]; m != nil && m.IsImage() && strings.HasPrefix(src, "/media/") {
			add(m, len(m.Variants) > 0, false)
		} else {
			w.Unknown = append(w.Unknown, src)
		}
	}
	slices.SortStableFunc(w.Pictures, func(a, b PictureWeight) int { return cmp.Compare(b.Bytes, a.Bytes) })
	return w
}

// phoneCopy finds the copy of m the phone loads and its bytes.
func phoneCopy(m *portal.Media, webp bool, size func(string) (int64, bool)) (PictureWeight, bool) {
	widths := append(slices.Clone(m.Variants), m.Width)
	name := func(w int) string {
		if w == m.Width {
			return m.File
		}
		return VariantFile(m.File, w)
	}
	if webp && len(m.WebP) > 0 {
		widths = m.WebP
		name = func(w int) string {
			if w == m.Width {
				return WebPFile(m.File)
			}
			return WebPFile(VariantFile(m.File, w))
		}
	}
	w := pickWidth(widths, phoneColumn*PhoneDPR)
	p := PictureWeight{Name: pictureName(m), File: name(w), Width: w}
	var ok bool
	if p.Bytes, ok = size(p.File); !ok && p.File == m.File && m.Size > 0 {
		p.Bytes, ok = m.Size, true
	}
	return p, ok
}

// pickWidth is the narrowest of widths at least need pixels wide, else the
// widest: the choice browsers make from a srcset of w descriptors.
func pickWidth(widths []int, need int) int {
	best := 0
	for _, w := range widths {
		switch {
		case best < need && w > best:
			best = w
		case best >= need && w >= need && w < best:
			best = w
		}
	}
	return best
}

func pictureName(m *portal.Media) string {
	switch {
	case m.Caption != "":
		return m.Caption
	case m.Alt != "":
		return m.Alt
	}
	return path.Base(m.File)
}

// BodyPictures lists the addresses (src) of the pictures of an article
// body, in order.
func BodyPictures(body string) []string {
	if !strings.Contains(body, "<img") && !strings.Contains(body, "<IMG") {
		return nil
	}
	nodes, err := html.ParseFragment(strings.NewReader(body), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return nil
	}
	var out []string
	for _, n := range nodes {
		for img := range n.Descendants() {
			if img.DataAtom == atom.Img && htmlnode.Attr(img, "src") != "" {
				out = append(out, htmlnode.Attr(img, "src"))
			}
		}
		if n.DataAtom == atom.Img && htmlnode.Attr(n, "src") != "" {
			out = append(out, htmlnode.Attr(n, "src"))
		}
	}
	return out
}

// maxSizes bounds SizeCache: past it, the cache starts again empty.
const maxSizes = 20_000

// SizeCache tells the bytes of files in Store and remembers them. A stored
// file never changes (every upload gets a new random name), so a size once
// read stays right; a removed file's size lingers harmlessly.
type SizeCache struct {
	Store Storage
	mu    sync.Mutex
	sizes map[string]int64
}

// Size returns the bytes of the file name, or false if it cannot be read.
func (c *SizeCache) Size(name string) (int64, bool) {
	c.mu.Lock()
	n, ok := c.sizes[name]
	c.mu.Unlock()
	if ok {
		return n, true
	}
	f, err := c.Store.Open(name)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return 0, false
	}
	c.mu.Lock()
	if c.sizes == nil || len(c.sizes) >= maxSizes {
		c.sizes = map[string]int64{}
	}
	c.sizes[name] = info.Size()
	c.mu.Unlock()
	return info.Size(), true
}
