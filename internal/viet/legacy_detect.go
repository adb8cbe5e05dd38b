package viet

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// DetectEncoding reports the legacy encoding s was typed in, or Unicode when
// no legacy encoding is found with confidence. It errs on the side of
// Unicode: text holding any letter or combining mark beyond Latin-1 (ă, đ,
// ơ, ư, ạ…, which a legacy string read as Latin-1 cannot hold) is Unicode,
// and so is text whose words read as Vietnamese as they stand.
//
// A word counts for an encoding when it is not a Vietnamese syllable as it
// stands, not even with its tone set right ("Héi", "nghÞ", "Hoäi"), but is
// one once decoded ("Hội", "nghị"); against it when it is a syllable as it
// stands and not once decoded. An
// encoding is found when at least two words count for it (or one, in a
// short text all of whose words then read as Vietnamese), at most one in
// ten against it, at most one in three of its coded words decode to
// nothing Vietnamese, and at least half of all words are Vietnamese
// syllables once decoded. Words such as "cá" or "Tây", which read as
// Vietnamese either way, count for neither: text made only of them is left
// as it is.
func DetectEncoding(s string) Encoding {
	return detect([]string{s})
}

// FixEncoding returns s converted to Unicode NFC and the encoding it was in
// when DetectEncoding finds one; otherwise s unchanged and Unicode. It is
// the function importers and forms call on each field of plain text (for
// HTML, sanitize.FixEncoding converts the text between the tags).
func FixEncoding(s string) (string, Encoding) {
	out, e := FixEncodingParts([]string{s})
	return out[0], e
}

// FixEncodingBytes is FixEncoding for raw bytes, such as a field of an old
// database dump: valid UTF-8 is read as UTF-8, anything else as
// Windows-1252 (where each byte of TCVN3 or VNI text becomes the character
// FixEncoding expects), then converted when legacy-encoded.
func FixEncodingBytes(b []byte) (string, Encoding) {
	if utf8.Valid(b) {
		return FixEncoding(string(b))
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return FixEncoding(strings.ToValidUTF8(string(b), "\uFFFD"))
	}
	return FixEncoding(string(s))
}

// FixEncodingParts is FixEncoding for the pieces of one text, such as the
// text nodes of an HTML body: the encoding is detected over all of them
// together, leaving out pieces that hold letters only Unicode has, and
// converted in each piece that does not read better as Unicode, so that a
// paragraph typed in Unicode amid pasted TCVN3 stays as it is. It returns
// the pieces, a new slice when any changed, and the encoding converted from
// (Unicode when nothing changed).
func FixEncodingParts(parts []string) ([]string, Encoding) {
	e := detect(parts)
	if e == Unicode {
		return parts, Unicode
	}
	var out []string
	for i, p := range parts {
		if len(parts) > 1 {
			if c := scoreText(p, e); c.unicode || c.against*10 > c.pro {
				continue
			}
		}
		if q := toUnicode(p, e, opensSentence(parts[:i])); q != p {
			if out == nil {
				out = append([]string(nil), parts...)
			}
			out[i] = q
		}
	}
	if out == nil {
		return parts, Unicode
	}
	return out, e
}

// detect returns the legacy encoding the parts were typed in, judged on
// all the parts that could hold legacy text.
func detect(parts []string) Encoding {
	var tcvn, vni score
	for _, p := range parts {
		if maybeLegacy(p) && !unicodeOnly(p) {
			tcvn.text(p, TCVN3)
			vni.text(p, VNI)
		}
	}
	t, v := tcvn.confident(), vni.confident()
	switch {
	case t && v && tcvn.margin() == vni.margin():
		return Unicode
	case t && (!v || tcvn.margin() > vni.margin()):
		return TCVN3
	case v:
		return VNI
	}
	return Unicode
}

// maybeLegacy reports whether s holds a character of Latin-1's upper half,
// where every letter of both legacy encodings lies.
func maybeLegacy(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r >= 0xA0 && r <= 0xFF })
}

// score is what the words of a text say about one legacy encoding.
type score struct {
	unicode bool // the text holds letters that only Unicode has
	words   int  // words of two letters or more
	valid   int  // of them, Vietnamese syllables once decoded
	pro     int  // syllables only once decoded
	against int  // syllables only as they stand
	broken  int  // coded words that are syllables neither way
	strong  bool // a word for it holds a code that is no letter in Latin-1 ("V¨n")

	seen map[string]verdict // the words already weighed: text repeats its words
}

// verdict is what one word says about an encoding.
type verdict uint8

const (
	wordForeign   verdict = iota // no code, not a syllable
	wordPlain                    // no code, a syllable as it stands
	wordFor                      // a syllable only once decoded
	wordForStrong                // the same, with a code that is no letter
	wordEither                   // a syllable both ways
	wordAgainst                  // a syllable only as it stands
	wordBroken                   // a syllable neither way
)

// confident reports whether the words say, beyond reasonable doubt, that
// the text is in the encoding (see DetectEncoding).
func (c *score) confident() bool {
	switch {
	case c.pro == 0, c.against*10 > c.pro, c.broken*3 > c.pro, c.valid*2 < c.words:
		return false
	case c.pro >= 2:
		return true
	}
	return c.valid == c.words && (c.words >= 2 || c.strong)
}

// margin ranks two encodings that both fit: the one with more words for it
// and fewer that fail.
func (c *score) margin() int { return c.pro - c.broken - c.against }

// scoreText weighs every word of s as written in e.
func scoreText(s string, e Encoding) score {
	var c score
	if unicodeOnly(s) {
		c.unicode = true
		return c
	}
	c.text(s, e)
	return c
}

// unicodeOnly reports whether s holds a letter or mark that no legacy
// string read as Latin-1 or Windows-1252 holds.
func unicodeOnly(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return r > 0xFF && (unicode.IsLetter(r) || unicode.IsMark(r)) && !cp1252Letter(r)
	})
}

// text adds the words of s, written in e, to c.
func (c *score) text(s string, e Encoding) {
	start := -1
	for i, r := range s {
		switch in := wordRune(r, e); {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			c.word(s[start:i], e)
			start = -1
		}
	}
	if start >= 0 {
		c.word(s[start:], e)
	}
}

// wordRune reports whether r belongs to a word of text in e: a letter, or
// for TCVN3 any code of its chart.
func wordRune(r rune, e Encoding) bool {
	if e == TCVN3 {
		return tcvn3Letter(r)
	}
	return unicode.IsLetter(r)
}

// cp1252Letter reports whether r is a letter Windows-1252 has below 0xA0
// (Š, Œ, Ž, Ÿ, ƒ and their small forms): text read as Windows-1252 may hold
// them, so they are no sign of Unicode.
func cp1252Letter(r rune) bool {
	return strings.ContainsRune("ŠšŒœŽžŸƒ", r)
}

// word counts one word w of text in e.
func (c *score) word(w string, e Encoding) {
	if utf8.RuneCountInString(w) < 2 {
		return // "ë" (ở) or a stray sign: too little to go by
	}
	v, ok := c.seen[w]
	if !ok {
		v = weigh(w, e)
		if c.seen == nil {
			c.seen = map[string]verdict{}
		}
		c.seen[w] = v
	}
	c.words++
	switch v {
	case wordPlain, wordEither:
		c.valid++
	case wordFor, wordForStrong:
		c.valid++
		c.pro++
		c.strong = c.strong || v == wordForStrong
	case wordAgainst:
		c.against++
	case wordBroken:
		c.broken++
	}
}

// weigh judges one word w of text in e.
func weigh(w string, e Encoding) verdict {
	var decoded string
	if e == TCVN3 {
		decoded = fromTCVN3(w, false)
	} else {
		decoded = fromVNI(w)
	}
	asIs := casePattern(w) && syllable(w)
	nearly := asIs || casePattern(w) && nearSyllable(w)
	if decoded == w {
		if asIs {
			return wordPlain
		}
		return wordForeign
	}
	// TCVN3 codes carry no case; VNI codes do, so a VNI word must come out
	// in a case running text takes.
	dv := syllable(decoded) && (e == TCVN3 || casePattern(decoded))
	switch {
	case dv && !nearly && strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }):
		return wordForStrong
	case dv && !nearly:
		return wordFor
	case dv:
		return wordEither
	case asIs:
		return wordAgainst
	}
	return wordBroken
}
