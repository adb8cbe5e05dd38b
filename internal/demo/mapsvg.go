package demo

import (
	"fmt"
	"strings"
)

// The map picture's size. Its shapes are a sketch of where the units lie,
// not surveyed borders, and the picture says so.
const (
	mapW, mapH = 600, 600
	mapFile    = "ban-do/hau-giang.svg"
	mapTitle   = "Bản đồ hành chính tỉnh Hậu Giang"
)

// mapDescription is shown under the map on its page.
const mapDescription = "Tỉnh Hậu Giang có 8 đơn vị hành chính cấp huyện, gồm 2 thành phố (Vị Thanh, Ngã Bảy), " +
	"1 thị xã (Long Mỹ) và 5 huyện (Châu Thành, Châu Thành A, Phụng Hiệp, Vị Thủy, Long Mỹ). " +
	"Thành phố Vị Thanh là trung tâm chính trị, hành chính của tỉnh. Phía Bắc giáp thành phố Cần Thơ, " +
	"phía Nam giáp tỉnh Bạc Liêu, phía Đông giáp tỉnh Sóc Trăng, phía Tây giáp tỉnh Kiên Giang."

// mapUnit is one district-level unit: its outline on a 600×600 sketch grid,
// where its label goes, and its kind, which sets its colour.
type mapUnit struct {
	label string
	kind  string // "city", "town" or "district"
	fill  string
	at    point
	shape []point
}

// Corners shared by neighbouring units, so that borders meet exactly.
var (
	cA, cB, cC, cD, cE = point{120, 120}, point{260, 80}, point{380, 70}, point{500, 110}, point{540, 200}
	cF, cG, cH         = point{250, 200}, point{370, 190}, point{470, 240}
	cI, cJ, cK, cL, cM = point{90, 260}, point{200, 300}, point{330, 300}, point{450, 320}, point{560, 300}
	cN, cO, cP, cR     = point{70, 380}, point{170, 400}, point{300, 420}, point{520, 400}
	cS, cT, cU         = point{110, 500}, point{260, 530}, point{420, 520}
)

var mapUnits = []mapUnit{
	{"TP. Vị Thanh", "city", "#f4b183", point{135, 345}, []point{cI, cJ, cO, cN}},
	{"TP. Ngã Bảy", "city", "#f4b183", point{505, 272}, []point{cH, cE, cM, cL}},
	{"TX. Long Mỹ", "town", "#f9dc8c", point{420, 420}, []point{cK, cL, cM, cR, cU, cT, cP}},
	{"H. Châu Thành A", "district", "#cde7bf", point{262, 140}, []point{cA, cB, cC, cG, cF}},
	{"H. Châu Thành", "district", "#b5dca6", point{455, 165}, []point{cC, cD, cE, cH, cG}},
	{"H. Phụng Hiệp", "district", "#d9edc9", point{340, 252}, []point{cF, cG, cH, cL, cK, cJ}},
	{"H. Vị Thủy", "district", "#b5dca6", point{160, 220}, []point{cA, cF, cJ, cI}},
	{"H. Long Mỹ", "district", "#c4e2b4", point{200, 440}, []point{cN, cO, cJ, cK, cP, cT, cS}},
}

// place maps the sketch grid onto the picture, leaving room for the title
// above and the legend at the bottom right.
func place(p point) point { return point{20 + 0.8*p.x, 62 + 0.8*p.y} }

func pointsAttr(pts []point) string {
	var b strings.Builder
	for i, p := range pts {
		if i > 0 {
			b.WriteByte(' ')
		}
		q := place(p)
		fmt.Fprintf(&b, "%g,%g", q.x, q.y)
	}
	return b.String()
}

// mapSVG draws the administrative map: units, the province border, water,
// neighbours, labels, a north arrow and a legend.
func mapSVG() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %[1]d %[2]d" role="img" aria-label="%s">`+"\n",
		mapW, mapH, esc(mapTitle))
	fmt.Fprintf(&b, "<title>%s</title>\n", esc(mapTitle))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#eef5fa"/>`+"\n", mapW, mapH)
	fmt.Fprintf(&b, `<g font-family="%s">`+"\n", svgFont)
	fmt.Fprintf(&b, `<text x="300" y="36" font-size="20" font-weight="700" fill="#a50d25" text-anchor="middle">%s</text>`+"\n",
		esc(strings.ToUpper(mapTitle)))
	writeWater(&b)
	for _, u := range mapUnits {
		fmt.Fprintf(&b, `<polygon points="%s" fill="%s" stroke="#6f806f" stroke-width="1.2" stroke-dasharray="5 3" stroke-linejoin="round"/>`+"\n",
			pointsAttr(u.shape), u.fill)
	}
	writeBorder(&b)
	writeCanal(&b)
	writeLabels(&b)
	writeNorthArrow(&b)
	writeLegend(&b)
	b.WriteString(`<text x="20" y="586" font-size="11" font-style="italic" fill="#667">Sơ đồ minh họa, không theo tỉ lệ.</text>` + "\n")
	b.WriteString("</g>\n</svg>\n")
	return []byte(b.String())
}

// writeBorder draws the province border: the unit edges no two units share.
func writeBorder(b *strings.Builder) {
	type edge struct{ a, b point }
	count := map[edge]int{}
	var order []edge
	for _, u := range mapUnits {
		for i, p := range u.shape {
			q := u.shape[(i+1)%len(u.shape)]
			e := edge{p, q}
			if q.x < p.x || (q.x == p.x && q.y < p.y) {
				e = edge{q, p}
			}
			if count[e] == 0 {
				order = append(order, e)
			}
			count[e]++
		}
	}
	var d strings.Builder
	for _, e := range order {
		if count[e] == 1 {
			p, q := place(e.a), place(e.b)
			fmt.Fprintf(&d, "M%g %gL%g %g", p.x, p.y, q.x, q.y)
		}
	}
	fmt.Fprintf(b, `<path d="%s" fill="none" stroke="#a50d25" stroke-width="3" stroke-linecap="round"/>`+"\n", d.String())
}

// writeWater draws the Hậu River past the north-east.
func writeWater(b *strings.Builder) {
	b.WriteString(`<path d="M330 58C400 80 470 110 590 190" fill="none" stroke="#9cc7e8" stroke-width="16" stroke-linecap="round"/>` + "\n")
	b.WriteString(`<text x="440" y="76" font-size="12" font-style="italic" fill="#2f6fa3" transform="rotate(24 440 76)">Sông Hậu</text>` + "\n")
}

// writeCanal draws the Xà No canal, from Vị Thanh towards Cần Thơ, over the
// units it crosses.
func writeCanal(b *strings.Builder) {
	canal := []point{{165, 335}, {200, 250}, {262, 175}, {300, 70}}
	fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="#5a9bd5" stroke-width="2.5" stroke-linejoin="round"/>`+"\n", pointsAttr(canal))
}

func writeLabels(b *strings.Builder) {
	for _, u := range mapUnits {
		p := place(u.at)
		fmt.Fprintf(b, `<text x="%g" y="%g" font-size="12.5" font-weight="700" fill="#2d3b2d" text-anchor="middle" stroke="#ffffff" stroke-width="3" stroke-opacity="0.8" paint-order="stroke">%s</text>`+"\n",
			p.x, p.y, esc(u.label))
	}
	capital := place(point{108, 318})
	fmt.Fprintf(b, `<polygon points="%s" fill="#c8102e"/>`+"\n", starPoints(capital, 8))
	neighbours := []struct {
		name string
		x, y float64
		rot  int
	}{{"TP. Cần Thơ", 250, 100, 0}, {"TỈNH SÓC TRĂNG", 540, 330, 90}, {"TỈNH BẠC LIÊU", 250, 522, 0}, {"TỈNH KIÊN GIANG", 48, 330, -90}}
	for _, n := range neighbours {
		fmt.Fprintf(b, `<text x="%g" y="%g" font-size="12" fill="#7a8794" letter-spacing="1" text-anchor="middle" transform="rotate(%d %g %g)">%s</text>`+"\n",
			n.x, n.y, n.rot, n.x, n.y, esc(n.name))
	}
}

// starPoints returns the points attribute of a five-pointed star.
func starPoints(c point, r float64) string {
	var b strings.Builder
	for i, p := range starVertices(c, r) {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%.1f,%.1f", p.x, p.y)
	}
	return b.String()
}

func writeNorthArrow(b *strings.Builder) {
	b.WriteString(`<g transform="translate(548 84)">` +
		`<circle r="22" fill="#ffffff" stroke="#7a8794"/>` +
		`<polygon points="0,-18 7,8 0,3 -7,8" fill="#a50d25"/>` +
		`<text y="-28" font-size="13" font-weight="700" fill="#333" text-anchor="middle">B</text></g>` + "\n")
}

func writeLegend(b *strings.Builder) {
	b.WriteString(`<g transform="translate(430 410)">` + "\n" +
		`<rect width="162" height="160" rx="6" fill="#ffffff" stroke="#c9d3dc"/>` + "\n" +
		`<text x="12" y="22" font-size="12" font-weight="700" fill="#333">CHÚ GIẢI</text>` + "\n")
	rows := []struct{ mark, text string }{
		{`<rect x="12" y="-9" width="22" height="12" fill="#f4b183"/>`, "Thành phố"},
		{`<rect x="12" y="-9" width="22" height="12" fill="#f9dc8c"/>`, "Thị xã"},
		{`<rect x="12" y="-9" width="22" height="12" fill="#c4e2b4"/>`, "Huyện"},
		{`<polygon points="` + starPoints(point{23, -3}, 7) + `" fill="#c8102e"/>`, "Tỉnh lỵ"},
		{`<path d="M12 -3h22" stroke="#a50d25" stroke-width="3"/>`, "Ranh giới tỉnh"},
		{`<path d="M12 -3h22" stroke="#6f806f" stroke-width="1.2" stroke-dasharray="5 3"/>`, "Ranh giới cấp huyện"},
		{`<path d="M12 -3h22" stroke="#5a9bd5" stroke-width="3"/>`, "Sông, kênh"},
	}
	for i, r := range rows {
		fmt.Fprintf(b, `<g transform="translate(0 %d)">%s<text x="42" y="1" font-size="11.5" fill="#333">%s</text></g>`+"\n",
			42+i*18, r.mark, esc(r.text))
	}
	b.WriteString("</g>\n")
}
