package diff

import (
	"unicode"
	"unicode/utf8"
)

// tokens is a text cut into words, single punctuation marks, runs of spaces
// and single newlines. Each token is a substring of s, so consecutive tokens
// are a substring too and ops are cut out of the text rather than rebuilt.
type tokens struct {
	s   string
	at  []int   // at[i] is where token i starts; the last entry is len(s)
	ids []int32 // equal tokens have equal ids, so comparing them is cheap
}

// class sorts runes into the kinds of token they form.
type class int

const (
	mark    class = iota // punctuation, symbols, invalid bytes: one rune per token
	word                 // letters, digits and combining marks: runs
	space                // white space other than newlines: runs
	newline              // '\n': one per token, so lines end on a token boundary
)

func classOf(r rune) class {
	switch {
	case r == '\n':
		return newline
	case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
		return word
	case unicode.IsSpace(r):
		return space
	}
	return mark
}

// tokenize cuts s into tokens; ids are filled in later by an interner shared
// by both texts.
func tokenize(s string) *tokens {
	t := &tokens{s: s, at: make([]int, 0, len(s)/3+2)}
	for i := 0; i < len(s); i += tokenLen(s[i:]) {
		t.at = append(t.at, i)
	}
	t.at = append(t.at, len(s))
	return t
}

// tokenLen returns the length in bytes of the token s starts with.
func tokenLen(s string) int {
	r, n := utf8.DecodeRuneInString(s)
	c := classOf(r)
	if c != word && c != space {
		return n
	}
	for n < len(s) {
		r, m := utf8.DecodeRuneInString(s[n:])
		if classOf(r) != c {
			break
		}
		n += m
	}
	return n
}

func (t *tokens) len() int { return len(t.at) - 1 }

// text returns tokens i to j (exclusive) as a string.
func (t *tokens) text(i, j int) string { return t.s[t.at[i]:t.at[j]] }

func (t *tokens) classOf(i int) class {
	r, _ := utf8.DecodeRuneInString(t.s[t.at[i]:])
	return classOf(r)
}

// count returns how many of tokens i to j (exclusive) are of class c.
func (t *tokens) count(c class, i, j int) int {
	n := 0
	for ; i < j; i++ {
		if t.classOf(i) == c {
			n++
		}
	}
	return n
}

// interner gives equal strings equal ids, for tokens and for lines.
type interner map[string]int32

func (in interner) id(s string) int32 {
	id, ok := in[s]
	if !ok {
		id = int32(len(in))
		in[s] = id
	}
	return id
}

// tokenIDs fills in t.ids.
func (in interner) tokenIDs(t *tokens) {
	t.ids = make([]int32, t.len())
	for i := range t.ids {
		t.ids[i] = in.id(t.text(i, i+1))
	}
}

// countWords returns the number of words in s.
func countWords(s string) int {
	n := 0
	for i := 0; i < len(s); {
		r, _ := utf8.DecodeRuneInString(s[i:])
		if classOf(r) == word {
			n++
		}
		i += tokenLen(s[i:])
	}
	return n
}
