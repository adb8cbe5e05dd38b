package demo

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
)

// The seed picture's size, that of the photo it stands in for.
const picW, picH = 960, 540

// ss is the supersampling factor: shapes are drawn on a grid ss times finer
// and averaged down, which smooths their edges without an antialiasing
// rasterizer, while flat areas stay flat and compress well.
const ss = 3

type point struct{ x, y float64 }

// canvas is a picture being drawn, in picture units, on a supersampled grid.
type canvas struct {
	w, h int
	pix  []color.RGBA
}

func newCanvas(w, h int) *canvas {
	return &canvas{w: w * ss, h: h * ss, pix: make([]color.RGBA, w*h*ss*ss)}
}

// fill paints col on the samples of the box [x0,x1)×[y0,y1) that inside accepts.
func (c *canvas) fill(x0, y0, x1, y1 float64, inside func(x, y float64) bool, col color.RGBA) {
	i0, i1 := clampInt(int(x0*ss), 0, c.w), clampInt(int(math.Ceil(x1*ss)), 0, c.w)
	j0, j1 := clampInt(int(y0*ss), 0, c.h), clampInt(int(math.Ceil(y1*ss)), 0, c.h)
	for j := j0; j < j1; j++ {
		y := (float64(j) + 0.5) / ss
		for i := i0; i < i1; i++ {
			if inside((float64(i)+0.5)/ss, y) {
				c.pix[j*c.w+i] = col
			}
		}
	}
}

func clampInt(v, lo, hi int) int { return min(max(v, lo), hi) }

func (c *canvas) rect(x0, y0, x1, y1 float64, col color.RGBA) {
	c.fill(x0, y0, x1, y1, func(x, y float64) bool { return x >= x0 && x < x1 && y >= y0 && y < y1 }, col)
}

func (c *canvas) ellipse(cx, cy, rx, ry float64, col color.RGBA) {
	c.fill(cx-rx, cy-ry, cx+rx, cy+ry, func(x, y float64) bool {
		dx, dy := (x-cx)/rx, (y-cy)/ry
		return dx*dx+dy*dy <= 1
	}, col)
}

func (c *canvas) roundRect(x0, y0, x1, y1, r float64, col color.RGBA) {
	c.fill(x0, y0, x1, y1, func(x, y float64) bool {
		dx := max(x0+r-x, x-(x1-r), 0)
		dy := max(y0+r-y, y-(y1-r), 0)
		return x >= x0 && x < x1 && y >= y0 && y < y1 && dx*dx+dy*dy <= r*r
	}, col)
}

// poly paints a polygon by the even-odd rule.
func (c *canvas) poly(pts []point, col color.RGBA) {
	x0, y0, x1, y1 := pts[0].x, pts[0].y, pts[0].x, pts[0].y
	for _, p := range pts {
		x0, y0, x1, y1 = min(x0, p.x), min(y0, p.y), max(x1, p.x), max(y1, p.y)
	}
	c.fill(x0, y0, x1, y1, func(x, y float64) bool {
		in := false
		for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
			a, b := pts[i], pts[j]
			if (a.y > y) != (b.y > y) && x < (b.x-a.x)*(y-a.y)/(b.y-a.y)+a.x {
				in = !in
			}
		}
		return in
	}, col)
}

// vgrad paints a vertical gradient from top to bottom.
func (c *canvas) vgrad(x0, y0, x1, y1 float64, top, bottom color.RGBA) {
	i0, i1 := clampInt(int(x0*ss), 0, c.w), clampInt(int(x1*ss), 0, c.w)
	j0, j1 := clampInt(int(y0*ss), 0, c.h), clampInt(int(y1*ss), 0, c.h)
	for j := j0; j < j1; j++ {
		col := mix(top, bottom, float64(j-j0)/float64(max(j1-j0-1, 1)))
		for i := i0; i < i1; i++ {
			c.pix[j*c.w+i] = col
		}
	}
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 255}
}

// star paints a five-pointed star with its top point up.
func (c *canvas) star(cx, cy, r float64, col color.RGBA) {
	c.poly(starVertices(point{cx, cy}, r), col)
}

// starVertices returns the ten corners of a five-pointed star of radius r
// centred on c, top point first.
func starVertices(c point, r float64) []point {
	pts := make([]point, 10)
	for i := range pts {
		rad := r
		if i%2 == 1 {
			rad = r * 0.382 // the inner radius of a regular star
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		pts[i] = point{c.x + rad*math.Cos(a), c.y + rad*math.Sin(a)}
	}
	return pts
}

// image averages the samples down to the picture's size.
func (c *canvas) image() *image.RGBA {
	w, h := c.w/ss, c.h/ss
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			var r, g, b int
			for j := range ss {
				for i := range ss {
					p := c.pix[(y*ss+j)*c.w+x*ss+i]
					r, g, b = r+int(p.R), g+int(p.G), b+int(p.B)
				}
			}
			n := ss * ss
			img.SetRGBA(x, y, color.RGBA{uint8((r + n/2) / n), uint8((g + n/2) / n), uint8((b + n/2) / n), 255})
		}
	}
	return img
}

func rgb(hex uint32) color.RGBA {
	return color.RGBA{uint8(hex >> 16), uint8(hex >> 8), uint8(hex), 255}
}

// Palette of the conference hall.
var (
	ceilingTop    = rgb(0x4a2e16)
	ceilingBottom = rgb(0x6e4524)
	wallTop       = rgb(0xf6e7c8)
	wallBottom    = rgb(0xe9d3a6)
	panelWood     = rgb(0xc49a62)
	panelGroove   = rgb(0xa97f4b)
	partyRed      = rgb(0xc8102e)
	deepRed       = rgb(0x9e0c22)
	gold          = rgb(0xf4c542)
	stageTop      = rgb(0xc98b4b)
	stageFront    = rgb(0x7d4e24)
	carpetTop     = rgb(0x45566b)
	carpetBottom  = rgb(0x2a3545)
	cloth         = rgb(0xf4f6fa)
	suitDark      = rgb(0x1f2d4a)
	skin          = rgb(0xe2b186)
	hair          = rgb(0x2b211b)
	leaf          = rgb(0x2f6b45)
	leafLight     = rgb(0x4c9a5f)
	lamp          = rgb(0xfff4d1)
)

// conferenceHallPNG draws the seed article's picture: a provincial Party
// conference seen from the back of the hall.
func conferenceHallPNG() ([]byte, error) {
	c := newCanvas(picW, picH)
	drawRoom(c)
	drawBackdrop(c)
	drawFlags(c)
	drawStage(c)
	drawPresidium(c)
	drawPodium(c)
	drawFlowers(c)
	drawAudience(c)
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&b, c.image()); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func drawRoom(c *canvas) {
	c.vgrad(0, 0, picW, 44, ceilingTop, ceilingBottom)
	for x := 60.0; x < picW; x += 120 {
		c.ellipse(x, 24, 26, 7, lamp)
	}
	c.vgrad(0, 44, picW, 300, wallTop, wallBottom)
	for _, x0 := range []float64{0, 850} {
		c.rect(x0, 44, x0+110, 300, panelWood)
		for x := x0 + 18; x < x0+110; x += 22 {
			c.rect(x, 44, x+2, 300, panelGroove)
		}
	}
	c.vgrad(0, 300, picW, picH, carpetTop, carpetBottom)
	c.poly([]point{{455, 312}, {505, 312}, {560, picH}, {400, picH}}, rgb(0x6e2330))
}

func drawBackdrop(c *canvas) {
	c.rect(222, 58, 738, 258, gold)
	c.vgrad(228, 64, 732, 252, partyRed, deepRed)
	c.star(480, 106, 38, gold)
	// Two lines of the conference's name, too far away to read.
	c.roundRect(320, 148, 640, 158, 5, gold)
	c.roundRect(370, 164, 590, 172, 4, gold)
}

func drawFlags(c *canvas) {
	for _, x := range []float64{168, 792} {
		c.rect(x-2, 60, x+2, 262, gold)
		c.ellipse(x, 58, 5, 5, gold)
		c.rect(x+2, 70, x+66, 112, partyRed)
		c.star(x+34, 91, 13, gold)
	}
}

func drawStage(c *canvas) {
	c.poly([]point{{150, 246}, {810, 246}, {850, 276}, {110, 276}}, stageTop)
	c.rect(110, 276, 850, 312, stageFront)
	c.rect(110, 276, 850, 279, rgb(0x5e3a1a))
}

// drawPresidium seats six leaders behind the long table on the stage.
func drawPresidium(c *canvas) {
	for i := range 6 {
		x := 352 + float64(i)*52
		c.roundRect(x-17, 196, x+17, 236, 8, suitDark)
		c.poly([]point{{x - 5, 197}, {x + 5, 197}, {x, 212}}, cloth)
		c.ellipse(x, 184, 9, 11, skin)
		c.ellipse(x, 177, 10, 6, hair)
	}
	c.rect(318, 220, 642, 224, rgb(0xd9dde6))
	c.rect(320, 224, 640, 258, cloth)
	c.rect(320, 250, 640, 258, partyRed)
	for i := range 6 {
		c.rect(342+float64(i)*52, 214, 362+float64(i)*52, 221, rgb(0xffffff))
	}
}

func drawPodium(c *canvas) {
	c.roundRect(193, 190, 227, 226, 8, suitDark)
	c.ellipse(210, 178, 9, 11, skin)
	c.ellipse(210, 171, 10, 6, hair)
	c.rect(224, 178, 226, 206, rgb(0x333333))
	c.poly([]point{{184, 206}, {236, 206}, {230, 268}, {190, 268}}, rgb(0x8a5a2c))
	c.rect(182, 202, 238, 208, rgb(0x6b4320))
	c.ellipse(210, 228, 11, 11, gold)
	c.star(210, 228, 8, partyRed)
}

// drawFlowers lines the front edge of the stage with flower pots.
func drawFlowers(c *canvas) {
	rnd := rand.New(rand.NewPCG(7, 30))
	colors := []color.RGBA{rgb(0xffd23f), rgb(0xf28c28), rgb(0xe63946), rgb(0xffe9a8)}
	for x := 130.0; x < 840; x += 24 {
		c.ellipse(x, 276, 14, 9, leaf)
		c.ellipse(x-5, 273, 7, 5, leafLight)
		for range 3 {
			col := colors[rnd.IntN(len(colors))]
			c.ellipse(x+rnd.Float64()*16-8, 270+rnd.Float64()*6-3, 4, 4, col)
		}
	}
	for _, x := range []float64{128, 832} {
		c.ellipse(x, 236, 26, 40, leaf)
		c.ellipse(x-8, 226, 14, 24, leafLight)
		c.rect(x-14, 262, x+14, 300, rgb(0xb08d57))
	}
}

// drawAudience draws rows of delegates seen from behind, farther rows smaller.
func drawAudience(c *canvas) {
	rnd := rand.New(rand.NewPCG(19, 12))
	shirts := []color.RGBA{suitDark, rgb(0xf2f2f2), rgb(0x9ec5e8), rgb(0x2f4f7f), rgb(0xe9e4d8), rgb(0x3c5a3c)}
	for row := range 4 {
		k := 0.62 + 0.17*float64(row)
		y := 344 + 50*float64(row) + 5*float64(row*row)
		aisle := 24 + 22*float64(row) // the aisle widens towards the viewer
		for j := 0; aisle+(25+58*float64(j))*k < picW/2+20; j++ {
			for _, side := range []float64{-1, 1} {
				x := picW/2 + side*(aisle+(25+58*float64(j))*k)
				delegate(c, x, y, k, shirts[rnd.IntN(len(shirts))], rnd.IntN(4) == 0)
			}
		}
	}
}

// delegate draws one seated person from behind: head, shoulders and the back
// of the chair, scaled by k.
func delegate(c *canvas, x, y, k float64, shirt color.RGBA, grey bool) {
	hairCol := hair
	if grey {
		hairCol = rgb(0x8d8a86)
	}
	c.roundRect(x-21*k, y-22*k, x+21*k, y+14*k, 12*k, shirt)
	c.rect(x-5*k, y-26*k, x+5*k, y-20*k, skin)
	c.ellipse(x-11*k, y-33*k, 3*k, 4.5*k, skin)
	c.ellipse(x+11*k, y-33*k, 3*k, 4.5*k, skin)
	c.ellipse(x, y-35*k, 11*k, 12.5*k, hairCol)
	c.roundRect(x-25*k, y-6*k, x+25*k, y+40*k, 7*k, rgb(0x7b1e2b))
	c.rect(x-25*k, y-6*k, x+25*k, y-2*k, rgb(0x94283a))
}
