package compress

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"io"
	"runtime"
	"sync"
)

// Spliced is a gzip stream made of fixed parts, compressed once, and gaps
// between them whose bytes are given per response: part 0, gap 0, part 1,
// …, gap n-1, part n. Each part is a deflate run ended by a sync flush, so
// it ends on a byte boundary; each gap goes out as a stored (uncompressed)
// block. The CRC in the trailer is combined from the parts' CRCs, made
// once, and the gaps'.
//
// A deflate run may copy bytes from up to 32 KiB back, by distance. Two
// sets of runs are kept:
//
//   - chained: one compressor ran over the whole page with each gap stood
//     in for by as many NUL bytes as it was expected to hold, its output
//     for those cut out. A run may refer to earlier parts across gaps, so
//     it is valid only when every gap has the length expected; it never
//     refers to a gap's bytes, for a part holds no NUL and a match is of
//     equal bytes.
//   - independent: a new compressor for each part, referring to nothing
//     before it, valid whatever the gaps hold.
//
// The chained runs are about a fifth smaller on a reader page, and the
// lengths of its numbers seldom change while it is cached.
type Spliced struct {
	parts       []part
	plain       int   // the parts' uncompressed length
	lens        []int // the gap lengths chained was made for; nil: none
	chained     runs
	independent runs
}

type part struct {
	crc   uint32 // CRC-32 of the uncompressed part
	shift uint32 // shiftOf(its uncompressed length)
}

// runs are the parts' deflate runs, one after the other in data; run i
// ends at ends[i].
type runs struct {
	data []byte
	ends []int
}

// gzipHeader starts every stream: no name, no time, best compression, an
// unknown system (RFC 1952).
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff}

// NewSpliced compresses parts, which must be at least one, for gaps
// expected to be lens long (nil: no expectation).
func NewSpliced(parts [][]byte, lens []int) *Spliced {
	s := &Spliced{parts: make([]part, len(parts))}
	for i, p := range parts {
		s.parts[i] = part{crc: crc32.ChecksumIEEE(p), shift: shiftOf(len(p))}
		s.plain += len(p)
	}
	defer hold()()
	if len(lens) == len(parts)-1 && len(parts) > 1 && !hasNUL(parts) {
		s.lens = lens
		s.chained = compressChained(parts, lens)
	}
	s.independent = compressIndependent(parts)
	return s
}

// slots bound how many compressions run at once, and so the compressors
// alive: when many requests miss the cache together — a page expiring under
// load — the rest wait for a slot instead of each taking a megabyte or more.
// The work is all CPU: more at once than there are cores would not finish
// sooner.
var slots = make(chan struct{}, max(runtime.GOMAXPROCS(0), 2))

// hold takes a slot and returns its release.
func hold() func() {
	slots <- struct{}{}
	return release
}

// tryHold takes a slot if one is free and returns its release; nil when
// every slot is busy.
func tryHold() func() {
	select {
	case slots <- struct{}{}:
		return release
	default:
		return nil
	}
}

func release() { <-slots }

func compressIndependent(parts [][]byte) runs {
	fw := fastWriters.Get().(*flate.Writer)
	defer fastWriters.Put(fw)
	var buf bytes.Buffer
	r := runs{ends: make([]int, len(parts))}
	for i, p := range parts {
		fw.Reset(&buf) // a fresh compressor: no reference to earlier parts
		fw.Write(p)    // a bytes.Buffer takes every write
		endRun(fw, i == len(parts)-1)
		r.ends[i] = buf.Len()
	}
	r.data = bytes.Clone(buf.Bytes())
	return r
}

func compressChained(parts [][]byte, lens []int) runs {
	fw := bestWriters.Get().(*flate.Writer)
	defer bestWriters.Put(fw)
	var buf bytes.Buffer
	sink := &switchWriter{w: &buf}
	fw.Reset(sink)
	r := runs{ends: make([]int, len(parts))}
	for i, p := range parts {
		fw.Write(p)
		endRun(fw, i == len(parts)-1)
		r.ends[i] = buf.Len()
		if i < len(lens) {
			sink.w = io.Discard // the stand-in's own encoding is not kept
			fw.Write(make([]byte, lens[i]))
			fw.Flush()
			sink.w = &buf
		}
	}
	r.data = bytes.Clone(buf.Bytes())
	return r
}

// endRun ends a part's run: with the final block after the last part,
// else with a sync flush, which ends on a byte boundary.
func endRun(fw *flate.Writer, last bool) {
	if last {
		fw.Close()
	} else {
		fw.Flush()
	}
}

// switchWriter sends a compressor's output where w points at the time.
type switchWriter struct{ w io.Writer }

func (s *switchWriter) Write(b []byte) (int, error) { return s.w.Write(b) }

func hasNUL(parts [][]byte) bool {
	for _, p := range parts {
		if bytes.IndexByte(p, 0) >= 0 {
			return true
		}
	}
	return false
}

// Compressors are kept between pages: each holds up to a megabyte of
// state. The independent runs are the fallback, seldom sent, and a fast
// compressor makes them in a fraction of the time: it starts afresh for
// every part.
var (
	bestWriters = sync.Pool{New: func() any { w, _ := flate.NewWriter(nil, flate.BestCompression); return w }}
	fastWriters = sync.Pool{New: func() any { w, _ := flate.NewWriter(nil, flate.BestSpeed); return w }}
)

// Size is the memory the stream's fixed bytes take, for cache accounting.
func (s *Spliced) Size() int {
	return len(s.independent.data) + len(s.chained.data) + 24*len(s.parts) + len(gzipHeader) + 8
}

// Len is the length of the stream when its gaps hold gapBytes in all, each
// gap less than 64 KiB, and have the lengths expected if chained is true.
func (s *Spliced) Len(gapBytes int, chained bool) int {
	r := s.independent
	if chained && s.lens != nil {
		r = s.chained
	}
	return len(gzipHeader) + len(r.data) + storedHeader*(len(s.parts)-1) + gapBytes + 8
}

// storedHeader is the length of a stored block's header once aligned: the
// block type byte, then LEN and its complement NLEN.
const storedHeader = 5

// Append appends the gzip stream to dst, gap i being
// gaps[ends[i-1]:ends[i]] (from 0 for the first). gaps may be dst itself:
// what is appended goes after it.
func (s *Spliced) Append(dst, gaps []byte, ends []int) []byte {
	r := s.chained
	if !s.expected(ends) {
		r = s.independent
	}
	dst = append(dst, gzipHeader...)
	var crc uint32
	n, start, gapStart := s.plain, 0, 0
	for i, p := range s.parts {
		dst = append(dst, r.data[start:r.ends[i]]...)
		crc = combine(crc, p.crc, p.shift)
		start = r.ends[i]
		if i == len(s.parts)-1 {
			break
		}
		gap := gaps[gapStart:ends[i]]
		gapStart = ends[i]
		dst = appendStored(dst, gap)
		crc = crc32.Update(crc, crc32.IEEETable, gap)
		n += len(gap)
	}
	dst = binary.LittleEndian.AppendUint32(dst, crc)
	return binary.LittleEndian.AppendUint32(dst, uint32(n)) // ISIZE is the length mod 2^32
}

// expected reports whether the gaps ending at ends have the lengths the
// chained runs were made for.
func (s *Spliced) expected(ends []int) bool {
	if s.lens == nil {
		return false
	}
	start := 0
	for i, n := range s.lens {
		if ends[i]-start != n {
			return false
		}
		start = ends[i]
	}
	return true
}

// appendStored appends gap as stored blocks, not the last: one when it
// fits a block's 16-bit length, as a number always does. A stored block's
// header is BFINAL 0 and BTYPE 00 in a byte whose other bits are zero (the
// block starts on a byte boundary), then LEN and NLEN (RFC 1951, 3.2.4).
func appendStored(dst, gap []byte) []byte {
	for {
		k := min(len(gap), 0xffff)
		dst = append(dst, 0)
		dst = binary.LittleEndian.AppendUint16(dst, uint16(k))
		dst = binary.LittleEndian.AppendUint16(dst, ^uint16(k))
		dst = append(dst, gap[:k]...)
		if gap = gap[k:]; len(gap) == 0 {
			return dst
		}
	}
}

// GzipBytes compresses body as one gzip stream, as well as gzip can.
func GzipBytes(body []byte) []byte {
	s := &Spliced{parts: []part{{crc: crc32.ChecksumIEEE(body), shift: shiftOf(len(body))}}, plain: len(body), lens: []int{}}
	defer hold()()
	s.chained = compressChained([][]byte{body}, nil)
	return s.Append(nil, nil, nil)
}

// MinSize is the smallest body worth compressing: below it, headers and
// body fit in one packet either way.
const MinSize = 1024

// Worth reports whether sending packed bytes instead of plain ones saves
// enough to be worth it: at least an eighth, from a body of MinSize or more.
func Worth(plain, packed int) bool {
	return plain >= MinSize && packed <= plain-plain/8
}
