package browsertest

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusRings is a script that focuses every element a person can reach
// with the keyboard, in turn, and returns a line for each whose focus ring
// is missing, thinner than 2px, the browser's default, or of less than 3:1
// contrast (WCAG 1.4.11) with any colour it is drawn on: what the browser
// paints just outside each side of the element (its own background when
// the ring is drawn inside it), gradients stop by stop, translucent colours
// blended over what is under them. Elements in
// an SVG (the administrative map shows focus in the shape) and frames are
// left out. The first focus comes from a key press, so the browser shows
// rings for the focus() calls that follow (:focus-visible).
const focusRings = `(() => {
	const rgb = s => {
		const p = s.match(/[\d.]+/g).map(Number);
		return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
	};
	const lum = c => {
		const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
		return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
	};
	const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
	const over = (c, under) => ({r: c.r * c.a + under.r * (1 - c.a), g: c.g * c.a + under.g * (1 - c.a),
		b: c.b * c.a + under.b * (1 - c.a), a: 1});
	const white = {r: 255, g: 255, b: 255, a: 1};
	// The colours an element paints behind its content, over what is under it.
	const backgrounds = el => {
		if (!el) return [white];
		const cs = getComputedStyle(el);
		const stops = [...cs.backgroundImage.matchAll(/rgba?\([^)]*\)/g)].map(m => rgb(m[0])).filter(c => c.a > 0);
		const colour = rgb(cs.backgroundColor);
		if (stops.length === 0 && colour.a === 0) return backgrounds(el.parentElement);
		const own = stops.length ? stops : [colour];
		const under = own.some(c => c.a < 1) ? backgrounds(el.parentElement) : [];
		return own.flatMap(c => c.a < 1 ? under.map(u => over(c, u)) : [c]);
	};
	// The colours under a ring: what is painted just outside the element's
	// box in the middle of each side, as the browser hit-tests it (so an
	// element placed over another, or a ring reaching over a neighbour,
	// counts); inside the element, its own background.
	const underRing = (el, offset, width) => {
		if (offset + width <= 0) return backgrounds(el);
		const r = el.getBoundingClientRect(), reach = Math.max(offset, 0) + width / 2;
		const mx = (r.left + r.right) / 2, my = (r.top + r.bottom) / 2;
		const out = [];
		for (const [x, y] of [[mx, r.top - reach], [mx, r.bottom + reach], [r.left - reach, my], [r.right + reach, my]]) {
			if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
			const under = document.elementsFromPoint(x, y).find(e => e !== el && !el.contains(e));
			out.push(...backgrounds(under || document.documentElement));
		}
		return out.length ? out : backgrounds(el.parentElement);
	};
	const hex = c => "#" + [c.r, c.g, c.b].map(v => Math.round(v).toString(16).padStart(2, "0")).join("");
	const name = el => el.localName + (el.id ? "#" + el.id : "") + [...el.classList].map(c => "." + c).join("") +
		(el.getAttribute("href") ? "[href=\"" + el.getAttribute("href") + "\"]" : "");
	// TinyMCE's buttons take tabindex="-1": its toolbar and status bar are
	// one tab stop each, walked with the arrow keys.
	const editor = ".tox :is(.tox-tbtn, .tox-statusbar__path-item, .tox-statusbar__resize-handle)";
	const reachable = [...document.querySelectorAll(
		"a[href], button, input, select, textarea, summary, [tabindex]")].filter(el =>
		!el.disabled && el.type !== "hidden" && el.getAttribute("tabindex") !== "-1" || el.matches(editor))
		.filter(el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden" &&
			!el.closest("svg, [aria-hidden=true]") && el.localName !== "iframe");
	const out = [];
	for (const el of reachable) {
		el.focus();
		if (document.activeElement !== el) continue; // not focusable after all
		if (!el.matches(":focus-visible")) { out.push(name(el) + ": focus not shown (:focus-visible)"); continue; }
		const cs = getComputedStyle(el);
		const width = parseFloat(cs.outlineWidth), offset = parseFloat(cs.outlineOffset);
		if (cs.outlineStyle === "auto") { out.push(name(el) + ": the browser's own focus ring"); continue; }
		if (cs.outlineStyle === "none" || width < 2) {
			out.push(name(el) + ": no focus ring (outline " + cs.outlineStyle + " " + cs.outlineWidth + ")");
			continue;
		}
		const ring = rgb(cs.outlineColor);
		const behind = [...new Map(underRing(el, offset, width).map(c => [hex(c), c])).values()];
		const worst = Math.min(...behind.map(b => ratio(ring, b)));
		if (worst < 3) {
			out.push(name(el) + ": ring " + hex(ring) + " on " + behind.map(hex).join("/") + " is " + worst.toFixed(2) + ":1");
		}
	}
	document.activeElement.blur();
	return out;
})()`

// FocusRings returns a finding for each element of the page loaded in tab,
// at the tab's present width, whose keyboard focus ring is missing or has
// less than 3:1 contrast with the colours around it.
func FocusRings(t *testing.T, tab context.Context, page string, width int) []Finding {
	t.Helper()
	Do(t, tab, "press Tab", chromedp.KeyEvent(kb.Tab))
	var out []Finding
	for _, line := range Run(t, tab, "check the focus rings", chromedp.Evaluate[[]string](focusRings)) {
		out = append(out, Finding{Page: page, Width: width, Rule: "focus-ring", Node: line})
	}
	return out
}
