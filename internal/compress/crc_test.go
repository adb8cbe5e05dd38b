package compress

import (
	"hash/crc32"
	"math/rand/v2"
	"testing"
)

// TestCombineMatchesChecksum splits random bytes at random places and
// rebuilds the whole CRC from the pieces'.
func TestCombineMatchesChecksum(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		b := make([]byte, rng.IntN(70_000))
		for j := range b {
			b[j] = byte(rng.UintN(256))
		}
		want := crc32.ChecksumIEEE(b)
		var crc uint32
		for rest := b; len(rest) > 0; {
			n := min(len(rest), rng.IntN(len(b)/4+2))
			if i%3 == 0 {
				n = min(len(rest), rng.IntN(20)) // runs like a hole's digits
			}
			crc = combine(crc, crc32.ChecksumIEEE(rest[:n]), shiftFor(n))
			rest = rest[n:]
		}
		if crc != want {
			t.Fatalf("combined CRC of %d bytes = %08x; want %08x", len(b), crc, want)
		}
	}
}

func TestShiftOfZeroIsOne(t *testing.T) {
	if got := combine(0x12345678, 0, shiftOf(0)); got != 0x12345678 {
		t.Errorf("combine(c, 0, shiftOf(0)) = %08x; want c", got)
	}
}

func BenchmarkCombine(b *testing.B) {
	shift := shiftOf(22_000)
	crc := uint32(1)
	for b.Loop() {
		crc = combine(crc, 7, shift)
	}
}

func BenchmarkChecksum22KB(b *testing.B) {
	page := make([]byte, 22_000)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		crc32.ChecksumIEEE(page)
	}
}
