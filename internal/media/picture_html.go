package media

import (
	"strconv"

	"golang.org/x/net/html"

	"cong/internal/htmlnode"
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
	htmlnode.SetAttr(img, "src", m.URL())
	if m.Width > 0 && m.Height > 0 {
		htmlnode.SetAttr(img, "width", strconv.Itoa(m.Width))
		htmlnode.SetAttr(img, "height", strconv.Itoa(m.Height))
	}
	htmlnode.SetAttr(img, "loading", "lazy")
	if set := Srcset(m.File, m.Width, m.Variants); len(m.Variants) > 0 && set != "" {
		htmlnode.SetAttr(img, "srcset", set)
		htmlnode.SetAttr(img, "sizes", ColumnSizes)
	} else {
		htmlnode.RemoveAttr(img, "srcset")
		htmlnode.RemoveAttr(img, "sizes")
	}
	if htmlnode.Attr(img, "alt") == "" && htmlnode.Attr(img, "role") != "presentation" && m.Alt != "" {
		htmlnode.SetAttr(img, "alt", m.Alt)
	}
}
