package media

import (
	"strconv"

	"golang.org/x/net/html"

	"cong/internal/portal"
)

// pictureSizes tells browsers how wide a body's picture is drawn, so they
// pick the right copy of srcset: the article column on wide screens.
const pictureSizes = "(min-width: 900px) 760px, 100vw"

// SetPicture makes the <img> img of a body show the library's picture m,
// the same whoever wrote the body (the editor, an importer): its address,
// its size (so the page does not jump as it loads), its resized copies and
// lazy loading. The alt text the body gave stays, else the library's,
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
		setAttr(img, "sizes", pictureSizes)
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
