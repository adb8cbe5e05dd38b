package pages

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/importer"
	"cong/internal/viet"
)

// clean is text as a field holds it: legacy encodings fixed, NFC, spaces
// (no-break ones too) collapsed.
func clean(s string) string {
	return strings.Join(strings.Fields(viet.NFC(importer.FixText(s))), " ")
}

// errRule is a rule that did not work on a page.
func errRule(key, format string, args ...any) error {
	return fmt.Errorf("rule %q: %s", key, fmt.Sprintf(format, args...))
}

// read returns what field f finds on doc, whose old address is address;
// found is false when it finds nothing and has no default. last takes the
// last element with text rather than the first (the byline), and el is the
// element read, nil for fixed values, defaults and the address.
func (f *Field) read(key string, doc *goquery.Document, address string, last bool) (value string, el *goquery.Selection, err error) {
	switch {
	case f.Fixed != "":
		return f.Fixed, nil, nil
	case f.URL != nil:
		m := f.URL.FindStringSubmatch(address)
		if m == nil {
			return f.orDefault(key, "url regexp %q does not match %q", f.URL, address)
		}
		return clean(group(m)), nil, nil
	}
	var text string
	doc.FindMatcher(f.Selector).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		t := s.Text()
		if f.Attr != "" {
			t, _ = s.Attr(f.Attr)
		}
		if t = clean(t); t != "" {
			text, el = t, s
			return last
		}
		return true
	})
	if el == nil {
		return f.orDefault(key, "selector %q finds nothing", f.selector)
	}
	if f.Regexp != nil {
		m := f.Regexp.FindStringSubmatch(text)
		if m == nil {
			v, _, err := f.orDefault(key, "%q does not match regexp %q", cut(text, 120), f.Regexp)
			return v, el, err
		}
		text = strings.TrimSpace(group(m))
	}
	return text, el, nil
}

func (f *Field) orDefault(key, format string, args ...any) (string, *goquery.Selection, error) {
	if f.Default != "" {
		return f.Default, nil, nil
	}
	return "", nil, errRule(key, format, args...)
}

// group is a match's first group, or the match when there is none.
func group(m []string) string {
	if len(m) > 1 {
		return m[1]
	}
	return m[0]
}

// cut shortens s to n runes for a message.
func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// date reads the date field as midnight, or the time its layout gives, in
// Vietnam.
func (f *Field) date(doc *goquery.Document, address string) (time.Time, error) {
	s, _, err := f.read("date", doc, address, false)
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.ParseInLocation(f.Layout, s, viet.Location)
	if err != nil {
		return time.Time{}, errRule("date", "%q does not parse with layout %q", s, f.Layout)
	}
	return t, nil
}

// count reads a number written with "." or "," between thousands (1.234).
func count(s string) (int64, error) {
	digits := strings.NewReplacer(".", "", ",", "", " ", "").Replace(s)
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a count", s)
	}
	return n, nil
}
