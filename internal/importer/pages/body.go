package pages

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cong/internal/htmlnode"
	"cong/internal/importer"
	"cong/internal/portal"
	"cong/internal/sanitize"
	"cong/internal/viet"
)

// unsafe finds what the sanitizer takes out of a body for the readers'
// sake, so the report can say a page held it.
var unsafe = cascadia.MustCompile("script, iframe, frame, object, embed, applet, form, style, link, meta, base")

var (
	imgs  = cascadia.MustCompile("img")
	every = cascadia.MustCompile("*")
)

// body makes the article's text of the body element sel: text through
// fixTree, pictures imported and set in figures with their captions, every
// <img> at the library's copy, then the allowlist every body passes. cover
// is the first picture's media id.
func (im *Importer) body(ctx context.Context, pg savedPage, sel *goquery.Selection, when time.Time,
	note func(string, ...any)) (body string, cover int64, err error) {
	root := sel.Nodes[0]
	if n := countUnsafe(root); n > 0 {
		note("the text held %d script, style, frame, form or event-handler parts: the sanitizer removed them", n)
	}
	fixTree(root)
	found := map[string]*portal.Media{}
	for _, img := range cascadia.QueryAll(root, imgs) {
		m := im.picture(ctx, pg, root, img, when, note)
		if m == nil {
			continue
		}
		found[strings.TrimSpace(htmlnode.Attr(img, "src"))] = m
		if cover == 0 {
			cover = m.ID
		}
	}
	out, err := sel.Html()
	if err != nil {
		return "", 0, err
	}
	out, missing := importer.Images(out, func(src string) *portal.Media { return found[strings.TrimSpace(src)] })
	for _, src := range missing {
		note("picture %q: left out", src)
	}
	return sanitize.Body(out), cover, nil
}

// picture brings in the picture img of the body root: it is dropped when
// the rules do not count it as one of the article's (an icon, a spacer),
// and with its caption when the library cannot have it; else it gets its
// alt text and, with a caption, a figure. It returns the library's copy.
func (im *Importer) picture(ctx context.Context, pg savedPage, root, img *html.Node, when time.Time,
	note func(string, ...any)) *portal.Media {
	if img.Parent == nil {
		return nil // went with an earlier picture's caption
	}
	if !im.Rules.Images.Match(img) {
		img.Parent.RemoveChild(img)
		return nil
	}
	src := strings.TrimSpace(htmlnode.Attr(img, "src"))
	caption, captionNode := captionOf(root, img, im.Rules.Caption)
	alt := clean(htmlnode.Attr(img, "alt"))
	if alt == "" {
		alt = caption
	}
	m, err := im.pictureAt(ctx, im.site.url(pg), src, when, caption, alt)
	if err != nil {
		note("picture %q %v: left out", src, err)
		img.Parent.RemoveChild(img)
		if captionNode != nil && captionNode.Parent != nil {
			captionNode.Parent.RemoveChild(captionNode)
		}
		return nil
	}
	htmlnode.SetAttr(img, "alt", alt)
	if caption != "" {
		figure(root, img, captionNode, caption)
	}
	return m
}

// countUnsafe counts the elements, event handlers and javascript: links
// under n that the sanitizer will drop.
func countUnsafe(n *html.Node) int {
	count := len(cascadia.QueryAll(n, unsafe))
	for _, el := range cascadia.QueryAll(n, every) {
		for _, a := range el.Attr {
			v := strings.ToLower(strings.TrimSpace(a.Val))
			if strings.HasPrefix(a.Key, "on") || strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") {
				count++
			}
		}
	}
	return count
}

// fixTree converts the text under n, and its pictures' alt and title
// texts, from a legacy encoding (TCVN3, VNI) when the page's text as a whole
// is in one: a short piece ("<b>Héi</b>") is judged with the rest.
func fixTree(n *html.Node) {
	var parts []string
	var set []func(string)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				parts, set = append(parts, c.Data), append(set, func(s string) { c.Data = s })
			case c.Type == html.ElementNode && (c.DataAtom == atom.Script || c.DataAtom == atom.Style):
			case c.Type == html.ElementNode:
				for i, a := range c.Attr {
					if a.Key == "alt" || a.Key == "title" {
						parts, set = append(parts, a.Val), append(set, func(s string) { c.Attr[i].Val = s })
					}
				}
				walk(c)
			}
		}
	}
	walk(n)
	fixed, enc := viet.FixEncodingParts(parts)
	if enc == viet.Unicode {
		return
	}
	for i, s := range fixed {
		set[i](s)
	}
}

// captionOf finds the caption of img: an element the caption rule matches
// that is all the text of the block holding img, or of the next block
// with any content. It returns the caption's text and the node to remove
// with it (the caption's block, or the element inside img's own block).
func captionOf(root, img *html.Node, rule cascadia.Selector) (string, *html.Node) {
	if rule == nil {
		return "", nil
	}
	block := blockOf(root, img)
	for _, n := range cascadia.QueryAll(block, rule) {
		if t := textOf(n); t != "" && !contains(n, img) && t == textOf(block) && utf8.RuneCountInString(t) <= 1000 {
			return t, n
		}
	}
	next := block.NextSibling
	for next != nil && (next.Type != html.ElementNode && strings.TrimSpace(next.Data) == "" ||
		next.Type == html.ElementNode && textOf(next) == "" && cascadia.Query(next, imgs) == nil) {
		next = next.NextSibling
	}
	if next == nil || next.Type != html.ElementNode {
		return "", nil
	}
	t := textOf(next)
	if t == "" || utf8.RuneCountInString(t) > 1000 || cascadia.Query(next, imgs) != nil {
		return "", nil
	}
	for _, n := range cascadia.QueryAll(next, rule) {
		if textOf(n) == t {
			return t, next
		}
	}
	return "", nil
}

// blockOf is the child of root that holds n.
func blockOf(root, n *html.Node) *html.Node {
	for n.Parent != nil && n.Parent != root {
		n = n.Parent
	}
	return n
}

func contains(n, inner *html.Node) bool {
	for ; inner != nil; inner = inner.Parent {
		if inner == n {
			return true
		}
	}
	return false
}

// textOf is the visible text under n, spaces collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.DataAtom != atom.Script && c.DataAtom != atom.Style {
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// figure sets img and its caption in a <figure class="image">: in place of
// the block that held them when it held nothing else, before it when the
// picture stood among text. captionNode is removed.
func figure(root, img, captionNode *html.Node, caption string) {
	block := blockOf(root, img)
	fig := &html.Node{Type: html.ElementNode, Data: "figure", DataAtom: atom.Figure,
		Attr: []html.Attribute{{Key: "class", Val: "image"}}}
	root.InsertBefore(fig, block)
	if captionNode != nil && captionNode.Parent != nil {
		captionNode.Parent.RemoveChild(captionNode)
	}
	img.Parent.RemoveChild(img)
	fig.AppendChild(img)
	figcaption := &html.Node{Type: html.ElementNode, Data: "figcaption", DataAtom: atom.Figcaption}
	figcaption.AppendChild(&html.Node{Type: html.TextNode, Data: caption})
	fig.AppendChild(figcaption)
	if block != img && block.Parent != nil && textOf(block) == "" && cascadia.Query(block, imgs) == nil {
		root.RemoveChild(block)
	}
}
