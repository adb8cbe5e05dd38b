package importer

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cong/internal/htmlnode"
	"cong/internal/media"
	"cong/internal/portal"
)

// Images points every <img> of body at the library's copy of its picture:
// find returns the picture an old address (the src as written) names, nil
// when there is none. An <img> find does not know is taken out of the body,
// and its address returned in missing, so the article still comes in and the
// report says what it lacks. Pictures are shown as the editor shows them
// (media.SetPicture: size, srcset, lazy loading); links (<a href>) to a
// picture's old file follow it too.
func Images(body string, find func(src string) *portal.Media) (out string, missing []string) {
	nodes, err := html.ParseFragment(strings.NewReader(body), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return body, nil
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode && c.DataAtom == atom.Img {
				src := htmlnode.Attr(c, "src")
				if m := find(src); m != nil {
					media.SetPicture(c, m)
				} else {
					missing = append(missing, src)
					n.RemoveChild(c)
				}
			} else {
				if c.Type == html.ElementNode && c.DataAtom == atom.A {
					if m := find(htmlnode.Attr(c, "href")); m != nil {
						htmlnode.SetAttr(c, "href", m.URL())
					}
				}
				walk(c)
			}
			c = next
		}
	}
	holder := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		holder.AppendChild(n)
	}
	walk(holder)
	var b strings.Builder
	for c := holder.FirstChild; c != nil; c = c.NextSibling {
		html.Render(&b, c)
	}
	return b.String(), missing
}
