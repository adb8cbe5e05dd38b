// Package search reads what readers type into the search box and matches it
// against articles, the same way on every database engine.
//
// Text is cut into words and each word folded with viet.Fold (tone marks
// off, đ → d, lower case), so "dang bo" finds "Đảng bộ" whatever marks, case
// or Unicode form either side uses. The engines only store and look up these
// folded words (Doc.Fields[i].Folded, FTS5 and TSVector); which of the
// articles they find come first is decided here (Rank), so both engines give
// the same results in the same order. Snippets and highlights are built here
// too, from the original text.
package search

import (
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Limits on a query.
const (
	// MaxQueryLen is the longest query accepted, in characters.
	MaxQueryLen = 200
	// MaxQueryWords bounds the words a query looks for; the rest are ignored.
	MaxQueryWords = 32
)

// Errors of Parse.
var (
	ErrEmpty   = errors.New("search: the query has no words")
	ErrTooLong = errors.New("search: the query is too long")
)

// Word is one word of a query.
type Word struct {
	Folded string // as the index holds it: "duong"
	Exact  string // as typed, in lower case NFC: "đường"
}

// Marked reports whether the reader typed the word with tone marks or đ:
// only then do articles with exactly those marks come first.
func (w Word) Marked() bool { return w.Exact != w.Folded }

// Query is a parsed query: every word must be found, and each phrase's words
// next to each other in one field.
type Query struct {
	Words []Word // distinct by their exact form, in the order typed
	// Phrases are the quoted runs of two or more words, as indexes into Words.
	Phrases [][]int
}

// Parse reads a query: words, and phrases between double quotes (straight or
// curly; an unclosed quote runs to the end). Punctuation and the syntax of
// the engines (* ^ : AND OR NEAR & | ! <-> ...) are only separators or
// words, never operators.
func Parse(s string) (*Query, error) {
	if utf8.RuneCountInString(s) > MaxQueryLen {
		return nil, ErrTooLong
	}
	s = norm.NFC.String(s)
	q := new(Query)
	index := map[string]int{}
	for i, part := range splitQuotes(s) {
		f := NewField(part, MaxQueryLen)
		var phrase []int
		for w := range f.Words() {
			word := Word{Folded: f.Word(w), Exact: strings.ToLower(f.Original(w))}
			if foldedOnly(word) {
				word.Exact = word.Folded // odd case mapping: compare folded
			}
			n, ok := index[word.Exact]
			if !ok {
				if len(q.Words) == MaxQueryWords {
					break
				}
				n = len(q.Words)
				index[word.Exact] = n
				q.Words = append(q.Words, word)
			}
			phrase = append(phrase, n)
		}
		if i%2 == 1 && len(phrase) > 1 {
			q.Phrases = append(q.Phrases, phrase)
		}
	}
	if len(q.Words) == 0 {
		return nil, ErrEmpty
	}
	return q, nil
}

// foldedOnly reports whether w's exact form cannot be compared: it is not
// NFC after lower-casing (rare scripts), so only its folded form counts.
func foldedOnly(w Word) bool {
	return !norm.NFC.IsNormalString(w.Exact)
}

// splitQuotes splits s at double quotes: the odd parts were quoted.
func splitQuotes(s string) []string {
	var parts []string
	start := 0
	for i, r := range s {
		if isQuote(r) {
			parts = append(parts, s[start:i])
			start = i + utf8.RuneLen(r)
		}
	}
	return append(parts, s[start:])
}

func isQuote(r rune) bool {
	switch r {
	case '"', '\u201C', '\u201D', '\u201E', '\u00AB', '\u00BB', '\uFF02':
		return true
	}
	return false
}
