package pages_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cong/internal/importer/pages"
)

// minimal is a rules file with the required keys only; cases add to it.
const minimal = `"articles": "ItemID=", "title": "h1", "date": {"selector": ".date", "layout": "2/1/2006"},
	"category": {"fixed": "Tin tức"}, "body": ".content"`

// TestRulesErrors: a faulty rules file is refused with the key at fault
// named, and why.
func TestRulesErrors(t *testing.T) {
	for _, c := range []struct{ name, json, want string }{
		{"not JSON", `{"articles": `, "not a JSON object"},
		{"unknown key", `{` + minimal + `, "titel": "h1"}`, `unknown key "titel"`},
		{"unknown key of a field", `{` + minimal + `, "views": {"selector": ".v", "regex": "\\d+"}}`, `"views": unknown key "regex"`},
		{"bad selector", `{"articles": "x", "title": "h1[", "date": {"selector": ".d", "layout": "2/1/2006"}, "category": "a", "body": "b"}`, `"title": bad selector "h1["`},
		{"bad body selector", `{"articles": "x", "title": "h1", "date": {"selector": ".d", "layout": "2/1/2006"}, "category": "a", "body": "div >"}`, `"body": bad selector`},
		{"bad remove selector", `{` + minimal + `, "remove": [".ok", "p:nope"]}`, `"remove": bad selector "p:nope"`},
		{"remove not a list", `{` + minimal + `, "remove": ".x"}`, `"remove": want a list of selectors`},
		{"bad regexp", `{` + minimal + `, "views": {"selector": ".v", "regexp": "(\\d+"}}`, `"views": bad regexp`},
		{"bad articles regexp", `{"articles": "ItemID=(", "title": "h1", "date": {"selector": ".d", "layout": "2/1/2006"}, "category": "a", "body": "b"}`, `"articles": bad regexp`},
		{"bad url regexp", `{"articles": "x", "title": "h1", "date": {"selector": ".d", "layout": "2/1/2006"}, "category": {"url": "^/(["}, "body": "b"}`, `"category": bad url regexp`},
		{"missing title", `{"articles": "x", "date": {"selector": ".d", "layout": "2/1/2006"}, "category": "a", "body": "b"}`, `"title": missing`},
		{"missing articles", `{"title": "h1", "date": {"selector": ".d", "layout": "2/1/2006"}, "category": "a", "body": "b"}`, `"articles": missing`},
		{"missing body", `{"articles": "x", "title": "h1", "date": {"selector": ".d", "layout": "2/1/2006"}, "category": "a"}`, `"body": missing`},
		{"date without layout", `{"articles": "x", "title": "h1", "date": ".d", "category": "a", "body": "b"}`, `"date": layout is required`},
		{"layout without year", `{"articles": "x", "title": "h1", "date": {"selector": ".d", "layout": "2/1"}, "category": "a", "body": "b"}`, `"date": layout "2/1" has no year`},
		{"layout not Go's", `{"articles": "x", "title": "h1", "date": {"selector": ".d", "layout": "dd/mm/yyyy"}, "category": "a", "body": "b"}`, `"date": layout "dd/mm/yyyy"`},
		{"layout on another field", `{` + minimal + `, "views": {"selector": ".v", "layout": "2006"}}`, `"views": layout is for the date only`},
		{"selector and fixed", `{` + minimal + `, "source": {"selector": ".s", "fixed": "TTXVN"}}`, `"source": give one of selector, fixed and url`},
		{"nothing to find", `{` + minimal + `, "source": {"default": "TTXVN"}}`, `"source": give one of selector, fixed and url`},
		{"regexp without selector", `{` + minimal + `, "source": {"fixed": "TTXVN", "regexp": "x"}}`, `"source": regexp applies to what the selector finds`},
		{"field not a string", `{` + minimal + `, "views": 3}`, `"views": want a selector or an object`},
		{"value not a string", `{` + minimal + `, "views": {"selector": 3}}`, `"views": "selector": want a string`},
		{"byline fixed", `{` + minimal + `, "byline": {"fixed": "Ban biên tập"}}`, `"byline": the byline is found by a selector`},
		{"host with a path", `{` + minimal + `, "host": "haugiang.gov.vn/tin-tuc"}`, `"host": want a host name`},
	} {
		_, err := pages.ParseRules("x.json", []byte(c.json))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "rules x.json: ") {
			t.Errorf("%s: ParseRules = %v; want an error naming x.json holding %q", c.name, err, c.want)
		}
	}
	if _, err := pages.ParseRules("x.json", []byte(`{`+minimal+`}`)); err != nil {
		t.Errorf("minimal rules: %v", err)
	}
}

// TestLoadRules: shipped rules by name, any file by path, and a clear
// error for a name that is neither.
func TestLoadRules(t *testing.T) {
	r, err := pages.LoadRules("haugiang")
	if err != nil {
		t.Fatalf("LoadRules(haugiang): %v", err)
	}
	if !r.Articles.MatchString("/Default.aspx?tabid=57&ItemID=123") || r.Articles.MatchString("/Default.aspx?tabid=57") ||
		r.Articles.MatchString("/Default.aspx?tabid=57&ItemID=12a") {
		t.Errorf("haugiang's articles %q tells articles from other pages wrongly", r.Articles)
	}
	path := filepath.Join(t.TempDir(), "site.json")
	os.WriteFile(path, []byte(`{`+minimal+`}`), 0o644)
	if _, err := pages.LoadRules(path); err != nil {
		t.Errorf("LoadRules(%s): %v", path, err)
	}
	if _, err := pages.LoadRules("khong-co"); err == nil || !strings.Contains(err.Error(), "haugiang") {
		t.Errorf("LoadRules(khong-co) = %v; want an error listing the shipped rules", err)
	}
	if _, err := pages.LoadRules(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("a missing file: no error")
	}
}
