package sanitize

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// blocks are the allowed elements that start on a line of their own. Space
// next to them shows nowhere, so tidy trims it and puts a newline between
// them instead, which keeps stored bodies readable in a diff.
var blocks = set("p", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "figure",
	"figcaption", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "hr", "pre", "div")

// inline are the allowed elements that only style their text, so an empty
// one can go, and a paragraph holding nothing else is empty.
var inline = set("strong", "em", "u", "s", "sub", "sup", "code", "span", "a")

// trailingBreaks are the elements whose trailing <br>s editors add as
// filler: a line break at the end of a block shows as nothing.
var trailingBreaks = set("p", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "caption", "figcaption")

// tidy finishes the tree bluemonday passed: it turns text and attribute
// values to NFC, collapses whitespace outside pre, removes empty paragraphs
// and empty inline elements, and marks links. It works from the leaves up,
// so that removing an empty element is seen by its parent.
func tidy(n *html.Node, inPre bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.TextNode:
		case html.ElementNode:
			tidy(c, inPre || c.Data == "pre")
			tidyElement(c)
		default:
			n.RemoveChild(c)
		}
		c = next
	}
	mergeText(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			c.Data = norm.NFC.String(c.Data)
			if !inPre {
				c.Data = collapse(c.Data)
			}
		}
	}
	if !inPre {
		spaceBlocks(n)
	}
}

// mergeText joins the adjacent text children of n that removing elements
// left, as the next parse would, so that what happens where they meet (a
// run of spaces, a combining mark after "&gt;") happens now and not on the
// next pass.
func mergeText(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.TextNode || c.NextSibling == nil || c.NextSibling.Type != html.TextNode {
			continue
		}
		var b strings.Builder
		b.WriteString(c.Data)
		for c.NextSibling != nil && c.NextSibling.Type == html.TextNode {
			b.WriteString(c.NextSibling.Data)
			n.RemoveChild(c.NextSibling)
		}
		c.Data = b.String()
	}
}

// tidyElement removes or unwraps n if it is left with nothing to show, and
// otherwise finishes its attributes.
func tidyElement(n *html.Node) {
	for i := range n.Attr {
		n.Attr[i].Val = norm.NFC.String(n.Attr[i].Val)
	}
	href, hasHref := attr(n, "href")
	_, hasSrc := attr(n, "src")
	switch {
	case n.Data == "a" && !hasHref:
		unwrap(n)
	case n.Data == "img" && !hasSrc,
		n.Data == "p" && empty(n),
		inline[n.Data] && n.FirstChild == nil:
		n.Parent.RemoveChild(n)
	case n.Data == "a":
		markLink(n, href)
	}
}

// markLink gives the link n rel="noopener noreferrer", so the page it opens
// can neither script this one nor learn which article linked it, and opens
// links that leave the site in a new tab.
func markLink(n *html.Node, href string) {
	n.Attr = slices.DeleteFunc(n.Attr, func(a html.Attribute) bool { return a.Key == "rel" || a.Key == "target" })
	n.Attr = append(n.Attr, html.Attribute{Key: "rel", Val: "noopener noreferrer"})
	if external(href) {
		n.Attr = append(n.Attr, html.Attribute{Key: "target", Val: "_blank"})
	}
}

// empty reports whether the paragraph n shows nothing: only whitespace,
// &nbsp; and line breaks, perhaps inside inline elements. Word writes
// these to make vertical space, which the stylesheet's margins give.
func empty(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			if strings.TrimFunc(c.Data, isBlank) != "" {
				return false
			}
		case c.Type == html.ElementNode && c.Data == "br":
		case c.Type == html.ElementNode && inline[c.Data]:
			if !empty(c) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// isBlank reports whether r shows as blank space in a paragraph.
func isBlank(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\u00a0', '\u200b', '\ufeff':
		return true
	}
	return false
}

// spaceBlocks trims the whitespace around the block children of n, and at
// the edges of n when n is a block (or the body), drops the <br>s that end
// a block, and separates adjacent blocks by a newline.
func spaceBlocks(n *html.Node) {
	isBlockNode := func(c *html.Node) bool { return c != nil && c.Type == html.ElementNode && blocks[c.Data] }
	isBreak := func(c *html.Node) bool { return c != nil && c.Type == html.ElementNode && c.Data == "br" }
	container := n.Data == "body" || blocks[n.Data]
	if trailingBreaks[n.Data] {
		for c := n.LastChild; c != nil && (isBreak(c) || (c.Type == html.TextNode && strings.TrimFunc(c.Data, isBlank) == "")); c = n.LastChild {
			n.RemoveChild(c)
		}
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.TextNode {
			if isBlockNode(c.PrevSibling) || isBreak(c.PrevSibling) || (container && c.PrevSibling == nil) {
				c.Data = strings.TrimLeftFunc(c.Data, isSpace)
			}
			switch {
			case container && c.NextSibling == nil:
				// Even &nbsp; shows as nothing at the end of a
				// block, and Word ends many with its tab runs.
				c.Data = strings.TrimRightFunc(c.Data, isBlank)
			case isBlockNode(c.NextSibling) || isBreak(c.NextSibling):
				c.Data = strings.TrimRightFunc(c.Data, isSpace)
			}
			if c.Data == "" {
				n.RemoveChild(c)
			}
		}
		c = next
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isBlockNode(c) && isBlockNode(c.NextSibling) {
			n.InsertBefore(&html.Node{Type: html.TextNode, Data: "\n"}, c.NextSibling)
		}
	}
}

// isSpace reports whether r is HTML's ASCII whitespace, which browsers
// collapse; &nbsp; is not, and stays.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f':
		return true
	}
	return false
}

// collapse replaces each run of HTML whitespace in s by one space.
func collapse(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if isSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
