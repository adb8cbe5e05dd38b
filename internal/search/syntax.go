package search

import (
	"sort"
	"strconv"
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
// words ANDed, a phrase's words joined by <-> (next to each other). A cast,
// unlike to_tsquery, applies no dictionary, so the folded words are looked up
// as they are.
func (q *Query) TSQuery() string {
	var parts []string
	for _, w := range q.looseWords() {
		parts = append(parts, tsQuote(w))
	}
	for _, p := range q.Phrases {
		words := make([]string, len(p))
		for i, w := range p {
			words[i] = tsQuote(q.Words[w].Folded)
		}
		parts = append(parts, "("+strings.Join(words, " <-> ")+")")
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
// each folded word with its positions. Fields are two positions apart, so a
// phrase never matches across the end of the title into the summary — as in
// FTS5, where they are separate columns.
func (d *Doc) TSVector() string {
	positions := map[string][]int{}
	pos := 0
	for fi := range d.Fields {
		f := &d.Fields[fi]
		for i := range f.Words() {
			pos++
			w := f.Word(i)
			positions[w] = append(positions[w], pos)
		}
		pos++
	}
	words := make([]string, 0, len(positions))
	for w := range positions {
		words = append(words, w)
	}
	sort.Strings(words)
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tsQuote(w))
		for j, p := range positions[w] {
			if j == 0 {
				b.WriteByte(':')
			} else {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p))
		}
	}
	return b.String()
}

// phraseText is phrase p's folded words joined by spaces.
func (q *Query) phraseText(p []int) string {
	words := make([]string, len(p))
	for i, w := range p {
		words[i] = q.Words[w].Folded
	}
	return strings.Join(words, " ")
}
