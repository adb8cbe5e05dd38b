// Package chart draws the back office's charts as SVG on the server, to be
// put inline in a page: no script, no library, no request of its own. Every
// chart is an image with a <title> and a <desc> for screen readers; pages
// show the same figures in a table beside it.
package chart

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"cong/internal/viet"
)

// Series is one measure drawn over the chart's labels, such as visits per
// day.
type Series struct {
	Name   string
	Values []int64 // one per label; negative values are drawn as 0
}

// Colours of the series, in order: readable on white and told apart without
// colour vision by the legend's order and each bar's own title.
var colours = []string{"#1565c0", "#c62828", "#2e7d32", "#6a1b9a"}

// Bars is a bar chart: for each label, one bar per series side by side.
type Bars struct {
	ID     string // unique in the page; prefixes the ids of title and desc
	Title  string
	Desc   string
	Labels []string // under the x axis, e.g. "30/12"
	Series []Series
	// Width and Height of the drawing; 0 takes 720 by 280.
	Width, Height int
}

// Margins around the plot: room for the y labels, the legend and the x labels.
const (
	left, right, top, bottom = 64, 12, 32, 36
)

// SVG draws the chart.
func (b Bars) SVG() template.HTML {
	w, h := orDefault(b.Width, 720), orDefault(b.Height, 280)
	var sb strings.Builder
	open(&sb, b.ID, b.Title, b.Desc, w, h)
	plotW, plotH := float64(w-left-right), float64(h-top-bottom)
	ticks := niceTicks(maxOf(b.Series))
	scale := float64(ticks[len(ticks)-1])
	sb.WriteString(`<g class="grid" stroke="#ddd" stroke-width="1" font-size="11" fill="#444">`)
	for _, t := range ticks {
		y := float64(top) + plotH - float64(t)/scale*plotH
		fmt.Fprintf(&sb, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f"/>`, left, y, w-right, y)
		fmt.Fprintf(&sb, `<text x="%d" y="%.1f" text-anchor="end" stroke="none">%s</text>`, left-6, y+4, viet.Number(t))
	}
	sb.WriteString(`</g>`)
	legend(&sb, b.Series)
	n := max(len(b.Labels), 1)
	group := plotW / float64(n)
	bar := group * 0.8 / float64(max(len(b.Series), 1))
	every := (n + 14) / 15 // at most about 15 labels under the axis
	for i, label := range b.Labels {
		x0 := float64(left) + float64(i)*group + group*0.1
		for j, s := range b.Series {
			v := int64(0)
			if i < len(s.Values) {
				v = max(s.Values[i], 0)
			}
			bh := float64(v) / scale * plotH
			fmt.Fprintf(&sb, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s – %s: %s</title></rect>`,
				x0+float64(j)*bar, float64(top)+plotH-bh, bar, bh, colours[j%len(colours)],
				esc(label), esc(s.Name), viet.Number(v))
		}
		if i%every == 0 {
			fmt.Fprintf(&sb, `<text x="%.1f" y="%d" font-size="11" text-anchor="middle" fill="#444">%s</text>`,
				x0+group*0.4, h-bottom+16, esc(label))
		}
	}
	fmt.Fprintf(&sb, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#444"/>`, left, h-bottom, w-right, h-bottom)
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// legend names the series above the plot, in their colours.
func legend(sb *strings.Builder, series []Series) {
	x := left
	for j, s := range series {
		fmt.Fprintf(sb, `<rect x="%d" y="8" width="12" height="12" fill="%s"/><text x="%d" y="18" font-size="12" fill="#222">%s</text>`,
			x, colours[j%len(colours)], x+16, esc(s.Name))
		x += 16 + 8*len([]rune(s.Name)) + 16
	}
}

// open starts an accessible SVG image.
func open(sb *strings.Builder, id, title, desc string, w, h int) {
	fmt.Fprintf(sb, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-t %s-d" font-family="sans-serif">`,
		w, h, w, h, esc(id), esc(id))
	fmt.Fprintf(sb, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, esc(id), esc(title), esc(id), esc(desc))
}

// niceTicks returns the values of the gridlines from 0 to at least max, in
// steps of 1, 2 or 5 times a power of ten: at most six lines.
func niceTicks(maxV int64) []int64 {
	bases := [...]int64{1, 2, 5}
	step, pow, i := int64(1), int64(1), 0
	for maxV > step*5 {
		if i++; i == len(bases) {
			i, pow = 0, pow*10
		}
		step = bases[i] * pow
	}
	ticks := []int64{0}
	for len(ticks) < 2 || ticks[len(ticks)-1] < maxV {
		ticks = append(ticks, ticks[len(ticks)-1]+step)
	}
	return ticks
}

func maxOf(series []Series) int64 {
	var m int64
	for _, s := range series {
		for _, v := range s.Values {
			m = max(m, v)
		}
	}
	return m
}

func orDefault(v, d int) int {
	if v <= 0 {
		return d
	}
	return v
}

func esc(s string) string { return html.EscapeString(s) }
