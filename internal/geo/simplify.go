package geo

import (
	"math"
	"slices"
)

// simplifyRing simplifies a closed ring with Douglas–Peucker: the ring is
// cut at its first point and the point farthest from it, and each half keeps
// only the points that stray more than tolerance from the chord. The work
// list replaces recursion, so a ring of half a million points cannot
// exhaust the stack.
func simplifyRing(ring []Point, tolerance float64) []Point {
	n := len(ring)
	if n <= 3 {
		return ring
	}
	far, best := 0, -1.0
	for i, p := range ring {
		if d := dist2(p, ring[0]); d > best {
			far, best = i, d
		}
	}
	keep := make([]bool, n+1) // index n is ring[0] again, closing the ring
	keep[0], keep[far], keep[n] = true, true, true
	at := func(i int) Point { return ring[i%n] }
	type span struct{ a, b int }
	work := []span{{0, far}, {far, n}}
	tol2 := tolerance * tolerance
	for len(work) > 0 {
		s := work[len(work)-1]
		work = work[:len(work)-1]
		idx, worst := -1, tol2
		for i := s.a + 1; i < s.b; i++ {
			if d := segDist2(at(i), at(s.a), at(s.b)); d > worst {
				idx, worst = i, d
			}
		}
		if idx >= 0 {
			keep[idx] = true
			work = append(work, span{s.a, idx}, span{idx, s.b})
		}
	}
	out := make([]Point, 0, 16)
	for i := 0; i < n; i++ {
		if keep[i] {
			out = append(out, ring[i])
		}
	}
	return out
}

func dist2(p, q Point) float64 { return (p.X-q.X)*(p.X-q.X) + (p.Y-q.Y)*(p.Y-q.Y) }

// segDist2 is the squared distance from p to the segment ab.
func segDist2(p, a, b Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return dist2(p, a)
	}
	t := max(0, min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
	return dist2(p, Point{a.X + t*dx, a.Y + t*dy})
}

// area is the signed area of a ring (shoelace).
func area(ring []Point) float64 {
	var s float64
	for i, p := range ring {
		q := ring[(i+1)%len(ring)]
		s += p.X*q.Y - q.X*p.Y
	}
	return s / 2
}

// centroid is the centre of mass of a ring, or the mean of its points when
// its area is nil.
func centroid(ring []Point) Point {
	a := area(ring)
	if math.Abs(a) < 1e-9 {
		var c Point
		for _, p := range ring {
			c.X, c.Y = c.X+p.X, c.Y+p.Y
		}
		return Point{c.X / float64(len(ring)), c.Y / float64(len(ring))}
	}
	var cx, cy float64
	for i, p := range ring {
		q := ring[(i+1)%len(ring)]
		f := p.X*q.Y - q.X*p.Y
		cx, cy = cx+(p.X+q.X)*f, cy+(p.Y+q.Y)*f
	}
	return Point{cx / (6 * a), cy / (6 * a)}
}

// labelPoint finds where a unit's name goes: inside its largest polygon,
// at the middle of the widest stretch of the horizontal line through that
// polygon's centroid. The centroid alone can fall outside a crescent or an
// L-shaped unit; this cheap stand-in for the pole of inaccessibility cannot.
func labelPoint(polys [][][]Point) (float64, float64) {
	var best [][]Point
	bestArea := -1.0
	for _, poly := range polys {
		if a := math.Abs(area(poly[0])); a > bestArea {
			best, bestArea = poly, a
		}
	}
	c := centroid(best[0])
	var xs []float64
	for _, ring := range best {
		for i, p := range ring {
			q := ring[(i+1)%len(ring)]
			if (p.Y > c.Y) != (q.Y > c.Y) {
				xs = append(xs, p.X+(c.Y-p.Y)*(q.X-p.X)/(q.Y-p.Y))
			}
		}
	}
	slices.Sort(xs)
	widest := -1.0
	x := c.X
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > widest {
			widest, x = w, (xs[i]+xs[i+1])/2
		}
	}
	return math.Round(x*10) / 10, math.Round(c.Y*10) / 10
}
