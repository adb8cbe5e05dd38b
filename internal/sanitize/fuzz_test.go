package sanitize

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// FuzzBody checks that whatever the input, Body's output holds no script,
// no event handler and no URL outside the allowlist, and that cleaning it
// again changes nothing. Found inputs are kept in testdata/fuzz/FuzzBody.
func FuzzBody(f *testing.F) {
	for _, tt := range hostile {
		f.Add(tt.in)
	}
	for _, tt := range kept {
		f.Add(tt.in)
	}
	// One paragraph of Word, not all of testdata/word.html: the fuzzer
	// minimizes each new input it finds, and minimizing 10 kB takes it
	// the best part of a minute.
	f.Add(wordParagraph)
	f.Fuzz(func(t *testing.T, in string) {
		out := Body(in)
		checkSafe(t, in, out)
		if again := Body(out); again != out {
			t.Errorf("Body(%q) = %q; want %q (cleaning twice must change nothing)", out, again, out)
		}
	})
}

const wordParagraph = `<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->
<p class=MsoListParagraph style='text-align:justify;mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=VI style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span></span><![endif]><b><span lang=VI style='mso-ansi-language:VI'>Thời gian</span></b>:<span
style='mso-spacerun:yes'>&nbsp; </span><a href="https://chinhphu.vn/">08 giờ</a><o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>`

// outAttrs lists the attributes each element may have in Body's output.
var outAttrs = map[string][]string{
	"a":   {"href", "title", "rel", "target"},
	"img": {"src", "alt", "width", "height", "title", "srcset", "sizes", "loading", "role"},
	"th":  {"colspan", "rowspan", "scope", "class"},
	"td":  {"colspan", "rowspan", "class"},
}

var (
	eventHandler = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	safeImage    = regexp.MustCompile(`^data:image/(?:png|jpeg|gif|webp);base64,[a-zA-Z0-9+/]*={0,2}$`)
)

// checkSafe fails t if out, Body's output for in, could run script. It reads
// out with the tokenizer, the way bluemonday and a browser's first pass do,
// not with the code under test.
func checkSafe(t *testing.T, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("Body(%q) = %q; want valid UTF-8", in, out)
	}
	if strings.Contains(strings.ToLower(out), "<script") {
		t.Errorf("Body(%q) = %q; want no <script", in, out)
	}
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.CommentToken, html.DoctypeToken:
			t.Errorf("Body(%q) = %q; want no comment or doctype", in, out)
		case html.StartTagToken, html.SelfClosingTagToken:
			raw := string(z.Raw())
			tok := z.Token()
			if !allowed[tok.Data] && tok.Data != "span" {
				t.Errorf("Body(%q) = %q; want no <%s>", in, out, tok.Data)
			}
			if m := eventHandler.FindString(tagOnly(raw)); m != "" {
				t.Errorf("Body(%q) = %q; want no %q in a tag", in, out, m)
			}
			for _, a := range tok.Attr {
				checkAttr(t, in, out, tok.Data, a)
			}
		}
	}
}

// tagOnly returns the raw tag with its quoted attribute values blanked out:
// a title may say "on=" in words, but outside quotes it would be an
// attribute.
func tagOnly(raw string) string {
	var b strings.Builder
	var quote rune
	for _, r := range raw {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			continue
		case r == '"' || r == '\'':
			quote = r
		}
		b.WriteRune(r)
	}
	return b.String()
}

func checkAttr(t *testing.T, in, out, elem string, a html.Attribute) {
	t.Helper()
	ok := a.Key == "class" && classesFor(elem) != nil
	for _, k := range outAttrs[elem] {
		ok = ok || a.Key == k
	}
	if !ok || strings.HasPrefix(a.Key, "on") {
		t.Errorf("Body(%q) = %q; want no %s on <%s>", in, out, a.Key, elem)
		return
	}
	if a.Key == "role" && a.Val != "presentation" {
		t.Errorf("Body(%q) = %q; want no role=%q (only presentation, the editor's decorative mark)", in, out, a.Val)
	}
	var urls []string
	switch a.Key {
	case "href", "src":
		urls = []string{a.Val}
	case "srcset":
		for c := range strings.SplitSeq(a.Val, ",") {
			urls = append(urls, strings.Fields(c)[0])
		}
	}
	for _, u := range urls {
		if !safeURL(u, elem == "img" && a.Key == "src") {
			t.Errorf("Body(%q) = %q; want no %s=%q", in, out, a.Key, u)
		}
	}
}

// safeURL reports whether a browser would load or follow u without running
// script: it removes what browsers ignore before reading the scheme.
func safeURL(u string, image bool) bool {
	bare := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, u))
	if strings.Contains(bare, "javascript:") || strings.Contains(bare, "vbscript:") {
		return false
	}
	if strings.HasPrefix(bare, "data:") {
		return image && safeImage.MatchString(u)
	}
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch p.Scheme {
	case "", "http", "https":
		return true
	case "mailto", "tel":
		return !image
	}
	return false
}
