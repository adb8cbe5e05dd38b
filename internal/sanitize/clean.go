package sanitize

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// Elements, by what clean does with them. An element in none of these sets
// is unwrapped: its text stays, its tag goes.
var (
	// allowed elements stay, with their allowed attributes.
	allowed = set("p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "em", "u", "s", "sub", "sup",
		"blockquote", "ul", "ol", "li", "a", "img", "figure", "figcaption", "table", "thead", "tbody",
		"tfoot", "tr", "th", "td", "caption", "hr", "pre", "code", "div")

	// dropped elements go with everything inside: they run code, load
	// other documents, take input, or hold no text meant for readers.
	dropped = set("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "param",
		"form", "input", "button", "select", "option", "optgroup", "textarea", "datalist", "output",
		"keygen", "svg", "math", "noscript", "noembed", "noframes", "template", "base", "meta", "link",
		"title", "head", "xmp", "plaintext", "canvas", "audio", "video", "source", "track", "map", "area",
		"dialog", "portal", "xml", "col", "colgroup")

	// renamed elements become an allowed element that means the same, or
	// (for block elements outside the allowlist) a div, so that their
	// text does not run into the next block's.
	renamed = map[string]string{
		"h1": "h2", "b": "strong", "i": "em", "strike": "s", "del": "s", "ins": "u",
		"tt": "code", "kbd": "code", "samp": "code", "listing": "pre", "dir": "ul", "menu": "ul",
		"address": "div", "article": "div", "aside": "div", "center": "div", "details": "div",
		"summary": "div", "dl": "div", "dt": "div", "dd": "div", "fieldset": "div", "footer": "div",
		"header": "div", "hgroup": "div", "main": "div", "nav": "div", "section": "div", "search": "div",
	}

	// wordPrefixes are the namespaces of Word's XML islands: Office (o:p),
	// Word (w:), Office Math (m:) and VML drawings (v:). They carry
	// nothing a reader of the web page should see.
	wordPrefixes = set("o", "w", "m", "v")
)

// clean applies the allowlist to the children of n and removes what Word
// leaves behind.
func clean(n *html.Node) {
	wordSpans(n)
	cleanChildren(n)
}

// cleanChildren cleans the children of n, depth first, in place.
func cleanChildren(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.TextNode:
		case c.Type != html.ElementNode || c.Namespace != "" || drop(c.Data):
			// Comments go too: Word's conditional comments hide its
			// XML, and any comment can hide markup from a reviewer.
			n.RemoveChild(c)
		case renamed[c.Data] != "":
			rename(c, renamed[c.Data])
			next = keep(c, next)
		case allowed[c.Data]:
			next = keep(c, next)
		default:
			// Word's span and font wrappers, smart tags (st1:place)
			// and the like: the text stays, its tag goes.
			if c.FirstChild != nil {
				next = c.FirstChild
			}
			unwrap(c)
		}
		c = next
	}
}

// drop reports whether the element name goes with its content.
func drop(name string) bool {
	if prefix, _, ok := strings.Cut(name, ":"); ok {
		return wordPrefixes[prefix]
	}
	return dropped[name]
}

// keep cleans the attributes and children of the allowed element n. It
// returns the node to visit after n: next, or n's first child when n was an
// a or img that turned out to be unwrapped or removed.
func keep(n *html.Node, next *html.Node) *html.Node {
	cleanAttrs(n)
	switch n.Data {
	case "a":
		if _, ok := attr(n, "href"); !ok {
			// An a without href is Word's bookmark or an anchor whose
			// link was refused; its text stays.
			if n.FirstChild != nil {
				next = n.FirstChild
			}
			unwrap(n)
			return next
		}
	case "img":
		if _, ok := attr(n, "src"); !ok {
			n.Parent.RemoveChild(n)
			return next
		}
	}
	cleanChildren(n)
	return next
}

// cleanAttrs keeps the attributes element n may have, in their order, with
// checked values; then adds image sizes and alignment found in style and
// align, and the classes kept, last.
func cleanAttrs(n *html.Node) {
	style := declarations(n)
	var (
		kept    []html.Attribute
		seen    = map[string]bool{}
		classes []string
	)
	for _, a := range n.Attr {
		if a.Namespace != "" || seen[a.Key] {
			continue
		}
		seen[a.Key] = true
		if a.Key == "class" {
			classes = strings.Fields(a.Val)
			continue
		}
		if v, ok := cleanAttr(n.Data, a.Key, a.Val); ok {
			kept = append(kept, html.Attribute{Key: a.Key, Val: v})
		}
	}
	if n.Data == "img" {
		for _, key := range []string{"width", "height"} {
			if px, ok := pixels(style[key]); ok && !seen[key] {
				kept = append(kept, html.Attribute{Key: key, Val: px})
			}
		}
	}
	if class := classAttr(n, classes, style["text-align"]); class != "" {
		kept = append(kept, html.Attribute{Key: "class", Val: class})
	}
	n.Attr = kept
}

// cleanAttr returns the value attribute key of element name may have, and
// whether it may have the attribute at all.
func cleanAttr(name, key, val string) (string, bool) {
	switch name + "." + key {
	case "a.href":
		return cleanURL(val, linkURL)
	case "img.src":
		return cleanURL(val, imageURL)
	case "img.srcset":
		v := cleanSrcset(val)
		return v, v != ""
	case "a.title", "img.title", "img.alt":
		return val, true
	case "img.width", "img.height":
		v := strings.TrimSpace(val)
		return v, number.MatchString(v)
	case "img.sizes":
		v := strings.Join(strings.Fields(val), " ")
		return v, sizes.MatchString(v)
	case "img.loading":
		v := strings.ToLower(strings.TrimSpace(val))
		return v, loading.MatchString(v)
	case "img.role":
		// Only the editor's mark of a decorative picture (with alt="").
		v := strings.ToLower(strings.TrimSpace(val))
		return v, v == "presentation"
	case "th.scope":
		v := strings.ToLower(strings.TrimSpace(val))
		return v, scope.MatchString(v)
	case "td.colspan", "td.rowspan", "th.colspan", "th.rowspan":
		v := strings.TrimSpace(val)
		return v, cellSpan.MatchString(v)
	case "ol.type":
		return val, listType.MatchString(val)
	case "ol.start":
		v := strings.TrimSpace(val)
		return v, number.MatchString(v)
	}
	return "", false
}

// cleanSrcset returns the candidates of srcset whose URLs are clean, in the
// canonical form "url descriptor, url descriptor", or "" if none is.
func cleanSrcset(srcset string) string {
	var out []string
	for candidate := range strings.SplitSeq(srcset, ",") {
		f := strings.Fields(candidate)
		if len(f) == 0 || len(f) > 2 || (len(f) == 2 && !descriptor.MatchString(f[1])) {
			continue
		}
		if _, ok := cleanURL(f[0], srcsetURL); ok {
			out = append(out, strings.Join(f, " "))
		}
	}
	return strings.Join(out, ", ")
}

// classAttr returns the class attribute of n: the classes among given that
// the element may carry, with the alignment of its style or align
// attribute in place of any alignment class it had.
func classAttr(n *html.Node, given []string, textAlign string) string {
	permitted := classesFor(n.Data)
	align := ""
	if alignable[n.Data] {
		if a, ok := attr(n, "align"); ok {
			align = alignment(a)
		}
		if a := alignment(textAlign); a != "" {
			align = a
		}
	}
	var out []string
	for _, c := range given {
		switch {
		case !slices.Contains(permitted, c) || slices.Contains(out, c):
		case align != "" && strings.HasPrefix(c, "text-"):
		default:
			out = append(out, c)
		}
	}
	if align != "" {
		out = append(out, align)
	}
	return strings.Join(out, " ")
}

// alignment returns the class for a CSS text-align or HTML align value, or
// "" for values with no class (start, end, inherit and the like).
func alignment(v string) string {
	v = strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important")))
	switch v {
	case "left", "center", "right", "justify":
		return "text-" + v
	}
	return ""
}

// declarations returns the properties of n's style attribute, lower-cased.
// It is naive about CSS on purpose: the style attribute itself is dropped,
// and a value read from it is used only when it is one of a few words or a
// number of pixels.
func declarations(n *html.Node) map[string]string {
	style, ok := attr(n, "style")
	if !ok {
		return nil
	}
	m := map[string]string{}
	for decl := range strings.SplitSeq(style, ";") {
		if prop, val, ok := strings.Cut(decl, ":"); ok {
			m[strings.ToLower(strings.TrimSpace(prop))] = strings.ToLower(strings.TrimSpace(val))
		}
	}
	return m
}

// pixels returns a CSS length in px as a whole number for an img width or
// height attribute.
func pixels(v string) (string, bool) {
	num, ok := strings.CutSuffix(v, "px")
	if !ok {
		return "", false
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || f < 1 || f > 99999 {
		return "", false
	}
	return strconv.Itoa(int(f + 0.5)), true
}

// wordSpans replaces the spans Word draws layout with by the plain text
// they stand for: the markers before the items of its lists (mso-list:Ignore,
// "1." or a bullet drawn in the Symbol font, then a run of &nbsp;) and its
// runs of spaces and tabs (mso-spacerun, mso-tab-count, all &nbsp;). Left
// alone, they would be stray "·"s and gaps that lead nowhere on a web page.
func wordSpans(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type != html.ElementNode {
			c = next
			continue
		}
		style, _ := attr(c, "style")
		style = strings.ToLower(strings.ReplaceAll(style, " ", ""))
		switch {
		case strings.Contains(style, "mso-list:ignore"):
			marker := strings.Join(strings.Fields(textOf(c)), " ")
			if marker != "" && symbolFont(c) {
				marker = "•"
			}
			if marker != "" {
				n.InsertBefore(&html.Node{Type: html.TextNode, Data: marker + " "}, c)
			}
			n.RemoveChild(c)
		case strings.Contains(style, "mso-spacerun:") || strings.Contains(style, "mso-tab-count:"):
			n.InsertBefore(&html.Node{Type: html.TextNode, Data: " "}, c)
			n.RemoveChild(c)
		default:
			wordSpans(c)
		}
		c = next
	}
}

// symbolFont reports whether n is drawn in a font of pictures (Symbol,
// Wingdings), where Word's bullets are letters that mean nothing as text.
func symbolFont(n *html.Node) bool {
	for ; n != nil && n.Type == html.ElementNode; n = n.Parent {
		s, _ := attr(n, "style")
		s = strings.ToLower(s)
		if strings.Contains(s, "symbol") || strings.Contains(s, "wingdings") {
			return true
		}
	}
	return false
}

// textOf returns the text inside n, with no separators.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
