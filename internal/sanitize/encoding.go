package sanitize

import (
	"strings"

	"golang.org/x/net/html"

	"cong/internal/viet"
)

// FixEncoding converts the text of the HTML s that was typed in a legacy
// Vietnamese encoding (TCVN3, VNI; see viet.FixEncoding) to Unicode NFC and
// returns it with the encoding converted from. Only text between tags
// changes: tags, attributes, comments and the content of scripts and styles
// stay byte for byte as they were, and a paragraph typed in Unicode stays
// as it is beside pasted legacy ones. The encoding is judged on the text of
// the whole document, so a short piece of it ("<b>Héi</b>") is converted
// with the rest. When nothing is legacy-encoded, FixEncoding returns s and
// viet.Unicode. It is the HTML counterpart of viet.FixEncoding, for bodies
// saved in the back office and for importers.
func FixEncoding(s string) (string, viet.Encoding) {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x80 && r <= 0xFF }) && !strings.Contains(s, "&") {
		return s, viet.Unicode // no character a legacy encoding uses, nor an entity that could be one
	}
	tokens, parts, ok := textParts(s)
	if !ok {
		return s, viet.Unicode
	}
	fixed, e := viet.FixEncodingParts(parts)
	if e == viet.Unicode {
		return s, viet.Unicode
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for _, t := range tokens {
		switch {
		case t.part < 0 || fixed[t.part] == parts[t.part]:
			b.WriteString(t.raw)
		case strings.Contains(t.raw, "&"):
			b.WriteString(html.EscapeString(fixed[t.part]))
		default:
			// The text was written as it reads; so is its conversion, which
			// turns letters into letters and adds no < or &.
			b.WriteString(fixed[t.part])
		}
	}
	return b.String(), e
}

// rawToken is a token of an HTML document as written, and for a text token
// readers see, the index of its text among the parts.
type rawToken struct {
	raw  string
	part int // -1 for markup
}

// textParts cuts s into its tokens and the text of those readers see,
// entities decoded, with a line break between blocks so that a paragraph
// starts a sentence. ok is false if the tokens do not add up to s, which
// would make writing them back lose something.
func textParts(s string) (tokens []rawToken, parts []string, ok bool) {
	z := html.NewTokenizer(strings.NewReader(s))
	skip := ""
	n := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := string(z.Raw())
		n += len(raw)
		t := rawToken{raw: raw, part: -1}
		switch tt {
		case html.TextToken:
			if skip == "" {
				t.part = len(parts)
				parts = append(parts, html.UnescapeString(raw))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			if skip == "" && hidden[string(name)] && tt == html.StartTagToken {
				skip = string(name)
			}
			if knownBlock(string(name)) || string(name) == "br" {
				parts = append(parts, "\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if string(name) == skip {
				skip = ""
			}
			if knownBlock(string(name)) {
				parts = append(parts, "\n")
			}
		}
		tokens = append(tokens, t)
	}
	return tokens, parts, n == len(s)
}
