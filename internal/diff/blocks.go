package diff

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cong/internal/htmlnode"
)

// breaking lists the elements that start and end a line of Blocks' output:
// the blocks that carry text (paragraphs, headings, list items, captions,
// table cells, quotes) and the containers around them, so text written
// straight into a div or a figure does not run into its neighbours.
var breaking = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Figure: true, atom.Figcaption: true, atom.Blockquote: true, atom.Pre: true, atom.Hr: true,
	atom.Table: true, atom.Caption: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Div: true, atom.Section: true, atom.Article: true, atom.Aside: true, atom.Header: true,
	atom.Footer: true, atom.Address: true, atom.Details: true, atom.Summary: true,
}

// skipped lists elements whose content readers never see as text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Noscript: true, atom.Head: true,
}

// Blocks turns article HTML into plain text for Words: one block per line
// (paragraph, heading, list item, caption, table cell, quote), tags
// stripped, entities decoded, runs of white space (&nbsp; included) folded
// into one space, since none of that is a change a reader would notice.
// Pictures are written as "[Ảnh: alt (src)]" so that a changed description
// or a swapped photo shows up in the diff; alt or src alone when the other
// is missing.
func Blocks(articleHTML string) string {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	// Reading from a strings.Reader cannot fail, and the parser accepts
	// any input, so there is no error to handle.
	nodes, _ := html.ParseFragment(strings.NewReader(articleHTML), body)
	var w blockWriter
	for _, n := range nodes {
		w.walk(n)
	}
	w.endLine()
	return strings.Join(w.lines, "\n")
}

// blockWriter collects the text of a tree line by line.
type blockWriter struct {
	lines []string
	line  strings.Builder // text of the current line, white space not yet folded
}

func (w *blockWriter) walk(n *html.Node) {
	switch {
	case n.Type == html.TextNode:
		w.line.WriteString(n.Data)
		return
	case n.Type != html.ElementNode:
		// A comment has no children; a document is walked like any container.
	case skipped[n.DataAtom]:
		return
	case n.DataAtom == atom.Img:
		w.image(n)
		return
	case n.DataAtom == atom.Br:
		w.endLine()
		return
	}
	brk := n.Type == html.ElementNode && breaking[n.DataAtom]
	if brk {
		w.endLine()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if brk {
		w.endLine()
	}
}

// image writes a picture where it stands, spaced off from the words around.
func (w *blockWriter) image(n *html.Node) {
	alt, src := htmlnode.Attr(n, "alt"), htmlnode.Attr(n, "src")
	label := alt
	switch {
	case alt != "" && src != "":
		label = alt + " (" + src + ")"
	case alt == "":
		label = src
	}
	if label == "" {
		w.line.WriteString(" [Ảnh] ")
		return
	}
	w.line.WriteString(" [Ảnh: " + label + "] ")
}

// endLine ends the current line; empty lines are dropped, so nested blocks
// and empty paragraphs do not leave blank lines behind.
func (w *blockWriter) endLine() {
	line := strings.Join(strings.Fields(w.line.String()), " ")
	w.line.Reset()
	if line != "" {
		w.lines = append(w.lines, line)
	}
}
