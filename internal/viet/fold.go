package viet

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode Normalization Form C. Text pasted from Word,
// macOS or legacy converters often arrives decomposed (NFD); storing one
// form keeps equality, sorting and byte lengths predictable.
func NFC(s string) string {
	return norm.NFC.String(s)
}

// Fold returns s without tone and vowel marks, with đ and Đ mapped to d,
// in lower case: "Đảng bộ" becomes "dang bo". Both the indexed text and the
// query go through Fold, so search matches whatever marks a reader typed.
// It accepts NFC and NFD input alike. Pure-ASCII input that is already lower
// case is returned as is, without allocating.
func Fold(s string) string {
	if foldedPrefix(s) == len(s) {
		return s
	}
	return fold(s)
}

// foldedPrefix returns the length of the longest prefix of s that Fold
// leaves unchanged: ASCII without upper-case letters.
func foldedPrefix(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return i
		}
	}
	return len(s)
}

// fold copies runs of already-folded ASCII in one write and decomposes the
// other runes one at a time, so it needs a single buffer no larger than s
// in the common case instead of a whole NFD copy.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		n := foldedPrefix(s)
		b.WriteString(s[:n])
		if s = s[n:]; len(s) == 0 {
			break
		}
		if c := s[0]; c < utf8.RuneSelf {
			b.WriteByte(c + 'a' - 'A') // foldedPrefix stops only at upper case
			s = s[1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(s)
		foldFast(&b, r)
		s = s[size:]
	}
	return b.String()
}

// latinFold maps each rune below U+1F00 that folds to one ASCII letter to
// that letter, and the rest to 0. It covers every Vietnamese letter, so
// ordinary text never reaches the slower lookup in the normalisation tables.
var latinFold = buildLatinFold()

// buildLatinFold runs foldRune once per rune, so the table cannot disagree
// with it; it takes about half a millisecond at start-up.
func buildLatinFold() *[0x1F00]byte {
	var t [0x1F00]byte
	var b strings.Builder
	for r := rune(utf8.RuneSelf); r < rune(len(t)); r++ {
		b.Reset()
		foldRune(&b, r)
		if f := b.String(); len(f) == 1 && 'a' <= f[0] && f[0] <= 'z' {
			t[r] = f[0]
		}
	}
	return &t
}

// foldFast writes the folded form of r.
func foldFast(b *strings.Builder, r rune) {
	switch {
	case '\u0300' <= r && r <= '\u036F':
		// A combining mark of NFD input: dropped.
	case r < rune(len(latinFold)) && latinFold[r] != 0:
		b.WriteByte(latinFold[r])
	default:
		foldRune(b, r)
	}
}

// foldRune writes the folded form of r, taking its decomposition from the
// NFD tables.
func foldRune(b *strings.Builder, r rune) {
	var buf [utf8.UTFMax]byte
	d := norm.NFD.Properties(utf8.AppendRune(buf[:0], r)).Decomposition()
	if d == nil {
		writeFoldedRune(b, r)
		return
	}
	for len(d) > 0 {
		c, size := utf8.DecodeRune(d)
		writeFoldedRune(b, c)
		d = d[size:]
	}
}

// writeFoldedRune drops combining marks, maps the letter d with stroke to d
// (Unicode gives it no decomposition) and lower-cases the rest.
func writeFoldedRune(b *strings.Builder, r rune) {
	switch {
	case r < utf8.RuneSelf:
		b.WriteByte(lowerASCII(byte(r)))
	case '\u0300' <= r && r <= '\u036F', unicode.Is(unicode.Mn, r):
	case r == 'đ', r == 'Đ', r == 'Ð':
		// U+00D0 (Eth) looks identical to Đ and legacy converters emit it.
		b.WriteByte('d')
	default:
		b.WriteRune(unicode.ToLower(r))
	}
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
