package viet

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Encoding names how Vietnamese text was typed: in Unicode, or in one of the
// single-byte font encodings that old portals and Word files still hold.
//
// Legacy text reaches Cổng as UTF-8 in which each legacy byte became the
// Latin-1 or Windows-1252 character of the same code: a page saved as
// windows-1252, a latin1 database column, a copy from a document set in
// .VnTime. It shows as "Héi nghÞ" (TCVN3) or "Hoäi nghò" (VNI) for
// "Hội nghị". The two code pages agree from 0xA0 up, where every letter of
// both encodings lies; below it, a Latin-1 reading leaves C1 controls
// where Windows-1252 has quotes and dashes, and ToUnicode gives them back.
type Encoding uint8

const (
	// Unicode is text that needs no conversion: Unicode, or text in which
	// no legacy encoding was found with confidence.
	Unicode Encoding = iota
	// TCVN3 is TCVN 5712:1993 in its VN3 form, the "ABC" fonts (.VnTime,
	// .VnArial…): one byte per letter, the tone included, for lower case;
	// capitals with a tone mark exist only as the same codes drawn by the
	// capital fonts (.VnTimeH…).
	TCVN3
	// VNI is VNI-Windows (VNI-Times…): a base letter followed by a byte
	// that adds the vowel's mark and tone, both cases coded.
	VNI
)

// String returns the encoding's usual name: "Unicode", "TCVN3", "VNI".
func (e Encoding) String() string {
	switch e {
	case TCVN3:
		return "TCVN3"
	case VNI:
		return "VNI"
	}
	return "Unicode"
}

// The five tones as combining marks; the unmarked tone (ngang) has none.
const (
	huyen = "\u0300"
	sac   = "\u0301"
	hoi   = "\u0309"
	nga   = "\u0303"
	nang  = "\u0323"
)

// tcvn3 is the code chart of TCVN 5712:1993 VN3 from 0xA1 up: each code's
// letter. The capitals of the chart are the seven letters without a tone
// that ASCII lacks; codes left blank in VN3 (0xB0–0xB4 and the capitals VN1
// adds) are not in it and stay as they are.
var tcvn3 = map[byte]rune{
	0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ',
	0xA8: 'ă', 0xA9: 'â', 0xAA: 'ê', 0xAB: 'ô', 0xAC: 'ơ', 0xAD: 'ư', 0xAE: 'đ',
	0xB5: 'à', 0xB6: 'ả', 0xB7: 'ã', 0xB8: 'á', 0xB9: 'ạ',
	0xBB: 'ằ', 0xBC: 'ẳ', 0xBD: 'ẵ', 0xBE: 'ắ', 0xC6: 'ặ',
	0xC7: 'ầ', 0xC8: 'ẩ', 0xC9: 'ẫ', 0xCA: 'ấ', 0xCB: 'ậ',
	0xCC: 'è', 0xCE: 'ẻ', 0xCF: 'ẽ', 0xD0: 'é', 0xD1: 'ẹ',
	0xD2: 'ề', 0xD3: 'ể', 0xD4: 'ễ', 0xD5: 'ế', 0xD6: 'ệ',
	0xD7: 'ì', 0xD8: 'ỉ', 0xDC: 'ĩ', 0xDD: 'í', 0xDE: 'ị',
	0xDF: 'ò', 0xE1: 'ỏ', 0xE2: 'õ', 0xE3: 'ó', 0xE4: 'ọ',
	0xE5: 'ồ', 0xE6: 'ổ', 0xE7: 'ỗ', 0xE8: 'ố', 0xE9: 'ộ',
	0xEA: 'ờ', 0xEB: 'ở', 0xEC: 'ỡ', 0xED: 'ớ', 0xEE: 'ợ',
	0xEF: 'ù', 0xF1: 'ủ', 0xF2: 'ũ', 0xF3: 'ú', 0xF4: 'ụ',
	0xF5: 'ừ', 0xF6: 'ử', 0xF7: 'ữ', 0xF8: 'ứ', 0xF9: 'ự',
	0xFA: 'ỳ', 0xFB: 'ỷ', 0xFC: 'ỹ', 0xFD: 'ý', 0xFE: 'ỵ',
}

// vniMark is what a VNI byte after a base letter adds: the vowel's mark
// (circumflex, breve) and its tone, as combining marks.
type vniMark struct {
	bases string // the base letters it follows, lower case
	marks string
}

// vniMarks are the VNI-Windows bytes that follow a base letter, lower case;
// the capital of each byte (0x20 below) is the same mark for capitals.
// "ô" (ơ) and "ö" (ư) are letters of their own that take the tones too;
// bases lists them as the letters they are.
var vniMarks = map[byte]vniMark{
	0xF9: {"aeouyơư", sac}, 0xF8: {"aeouyơư", huyen}, 0xFB: {"aeouyơư", hoi}, 0xF5: {"aeouyơư", nga},
	0xEF: {"aeouơư", nang},
	0xE2: {"aeo", "\u0302"}, 0xE1: {"aeo", "\u0302" + sac}, 0xE0: {"aeo", "\u0302" + huyen},
	0xE5: {"aeo", "\u0302" + hoi}, 0xE3: {"aeo", "\u0302" + nga}, 0xE4: {"aeo", "\u0302" + nang},
	0xEA: {"a", "\u0306"}, 0xE9: {"a", "\u0306" + sac}, 0xE8: {"a", "\u0306" + huyen},
	0xFA: {"a", "\u0306" + hoi}, 0xFC: {"a", "\u0306" + nga}, 0xEB: {"a", "\u0306" + nang},
}

// vniLetters are the VNI-Windows bytes that are letters by themselves,
// lower case; their capitals are 0x20 below.
var vniLetters = map[byte]rune{
	0xF4: 'ơ', 0xF6: 'ư', 0xF1: 'đ',
	0xED: 'í', 0xEC: 'ì', 0xE6: 'ỉ', 0xF3: 'ĩ', 0xF2: 'ị',
	0xEE: 'ỵ',
}

// ToUnicode converts s from encoding e to Unicode NFC, every character that
// e codes, whether or not s looks legacy-encoded: callers that know where
// the text came from use it; the others use FixEncoding. ToUnicode(s,
// Unicode) is NFC(s). C1 control characters become the Windows-1252
// characters of their codes (curly quotes, dashes), which legacy documents
// used and a Latin-1 reading loses.
func ToUnicode(s string, e Encoding) string {
	return toUnicode(s, e, true)
}

// toUnicode is ToUnicode for s that starts a sentence or not (a piece of a
// paragraph split by markup).
func toUnicode(s string, e Encoding, sentence bool) string {
	switch e {
	case TCVN3:
		s = fromTCVN3(s, sentence)
	case VNI:
		s = fromVNI(s)
	default:
		return norm.NFC.String(s)
	}
	return norm.NFC.String(fromC1(s))
}

// fromC1 replaces C1 controls by the Windows-1252 characters of their codes.
func fromC1(s string) string {
	return strings.Map(func(r rune) rune {
		if 0x80 <= r && r <= 0x9F {
			if c := charmap.Windows1252.DecodeByte(byte(r)); c != utf8.RuneError {
				return c
			}
		}
		return r
	}, s)
}

// fromVNI decodes VNI-Windows: a base letter and the byte after it become
// one letter; the letters of a byte of their own are mapped alone.
func fromVNI(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		base := vniBase(r)
		if base != 0 && i+1 < len(rs) {
			if m, ok := vniMarkOf(rs[i+1]); ok && strings.ContainsRune(m.bases, unicode.ToLower(base)) {
				b.WriteRune(base)
				b.WriteString(m.marks)
				i++
				continue
			}
		}
		if l, ok := vniLetter(r); ok {
			b.WriteRune(l)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// vniBase returns the letter r is as the base of a VNI pair (ô is ơ, ö is
// ư), in r's case, or 0.
func vniBase(r rune) rune {
	switch unicode.ToLower(r) {
	case 'a', 'e', 'o', 'u', 'y':
		return r
	case 'ô', 'ö':
		l, _ := vniLetter(r)
		return l
	}
	return 0
}

// vniMarkOf returns the mark byte r stands for, in either case.
func vniMarkOf(r rune) (vniMark, bool) {
	if r < 0xC0 || r > 0xFF {
		return vniMark{}, false
	}
	m, ok := vniMarks[byte(r)|0x20]
	return m, ok
}

// vniLetter returns the letter the VNI byte r stands for by itself, in r's
// case.
func vniLetter(r rune) (rune, bool) {
	if r < 0xC0 || r > 0xFF {
		return 0, false
	}
	l, ok := vniLetters[byte(r)|0x20]
	if !ok {
		return 0, false
	}
	if r < 0xE0 {
		l = unicode.ToUpper(l)
	}
	return l, true
}

// fromTCVN3 decodes TCVN3 word by word. A lower-case code drawn by a capital
// font cannot be told from one drawn by a small font, so a word whose other
// letters are all capitals ("HéI") is taken as set in capitals ("HỘI"), and a
// word with a single capital and nothing else to go by ("Hµ") takes the case
// of the nearest word that is not in doubt; so does a word of codes alone.
// A word that opens a sentence with a code ("¶nh" at the start of s, when
// sentence is set, or after a full stop or a line break) gets a capital:
// typists set that letter in the capital font.
func fromTCVN3(s string, sentence bool) string {
	words := tcvn3Words(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	last := 0
	for i, w := range words {
		gap := s[last:w.start]
		b.WriteString(gap)
		sentence = sentence && i == 0 || endsSentence(gap)
		upper := w.upper
		if w.unknown {
			upper = nearestUpper(words, i)
		}
		for j, r := range s[w.start:w.end] {
			if r >= 0xA0 && r <= 0xFF {
				if l, ok := tcvn3[byte(r)]; ok {
					r = l
					if upper || j == 0 && sentence {
						r = unicode.ToUpper(r)
					}
				}
			}
			b.WriteRune(r)
		}
		last = w.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// endsSentence reports whether text between two words ends a sentence: a
// line break, or a full stop, question or exclamation mark or ellipsis
// followed by white space (so not the dots of "30.12.2020"), closing quotes
// and brackets between them.
func endsSentence(gap string) bool {
	end := false
	for _, r := range gap {
		switch {
		case r == '\n':
			return true
		case end && unicode.IsSpace(r):
			return true
		case end && strings.ContainsRune(closers, r):
		default:
			end = strings.ContainsRune(".!?…", r)
		}
	}
	return false
}

// closers are the closing quotes and brackets that may follow the end of a
// sentence.
const closers = `"'”’)»`

// opensSentence reports whether a piece of text that follows the pieces
// before starts a sentence: it is the first, or the last of them that is
// not blank ends with a line break or the end of a sentence.
func opensSentence(before []string) bool {
	for j := len(before) - 1; j >= 0; j-- {
		t := strings.TrimRight(before[j], " \t\u00a0")
		if t == "" {
			continue
		}
		if strings.HasSuffix(t, "\n") {
			return true
		}
		r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(t, closers))
		return strings.ContainsRune(".!?…", r)
	}
	return true
}

// tcvn3Word is a run of letters in TCVN3 text and the case its codes take.
type tcvn3Word struct {
	start, end int
	legacy     bool // holds a lower-case code
	upper      bool // set in capitals
	unknown    bool // a single capital: the neighbours decide
}

// tcvn3Words cuts s into words and judges the case of each from its letters
// that carry a case of their own: ASCII letters and the chart's capitals.
func tcvn3Words(s string) []tcvn3Word {
	var words []tcvn3Word
	var w tcvn3Word
	upper, lower := 0, 0
	in := false
	flush := func(end int) {
		if !in {
			return
		}
		w.end = end
		w.upper = upper >= 2 && lower == 0
		w.unknown = upper <= 1 && lower == 0
		words = append(words, w)
		in = false
	}
	for i, r := range s {
		if !tcvn3Letter(r) {
			flush(i)
			continue
		}
		if !in {
			w, upper, lower, in = tcvn3Word{start: i}, 0, 0, true
		}
		l, coded := rune(0), false
		if r >= 0xA0 && r <= 0xFF {
			l, coded = tcvn3[byte(r)]
		}
		switch {
		case coded && unicode.IsUpper(l):
			upper++
		case coded:
			w.legacy = true
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	flush(len(s))
	return words
}

// tcvn3Letter reports whether r is part of a word in TCVN3 text: a letter,
// or a code of the chart (some are symbols in Latin-1, "¸" for á).
func tcvn3Letter(r rune) bool {
	if r >= 0xA0 && r <= 0xFF {
		if _, ok := tcvn3[byte(r)]; ok {
			return true
		}
	}
	return unicode.IsLetter(r)
}

// nearestUpper decides the case of words[i], a word with a single capital:
// capitals when the nearest word holding lower-case codes, before it or else
// after it, is in capitals; when no word holds such codes, capitals only if
// at least two other words are in capitals and none is not.
func nearestUpper(words []tcvn3Word, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if words[j].legacy && !words[j].unknown {
			return words[j].upper
		}
	}
	for j := i + 1; j < len(words); j++ {
		if words[j].legacy && !words[j].unknown {
			return words[j].upper
		}
	}
	upper := 0
	for j, w := range words {
		switch {
		case j == i || w.unknown:
		case !w.upper:
			return false
		default:
			upper++
		}
	}
	return upper >= 2
}
