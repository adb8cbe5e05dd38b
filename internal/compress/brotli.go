package compress

import (
	"bytes"

	"github.com/andybalholm/brotli"
)

// BrotliBytes compresses body, whose bytes never change, as one brotli stream.
// The best quality is slow (about a megabyte a second here), so a large
// body — a sitemap of 50 000 addresses — gets a quicker one: it is made on
// the request that missed the cache, which waits for it.
func BrotliBytes(body []byte) []byte {
	var buf bytes.Buffer
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotliQuality(len(body)), LGWin: 22})
	w.Write(body) // a bytes.Buffer takes every write
	w.Close()
	return buf.Bytes()
}

func brotliQuality(n int) int {
	switch {
	case n <= 256<<10:
		return brotli.BestCompression
	case n <= 2<<20:
		return 9
	default:
		return 6
	}
}
