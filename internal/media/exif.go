package media

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/draw"
	"iter"
)

// exifOrientation returns the EXIF orientation (1 to 8) of a JPEG, or 1
// when it has none or the metadata is malformed: a bad tag must never cost
// the upload, only the rotation. Cameras and phones store pictures as the
// sensor saw them and record in this tag how to turn them; since the
// re-encoded file drops the tag, the turn has to be applied to the pixels.
func exifOrientation(jpg []byte) int {
	for seg := range jpegSegments(jpg) {
		if tiff, ok := bytes.CutPrefix(seg.data, []byte("Exif\x00\x00")); ok && seg.marker == 0xE1 {
			return tiffOrientation(tiff)
		}
	}
	return 1
}

type segment struct {
	marker byte
	data   []byte
}

// jpegSegments yields the marker segments of a JPEG header, up to the
// start of the image data.
func jpegSegments(b []byte) iter.Seq[segment] {
	return func(yield func(segment) bool) {
		if len(b) < 2 || b[0] != 0xFF || b[1] != 0xD8 {
			return
		}
		for i := 2; i+4 <= len(b) && b[i] == 0xFF; {
			m := b[i+1]
			if m == 0xFF { // fill byte
				i++
				continue
			}
			if m == 0xDA || m == 0xD9 {
				return
			}
			n := int(binary.BigEndian.Uint16(b[i+2:]))
			if n < 2 || i+2+n > len(b) || !yield(segment{m, b[i+4 : i+2+n]}) {
				return
			}
			i += 2 + n
		}
	}
}

// tiffOrientation reads tag 0x0112 of IFD0 of an EXIF TIFF block.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(t[:4]) {
	case "II*\x00":
		order = binary.LittleEndian
	case "MM\x00*":
		order = binary.BigEndian
	default:
		return 1
	}
	ifd := uint64(order.Uint32(t[4:]))
	if ifd+2 > uint64(len(t)) {
		return 1
	}
	n := uint64(order.Uint16(t[ifd:]))
	for e := ifd + 2; e+12 <= uint64(len(t)) && n > 0; e, n = e+12, n-1 {
		// Type 3 is SHORT; its single value sits in the first two bytes
		// of the value field.
		if order.Uint16(t[e:]) == 0x0112 && order.Uint16(t[e+2:]) == 3 {
			if o := int(order.Uint16(t[e+8:])); o >= 1 && o <= 8 {
				return o
			}
			return 1
		}
	}
	return 1
}

// orient turns src upright according to EXIF orientation o.
func orient(src image.Image, o int) image.Image {
	if o < 2 || o > 8 {
		return src
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	in := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(in, in.Rect, src, b.Min, draw.Src)
	dw, dh := w, h
	if o >= 5 { // 5 to 8 turn by a quarter: the sides swap
		dw, dh = h, w
	}
	out := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		for x := range dw {
			sx, sy := orientSource(o, x, y, w, h)
			copy(out.Pix[out.PixOffset(x, y):][:4], in.Pix[in.PixOffset(sx, sy):][:4])
		}
	}
	return out
}

// orientSource returns the pixel of the stored w×h picture that lands at
// (x, y) once it is turned upright.
func orientSource(o, x, y, w, h int) (int, int) {
	switch o {
	case 2: // mirrored
		return w - 1 - x, y
	case 3: // upside down
		return w - 1 - x, h - 1 - y
	case 4: // mirrored upside down
		return x, h - 1 - y
	case 5: // mirrored along the main diagonal
		return y, x
	case 6: // to be turned a quarter clockwise
		return y, h - 1 - x
	case 7: // mirrored along the other diagonal
		return w - 1 - y, h - 1 - x
	case 8: // to be turned a quarter counterclockwise
		return w - 1 - y, x
	}
	return x, y
}
