package compress

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// gunzip decompresses a whole stream, checking its CRC and length.
func gunzip(t testing.TB, b []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("gzip header: %v", err)
	}
	r.Multistream(false)
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("gunzip: %v", err)
	}
	return out
}

// splice returns the stream and the plain bytes it must hold.
func splice(s *Spliced, parts [][]byte, gaps [][]byte) (stream, plain []byte) {
	var all []byte
	var ends []int
	for _, g := range gaps {
		all = append(all, g...)
		ends = append(ends, len(all))
	}
	stream = s.Append(nil, all, ends)
	for i, p := range parts {
		plain = append(plain, p...)
		if i < len(gaps) {
			plain = append(plain, gaps[i]...)
		}
	}
	return stream, plain
}

// htmlish makes n bytes that compress like a page: repeated markup, words,
// now and then bytes of every value.
func htmlish(rng *rand.Rand, n int) []byte {
	words := []string{"<li class=\"item\">", "</li>", "Hội nghị", " tỉnh ", "<a href=\"/chinh-tri/", "\">", "</a>", "\n", "Đảng bộ", " 2025 "}
	var b []byte
	for len(b) < n {
		if rng.IntN(20) == 0 {
			b = append(b, byte(rng.UintN(256)))
		} else {
			b = append(b, words[rng.IntN(len(words))]...)
		}
	}
	return b[:n]
}

func TestSplicedRandomPages(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 300 {
		parts := make([][]byte, 1+rng.IntN(9))
		for j := range parts {
			size := rng.IntN(3000)
			if rng.IntN(10) == 0 {
				size = 0 // a hole right after another, or at either end
			}
			parts[j] = htmlish(rng, size)
		}
		number := func() []byte {
			if rng.IntN(8) == 0 {
				return nil
			}
			return strconv.AppendInt(nil, rng.Int64N(1<<uint(rng.IntN(62))), 10)
		}
		expected := make([][]byte, len(parts)-1)
		lens := make([]int, len(expected))
		for j := range expected {
			expected[j] = number()
			lens[j] = len(expected[j])
		}
		s := NewSpliced(parts, lens)
		for k := range 8 {
			gaps := make([][]byte, len(parts)-1)
			gapBytes, same := 0, true
			for j := range gaps {
				gaps[j] = number()
				if k%2 == 0 { // other digits of the expected lengths
					gaps[j] = bytes.Repeat([]byte{byte('0' + rng.IntN(10))}, lens[j])
				}
				if k == 0 {
					gaps[j] = expected[j]
				}
				gapBytes += len(gaps[j])
				same = same && len(gaps[j]) == lens[j]
			}
			stream, plain := splice(s, parts, gaps)
			if got := gunzip(t, stream); !bytes.Equal(got, plain) {
				t.Fatalf("page %d: decompressed %d bytes differ from the %d plain ones", i, len(got), len(plain))
			}
			if len(stream) != s.Len(gapBytes, same) {
				t.Fatalf("page %d: stream of %d bytes; Len says %d", i, len(stream), s.Len(gapBytes, same))
			}
		}
	}
}

// TestSplicedLongGap fills a gap longer than a stored block holds.
func TestSplicedLongGap(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	parts := [][]byte{htmlish(rng, 1000), htmlish(rng, 10), htmlish(rng, 1000)}
	gaps := [][]byte{htmlish(rng, 200_000), []byte("7")}
	for _, lens := range [][]int{nil, {200_000, 1}} {
		stream, plain := splice(NewSpliced(parts, lens), parts, gaps)
		if got := gunzip(t, stream); !bytes.Equal(got, plain) {
			t.Fatalf("lengths %v: decompressed bytes differ from the plain ones", lens)
		}
	}
}

// TestSplicedCompresses: a page of markup shrinks as gzip makes it shrink
// in one piece, give or take the framing of its holes, when its numbers
// have the lengths expected; less, but still, when they do not.
func TestSplicedCompresses(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	parts := [][]byte{htmlish(rng, 8000), htmlish(rng, 800), htmlish(rng, 500), htmlish(rng, 6000)}
	s := NewSpliced(parts, []int{5, 2, 2})
	stream, plain := splice(s, parts, [][]byte{[]byte("1.234"), []byte("56"), []byte("78")})
	whole := GzipBytes(plain)
	if len(stream) > len(whole)+3*40 { // 40 bytes a hole: its block, a flush, new codes
		t.Errorf("spliced stream %d bytes; gzip of the whole page %d", len(stream), len(whole))
	}
	other, _ := splice(s, parts, [][]byte{[]byte("1.234"), []byte("56"), []byte("789")})
	if len(other) <= len(stream) || len(other) > len(plain)/2 {
		t.Errorf("with other lengths %d bytes; expected ones %d, plain %d", len(other), len(stream), len(plain))
	}
}

func TestGzipBytes(t *testing.T) {
	for _, body := range []string{"", "a", strings.Repeat("<url><loc>https://haugiang.dcs.vn/</loc></url>\n", 5000)} {
		if got := gunzip(t, GzipBytes([]byte(body))); string(got) != body {
			t.Errorf("GzipBytes of %d bytes: decompressed to %d", len(body), len(got))
		}
	}
}

// FuzzSpliced splits the input into parts and gaps at the bytes 0xff.
func FuzzSpliced(f *testing.F) {
	f.Add([]byte("<p>\xff1.234\xff</p>"), uint8(1))
	f.Add([]byte("\xff\xff\xff"), uint8(0))
	f.Fuzz(func(t *testing.T, in []byte, every uint8) {
		pieces := bytes.Split(in, []byte{0xff})
		var parts, gaps [][]byte
		for i, p := range pieces {
			if i%2 == 0 {
				parts = append(parts, p)
			} else {
				gaps = append(gaps, p)
			}
		}
		if len(gaps) == len(parts) {
			parts = append(parts, nil)
		}
		lens := make([]int, len(gaps))
		for i, g := range gaps {
			lens[i] = len(g)
			if every > 0 && i%int(every) == 0 {
				lens[i]++ // a length not expected
			}
		}
		stream, plain := splice(NewSpliced(parts, lens), parts, gaps)
		if got := gunzip(t, stream); !bytes.Equal(got, plain) {
			t.Fatalf("decompressed %q; want %q", got, plain)
		}
	})
}

func BenchmarkSplicedAppend(b *testing.B) {
	rng := rand.New(rand.NewPCG(9, 10))
	parts := make([][]byte, 8)
	for i := range parts {
		parts[i] = htmlish(rng, 2800)
	}
	s := NewSpliced(parts, []int{5, 5, 5, 5, 5, 5, 5})
	buf := make([]byte, 0, 64<<10)
	gaps := []byte("12345123451234512345123451234512345")
	ends := []int{5, 10, 15, 20, 25, 30, 35}
	b.ReportAllocs()
	for b.Loop() {
		buf = s.Append(buf[:0], gaps, ends)
	}
}

func BenchmarkNewSpliced(b *testing.B) {
	rng := rand.New(rand.NewPCG(9, 10))
	parts := make([][]byte, 8)
	for i := range parts {
		parts[i] = htmlish(rng, 2800)
	}
	for b.Loop() {
		NewSpliced(parts, []int{5, 5, 5, 5, 5, 5, 5})
	}
}
