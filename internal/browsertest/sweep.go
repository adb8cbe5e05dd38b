package browsertest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Widths of a sweep: a desktop and a phone for axe-core, and the 320 CSS
// pixels of WCAG 1.4.10 (reflow) for horizontal scrolling.
const (
	Desktop = 1280
	Phone   = 375
	Reflow  = 320
)

// Finding is one element of one page failing one check at one width.
type Finding struct {
	Page  string // a path, or a name for a page reached by a step
	Width int
	Rule  string // the axe-core rule, or "reflow"
	Node  string // a CSS selector and what fails
}

func (f Finding) String() string {
	return fmt.Sprintf("%s at %dpx: %s: %s", f.Page, f.Width, f.Rule, f.Node)
}

// Report fails t with every finding, one a line, sorted as found.
func Report(t *testing.T, what string, findings []Finding) {
	t.Helper()
	if len(findings) == 0 {
		return
	}
	lines := make([]string, len(findings))
	for i, f := range findings {
		lines[i] = "\t" + f.String()
	}
	t.Errorf("%s: %d failures:\n%s", what, len(findings), strings.Join(lines, "\n"))
}

// SetWidth gives the tab a viewport width wide (900 px tall); widths below
// 900 emulate a phone (touch, device-width layout).
func SetWidth(t *testing.T, tab context.Context, width int) {
	t.Helper()
	opts := []chromedp.EmulateViewportOption{}
	if width < 900 {
		opts = append(opts, chromedp.EmulateMobile)
	}
	Do(t, tab, fmt.Sprintf("set the width to %dpx", width), chromedp.EmulateViewport(int64(width), 900, opts...))
}

// Check runs axe-core (WCAG 2 A/AA) over the page loaded in tab at each
// width in turn, and checks its headings and skip link (Structure) and its
// focus rings (FocusRings) at the desktop width (a phone's emulated touch screen shows no keyboard focus, and the
// colours are the same); it returns what fails, one finding per element
// and rule.
func Check(t *testing.T, tab context.Context, page string, widths ...int) []Finding {
	t.Helper()
	var out []Finding
	for _, w := range widths {
		SetWidth(t, tab, w)
		for _, v := range Axe(t, tab) {
			for _, n := range v.Nodes {
				out = append(out, Finding{Page: page, Width: w, Rule: v.ID, Node: n})
			}
		}
		if w == Desktop {
			out = append(out, Structure(t, tab, page, w)...)
			out = append(out, FocusRings(t, tab, page, w)...)
		}
	}
	return out
}

// Overflow sets the tab to width and returns a finding for each element
// that sticks out to the right of the viewport, outermost first, when the
// page scrolls sideways; none when it does not.
func Overflow(t *testing.T, tab context.Context, page string, width int) []Finding {
	t.Helper()
	SetWidth(t, tab, width)
	// Elements inside a box that scrolls or clips on its own (a wide table
	// in a scrolling wrapper) do not make the page scroll; only elements
	// whose own right edge passes the viewport and whose parent's does not
	// are named, so each cause is listed once.
	wide := Run(t, tab, "measure the overflow", chromedp.Evaluate[[]string](`(() => {
		const root = document.documentElement, vw = root.clientWidth;
		if (root.scrollWidth <= vw) return [];
		const clips = el => { for (let p = el.parentElement; p && p !== root; p = p.parentElement) {
			const o = getComputedStyle(p).overflowX; if (o !== "visible") return true; } return false; };
		const name = el => el.localName + (el.id ? "#" + el.id : "") +
			[...el.classList].map(c => "." + c).join("");
		const out = [];
		for (const el of document.body.querySelectorAll("*")) {
			const r = el.getBoundingClientRect().right;
			if (r <= vw + 0.5 || clips(el)) continue;
			const p = el.parentElement, pr = p ? p.getBoundingClientRect().right : 0;
			if (p && p !== document.body && pr > vw + 0.5) continue;
			out.push(name(el) + " ends at " + Math.round(r) + "px");
		}
		return [(root.scrollWidth - vw) + "px wider than the viewport", ...out.slice(0, 5)];
	})()`))
	var out []Finding
	for _, n := range wide {
		out = append(out, Finding{Page: page, Width: width, Rule: "reflow", Node: n})
	}
	return out
}

// Structure returns a finding for each heading of the page loaded in tab
// that is more than one level deeper than the one before it (h1 then h3:
// axe-core's heading-order, a best practice it does not count as a WCAG
// failure), and one when the page does not begin with a skip link: the
// first element a keyboard reaches must be a link to the element holding
// the main content.
func Structure(t *testing.T, tab context.Context, page string, width int) []Finding {
	t.Helper()
	lines := Run(t, tab, "read the headings and the skip link", chromedp.Evaluate[[]string](`(() => {
		const out = [];
		let last = 0;
		for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
			const level = +h.localName[1];
			if (last && level > last + 1) {
				out.push("heading-order: h" + last + " then " + h.localName + " “" + h.textContent.trim().slice(0, 60) + "”");
			}
			last = level;
		}
		const first = document.querySelector("a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex='-1'])");
		const href = first && first.localName === "a" ? first.getAttribute("href") : "";
		const target = href.startsWith("#") ? document.getElementById(href.slice(1)) : null;
		if (!target || !target.matches("main, [role=main]")) {
			out.push("skip-link: the first link is " + (first ? first.outerHTML.slice(0, 80) : "missing") +
				"; want a link to the page's main element");
		}
		return out;
	})()`))
	var out []Finding
	for _, l := range lines {
		rule, node, _ := strings.Cut(l, ": ")
		out = append(out, Finding{Page: page, Width: width, Rule: rule, Node: node})
	}
	return out
}
