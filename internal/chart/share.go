package chart

import (
	"fmt"
	"html/template"
	"strings"

	"cong/internal/viet"
)

// Part is one share of a whole, such as the visits from phones.
type Part struct {
	Name  string
	Value int64
}

// Share is one horizontal bar cut into the parts of a whole, each labelled
// with its name and percentage.
type Share struct {
	ID    string
	Title string
	Desc  string
	Parts []Part
	Width int // 0 takes 720
}

// SVG draws the bar; with nothing to share it draws an empty outline.
func (s Share) SVG() template.HTML {
	const h, barY, barH = 72, 8, 28
	w := orDefault(s.Width, 720)
	var sb strings.Builder
	open(&sb, s.ID, s.Title, s.Desc, w, h)
	var total int64
	for _, p := range s.Parts {
		total += max(p.Value, 0)
	}
	fmt.Fprintf(&sb, `<rect x="0" y="%d" width="%d" height="%d" fill="#f5f5f5" stroke="#999"/>`, barY, w, barH)
	x := 0.0
	for i, p := range s.Parts {
		if total == 0 || p.Value <= 0 {
			continue
		}
		pw := float64(p.Value) / float64(total) * float64(w)
		label := p.Name + " " + Percent(p.Value, total)
		fmt.Fprintf(&sb, `<rect class="part" x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %s</title></rect>`,
			x, barY, pw, barH, colours[i%len(colours)], esc(label), viet.Number(p.Value))
		fmt.Fprintf(&sb, `<text x="%.1f" y="%d" font-size="12" fill="#222">%s</text>`, x+2, barY+barH+18, esc(label))
		x += pw
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// Percent is part of total as a Vietnamese percentage with one decimal,
// "12,5%" (a comma before decimals, as Vietnamese writes them).
func Percent(part, total int64) string {
	if total <= 0 {
		return "0%"
	}
	tenths := (part*1000 + total/2) / total
	return fmt.Sprintf("%d,%d%%", tenths/10, tenths%10)
}
