package sanitize

import (
	"encoding/base64"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

// Classes authors may use, by element. The stylesheet styles exactly these.
var (
	alignClasses  = []string{"text-left", "text-center", "text-right", "text-justify"}
	figureClasses = append([]string{"image", "image-left", "image-right", "image-center", "note"}, alignClasses...)
)

// alignable lists the elements that may carry an alignment class.
var alignable = set("p", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "blockquote", "figcaption", "caption", "div", "figure")

// classesFor returns the classes element name may carry.
func classesFor(name string) []string {
	switch {
	case name == "figure" || name == "div":
		return figureClasses
	case alignable[name]:
		return alignClasses
	}
	return nil
}

var (
	number       = regexp.MustCompile(`^[0-9]{1,5}$`)
	cellSpan     = regexp.MustCompile(`^[0-9]{1,3}$`)
	listType     = regexp.MustCompile(`^[1aAiI]$`)
	scope        = regexp.MustCompile(`^(?:row|col|rowgroup|colgroup)$`)
	loading      = regexp.MustCompile(`^(?:lazy|eager)$`)
	presentation = regexp.MustCompile(`^presentation$`)
	sizes        = regexp.MustCompile(`^[a-zA-Z0-9 (),.:%+-]+$`)
	descriptor   = regexp.MustCompile(`^[0-9]+(?:\.[0-9]+)?[wx]$`)
	imageData    = regexp.MustCompile(`^data:image/(?:png|jpeg|gif|webp);base64,`)
	alignClass   = classList(alignClasses)
	figureClass  = classList(figureClasses)

	// srcsetValue is the form clean gives srcset, with every URL absolute
	// http(s) or relative (a first path segment without a colon cannot be
	// a scheme). bluemonday does not check srcset itself, so this does.
	srcsetValue = regexp.MustCompile(`(?i)^` + srcsetCandidate + `(?:, ` + srcsetCandidate + `)*$`)
)

const srcsetCandidate = `(?:(?:https?:)?//[^\s,]+|[^\s,:/?#]*(?:[/?#][^\s,]*)?)(?: [0-9]+(?:\.[0-9]+)?[wx])?`

// classList matches a space-separated list of the given classes.
func classList(classes []string) *regexp.Regexp {
	one := `(?:` + strings.Join(classes, "|") + `)`
	return regexp.MustCompile(`^` + one + `(?: ` + one + `)*$`)
}

// policy is the allowlist bluemonday enforces after clean has done the same
// work its own way. It is built once: a Policy is safe for concurrent use
// once nothing changes it.
var policy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "em", "u", "s", "sub", "sup",
		"blockquote", "ul", "ol", "li", "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr",
		"th", "td", "caption", "hr", "pre", "code", "span", "div")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("title").OnElements("a", "img")
	p.AllowAttrs("src", "alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(number).OnElements("img")
	p.AllowAttrs("srcset").Matching(srcsetValue).OnElements("img")
	p.AllowAttrs("sizes").Matching(sizes).OnElements("img")
	p.AllowAttrs("loading").Matching(loading).OnElements("img")
	p.AllowAttrs("role").Matching(presentation).OnElements("img")
	p.AllowAttrs("colspan", "rowspan").Matching(cellSpan).OnElements("td", "th")
	p.AllowAttrs("scope").Matching(scope).OnElements("th")
	// Legal documents number their points "a)", "b)" or from a given number.
	p.AllowAttrs("type").Matching(listType).OnElements("ol")
	p.AllowAttrs("start").Matching(number).OnElements("ol")
	p.AllowAttrs("class").Matching(alignClass).OnElements("p", "h2", "h3", "h4", "h5", "h6", "li", "td", "th",
		"blockquote", "figcaption", "caption")
	p.AllowAttrs("class").Matching(figureClass).OnElements("figure", "div")

	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	p.AllowURLSchemes("http", "https", "mailto", "tel")
	// bluemonday's own AllowDataURIImages lets SVG through, and SVG can
	// carry script. Schemes are not per element in bluemonday; clean keeps
	// data: out of href.
	p.AllowURLSchemeWithCustomPolicy("data", func(u *url.URL) bool {
		return u.RawQuery == "" && u.Fragment == "" && validImageData("data:"+u.Opaque)
	})
	return p
})

// validImageData reports whether s is a base64 data URL of a raster image
// type browsers never run script from.
func validImageData(s string) bool {
	prefix := imageData.FindString(s)
	if prefix == "" {
		return false
	}
	_, err := base64.StdEncoding.DecodeString(s[len(prefix):])
	return err == nil
}

// URL kinds, for cleanURL.
const (
	linkURL   = iota // a href: http, https, mailto, tel, relative
	imageURL         // img src: http, https, relative, data:image/…
	srcsetURL        // a srcset candidate: http, https, relative
)

// cleanURL returns raw, trimmed, if it is a URL of the given kind, and
// reports whether it is. It errs on the side of refusing: a URL with
// whitespace or control characters inside is refused, because browsers
// strip them and "java\nscript:" then runs.
func cleanURL(raw string, kind int) (string, bool) {
	v := strings.TrimSpace(raw)
	if len(v) >= 5 && strings.EqualFold(v[:5], "data:") {
		comma := strings.IndexByte(v, ',')
		if kind != imageURL || comma < 0 {
			return "", false
		}
		// The media type is case-insensitive, and base64 is often wrapped
		// over lines that are not part of the data.
		v = strings.Map(dropSpace, "data:"+strings.ToLower(v[5:comma])+v[comma:])
		return v, validImageData(v)
	}
	if v == "" || strings.ContainsFunc(v, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return "", false
	}
	if lower := strings.ToLower(v); strings.Contains(lower, "javascript:") || strings.Contains(lower, "vbscript:") {
		// Harmless after a path or in a query, but no article needs it,
		// and refusing it everywhere is simpler to check.
		return "", false
	}
	u, err := url.Parse(v)
	if err != nil {
		return "", false
	}
	switch u.Scheme {
	case "", "http", "https":
		return v, true
	case "mailto", "tel":
		return v, kind == linkURL
	}
	return "", false
}

// external reports whether href, already clean, leads off the site.
func external(href string) bool {
	u, err := url.Parse(href)
	if err != nil {
		return false
	}
	return u.Scheme == "http" || u.Scheme == "https" || (u.Scheme == "" && u.Host != "")
}

// dropSpace is a strings.Map function that removes ASCII whitespace.
func dropSpace(r rune) rune {
	switch r {
	case ' ', '\t', '\n', '\r', '\f':
		return -1
	}
	return r
}

// set returns a set of the given names.
func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
