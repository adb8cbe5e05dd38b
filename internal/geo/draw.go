package geo

import (
	"math"
	"strconv"
	"strings"

	"cong/internal/portal"
	"cong/internal/viet"
)

// The drawing: Width pixels wide, at most MaxHeight high, Pad pixels of
// margin. Tolerance is how far (in pixels) a simplified border may stray
// from the uploaded one: half a pixel is invisible on the page; the
// Outline, drawn small in the side column, may stray further.
const (
	Width            = 600
	MaxHeight        = 800
	Pad              = 10
	Tolerance        = 0.5
	OutlineTolerance = 2.5
)

// Map is a drawn map: a view box and its units in upload order.
type Map struct {
	Width, Height int
	Units         []Unit
}

// Unit is one unit drawn: SVG path data (fill-rule evenodd, so holes stay
// holes) at two levels of detail, and where its name goes.
type Unit struct {
	Name, Code, Slug string
	Path, Outline    string
	LabelX, LabelY   float64
}

// Draw projects the features (equirectangular, longitudes scaled by the
// cosine of the middle latitude, north up), fits them into the view box,
// simplifies their borders and finds a label point for each. Slugs come from
// the names, made unique in order ("-2", "-3"…).
func Draw(features []Feature) (*Map, error) {
	minX, minY, maxX, maxY := bounds(features)
	k := math.Cos((minY + maxY) / 2 * math.Pi / 180)
	w, h := (maxX-minX)*k, maxY-minY
	if len(features) == 0 || !(w > 0) || !(h > 0) {
		return nil, portal.Invalid("file", "Bản đồ không có diện tích: các tọa độ trùng nhau hoặc thẳng hàng.")
	}
	scale := min((Width-2*Pad)/w, (MaxHeight-2*Pad)/h)
	height := int(math.Ceil(h*scale)) + 2*Pad
	offX := (Width - w*scale) / 2
	project := func(p Point) Point {
		return Point{offX + (p.X-minX)*k*scale, Pad + (maxY-p.Y)*scale}
	}
	m := &Map{Width: Width, Height: height}
	seen := map[string]int{}
	for _, f := range features {
		polys := make([][][]Point, len(f.Polygons))
		for i, poly := range f.Polygons {
			polys[i] = make([][]Point, len(poly))
			for j, ring := range poly {
				pr := make([]Point, len(ring))
				for n, p := range ring {
					pr[n] = project(p)
				}
				polys[i][j] = pr
			}
		}
		u := Unit{Name: f.Name, Code: f.Code, Slug: uniqueSlug(f.Name, seen, len(m.Units)+1)}
		u.Path = pathData(polys, Tolerance)
		u.Outline = pathData(polys, OutlineTolerance)
		u.LabelX, u.LabelY = labelPoint(polys)
		m.Units = append(m.Units, u)
	}
	return m, nil
}

// bounds returns the extent of every point.
func bounds(features []Feature) (minX, minY, maxX, maxY float64) {
	minX, minY, maxX, maxY = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, f := range features {
		for _, poly := range f.Polygons {
			for _, ring := range poly {
				for _, p := range ring {
					minX, maxX = min(minX, p.X), max(maxX, p.X)
					minY, maxY = min(minY, p.Y), max(maxY, p.Y)
				}
			}
		}
	}
	return minX, minY, maxX, maxY
}

// uniqueSlug makes the slug of the n-th unit's name, distinct from those
// seen: a name without letters or digits becomes "don-vi-n".
func uniqueSlug(name string, seen map[string]int, n int) string {
	base := viet.Slug(name)
	if len(base) > 100 {
		base = strings.TrimRight(base[:100], "-")
	}
	if base == "" {
		base = "don-vi-" + strconv.Itoa(n)
	}
	slug := base
	for seen[slug] > 0 {
		seen[base]++
		slug = base + "-" + strconv.Itoa(seen[base])
	}
	seen[slug]++
	return slug
}

// pathData writes the rings, simplified, as SVG path data with one decimal.
// Rings that shrink below a triangle or to nothing visible are left out,
// except that every polygon keeps its outer ring.
func pathData(polys [][][]Point, tolerance float64) string {
	var b strings.Builder
	for _, poly := range polys {
		for j, ring := range poly {
			s := simplifyRing(ring, tolerance)
			if len(s) < 3 || j > 0 && math.Abs(area(s)) < tolerance*tolerance {
				if j > 0 {
					continue
				}
				s = ring[:3]
			}
			for i, p := range s {
				if i == 0 {
					b.WriteByte('M')
				} else {
					b.WriteByte('L')
				}
				b.WriteString(num(p.X))
				b.WriteByte(' ')
				b.WriteString(num(p.Y))
			}
			b.WriteByte('Z')
		}
	}
	return b.String()
}

// num writes a coordinate with at most one decimal.
func num(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }

// AdminMap turns the drawing into the portal's map, ready to store.
func (d *Map) AdminMap() *portal.AdminMap {
	m := &portal.AdminMap{Width: d.Width, Height: d.Height}
	for _, u := range d.Units {
		m.Units = append(m.Units, portal.MapUnit{Name: u.Name, Code: u.Code, Slug: u.Slug, Path: u.Path,
			Outline: u.Outline, LabelX: u.LabelX, LabelY: u.LabelY})
	}
	return m
}
