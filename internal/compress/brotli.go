package compress

import (
	"bytes"
	"math/bits"
	"sync"

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

// TryBrotli compresses body, a page with its numbers filled in as one
// response sends it, if a compressor slot is free; ok is false, and nothing
// is done, when every slot is busy: the request sends another coding rather
// than wait. It runs on a request's path, so at quality 5: on a 20 KB reader
// page about half a millisecond here for a body a twentieth smaller than
// gzip -9's, where the best quality takes some 40 ms (docs/ARCHITECTURE.md,
// "Compression").
func TryBrotli(body []byte) (br []byte, ok bool) {
	release := tryHold()
	if release == nil {
		return nil, false
	}
	defer release()
	w := pageWriters.Get().(*brotli.Writer)
	defer pageWriters.Put(w)
	var buf bytes.Buffer
	buf.Grow(len(body) / 3)
	w.Reset(&buf)
	w.Write(body) // a bytes.Buffer takes every write
	w.Close()
	return bytes.Clone(buf.Bytes()), true // no spare capacity kept in the cache
}

// pageQuality and pageWindow are TryBrotli's settings. A 64 KiB window
// covers a reader page whole; a writer kept in the pool is reset, not
// allocated again (~0.9 MB each time otherwise).
const (
	pageQuality = 5
	pageWindow  = 16
)

var pageWriters = sync.Pool{New: func() any {
	return brotli.NewWriterOptions(nil, brotli.WriterOptions{Quality: pageQuality, LGWin: pageWindow})
}}
