package media

import (
	"strconv"

	"golang.org/x/net/html"

	"cong/internal/portal"
)

// ColumnSizes tells browsers how wide a picture across the article column
// is drawn, so they pick the right copy of srcset. From the reader style
// sheet (cong.css): from 1200 pixels the column is 828 pixels wide and
// .content takes 2rem of padding and a border on each side; from 900 the
// side column (320) and the gap (1.25rem) come off the page's width; on
// phones .wrap's and .content's paddings and borders take 70 pixels, which
// leaves 343 pixels of a 412-pixel-wide phone.
const ColumnSizes = "(min-width: 1200px) 762px, (min-width: 900px) calc(100vw - 438px), calc(100vw - 70px)"

// SetPicture makes the <img> img of a body show the library's picture m,
// the same whoever wrote the body (the editor, an importer): its address,
// its size (so the page does not jump as it loads), its resized copies and
// lazy loading. Bodies get no WebP <source>: the sanitizer keeps no
// <picture> or <source> in a body. The alt text the body gave stays, else the library's,
// unless the picture is marked decorative.
func SetPicture(img *html.Node, m *portal.Media) {
	setAttr(img, "src", m.URL())
	if m.Width > 0 && m.Height > 0 {
		setAttr(img, "width", strconv.Itoa(m.Width))
		setAttr(img, "height", strconv.Itoa(m.Height))
	}
	setAttr(img, "loading", "lazy")
	if set := Srcset(m.File, m.Width, m.Variants); len(m.Variants) > 0 && set != "" {
		setAttr(img, "srcset", set)
		setAttr(img, "sizes", ColumnSizes)
	} else {
		removeAttr(img, "srcset")
		removeAttr(img, "sizes")
	}
	if attrOf(img, "alt") == "" && attrOf(img, "role") != "presentation" && m.Alt != "" {
		setAttr(img, "alt", m.Alt)
	}
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func setAttr(n *html.Node, key, val string) {
	for i := range n.Attr {
		if n.Attr[i].Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

func removeAttr(n *html.Node, key string) {
	for i := range n.Attr {
		if n.Attr[i].Key == key {
			n.Attr = append(n.Attr[:i], n.Attr[i+1:]...)
			return
		}
	}
}
