package search

import (
	"sort"
	"strings"
)

// The engines never parse what a reader typed: the expressions below are
// built from folded words, each quoted, so no character of a query can be
// an operator.

// FTS5 returns q as an SQLite FTS5 MATCH expression: every word not in a
// phrase, and every phrase, quoted; FTS5 requires them all.
func (q *Query) FTS5() string {
	var parts []string
	for _, w := range q.looseWords() {
		parts = append(parts, ftsQuote(w))
	}
	for _, p := range q.Phrases {
		parts = append(parts, ftsQuote(q.phraseText(p)))
	}
	return strings.Join(parts, " ")
}

func ftsQuote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// TSQuery returns q as a PostgreSQL tsquery literal, for `$1::tsquery`: the
// words ANDed, and for a phrase each pair of its words next to each other,
// as TSVector indexes them. A cast, unlike to_tsquery, applies no
// dictionary, so the folded words are looked up as they are. The index
// answers it exactly, with no position to check: a phrase of two words is
// found exactly, a longer one in every article that holds it (and rarely
// one that holds its pairs apart, which ranking leaves out).
func (q *Query) TSQuery() string {
	var parts []string
	for _, w := range q.looseWords() {
		parts = append(parts, tsQuote(w))
	}
	for _, p := range q.Phrases {
		if len(p) == 1 {
			parts = append(parts, tsQuote(q.Words[p[0]].Folded))
		}
		for i := 1; i < len(p); i++ {
			parts = append(parts, tsQuote(q.Words[p[i-1]].Folded+" "+q.Words[p[i]].Folded))
		}
	}
	return strings.Join(parts, " & ")
}

// looseWords returns the distinct folded words of q that no phrase holds.
func (q *Query) looseWords() []string {
	inPhrase := map[int]bool{}
	for _, p := range q.Phrases {
		for _, w := range p {
			inPhrase[w] = true
		}
	}
	seen := map[string]bool{}
	var out []string
	for i, w := range q.Words {
		if !inPhrase[i] && !seen[w.Folded] {
			seen[w.Folded] = true
			out = append(out, w.Folded)
		}
	}
	return out
}

// tsQuote quotes a lexeme for a tsvector or tsquery literal.
func tsQuote(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// TSVector returns d as a PostgreSQL tsvector literal, for `$1::tsvector`:
// its distinct folded words and, for phrases, each pair of words next to
// each other within a field as one lexeme ("hau giang"), without positions.
// A GIN index then answers words and phrases alike without reading a
// single document: checking positions would mean reading every article
// that holds a phrase's words, hundreds of thousands for common ones.
func (d *Doc) TSVector() string {
	lexemes := map[string]bool{}
	for fi := range d.Fields {
		f := &d.Fields[fi]
		prev := ""
		for i := range f.Words() {
			w := f.Word(i)
			lexemes[w] = true
			if prev != "" {
				lexemes[prev+" "+w] = true
			}
			prev = w
		}
	}
	sorted := make([]string, 0, len(lexemes))
	for w := range lexemes {
		sorted = append(sorted, w)
	}
	sort.Strings(sorted)
	for i, w := range sorted {
		sorted[i] = tsQuote(w)
	}
	return strings.Join(sorted, " ")
}

// phraseText is phrase p's folded words joined by spaces.
func (q *Query) phraseText(p []int) string {
	words := make([]string, len(p))
	for i, w := range p {
		words[i] = q.Words[w].Folded
	}
	return strings.Join(words, " ")
}
