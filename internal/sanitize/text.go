package sanitize

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// hidden are the elements whose content is not text a reader sees.
var hidden = set("script", "style", "template", "noscript", "noembed", "noframes", "iframe", "object",
	"embed", "head", "title", "xml", "select", "textarea", "svg", "math")

// Text returns the text a reader sees in the HTML s, for summaries, search
// and meta descriptions: tags and comments stripped, the content of scripts,
// styles and the like dropped, entities decoded, blocks and line breaks
// turned into spaces, whitespace (&nbsp; included) collapsed, NFC, trimmed.
// The result is text, not HTML: it must be escaped where it is shown.
func Text(s string) string {
	var b strings.Builder
	writeText(&b, parse(s))
	return normalize(b.String())
}

// Plain returns the text content of a one-line field such as a title or a
// name: whatever markup it holds is stripped, never refused, the way Text
// strips it; the result is NFC, its whitespace collapsed and trimmed.
func Plain(s string) string {
	return Text(s)
}

// writeText writes the visible text under n, with a space wherever a block
// or line break would separate words on the page.
func writeText(b *strings.Builder, n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			b.WriteString(c.Data)
		case c.Type == html.ElementNode && !hidden[c.Data]:
			separate := knownBlock(c.Data) || c.Data == "br" || c.Data == "img"
			if separate {
				b.WriteByte(' ')
			}
			writeText(b, c)
			if separate {
				b.WriteByte(' ')
			}
		}
	}
}

// knownBlock reports whether the element name separates its text from what
// is around it.
func knownBlock(name string) bool {
	return blocks[name] || name == "h1" || renamed[name] == "div" || renamed[name] == "ul" || renamed[name] == "pre"
}

// normalize returns s in NFC with control characters and zero-width spaces
// dropped and whitespace, &nbsp; included, collapsed and trimmed.
func normalize(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r), r == '\u200b', r == '\ufeff':
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}
