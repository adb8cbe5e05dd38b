package media

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/image/draw"
)

// bigSource is the area above which the widest variant is scaled from the
// source with bilinear interpolation instead of Catmull-Rom, whose cost and
// scratch memory grow with the source's area: it bounds the time an upload
// takes, at some loss of sharpness.
const bigSource = 12_000_000

// makeVariants scales img to each of Widths narrower than it, keeping the
// aspect ratio, and encodes the copies with c, narrowest first.
//
// Only the widest copy is scaled from img; each narrower one is scaled from
// the copy before it. A downscaling filter reads every source pixel a few
// times whatever the target width, so scaling four times from a 12 MP photo
// costs four full passes, where the cascade costs one and some small change.
// With the current Widths each step shrinks by at most half, which the
// filter handles without visible loss.
func makeVariants(ctx context.Context, img image.Image, c codec, withWebP bool) ([]variant, error) {
	size := img.Bounds().Size()
	var scaler draw.Scaler = draw.CatmullRom
	if size.X*size.Y > bigSource {
		scaler = draw.ApproxBiLinear
	}
	var out []variant
	src := img
	for _, w := range slices.Backward(slices.Sorted(slices.Values(Widths))) {
		if w >= size.X {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		h := max(1, int(math.Round(float64(size.Y)*float64(w)/float64(size.X))))
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		scaler.Scale(dst, dst.Rect, src, src.Bounds(), draw.Src, nil)
		var buf bytes.Buffer
		err := c.encode(&buf, dst)
		if err != nil {
			return nil, fmt.Errorf("media: encoding %s: %w", c.mime, err)
		}
		v := variant{width: w, data: buf.Bytes()}
		if withWebP {
			if v.webp, err = encodeWebP(dst); err != nil {
				return nil, err
			}
		}
		out = append(out, v)
		src, scaler = dst, draw.CatmullRom
	}
	slices.Reverse(out)
	return out, nil
}

// VariantFile is the file name of the width-w variant of file:
// "2026/11/5f3a9c1e2b7d4a60.jpg" becomes "2026/11/5f3a9c1e2b7d4a60-w640.jpg".
func VariantFile(file string, w int) string {
	ext := path.Ext(file)
	return strings.TrimSuffix(file, ext) + "-w" + strconv.Itoa(w) + ext
}

// WebPFile is the file name of the WebP copy of file, or of one of its
// variants: "2026/11/5f3a9c1e2b7d4a60-w640.jpg" becomes
// "2026/11/5f3a9c1e2b7d4a60-w640.webp".
func WebPFile(file string) string {
	return strings.TrimSuffix(file, path.Ext(file)) + ".webp"
}

// Srcset returns the srcset attribute value for a picture:
// "/media/<variant> 320w, …, /media/<file> <width>w". It is empty for a
// file without a width, such as a PDF.
func Srcset(file string, width int, variants []int) string {
	if width <= 0 {
		return ""
	}
	var b strings.Builder
	for _, v := range variants {
		fmt.Fprintf(&b, "/media/%s %dw, ", VariantFile(file, v), v)
	}
	fmt.Fprintf(&b, "/media/%s %dw", file, width)
	return b.String()
}

// WebPSrcset returns the srcset of a picture's WebP copies, which exist at
// the widths of webp: a variant's, or the picture's own width. It is empty
// when there are none.
func WebPSrcset(file string, width int, webp []int) string {
	s := make([]string, len(webp))
	for i, w := range webp {
		name := VariantFile(file, w)
		if w == width {
			name = file
		}
		s[i] = fmt.Sprintf("/media/%s %dw", WebPFile(name), w)
	}
	return strings.Join(s, ", ")
}
