package search

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"cong/internal/viet"
)

// Limits on what one word and one article put in the index. Both engines
// are given exactly these words, so they find the same articles.
const (
	// MaxWordBytes drops longer "words" (hashes, base64 in bodies): no reader
	// types them, and PostgreSQL refuses lexemes over 2 KB.
	MaxWordBytes = 60
	// MaxDocWords bounds the words indexed per article, title first: it keeps
	// positions under PostgreSQL's limit of 16 383, so phrases match alike on
	// both engines.
	MaxDocWords = 16000
)

// span is a range of bytes.
type span struct{ start, end int32 }

// Field is one text cut into words, each word folded (viet.Fold) and kept
// with where it stands in the original.
type Field struct {
	// Text is the original, as readers see it.
	Text string
	// Folded holds the folded words joined by single spaces: what the index
	// stores, and what queries are matched against.
	Folded string
	starts []int32 // where each word starts in Folded
	spans  []span  // where each word stands in Text
}

// NewField cuts text into at most maxWords words. A word is a run of letters
// and digits, with the combining marks of NFD text inside it.
func NewField(text string, maxWords int) Field {
	var f Field
	f.reset(text, maxWords, nil)
	return f
}

// Words is the number of words of f.
func (f *Field) Words() int { return len(f.starts) }

// Word returns the folded form of word i.
func (f *Field) Word(i int) string {
	end := len(f.Folded)
	if i+1 < len(f.starts) {
		end = int(f.starts[i+1]) - 1
	}
	return f.Folded[f.starts[i]:end]
}

// Original returns word i as written in Text.
func (f *Field) Original(i int) string {
	return f.Text[f.spans[i].start:f.spans[i].end]
}

// reset cuts text into f, reusing f's slices and buf for the folded bytes.
func (f *Field) reset(text string, maxWords int, buf []byte) []byte {
	f.Text = text
	f.starts, f.spans = f.starts[:0], f.spans[:0]
	buf = buf[:0]
	var w words
	w.scan(text, maxWords, func(start, end int, folded []byte) {
		if len(buf) > 0 {
			buf = append(buf, ' ')
		}
		f.starts = append(f.starts, int32(len(buf)))
		f.spans = append(f.spans, span{int32(start), int32(end)})
		buf = append(buf, folded...)
	})
	f.Folded = string(buf)
	return buf
}

// words cuts texts into words; its buffer is reused from one text to the
// next. The index, the ranking and the highlights all cut text with it, so
// they agree on every word.
type words struct {
	folded []byte
}

// scan calls fn with each word of text, at most limit of them: where it stands
// in text and its folded form, valid only during the call. A word is a run
// of letters and digits, with the combining marks of NFD text inside it;
// folded words longer than MaxWordBytes are skipped.
func (w *words) scan(text string, limit int, fn func(start, end int, folded []byte)) {
	n, start, in := 0, 0, false
	w.folded = w.folded[:0]
	emit := func(end int) bool {
		in = false
		if len(w.folded) == 0 || len(w.folded) > MaxWordBytes {
			return true
		}
		fn(start, end, w.folded)
		n++
		return n < limit
	}
	if limit <= 0 {
		return
	}
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if k := kinds[c]; k != separator {
				if !in {
					in, start, w.folded = true, i, w.folded[:0]
				}
				w.folded = append(w.folded, k)
			} else if in && !emit(i) {
				return
			}
			i++
			continue
		}
		r, size := decodeRune(text, i)
		k := kindOf(r)
		switch {
		case k >= '0':
			if !in {
				in, start, w.folded = true, i, w.folded[:0]
			}
			w.folded = append(w.folded, k)
		case k == otherLetter:
			if !in {
				in, start, w.folded = true, i, w.folded[:0]
			}
			w.folded = append(w.folded, viet.Fold(string(r))...)
		case k == mark:
			// Inside a word: part of it, and folding drops it. Elsewhere:
			// nothing.
		default:
			if in && !emit(i) {
				return
			}
		}
		i += size
	}
	if in {
		emit(len(text))
	}
}

// decodeRune is utf8.DecodeRuneInString(text[i:]) for text[i] beyond ASCII,
// with the two- and three-byte forms Vietnamese letters take decoded inline.
func decodeRune(text string, i int) (rune, int) {
	switch c := text[i]; {
	case c >= 0xC2 && c < 0xE0 && i+1 < len(text) && text[i+1]&0xC0 == 0x80:
		return rune(c&0x1F)<<6 | rune(text[i+1]&0x3F), 2
	case c >= 0xE1 && c < 0xED && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80:
		return rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(text[i:])
}

// What a rune is to a word: below '0', one of these; from '0', a letter or
// digit whose folded form is that ASCII byte.
const (
	separator   = 0
	mark        = 1 // a combining mark: part of the word it follows
	otherLetter = 2 // a letter or digit folding to something else
)

// kinds caches kindOf for the runes Vietnamese text is made of.
var kinds = func() *[0x2000]byte {
	var t [0x2000]byte
	for r := range rune(len(t)) {
		t[r] = kindSlow(r)
	}
	return &t
}()

func kindOf(r rune) byte {
	if r < rune(len(kinds)) {
		return kinds[r]
	}
	return kindSlow(r)
}

func kindSlow(r rune) byte {
	switch {
	case unicode.IsLetter(r) || unicode.IsNumber(r):
		if f := viet.Fold(string(r)); len(f) == 1 && ('a' <= f[0] && f[0] <= 'z' || '0' <= f[0] && f[0] <= '9') {
			return f[0]
		}
		return otherLetter
	case unicode.Is(unicode.Mn, r):
		return mark
	}
	return separator
}

// The fields of an article, in the order the index holds them.
const (
	FieldTitle = iota
	FieldSummary
	FieldAuthor
	FieldBody
	NumFields
)

// Doc is an article cut into words for the index and for ranking.
type Doc struct {
	Fields [NumFields]Field
}

// NewDoc cuts an article's texts; body is plain text (see Text). Together
// they hold at most MaxDocWords words, the title's first.
func NewDoc(title, summary, author, body string) *Doc {
	d := new(Doc)
	d.reset([NumFields]string{title, summary, author, body}, nil)
	return d
}

func (d *Doc) reset(texts [NumFields]string, buf []byte) []byte {
	left := MaxDocWords
	for i, t := range texts {
		buf = d.Fields[i].reset(t, left, buf)
		left -= d.Fields[i].Words()
	}
	return buf
}

// Text returns the text of sanitized HTML: tags become spaces (inline ones
// nothing, so "Đ<b>ảng</b>" stays one word) and entities are decoded.
func Text(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	return string(appendText(make([]byte, 0, len(s)), s))
}

// appendText appends the text of s, as Text returns it, to dst.
func appendText(dst []byte, s string) []byte {
	start := len(dst)
	for len(s) > 0 {
		i := indexMarkup(s)
		if i < 0 {
			dst = append(dst, s...)
			break
		}
		dst = append(dst, s[:i]...)
		s = s[i:]
		if s[0] == '&' {
			dst, s = appendEntity(dst, s)
			continue
		}
		end := strings.IndexByte(s, '>')
		if end < 0 {
			break // an unclosed tag: the rest is not text
		}
		name := tagName(s[:end+1])
		if rawText[name] {
			s = skipRaw(s[end+1:], name)
		} else {
			s = s[end+1:]
		}
		if !inline[name] {
			dst = append(dst, ' ')
		}
	}
	return trimSpaceFrom(dst, start)
}

// trimSpaceFrom trims the white space strings.TrimSpace would from the end
// of b and from the start of b[start:].
func trimSpaceFrom(b []byte, start int) []byte {
	t := bytes.TrimSpace(b[start:])
	n := copy(b[start:], t)
	return b[:start+n]
}

// indexMarkup is strings.IndexAny(s, "<&"), faster: Text calls it once per
// tag of every body it ranks.
func indexMarkup(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '<' || c == '&' {
			return i
		}
	}
	return -1
}

// tagName is the lower-case name of the tag "<name ...>" or "</name>".
func tagName(tag string) string {
	tag = strings.TrimPrefix(tag[1:], "/")
	end := strings.IndexAny(tag, " \t\n\r/>")
	if end < 0 {
		end = len(tag)
	}
	return strings.ToLower(tag[:end])
}

// inline elements do not separate words.
var inline = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true, "data": true,
	"dfn": true, "em": true, "i": true, "kbd": true, "mark": true, "q": true, "s": true, "samp": true,
	"small": true, "span": true, "strong": true, "sub": true, "sup": true, "time": true, "u": true, "var": true,
}

// rawText elements hold no text for readers.
var rawText = map[string]bool{"script": true, "style": true, "template": true}

func skipRaw(s, name string) string {
	if i := strings.Index(strings.ToLower(s), "</"+name); i >= 0 {
		if j := strings.IndexByte(s[i:], '>'); j >= 0 {
			return s[i+j+1:]
		}
	}
	return ""
}

// appendEntity decodes the character reference at the start of s, or
// appends the ampersand as it is, and returns the rest of s.
func appendEntity(dst []byte, s string) ([]byte, string) {
	end := strings.IndexByte(s, ';')
	if end > 1 && end <= 32 {
		if u := html.UnescapeString(s[:end+1]); u != s[:end+1] {
			return append(dst, u...), s[end+1:]
		}
	}
	return append(dst, '&'), s[1:]
}
