package media

import (
	"encoding/binary"
	"image"
	"image/color"
	"testing"
)

// jpegWith is the start of a JPEG with the given APP1 payloads, then the
// start of the image data.
func jpegWith(payloads ...string) []byte {
	b := []byte{0xFF, 0xD8}
	for _, p := range payloads {
		b = append(b, 0xFF, 0xE1)
		b = binary.BigEndian.AppendUint16(b, uint16(2+len(p)))
		b = append(b, p...)
	}
	return append(b, 0xFF, 0xDA, 0x00, 0x02)
}

// Orientation 6 in one IFD entry, big- and little-endian.
const (
	exifMM6 = "Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00"
	exifII8 = "Exif\x00\x00II\x2a\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00"
)

func TestExifOrientation(t *testing.T) {
	tests := []struct {
		name string
		jpg  []byte
		want int
	}{
		{"none", jpegWith(), 1},
		{"big-endian", jpegWith(exifMM6), 6},
		{"little-endian", jpegWith(exifII8), 8},
		{"after XMP", jpegWith("http://ns.adobe.com/xap/1.0/\x00<x/>", exifMM6), 6},
		{"value 9", jpegWith(exifMM6[:len(exifMM6)-7] + "\x09" + exifMM6[len(exifMM6)-6:]), 1},
		{"type LONG", jpegWith(exifMM6[:18] + "\x04" + exifMM6[19:]), 1},
		{"truncated entry", jpegWith(exifMM6[:24]), 1},
		{"IFD offset past the end", jpegWith("Exif\x00\x00MM\x00\x2a\xff\xff\xff\xf0"), 1},
		{"entry count past the end", jpegWith("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\xff\xff"), 1},
		{"bad byte order", jpegWith("Exif\x00\x00XX\x00\x2a\x00\x00\x00\x08"), 1},
		{"segment longer than the file", []byte{0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 'E'}, 1},
		{"not a JPEG", []byte("GIF89a"), 1},
	}
	for _, tt := range tests {
		if got := exifOrientation(tt.jpg); got != tt.want {
			t.Errorf("%s: exifOrientation = %d; want %d", tt.name, got, tt.want)
		}
	}
}

func FuzzExifOrientation(f *testing.F) {
	f.Add(jpegWith(exifMM6))
	f.Add(jpegWith(exifII8))
	f.Fuzz(func(t *testing.T, b []byte) {
		if o := exifOrientation(b); o < 1 || o > 8 {
			t.Errorf("exifOrientation = %d; want 1 to 8", o)
		}
	})
}

func FuzzGIFFramePixels(f *testing.F) {
	f.Add([]byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x4c\x01\x00\x3b"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if n := gifFramePixels(b); n < 0 {
			t.Errorf("gifFramePixels = %d", n)
		}
	})
}

// TestOrient follows two marked pixels of a 3×2 picture, its top-left
// corner and the one right of it, through each orientation.
func TestOrient(t *testing.T) {
	red, green := color.RGBA{255, 0, 0, 255}, color.RGBA{0, 255, 0, 255}
	src := image.NewRGBA(image.Rect(0, 0, 3, 2))
	src.Set(0, 0, red)
	src.Set(1, 0, green)
	tests := []struct {
		o                int
		size, red, green image.Point
	}{
		{1, image.Pt(3, 2), image.Pt(0, 0), image.Pt(1, 0)},
		{2, image.Pt(3, 2), image.Pt(2, 0), image.Pt(1, 0)},
		{3, image.Pt(3, 2), image.Pt(2, 1), image.Pt(1, 1)},
		{4, image.Pt(3, 2), image.Pt(0, 1), image.Pt(1, 1)},
		{5, image.Pt(2, 3), image.Pt(0, 0), image.Pt(0, 1)},
		{6, image.Pt(2, 3), image.Pt(1, 0), image.Pt(1, 1)},
		{7, image.Pt(2, 3), image.Pt(1, 2), image.Pt(1, 1)},
		{8, image.Pt(2, 3), image.Pt(0, 2), image.Pt(0, 1)},
	}
	for _, tt := range tests {
		got := orient(src, tt.o)
		if size := got.Bounds().Size(); size != tt.size {
			t.Errorf("orient(%d) size = %v; want %v", tt.o, size, tt.size)
			continue
		}
		if got.At(tt.red.X, tt.red.Y) != color.Color(red) || got.At(tt.green.X, tt.green.Y) != color.Color(green) {
			t.Errorf("orient(%d): red at %v, green at %v expected; got %v, %v",
				tt.o, tt.red, tt.green, got.At(tt.red.X, tt.red.Y), got.At(tt.green.X, tt.green.Y))
		}
	}
}
