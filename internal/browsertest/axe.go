package browsertest

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core (Deque Systems, MPL-2.0), unmodified, from the npm
// package axe-core@4.14.1; its licence header is at the top of the file.
//
//go:embed testdata/axe.min.js
var axeSource string

// WCAG2AA are the axe-core rule tags of WCAG 2.0 and 2.1, levels A and AA.
var WCAG2AA = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// Violation is one failed accessibility rule and the elements that fail it.
type Violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"` // CSS selectors, with the failure summary
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
}

// Axe injects axe-core into the page loaded in tab, runs the rules with
// tags (WCAG2AA when none) over the whole document and returns what fails.
func Axe(t *testing.T, tab context.Context, tags ...string) []Violation {
	t.Helper()
	if len(tags) == 0 {
		tags = WCAG2AA
	}
	// Injected once per document: a second run on the same page (at
	// another width) reuses it.
	if !Run(t, tab, "look for axe-core", chromedp.Evaluate[bool](`typeof window.axe === "object"`)) {
		Do(t, tab, "inject axe-core", chromedp.Evaluate[chromedp.Void](axeSource+";undefined"))
	}
	js := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]}).then(r =>
		r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
			nodes: v.nodes.map(n => n.target.join(" ") + " — " + (n.failureSummary || "").replace(/\s+/g, " "))})))`,
		jsList(tags))
	return Run(t, tab, "run axe-core", chromedp.Evaluate[[]Violation](js, chromedp.EvalAwaitPromise))
}

func jsList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = JSString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
