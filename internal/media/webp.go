package media

import (
	"bytes"
	"fmt"
	"image"
	"slices"

	"github.com/gen2brain/webp"
)

// webpQuality is libwebp's default, which looks about as good as the JPEG
// copies' quality 85 at two thirds of their bytes or less (see
// TestWebPSmaller and docs/ARCHITECTURE.md).
const webpQuality = 75

// encodeWebP encodes img as lossy WebP. The encoder is libwebp compiled to
// WebAssembly and run in pure Go (no cgo); the first call in a process
// compiles the module, about a second here.
func encodeWebP(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := webp.Encode(&buf, img, webp.Options{Quality: webpQuality}); err != nil {
		return nil, fmt.Errorf("media: encoding image/webp: %w", err)
	}
	return buf.Bytes(), nil
}

// addWebP gives a photo WebP copies of its srcset: each variant, and the
// picture itself unless it is wider than the widest variant width (readers
// never need more than that, and encoding a camera's full picture would
// cost seconds). Browsers that read WebP get them through <picture>, others
// the JPEG copies. The copies are kept only if, all together, they are
// smaller than the JPEG copies they stand for.
func addWebP(out *prepared, img image.Image) error {
	var err error
	if out.width <= slices.Max(Widths) {
		if out.webp, err = encodeWebP(img); err != nil {
			return err
		}
	}
	var jpegBytes, webpBytes int
	for _, v := range out.variants {
		jpegBytes, webpBytes = jpegBytes+len(v.data), webpBytes+len(v.webp)
	}
	if out.webp != nil {
		jpegBytes, webpBytes = jpegBytes+len(out.data), webpBytes+len(out.webp)
	}
	if webpBytes >= jpegBytes {
		out.webp = nil
		for i := range out.variants {
			out.variants[i].webp = nil
		}
	}
	return nil
}
