// Package render turns typed page structs into HTML with html/template.
//
// Templates are parsed once at start. A page is rendered to a buffer, never
// straight to the response, so a template error becomes an error page
// instead of half a page. Rendered pages may carry holes — marked with the
// template function {{hole "name"}} — for the few numbers that change on
// every request (view and visitor counts): readers' pages are rendered once,
// kept in memory, and only the holes are filled per request.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
)

// Engine holds the parsed templates, one set per page.
type Engine struct {
	pages map[string]*template.Template
}

// New parses every page template in fsys's "pages" folder together with the
// layouts and partials of its "layout" folder, with funcs available to all.
func New(fsys fs.FS, funcs template.FuncMap) (*Engine, error) {
	all := template.FuncMap{"hole": hole, "hiddenHole": hiddenHole}
	for k, v := range funcs {
		all[k] = v
	}
	base, err := template.New("").Funcs(all).ParseFS(fsys, "layout/*.html")
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	names, err := fs.Glob(fsys, "pages/*.html")
	if err != nil {
		return nil, err
	}
	e := &Engine{pages: make(map[string]*template.Template)}
	for _, name := range names {
		t, err := template.Must(base.Clone()).ParseFS(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("render: %w", err)
		}
		e.pages[strings.TrimSuffix(path.Base(name), ".html")] = t
	}
	return e, nil
}

// Pages lists the page names, for tests that render every template.
func (e *Engine) Pages() []string {
	var names []string
	for n := range e.pages {
		names = append(names, n)
	}
	return names
}

// Render executes page's "layout" template with data and splits the result
// at its holes.
func (e *Engine) Render(page string, data any) (*Page, error) {
	t, ok := e.pages[page]
	if !ok {
		return nil, fmt.Errorf("render: no page %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return nil, fmt.Errorf("render %s: %w", page, err)
	}
	return split(buf.Bytes())
}
