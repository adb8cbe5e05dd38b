package sanitize

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Body returns article HTML from the editor, often pasted from Microsoft
// Word, reduced to the elements, attributes and URLs an article may hold:
// paragraphs, h2–h6 (h1 becomes h2, as the page's only h1 is the title),
// inline emphasis, quotes, lists, links, images and figures, tables, pre and
// code. It removes scripts, styles, frames, plugins, forms, event handlers
// and style attributes; keeps text alignment as a class (text-left,
// text-center, text-right, text-justify); allows http, https, mailto, tel and
// relative URLs, plus data:image/(png|jpeg|gif|webp) in img src; and gives
// every link rel="noopener noreferrer", and target="_blank" when it is
// absolute (Body cannot know the portal's own host, so every absolute link
// counts as leaving the site).
//
// Word's leftovers go before the allowlist: its XML islands and conditional
// comments, Mso classes, lang attributes, font and span wrappers, and the
// paragraphs it fills with nothing but &nbsp;. Text and attribute values
// come out in Unicode NFC, and the result is trimmed.
func Body(s string) string {
	root := parse(s)
	clean(root)
	out := finish(policy().Sanitize(render(root)))
	// A tree the parser builds is not always one that serialises back to
	// itself: misnested markup can leave an h2 inside an h2, which the
	// next parse splits in two. Parsing again until nothing changes makes
	// the result a fixed point, so that Body(Body(s)) == Body(s). Real
	// input is stable after the first round; markup that never settles is
	// kept as text.
	for range 3 {
		next := finish(out)
		if next == out {
			return out
		}
		out = next
	}
	return html.EscapeString(Text(out))
}

// finish parses s, tidies the tree and serialises it.
func finish(s string) string {
	root := parse(s)
	tidy(root, false)
	return strings.TrimSpace(render(root))
}

// parse parses s as the content of a <body>, the way a browser would, and
// returns a body element holding the result. Invalid UTF-8 becomes U+FFFD
// first so that every later step, NFC included, sees well-formed text.
//
// The parser refuses elements nested more than 512 deep. No article is, but
// rather than lose what someone pasted, parse then keeps its text alone.
func parse(s string) *html.Node {
	s = strings.ToValidUTF8(s, "\uFFFD")
	root := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), root)
	if err != nil {
		root.AppendChild(&html.Node{Type: html.TextNode, Data: tokenText(s)})
		return root
	}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return root
}

// tokenText returns the text of s read with the tokenizer, which has no
// nesting limit: what Text would return, without the structure a parse
// gives it (so a stray end tag may end skipping a script's content early,
// which costs text, not safety: the result is text).
func tokenText(s string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := ""
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == "" {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			if skip == "" && hidden[string(name)] {
				skip = string(name)
			}
			b.WriteByte(' ')
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == skip {
				skip = ""
			}
			b.WriteByte(' ')
		}
	}
}

// render serialises the children of root. A tree Render refuses is one this
// package built wrongly; it yields nothing rather than something unchecked.
func render(root *html.Node) string {
	var b strings.Builder
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return ""
		}
	}
	return b.String()
}

// unwrap replaces n by its children.
func unwrap(n *html.Node) {
	for c := n.FirstChild; c != nil; c = n.FirstChild {
		n.RemoveChild(c)
		n.Parent.InsertBefore(c, n)
	}
	n.Parent.RemoveChild(n)
}

// rename changes the element n into a name element, keeping its attributes
// and children.
func rename(n *html.Node, name string) {
	n.Data = name
	n.DataAtom = atom.Lookup([]byte(name))
}

// attr returns the value of n's attribute key and whether n has it.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
