package media_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"math"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	xwebp "golang.org/x/image/webp"

	"cong/internal/media"
	"cong/internal/portal"
)

var ctx = context.Background()

// now is already November in Vietnam but still October in UTC, the zone
// folders are named in.
var now = time.Date(2026, 11, 1, 3, 0, 0, 0, time.FixedZone("ICT", 7*3600))

func newProcessor(t testing.TB) (*media.Processor, media.Dir) {
	dir := media.Dir(t.TempDir())
	return &media.Processor{Store: dir, Now: func() time.Time { return now }}, dir
}

// photo draws a w×h picture with gradients and fine texture, so that JPEG
// sizes and timings resemble a photograph's rather than a flat fill's.
func photo(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			n := uint8((x*7919 ^ y*104729) & 31)
			i := img.PixOffset(x, y)
			img.Pix[i] = uint8(x*255/w) ^ n
			img.Pix[i+1] = uint8(y*255/h) + n
			img.Pix[i+2] = uint8((x + y) / 8)
			img.Pix[i+3] = 255
		}
	}
	return img
}

// smoothPhoto is like a photo of a hall: broad gradients, a few edges and
// a little grain, which lossy WebP codes in fewer bytes than JPEG.
func smoothPhoto(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			grain := uint8((x*7919^y*104729)&3) * 2
			i := img.PixOffset(x, y)
			img.Pix[i] = uint8(160+80*math.Sin(float64(x)/97)) + grain
			img.Pix[i+1] = uint8(120 + 100*math.Cos(float64(y)/61))
			img.Pix[i+2] = uint8((x/40+y/40)%2*60 + 80)
			img.Pix[i+3] = 255
		}
	}
	return img
}

func jpegOf(tb testing.TB, img image.Image) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func pngOf(tb testing.TB, img image.Image) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// animatedGIF is two 64×32 frames, red then blue.
func animatedGIF(tb testing.TB) []byte {
	tb.Helper()
	pal := color.Palette{color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}}
	g := &gif.GIF{LoopCount: 0}
	for i := range 2 {
		frame := image.NewPaletted(image.Rect(0, 0, 64, 32), pal)
		for j := range frame.Pix {
			frame.Pix[j] = uint8(i)
		}
		g.Image = append(g.Image, frame)
		g.Delay = append(g.Delay, 50)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// webpLossless is a lossless (VP8L) WebP whose five Huffman codes each have
// a single symbol, so its pixels take no bits at all: it decodes to a fully
// transparent picture of any size written into its header.
func webpLossless(w, h int) []byte {
	b := []byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f" +
		"\x00\x00\x00\x00" + // width-1 (14 bits), height-1 (14 bits), alpha (1), version (3)
		"\x07\x10\x11\x11\x88\x88\xfe\x07\x00")
	binary.LittleEndian.PutUint32(b[21:], uint32(w-1)|uint32(h-1)<<14|1<<28)
	return b
}

// webpLossy is a 1×1 opaque grey lossy (VP8) WebP.
var webpLossy = []byte("RIFF\x22\x00\x00\x00WEBPVP8 \x16\x00\x00\x00\x30\x01\x00\x9d\x01\x2a" +
	"\x01\x00\x01\x00\x0e\xc0\xfe\x25\xa4\x00\x03\x70\x00\x00\x00\x00")

const pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"

// readStored returns the content of a stored file.
func readStored(t *testing.T, dir media.Dir, name string) []byte {
	t.Helper()
	f, err := dir.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// files lists the regular files under dir.
func files(t *testing.T, dir media.Dir) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(string(dir), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}

var fileName = regexp.MustCompile(`^2026/10/[0-9a-f]{16}\.(jpg|png|gif|pdf)$`)

func TestProcessStores(t *testing.T) {
	t.Parallel()
	all := []int{320, 360, 640, 1024, 1600}
	tests := []struct {
		name, original string
		data           []byte
		mime           string
		width, height  int
		variants, webp []int
	}{
		{"big JPEG", "Ảnh hội nghị.JPG", jpegOf(t, photo(2000, 1000)), "image/jpeg", 2000, 1000, all, all},
		{"smooth JPEG narrower than the widest copy", "a.jpg", jpegOf(t, smoothPhoto(1200, 800)), "image/jpeg", 1200, 800,
			[]int{320, 360, 640, 1024}, []int{320, 360, 640, 1024, 1200}},
		{"small JPEG", "a.jpeg", jpegOf(t, photo(300, 200)), "image/jpeg", 300, 200, nil, []int{300}},
		{"big PNG", "so-do.png", pngOf(t, photo(2000, 1000)), "image/png", 2000, 1000, all, nil},
		{"small PNG", "logo.png", pngOf(t, photo(300, 200)), "image/png", 300, 200, nil, nil},
		{"JPEG as wide as a variant", "a.jpg", jpegOf(t, photo(640, 480)), "image/jpeg", 640, 480, []int{320, 360}, []int{320, 360, 640}},
		{"pasted, no extension", "image", pngOf(t, photo(300, 200)), "image/png", 300, 200, nil, nil},
		{"animated GIF", "dong.gif", animatedGIF(t), "image/gif", 64, 32, nil, nil},
		{"transparent WebP", "a.webp", webpLossless(1, 1), "image/png", 1, 1, nil, nil},
		{"big transparent WebP", "a.webp", webpLossless(2000, 1000), "image/png", 2000, 1000, all, nil},
		{"opaque WebP", "a.webp", webpLossy, "image/jpeg", 1, 1, nil, []int{1}},
		{"PDF", "Quyết định 12.pdf", []byte(pdf), "application/pdf", 0, 0, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, dir := newProcessor(t)
			s, err := p.Process(ctx, tt.original, bytes.NewReader(tt.data))
			if err != nil {
				t.Fatalf("Process: %v", err)
			}
			if !fileName.MatchString(s.File) {
				t.Errorf("File = %q; want a name like 2026/10/<16 hex>.<ext>", s.File)
			}
			got := media.Saved{MIME: s.MIME, Width: s.Width, Height: s.Height, Variants: s.Variants, WebP: s.WebP}
			want := media.Saved{MIME: tt.mime, Width: tt.width, Height: tt.height, Variants: tt.variants, WebP: tt.webp}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Saved mismatch (-want +got):\n%s", diff)
			}
			stored := readStored(t, dir, s.File)
			if int64(len(stored)) != s.Size {
				t.Errorf("Size = %d; the file has %d bytes", s.Size, len(stored))
			}
			checkDecodes(t, stored, tt.mime, tt.width, tt.height)
			for _, w := range s.Variants {
				h := (tt.height*w + tt.width/2) / tt.width
				checkDecodes(t, readStored(t, dir, media.VariantFile(s.File, w)), tt.mime, w, h)
			}
			for _, w := range s.WebP {
				h := (tt.height*w + tt.width/2) / tt.width
				name := media.VariantFile(s.File, w)
				if w == s.Width {
					name = s.File
				}
				checkDecodes(t, readStored(t, dir, media.WebPFile(name)), "image/webp", w, h)
			}
			if want := 1 + len(tt.variants) + len(tt.webp); len(files(t, dir)) != want || len(s.Files()) != want {
				t.Errorf("%d files stored, Files lists %d; want %d", len(files(t, dir)), len(s.Files()), want)
			}
		})
	}
}

// checkDecodes checks that a stored file is a w×h picture in format mime;
// a PDF only has to keep its header.
func checkDecodes(t *testing.T, b []byte, mime string, w, h int) {
	t.Helper()
	if mime == "application/pdf" {
		if !bytes.Equal(b, []byte(pdf)) {
			t.Errorf("stored PDF differs from the upload")
		}
		return
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("stored file does not decode: %v", err)
	}
	if "image/"+format != mime || cfg.Width != w || cfg.Height != h {
		t.Errorf("stored file is image/%s %d×%d; want %s %d×%d", format, cfg.Width, cfg.Height, mime, w, h)
	}
}

func TestProcessGIFKeepsFrames(t *testing.T) {
	t.Parallel()
	p, dir := newProcessor(t)
	s, err := p.Process(ctx, "dong.gif", bytes.NewReader(animatedGIF(t)))
	if err != nil {
		t.Fatal(err)
	}
	g, err := gif.DecodeAll(bytes.NewReader(readStored(t, dir, s.File)))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 2 || !slices.Equal(g.Delay, []int{50, 50}) {
		t.Errorf("stored GIF has %d frames, delays %v; want 2 frames, delays [50 50]", len(g.Image), g.Delay)
	}
}

// hugePNG is a PNG whose header declares w×h pixels; it has no pixel data.
func hugePNG(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32([]byte("IHDR"), w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB, no interlace
	b := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0d")
	b = append(b, ihdr...)
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(ihdr))
	return append(b, "\x00\x00\x00\x00IEND\xae\x42\x60\x82"...)
}

// gifFrames is a GIF whose 4000×3000 screen (12 MP, allowed) holds three
// frames of that size: 36 MP to decode, hidden from the header.
func gifFrames() []byte {
	b := []byte("GIF89a\xa0\x0f\xb8\x0b\x00\x00\x00")
	for range 3 {
		b = append(b, "\x2c\x00\x00\x00\x00\xa0\x0f\xb8\x0b\x80"...) // descriptor, 2-color local table
		b = append(b, "\x00\x00\x00\xff\xff\xff\x02\x02\x4c\x01\x00"...)
	}
	return append(b, 0x3b)
}

// jpegDeclaring is a small JPEG whose frame header is changed to declare
// w×h pixels, baseline or progressive: a decompression bomb's header.
func jpegDeclaring(tb testing.TB, w, h uint16, progressive bool) []byte {
	b := jpegOf(tb, photo(16, 16))
	i := bytes.Index(b, []byte{0xFF, 0xC0})
	if i < 0 {
		tb.Fatal("no SOF0 in the encoded JPEG")
	}
	if progressive {
		b[i+1] = 0xC2
	}
	binary.BigEndian.PutUint16(b[i+5:], h)
	binary.BigEndian.PutUint16(b[i+7:], w)
	return b
}

const (
	msgPixels   = "Ảnh quá lớn (tối đa 24 megapixel, như ảnh 6000 × 4000 điểm). Xin thu nhỏ ảnh rồi tải lên lại."
	msgProgress = "Ảnh JPEG lũy tiến (progressive) quá lớn (tối đa 12 megapixel). Xin thu nhỏ ảnh hoặc lưu lại ở dạng JPEG thường."
)

// validGIFHeader is a 1×1 GIF header without a color table.
const validGIFHeader = "GIF89a\x01\x00\x01\x00\x00\x00\x00"

func TestProcessRefuses(t *testing.T) {
	t.Parallel()
	jpg := jpegOf(t, photo(200, 100))
	tests := []struct {
		name, original string
		data           []byte
		want           string
	}{
		{"empty", "a.jpg", nil, "Tệp rỗng."},
		{"over 10 MB", "a.jpg", append(slices.Clone(jpg), make([]byte, media.MaxBytes)...), "Tệp quá lớn (tối đa 10 MB)."},
		{"PNG named .jpg", "a.jpg", pngOf(t, photo(20, 10)), "Tệp không đúng định dạng: tên là .jpg nhưng nội dung là PNG."},
		{"JPEG named .PDF", "a.PDF", jpg, "Tệp không đúng định dạng: tên là .pdf nhưng nội dung là JPEG."},
		{"JPEG named .exe", "a.exe", jpg, "Tệp không đúng định dạng: tên là .exe nhưng nội dung là JPEG."},
		{"text named .png", "a.png", []byte("Kính gửi các đơn vị trực thuộc."), "Chỉ nhận ảnh JPEG, PNG, WebP, GIF hoặc tệp PDF."},
		{"HTML", "a.html", []byte("<!DOCTYPE html><script>alert(1)</script>"), "Chỉ nhận ảnh JPEG, PNG, WebP, GIF hoặc tệp PDF."},
		// Read as a GIF header, "<script" declares a 29500×29283 screen.
		{"HTML behind GIF89a", "a.gif", []byte("GIF89a<script>alert(1)</script>"), msgPixels},
		{"HTML behind a GIF header", "a.gif", []byte(validGIFHeader + "<script>alert(1)</script>"), "Tệp ảnh bị hỏng hoặc không đọc được."},
		{"truncated JPEG", "a.jpg", jpg[:len(jpg)/2], "Tệp ảnh bị hỏng hoặc không đọc được."},
		{"JPEG header only", "a.jpg", jpg[:4], "Tệp ảnh bị hỏng hoặc không đọc được."},
		{"100000×100000 PNG", "a.png", hugePNG(100_000, 100_000), msgPixels},
		{"PNG one pixel over", "a.png", hugePNG(6_000, 4_001), msgPixels},
		{"20000×20000 JPEG", "a.jpg", jpegDeclaring(t, 20_000, 20_000, false), msgPixels},
		{"50-megapixel JPEG", "a.jpg", jpegDeclaring(t, 8_660, 5_774, false), msgPixels},
		{"progressive 5000×4000 JPEG", "a.jpg", jpegDeclaring(t, 5_000, 4_000, true), msgProgress},
		{"GIF of many huge frames", "a.gif", gifFrames(), "Ảnh động quá lớn (tổng các khung hình tối đa 24 megapixel)."},
		{"PDF without %%EOF", "a.pdf", []byte("%PDF-1.4\n1 0 obj\n<< >>\nendobj\n"), "Tệp PDF bị hỏng hoặc không đầy đủ."},
		{"PDF with %%EOF far from its end", "a.pdf", append([]byte(pdf), make([]byte, 2000)...), "Tệp PDF bị hỏng hoặc không đầy đủ."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, dir := newProcessor(t)
			s, err := p.Process(ctx, tt.original, bytes.NewReader(tt.data))
			var e *portal.Error
			if !errors.As(err, &e) || e.Code != portal.EINVALID || e.Field != "file" || e.Message != tt.want {
				t.Fatalf("Process(%q) = %+v, %v; want invalid file: %q", tt.original, s, err, tt.want)
			}
			if f := files(t, dir); len(f) > 0 {
				t.Errorf("refused upload left files: %q", f)
			}
		})
	}
}

// TestProcessBombsDoNotAllocate runs alone (no t.Parallel), so the
// allocation counter sees only each upload: the headers alone refuse them,
// where decoding 100000×100000 pixels would need 40 GB, 20000×20000 of
// JPEG 600 MB, and the progressive picture 160 MB of coefficients.
func TestProcessBombsDoNotAllocate(t *testing.T) {
	p, _ := newProcessor(t)
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"a.png", hugePNG(100_000, 100_000)},
		{"a.jpg", jpegDeclaring(t, 20_000, 20_000, false)},
		{"b.jpg", jpegDeclaring(t, 5_000, 4_000, true)},
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := p.Process(ctx, c.name, bytes.NewReader(c.data))
		runtime.ReadMemStats(&after)
		if portal.ErrorCode(err) != portal.EINVALID {
			t.Fatalf("Process(%s) = %v; want it refused", c.name, err)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
			t.Errorf("refusing %s allocated %d bytes; want under 1 MB", c.name, n)
		}
	}
}

// TestProcessWaitsForATurn: with every decoding slot taken, an upload
// waits, and gives up when its request ends.
func TestProcessWaitsForATurn(t *testing.T) {
	p, _ := newProcessor(t)
	release := media.HoldDecodes()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := p.Process(cancelled, "a.jpg", bytes.NewReader(jpegOf(t, photo(20, 10)))); !errors.Is(err, context.Canceled) {
		t.Errorf("Process with every slot taken = %v; want it to wait until cancelled", err)
	}
	release()
	if _, err := p.Process(ctx, "a.jpg", bytes.NewReader(jpegOf(t, photo(20, 10)))); err != nil {
		t.Errorf("Process once a slot is free = %v", err)
	}
}

// withOrientation inserts an EXIF segment with the orientation tag after
// the start-of-image marker of a JPEG.
func withOrientation(jpg []byte, o uint16) []byte {
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01")
	tiff = append(tiff, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, byte(o>>8), byte(o), 0x00, 0x00)
	tiff = append(tiff, 0, 0, 0, 0) // no next IFD
	app1 := append([]byte("Exif\x00\x00"), tiff...)
	b := []byte{0xFF, 0xD8, 0xFF, 0xE1}
	b = binary.BigEndian.AppendUint16(b, uint16(2+len(app1)))
	b = append(b, app1...)
	return append(b, jpg[2:]...)
}

func TestProcessEXIFOrientation(t *testing.T) {
	t.Parallel()
	// Red on the left, blue on the right: once turned a quarter clockwise,
	// red is on top.
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			img.Set(x, y, color.RGBA{255, 0, 0, 255})
			if x >= 20 {
				img.Set(x, y, color.RGBA{0, 0, 255, 255})
			}
		}
	}
	p, dir := newProcessor(t)
	s, err := p.Process(ctx, "phone.jpg", bytes.NewReader(withOrientation(jpegOf(t, img), 6)))
	if err != nil {
		t.Fatal(err)
	}
	if s.Width != 20 || s.Height != 40 {
		t.Errorf("Saved size = %d×%d; want 20×40", s.Width, s.Height)
	}
	stored := readStored(t, dir, s.File)
	if bytes.Contains(stored, []byte("Exif")) {
		t.Errorf("stored JPEG still has its EXIF segment")
	}
	got, err := jpeg.Decode(bytes.NewReader(stored))
	if err != nil {
		t.Fatal(err)
	}
	if r, _, b, _ := got.At(10, 5).RGBA(); r < b {
		t.Errorf("top of the stored picture is %v; want red", got.At(10, 5))
	}
	if r, _, b, _ := got.At(10, 35).RGBA(); r > b {
		t.Errorf("bottom of the stored picture is %v; want blue", got.At(10, 35))
	}
}

func TestProcessStripsTrailingBytes(t *testing.T) {
	t.Parallel()
	const payload = "<script>alert(document.cookie)</script>"
	tests := []struct{ name, original string }{
		{"JPEG", "a.jpg"},
		{"PNG", "a.png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data := jpegOf(t, photo(200, 100))
			if tt.name == "PNG" {
				data = pngOf(t, photo(200, 100))
			}
			p, dir := newProcessor(t)
			s, err := p.Process(ctx, tt.original, bytes.NewReader(append(data, payload...)))
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(readStored(t, dir, s.File), []byte(payload)) {
				t.Errorf("stored %s still carries the appended script", tt.name)
			}
		})
	}
}

var errDiskFull = errors.New("disk full")

// failingStore fails its nth Create.
type failingStore struct {
	media.Storage
	n, calls int
}

func (s *failingStore) Create(ctx context.Context, name string, r io.Reader) error {
	s.calls++
	if s.calls == s.n {
		return errDiskFull
	}
	return s.Storage.Create(ctx, name, r)
}

func TestProcessRemovesFilesAfterFailure(t *testing.T) {
	t.Parallel()
	dir := media.Dir(t.TempDir())
	p := &media.Processor{Store: &failingStore{Storage: dir, n: 3}}
	_, err := p.Process(ctx, "a.jpg", bytes.NewReader(jpegOf(t, photo(2000, 1000))))
	if !errors.Is(err, errDiskFull) || portal.ErrorCode(err) != portal.EINTERNAL {
		t.Fatalf("Process = %v; want the internal error %v", err, errDiskFull)
	}
	if f := files(t, dir); len(f) > 0 {
		t.Errorf("failed upload left files: %q", f)
	}
}

func TestProcessCancelled(t *testing.T) {
	t.Parallel()
	p, dir := newProcessor(t)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err := p.Process(cancelled, "a.jpg", bytes.NewReader(jpegOf(t, photo(2000, 1000))))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Process = %v; want %v", err, context.Canceled)
	}
	if f := files(t, dir); len(f) > 0 {
		t.Errorf("cancelled upload left files: %q", f)
	}
}

func TestVariantFile(t *testing.T) {
	tests := []struct {
		file string
		w    int
		want string
	}{
		{"2026/11/5f3a9c1e2b7d4a60.jpg", 320, "2026/11/5f3a9c1e2b7d4a60-w320.jpg"},
		{"2026/11/5f3a9c1e2b7d4a60.png", 1600, "2026/11/5f3a9c1e2b7d4a60-w1600.png"},
		{"noext", 640, "noext-w640"},
	}
	for _, tt := range tests {
		if got := media.VariantFile(tt.file, tt.w); got != tt.want {
			t.Errorf("VariantFile(%q, %d) = %q; want %q", tt.file, tt.w, got, tt.want)
		}
	}
}

func TestSrcset(t *testing.T) {
	tests := []struct {
		file     string
		width    int
		variants []int
		want     string
	}{
		{"2026/11/a.jpg", 700, []int{320, 640}, "/media/2026/11/a-w320.jpg 320w, /media/2026/11/a-w640.jpg 640w, /media/2026/11/a.jpg 700w"},
		{"2026/11/a.png", 300, nil, "/media/2026/11/a.png 300w"},
		{"2026/11/a.pdf", 0, nil, ""},
	}
	for _, tt := range tests {
		if got := media.Srcset(tt.file, tt.width, tt.variants); got != tt.want {
			t.Errorf("Srcset(%q, %d, %v) = %q; want %q", tt.file, tt.width, tt.variants, got, tt.want)
		}
	}
}

// discard is a Storage that keeps nothing, so the benchmark measures the
// processing and not the disk.
type discard struct{}

func (discard) Create(_ context.Context, _ string, r io.Reader) error {
	_, err := io.Copy(io.Discard, r)
	return err
}
func (discard) Open(name string) (fs.File, error)                     { return nil, fs.ErrNotExist }
func (discard) Remove(context.Context, string) error                  { return nil }
func (discard) List(context.Context, func(string, int64) error) error { return nil }

func BenchmarkProcessJPEG(b *testing.B) {
	data := jpegOf(b, photo(4000, 3000))
	p := &media.Processor{Store: discard{}}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Process(ctx, "photo.jpg", bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWebPSmaller: each WebP copy of a photo decodes (with x/image/webp, as
// a browser's decoder would, not the encoder's own) and is smaller than the
// JPEG copy of the same width.
func TestWebPSmaller(t *testing.T) {
	t.Parallel()
	p, dir := newProcessor(t)
	s, err := p.Process(ctx, "a.jpg", bytes.NewReader(jpegOf(t, smoothPhoto(1200, 800))))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.WebP) == 0 {
		t.Fatal("no WebP copies")
	}
	for _, w := range s.WebP {
		jpegName := media.VariantFile(s.File, w)
		if w == s.Width {
			jpegName = s.File
		}
		jpg, wp := readStored(t, dir, jpegName), readStored(t, dir, media.WebPFile(jpegName))
		img, err := xwebp.Decode(bytes.NewReader(wp))
		if err != nil {
			t.Errorf("%s: %v", media.WebPFile(jpegName), err)
			continue
		}
		if img.Bounds().Dx() != w || len(wp) >= len(jpg) {
			t.Errorf("WebP at %dw: %d pixels wide, %d bytes; want %d wide, fewer bytes than the JPEG's %d",
				w, img.Bounds().Dx(), len(wp), w, len(jpg))
		}
	}
}

func TestWebPSrcset(t *testing.T) {
	for _, tt := range []struct {
		width int
		webp  []int
		want  string
	}{
		{1200, []int{320, 1200}, "/media/2026/11/a-w320.webp 320w, /media/2026/11/a.webp 1200w"},
		{2000, []int{320, 1600}, "/media/2026/11/a-w320.webp 320w, /media/2026/11/a-w1600.webp 1600w"},
		{2000, nil, ""},
	} {
		if got := media.WebPSrcset("2026/11/a.jpg", tt.width, tt.webp); got != tt.want {
			t.Errorf("WebPSrcset(a.jpg, %d, %v) = %q; want %q", tt.width, tt.webp, got, tt.want)
		}
	}
}
