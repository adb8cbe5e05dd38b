package compress

import "hash/crc32"

// CRC-32 (IEEE) arithmetic after zlib's crc32_combine: a CRC is a
// polynomial over GF(2) reduced modulo the CRC polynomial, written
// bit-reflected, so the CRC of A followed by B is the CRC of A times
// x^(8·len(B)), plus the CRC of B. Multiplying by x^(8n) costs 32 steps
// whatever n is, so a page's CRC is made from the CRCs of its fixed parts,
// computed once, and those of the few bytes that change per response.

// poly is the IEEE polynomial, bit-reflected (crc32.IEEE).
const poly = crc32.IEEE

// mulmod returns a·b modulo poly, both bit-reflected: bit 31 is x^0. It
// has no branches on the bits, which a CPU could not predict.
func mulmod(a, b uint32) uint32 {
	var p uint32
	for range 32 {
		p ^= b & uint32(int32(a)>>31) // all ones when a's top bit is set
		a <<= 1
		b = b>>1 ^ poly&-(b&1)
	}
	return p
}

// x2n[k] is x^(2^k) modulo poly.
var x2n = func() (t [32]uint32) {
	p := uint32(1) << 30 // x^1
	for k := range t {
		t[k] = p
		p = mulmod(p, p)
	}
	return t
}()

// shiftOf returns x^(8n) modulo poly: what the CRC of bytes followed by n
// more bytes is multiplied by.
func shiftOf(n int) uint32 {
	p := uint32(1) << 31 // x^0
	for k := 3; n != 0; n, k = n>>1, k+1 {
		if n&1 != 0 {
			p = mulmod(x2n[k&31], p)
		}
	}
	return p
}

// smallShifts are shiftOf(n) for the short runs that fill a page's holes.
var smallShifts = func() (t [64]uint32) {
	for n := range t {
		t[n] = shiftOf(n)
	}
	return t
}()

// shiftFor is shiftOf(n), from the table when n is small.
func shiftFor(n int) uint32 {
	if n < len(smallShifts) {
		return smallShifts[n]
	}
	return shiftOf(n)
}

// combine returns the CRC of A followed by B from crcA, crcB and shift,
// which is shiftOf(len(B)).
func combine(crcA, crcB, shift uint32) uint32 {
	return mulmod(shift, crcA) ^ crcB
}
