// Package media checks and stores what editors upload: pictures (JPEG, PNG,
// GIF, WebP) and PDF documents.
//
// An upload is judged by its content, never by its name, and every picture
// is decoded and encoded again in pure Go before it is kept. That is what
// makes an upload safe to serve from the portal's own domain: what is stored
// is only pixels this package wrote, so EXIF and GPS metadata, comments and
// anything smuggled after the image (a script in a polyglot file) are gone.
// Sizes are checked from the headers before any pixel is decoded, so a small
// file that declares a huge picture costs nothing; and a process decodes at
// most a couple of uploads at once, whoever sends them. Each picture also gets
// narrower copies for srcset, so readers on phones do not download a photo
// made for a wide screen, and a photo WebP copies of those, for the browsers
// that read WebP (see webp.go).
package media

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"

	"cong/internal/portal"
)

// Limits of an upload. A picture of MaxPixels costs about a second of CPU
// and a hundred or two megabytes while it is decoded, encoded again and
// resized; a 50-megapixel one cost twice that and more. A progressive JPEG
// counts double: its decoder keeps every coefficient of the picture besides
// the picture itself.
const (
	MaxBytes  = 10 << 20   // 10 MB
	MaxPixels = 24_000_000 // 24 megapixels: a 6000 × 4000 camera photo
)

// decodes bounds the uploads processed at once in the process, whoever
// sends them and through whichever form: memory then stays within a couple
// of pictures' worth, and the two cores stay free for readers.
var decodes = make(chan struct{}, 2)

// acquire waits for a turn to process an upload, or for ctx to end.
func acquire(ctx context.Context) (release func(), err error) {
	select {
	case decodes <- struct{}{}:
		return func() { <-decodes }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Widths are the resized variants made of a picture wider than each. 360
// is near what phones show of a picture across the page (343 CSS pixels on
// a 412-pixel-wide phone, see docs/ARCHITECTURE.md "Static files and
// pictures"); 320 serves list thumbnails (140 pixels) on screens of twice
// the density.
var Widths = []int{320, 360, 640, 1024, 1600}

// Processor checks and stores uploads. It is safe for concurrent use.
type Processor struct {
	Store Storage
	Now   func() time.Time // the clock that names folders; time.Now if nil
}

// Saved is what Process stored.
type Saved struct {
	File          string // under Store, e.g. "2026/11/5f3a9c1e2b7d4a60.jpg": UTC year/month, random name
	MIME          string // image/jpeg, image/png, image/gif or application/pdf (WebP is stored as JPEG or PNG)
	Width, Height int    // upright, after EXIF orientation; 0 for PDF
	Size          int64  // bytes of File
	Variants      []int  // widths of the variants made, ascending; see VariantFile
	// WebP lists the widths that also have a WebP copy (see WebPFile), the
	// picture's own width last if it has one; empty for all but photos.
	WebP []int
}

// Files lists every file Process stored: the picture, its variants and
// their WebP copies.
func (s *Saved) Files() []string {
	files := []string{s.File}
	for _, w := range s.Variants {
		files = append(files, VariantFile(s.File, w))
	}
	for _, w := range s.WebP {
		if w == s.Width {
			files = append(files, WebPFile(s.File))
		} else {
			files = append(files, WebPFile(VariantFile(s.File, w)))
		}
	}
	return files
}

// Fill copies what was stored into the library record m.
func (s *Saved) Fill(m *portal.Media) {
	m.File, m.MIME, m.Width, m.Height, m.Size = s.File, s.MIME, s.Width, s.Height, s.Size
	m.Variants, m.WebP = s.Variants, s.WebP
}

// prepared is an upload checked and encoded again, ready to be written.
type prepared struct {
	ext, mime     string
	folder        string // before the month's folder: "van-ban/" for documents
	width, height int
	data          []byte
	webp          []byte // the picture as WebP, if it has that copy
	variants      []variant
}

// variant is an encoded narrower copy of a picture.
type variant struct {
	width int
	data  []byte
	webp  []byte // the same as WebP, if the picture has WebP copies
}

// Process checks the upload read from r and stores it with its variants.
// originalName is used only to catch a file whose extension contradicts its
// content. Errors about the file itself are *portal.Error on field "file",
// in Vietnamese; others are I/O failures. On any failure, the files already
// written are removed, so nothing is left half-saved.
//
// JPEG is stored as JPEG (quality 85, turned upright), PNG as PNG, GIF as
// GIF with all its frames, WebP as PNG if it has transparency and JPEG if
// not (browsers that cannot show WebP remain), PDF as it came.
func (p *Processor) Process(ctx context.Context, originalName string, r io.Reader) (*Saved, error) {
	release, err := acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	data, err := readUpload(r)
	if err != nil {
		return nil, err
	}
	f, err := sniff(data, originalName)
	if err != nil {
		return nil, err
	}
	out, err := prepare(ctx, f, data)
	if err != nil {
		return nil, err
	}
	return p.save(ctx, out)
}

// readUpload reads one byte past MaxBytes, enough to tell a file that is
// too large without reading all of it.
func readUpload(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("media: reading upload: %w", err)
	case len(data) > MaxBytes:
		return nil, invalid(msgTooBig)
	case len(data) == 0:
		return nil, invalid(msgEmpty)
	}
	return data, nil
}

func prepare(ctx context.Context, f format, data []byte) (*prepared, error) {
	switch f {
	case formatPDF:
		if err := checkPDF(data); err != nil {
			return nil, err
		}
		return &prepared{ext: "pdf", mime: "application/pdf", data: data}, nil
	case formatGIF:
		return prepareGIF(data)
	}
	return prepareStill(ctx, f, data)
}

// save writes the file and its variants, removing those written if one fails.
func (p *Processor) save(ctx context.Context, out *prepared) (*Saved, error) {
	s := &Saved{
		File:   out.folder + p.newName(out.ext),
		MIME:   out.mime,
		Width:  out.width,
		Height: out.height,
		Size:   int64(len(out.data)),
	}
	var written []string
	write := func(name string, data []byte) error {
		if err := p.Store.Create(ctx, name, bytes.NewReader(data)); err != nil {
			err = fmt.Errorf("media: saving %s: %w", name, err)
			return errors.Join(err, removeAll(ctx, p.Store, written))
		}
		written = append(written, name)
		return nil
	}
	if err := write(s.File, out.data); err != nil {
		return nil, err
	}
	for _, v := range out.variants {
		if err := write(VariantFile(s.File, v.width), v.data); err != nil {
			return nil, err
		}
		s.Variants = append(s.Variants, v.width)
	}
	for _, v := range out.variants {
		if v.webp != nil {
			if err := write(WebPFile(VariantFile(s.File, v.width)), v.webp); err != nil {
				return nil, err
			}
			s.WebP = append(s.WebP, v.width)
		}
	}
	if out.webp != nil {
		if err := write(WebPFile(s.File), out.webp); err != nil {
			return nil, err
		}
		s.WebP = append(s.WebP, s.Width)
	}
	return s, nil
}

// newName returns a fresh file name in the current month's folder. The 64
// random bits make a collision unlikely enough that Create refusing an
// existing name is the only guard needed.
func (p *Processor) newName(ext string) string {
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	var b [8]byte
	rand.Read(b[:])
	return now().UTC().Format("2006/01/") + hex.EncodeToString(b[:]) + "." + ext
}
