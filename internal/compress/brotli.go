package compress

import (
	"bytes"
	"math/bits"

	"github.com/andybalholm/brotli"
)

// BrotliBytes compresses body, whose bytes never change, as one brotli
// stream. It runs on the request that missed the cache, which waits for it:
// the best quality costs about 1.5 ms of CPU a kilobyte here, 20 to 30 times
// quality 6, for a body a tenth smaller, so only a small body gets it.
func BrotliBytes(body []byte) []byte {
	defer hold()()
	var buf bytes.Buffer
	// A window no larger than the body compresses it as well, in less memory.
	lgwin := min(max(bits.Len(uint(len(body))), 10), 22)
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotliQuality(len(body)), LGWin: lgwin})
	w.Write(body) // a bytes.Buffer takes every write
	w.Close()
	return buf.Bytes()
}

func brotliQuality(n int) int {
	if n <= 16<<10 {
		return brotli.BestCompression
	}
	return 6
}
