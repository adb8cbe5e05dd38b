package media

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/webp"
)

// codec is how a picture is stored.
type codec struct {
	ext, mime string
	encode    func(io.Writer, image.Image) error
}

var (
	jpegCodec = codec{"jpg", "image/jpeg", func(w io.Writer, m image.Image) error {
		return jpeg.Encode(w, m, &jpeg.Options{Quality: 85})
	}}
	pngCodec = codec{"png", "image/png", png.Encode}
)

// stillDecoders read each format of still picture. Calling them directly,
// not image.Decode, keeps the choice of decoder on the format sniff found.
var stillDecoders = map[format]struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}{
	formatJPEG: {jpeg.DecodeConfig, jpeg.Decode},
	formatPNG:  {png.DecodeConfig, png.Decode},
	formatWebP: {webp.DecodeConfig, webp.Decode},
}

// prepareStill decodes a JPEG, PNG or WebP picture and encodes it again
// with its variants; a photo (stored as JPEG) gets WebP copies too. PNGs
// are drawings, charts and scans of text, which lossy WebP would blur.
func prepareStill(ctx context.Context, f format, data []byte) (*prepared, error) {
	img, err := decodeStill(f, data)
	if err != nil {
		return nil, err
	}
	if f == formatJPEG {
		img = orient(img, exifOrientation(data))
	}
	c := codecFor(f, img)
	var buf bytes.Buffer
	if err := c.encode(&buf, img); err != nil {
		return nil, fmt.Errorf("media: encoding %s: %w", c.mime, err)
	}
	photo := c.ext == jpegCodec.ext
	variants, err := makeVariants(ctx, img, c, photo)
	if err != nil {
		return nil, err
	}
	b := img.Bounds()
	out := &prepared{ext: c.ext, mime: c.mime, width: b.Dx(), height: b.Dy(), data: buf.Bytes(), variants: variants}
	if photo {
		if err := addWebP(out, img); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// decodeStill reads the declared size first and decodes only a picture
// within MaxPixels (half for a progressive JPEG): the decoder allocates for
// the declared size, so this order is what stops a decompression bomb.
func decodeStill(f format, data []byte) (image.Image, error) {
	d := stillDecoders[f]
	cfg, err := d.config(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, invalid(msgBroken)
	}
	if tooManyPixels(cfg.Width, cfg.Height) {
		return nil, invalid(msgPixels)
	}
	if f == formatJPEG && progressiveJPEG(data) && tooManyPixels(2*cfg.Width, cfg.Height) {
		return nil, invalid(msgProgress)
	}
	img, err := d.decode(bytes.NewReader(data))
	if err != nil {
		return nil, invalid(msgBroken)
	}
	return img, nil
}

// codecFor keeps JPEG and PNG in their format. WebP becomes PNG only when
// it has transparency, which JPEG cannot hold; photos stay small as JPEG.
func codecFor(f format, img image.Image) codec {
	if f == formatJPEG || f == formatWebP && opaque(img) {
		return jpegCodec
	}
	return pngCodec
}

func opaque(img image.Image) bool {
	o, ok := img.(interface{ Opaque() bool })
	return ok && o.Opaque()
}

// prepareGIF decodes every frame of a GIF and encodes them again, keeping
// the animation and dropping comments and application extensions. GIFs get
// no variants: scaling every frame costs much and animations are small.
func prepareGIF(data []byte) (*prepared, error) {
	cfg, err := gif.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, invalid(msgBroken)
	}
	if tooManyPixels(cfg.Width, cfg.Height) {
		return nil, invalid(msgPixels)
	}
	if gifFramePixels(data) > MaxPixels {
		return nil, invalid(msgFrames)
	}
	g, err := gif.DecodeAll(bytes.NewReader(data))
	if err != nil {
		return nil, invalid(msgBroken)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		return nil, fmt.Errorf("media: encoding image/gif: %w", err)
	}
	return &prepared{ext: "gif", mime: "image/gif", width: cfg.Width, height: cfg.Height, data: buf.Bytes()}, nil
}

// gifFramePixels adds up the areas of a GIF's frames, read from their
// descriptors without decompressing anything. image/gif keeps every frame
// in memory, so a small file of many large frames is a bomb that the
// logical screen size alone does not reveal. Malformed data ends the count
// early; the decoder refuses it afterwards.
func gifFramePixels(b []byte) int64 {
	if len(b) < 13 {
		return 0
	}
	var total int64
	for i := 13 + colorTableSize(b[10]); i < len(b); {
		switch b[i] {
		case 0x21: // extension: introducer, label, data sub-blocks
			i = skipSubBlocks(b, i+2)
		case 0x2C: // image descriptor: left, top, width, height, flags
			if i+10 > len(b) {
				return total
			}
			w, h := binary.LittleEndian.Uint16(b[i+5:]), binary.LittleEndian.Uint16(b[i+7:])
			total += int64(w) * int64(h)
			// Past the local color table and the LZW minimum code size.
			i = skipSubBlocks(b, i+10+colorTableSize(b[i+9])+1)
		default: // the trailer, or garbage
			return total
		}
	}
	return total
}

// colorTableSize is the length of the color table that a GIF flags byte
// announces.
func colorTableSize(flags byte) int {
	if flags&0x80 == 0 {
		return 0
	}
	return 3 << (flags&7 + 1)
}

// skipSubBlocks returns the index just past the chain of length-prefixed
// sub-blocks starting at i.
func skipSubBlocks(b []byte, i int) int {
	for i < len(b) {
		n := int(b[i])
		i += 1 + n
		if n == 0 {
			break
		}
	}
	return i
}
