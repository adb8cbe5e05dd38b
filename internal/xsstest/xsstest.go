// Package xsstest holds the stored-XSS vectors that tests send through every
// public field and staff answer field, and a checker that parses a page as a
// browser would and reports anything in it that could run script.
package xsstest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"

	"golang.org/x/net/html"

	"cong/internal/htmlnode"
)

//go:embed vectors.txt
var vectorsFile string

// Vectors returns the vectors, at least a hundred of them.
func Vectors() []string {
	var out []string
	for line := range strings.Lines(vectorsFile) {
		line = strings.TrimRight(line, "\n")
		if line == "" || strings.HasPrefix(line, "# ") {
			continue
		}
		out = append(out, strings.ReplaceAll(line, `\n`, "\n"))
	}
	return out
}

// Problems parses page and describes every element, attribute or address
// in it that could run script: a script that is neither JSON-LD nor a file
// of the site's own, an event-handler attribute, a javascript:, vbscript:
// or data: address, a frame or plug-in, a <base>, a refresh, script in CSS.
// An empty answer means the page is safe to show.
func Problems(page []byte) []string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return []string{"the page does not parse: " + err.Error()}
	}
	var out []string
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode {
			out = append(out, element(n)...)
		}
	}
	return out
}

func element(n *html.Node) []string {
	var out []string
	bad := func(format string, args ...any) {
		out = append(out, fmt.Sprintf("<%s> ", n.Data)+fmt.Sprintf(format, args...))
	}
	switch strings.ToLower(n.Data) {
	case "script":
		if why := script(n); why != "" {
			bad("%s", why)
		}
	case "iframe", "frame", "frameset", "object", "embed", "applet", "base", "isindex", "portal":
		bad("may not appear")
	case "meta":
		if strings.EqualFold(htmlnode.Attr(n, "http-equiv"), "refresh") {
			bad("refreshes the page")
		}
	case "style":
		if dangerousCSS(text(n)) {
			bad("style sheet runs script")
		}
	}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		switch {
		case strings.HasPrefix(key, "on"):
			bad("event handler %s=%q", key, a.Val)
		case key == "srcdoc":
			bad("srcdoc")
		case key == "style" && dangerousCSS(a.Val):
			bad("style %q", a.Val)
		case key == "srcset":
			for c := range strings.SplitSeq(a.Val, ",") {
				if f := strings.Fields(c); len(f) > 0 && dangerousURL(n.Data, f[0]) {
					bad("srcset %q", a.Val)
				}
			}
		case urlAttrs[key] && dangerousURL(n.Data, a.Val):
			bad("%s=%q", key, a.Val)
		case (key == "to" || key == "from" || key == "values" || key == "by") && dangerousURL("", a.Val):
			bad("animates to %q", a.Val)
		case key == "attributename" && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "on"):
			bad("animates a handler %q", a.Val)
		}
	}
	return out
}

// urlAttrs are the attributes a browser follows or loads as addresses.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "data": true, "poster": true,
	"background": true, "cite": true, "dynsrc": true, "lowsrc": true, "ping": true, "manifest": true,
	"codebase": true, "icon": true, "longdesc": true, "usemap": true,
}

// script reports why a script element is not one of the page's own.
func script(n *html.Node) string {
	body := strings.TrimSpace(text(n))
	if src := htmlnode.Attr(n, "src"); src != "" {
		if !strings.HasPrefix(src, "/") || strings.HasPrefix(src, "//") || body != "" {
			return fmt.Sprintf("loads %q", src)
		}
		return ""
	}
	if htmlnode.Attr(n, "type") != "application/ld+json" {
		return fmt.Sprintf("inline script %.60q", body)
	}
	if !json.Valid([]byte(body)) {
		return fmt.Sprintf("JSON-LD broken open: %.80q", body)
	}
	return ""
}

// dangerousURL reports whether a browser would run or render as a page the
// address s, found on element tag. Browsers drop tabs and newlines anywhere
// in an address, and controls and spaces around it.
func dangerousURL(tag, s string) bool {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	s = strings.ToLower(strings.TrimLeft(s, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
	switch {
	case strings.HasPrefix(s, "javascript:"), strings.HasPrefix(s, "vbscript:"), strings.HasPrefix(s, "livescript:"):
		return true
	case strings.HasPrefix(s, "data:"):
		// A picture's own data address shows a picture, nothing more.
		return !(tag == "img" && strings.HasPrefix(s, "data:image/") && !strings.HasPrefix(s, "data:image/svg"))
	}
	return false
}

func dangerousCSS(s string) bool {
	s = strings.ToLower(strings.ReplaceAll(s, `\`, ""))
	return strings.Contains(s, "javascript:") || strings.Contains(s, "expression(") ||
		strings.Contains(s, "behavior:") || strings.Contains(s, "-moz-binding") || strings.Contains(s, "@import")
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}
