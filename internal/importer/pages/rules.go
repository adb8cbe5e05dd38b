package pages

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
)

// shipped are the rules files that come with cong, by name (rules/NAME.json).
//
//go:embed rules/*.json
var shipped embed.FS

// Rules tell how to read one old portal's saved pages: which addresses are
// articles, and where on such a page each field of the article is.
//
// A rules file is JSON. Each field is a CSS selector, or an object that
// says more (see Field); unknown keys, bad selectors and bad regular
// expressions are refused with the key named.
type Rules struct {
	Name string // the file, for messages

	// Host is the old portal's host ("haugiang.gov.vn"): the folder wget
	// made for it, and the name of the import's source. Optional when the
	// folder holds one host.
	Host string
	// Articles matches the old address of an article page, path and query
	// as the portal wrote them ("/Default.aspx?tabid=57&ItemID=123").
	Articles *regexp.Regexp

	Title, Date, Views, Category, Byline, Source, Summary Field

	Body    cascadia.Selector   // the article's text
	Remove  []cascadia.Selector // blocks inside the body to drop
	Images  cascadia.Selector   // the pictures of the body to import; others are dropped
	Caption cascadia.Selector   // a caption beside its picture
}

// Field finds one value on a page. In a rules file it is a CSS selector,
// or an object:
//
//	{"selector": "css", "attr": "content", "regexp": "Số lần xem: ([\\d.]+)", "default": "…"}
//	{"fixed": "Tin tức"}                     the same value for every page
//	{"url": "^/([^/]+)/"}                    a regexp on the page's old address
//	{"selector": "css", "regexp": "…", "layout": "2/1/2006"}   date only: a Go time layout
//
// The value is the text of the first element the selector finds with any
// (the last one, for the byline), or its attribute attr; when regexp is set,
// its first group (or the whole match). Default stands in when nothing is
// found.
type Field struct {
	Selector cascadia.Selector
	Attr     string
	Regexp   *regexp.Regexp
	Layout   string
	Fixed    string
	URL      *regexp.Regexp
	Default  string

	selector string // as written, for messages
}

// Set reports whether the rules give the field.
func (f *Field) Set() bool { return f.Selector != nil || f.Fixed != "" || f.URL != nil }

// Shipped returns the names of the rules files that come with cong.
func Shipped() []string {
	entries, _ := shipped.ReadDir("rules")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".json"))
	}
	return names
}

// LoadRules reads the rules file at nameOrPath, or the shipped rules of that
// name ("haugiang").
func LoadRules(nameOrPath string) (*Rules, error) {
	if nameOrPath == "" {
		return nil, fmt.Errorf("no rules: give a rules file, or one of the shipped rules (%s)", strings.Join(Shipped(), ", "))
	}
	if !strings.ContainsAny(nameOrPath, `/\.`) {
		if data, err := shipped.ReadFile("rules/" + nameOrPath + ".json"); err == nil {
			return ParseRules(nameOrPath+" (shipped)", data)
		}
		if _, err := os.Stat(nameOrPath); err != nil {
			return nil, fmt.Errorf("rules %q: no such file, and no shipped rules of that name (%s)",
				nameOrPath, strings.Join(Shipped(), ", "))
		}
	}
	data, err := os.ReadFile(nameOrPath)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	return ParseRules(filepath.Base(nameOrPath), data)
}

// ruleKeys are the keys of a rules file, in the order the docs give them.
var ruleKeys = []string{"about", "host", "articles", "title", "date", "views", "category", "body", "remove",
	"images", "caption", "byline", "source", "summary"}

// fieldKeys are the keys of a field given as an object.
var fieldKeys = []string{"selector", "attr", "regexp", "layout", "fixed", "url", "default"}

// ParseRules reads a rules file's content; name is the file, for messages.
func ParseRules(name string, data []byte) (*Rules, error) {
	f := &ruleFile{name: name}
	if err := json.Unmarshal(data, &f.raw); err != nil {
		return nil, f.fail("", "not a JSON object: %v", err)
	}
	for _, k := range sortedKeys(f.raw) {
		if !slices.Contains(ruleKeys, k) {
			return nil, f.fail("", "unknown key %q (the keys are %s)", k, strings.Join(ruleKeys, ", "))
		}
	}
	r := &Rules{Name: name, Host: f.host(), Articles: f.regexp("articles", true), Body: f.selector("body", true),
		Remove: f.selectors("remove"), Images: f.selector("images", false), Caption: f.selector("caption", false)}
	if r.Images == nil {
		r.Images = cascadia.MustCompile("img")
	}
	f.field("title", true, &r.Title)
	f.field("date", true, &r.Date)
	f.field("views", false, &r.Views)
	f.field("category", true, &r.Category)
	f.field("byline", false, &r.Byline)
	f.field("source", false, &r.Source)
	f.field("summary", false, &r.Summary)
	if f.err != nil {
		return nil, f.err
	}
	return r, nil
}

// ruleFile is a rules file being read. Its readers keep the first error
// and return nothing once there is one.
type ruleFile struct {
	name string
	raw  map[string]json.RawMessage
	err  error
}

// fail is an error about key of the file ("" for the file as a whole).
func (f *ruleFile) fail(key string, format string, args ...any) error {
	if key == "" {
		return fmt.Errorf("rules %s: %s", f.name, fmt.Sprintf(format, args...))
	}
	return fmt.Errorf("rules %s: %q: %s", f.name, key, fmt.Sprintf(format, args...))
}

func (f *ruleFile) setErr(key string, format string, args ...any) {
	if f.err == nil {
		f.err = f.fail(key, format, args...)
	}
}

// str reads the string at key; "" when it is missing.
func (f *ruleFile) str(key string, required bool) string {
	v, ok := f.raw[key]
	var s string
	switch {
	case f.err != nil:
	case !ok && required:
		f.setErr(key, "missing: it is required")
	case !ok:
	case json.Unmarshal(v, &s) != nil:
		f.setErr(key, "want a string")
	case required && strings.TrimSpace(s) == "":
		f.setErr(key, "empty: it is required")
	}
	return s
}

func (f *ruleFile) host() string {
	h := strings.ToLower(strings.TrimSpace(f.str("host", false)))
	if h != "" && (strings.ContainsAny(h, "/\\ ") || h == "." || h == "..") {
		f.setErr("host", "want a host name such as haugiang.gov.vn, not %q", h)
	}
	return h
}

func (f *ruleFile) regexp(key string, required bool) *regexp.Regexp {
	s := f.str(key, required)
	if s == "" {
		return nil
	}
	x, err := regexp.Compile(s)
	if err != nil {
		f.setErr(key, "bad regexp: %v", err)
	}
	return x
}

func (f *ruleFile) selector(key string, required bool) cascadia.Selector {
	s := f.str(key, required)
	if s == "" {
		return nil
	}
	sel, err := cascadia.Compile(s)
	if err != nil {
		f.setErr(key, "bad selector %q: %v", s, err)
	}
	return sel
}

// selectors reads the list of selectors at key.
func (f *ruleFile) selectors(key string) []cascadia.Selector {
	v, ok := f.raw[key]
	if !ok || f.err != nil {
		return nil
	}
	var list []string
	if err := json.Unmarshal(v, &list); err != nil {
		f.setErr(key, "want a list of selectors")
		return nil
	}
	var out []cascadia.Selector
	for _, s := range list {
		sel, err := cascadia.Compile(s)
		if err != nil {
			f.setErr(key, "bad selector %q: %v", s, err)
			return nil
		}
		out = append(out, sel)
	}
	return out
}

// field reads the field at key into into.
func (f *ruleFile) field(key string, required bool, into *Field) {
	v, ok := f.raw[key]
	switch {
	case f.err != nil:
	case !ok && required:
		f.setErr(key, "missing: it is required")
	case !ok:
	default:
		err := parseField(v, into)
		if err == nil {
			err = checkField(key, into)
		}
		if err != nil {
			f.setErr(key, "%v", err)
		}
	}
}

// parseField reads a field: a selector, or an object of fieldKeys.
func parseField(v json.RawMessage, f *Field) error {
	var raw map[string]json.RawMessage
	if bytes.HasPrefix(bytes.TrimSpace(v), []byte(`"`)) {
		raw = map[string]json.RawMessage{"selector": v}
	} else if err := json.Unmarshal(v, &raw); err != nil {
		return fmt.Errorf("want a selector or an object of %s", strings.Join(fieldKeys, ", "))
	}
	s := map[string]string{}
	for _, k := range sortedKeys(raw) {
		if !slices.Contains(fieldKeys, k) {
			return fmt.Errorf("unknown key %q (a field's keys are %s)", k, strings.Join(fieldKeys, ", "))
		}
		var val string
		if err := json.Unmarshal(raw[k], &val); err != nil {
			return fmt.Errorf("%q: want a string", k)
		}
		s[k] = val
	}
	var err error
	if sel := s["selector"]; sel != "" {
		if f.Selector, err = cascadia.Compile(sel); err != nil {
			return fmt.Errorf("bad selector %q: %v", sel, err)
		}
		f.selector = sel
	}
	if x := s["regexp"]; x != "" {
		if f.Regexp, err = regexp.Compile(x); err != nil {
			return fmt.Errorf("bad regexp: %v", err)
		}
	}
	if x := s["url"]; x != "" {
		if f.URL, err = regexp.Compile(x); err != nil {
			return fmt.Errorf("bad url regexp: %v", err)
		}
	}
	f.Attr, f.Layout, f.Fixed, f.Default = s["attr"], s["layout"], strings.TrimSpace(s["fixed"]), s["default"]
	return nil
}

// checkField refuses a field that could not work: none or several of
// selector, fixed and url; a layout anywhere but on the date.
func checkField(key string, f *Field) error {
	n := 0
	for _, set := range []bool{f.Selector != nil, f.Fixed != "", f.URL != nil} {
		if set {
			n++
		}
	}
	switch {
	case n != 1:
		return fmt.Errorf("give one of selector, fixed and url")
	case f.Regexp != nil && f.Selector == nil:
		return fmt.Errorf("regexp applies to what the selector finds; with url, put the group in the url regexp")
	case f.Attr != "" && f.Selector == nil:
		return fmt.Errorf("attr needs a selector")
	case key == "date" && f.Layout == "":
		return fmt.Errorf("layout is required: a Go time layout such as \"2/1/2006\" for 30/12/2020")
	case key == "date":
		return checkLayout(f.Layout)
	case f.Layout != "":
		return fmt.Errorf("layout is for the date only")
	case key == "byline" && f.Selector == nil:
		return fmt.Errorf("the byline is found by a selector")
	}
	return nil
}

// checkLayout refuses a layout that names no year, or that cannot read
// back what it writes (not a Go time layout at all).
func checkLayout(layout string) error {
	if !strings.Contains(layout, "06") {
		return fmt.Errorf("layout %q has no year (2006): write the date 30/12/2020 as Go does, \"2/1/2006\"", layout)
	}
	sample := time.Date(2020, 12, 30, 0, 0, 0, 0, time.UTC)
	if t, err := time.Parse(layout, sample.Format(layout)); err != nil || !t.Equal(sample) {
		return fmt.Errorf("layout %q does not read back 30/12/2020: write it as Go does, \"2/1/2006\"", layout)
	}
	return nil
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
