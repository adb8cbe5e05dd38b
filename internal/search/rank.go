package search

import (
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// Score is how well an article matches a query. Articles are ordered by
// Exact, then Relevance, then the newest first.
type Score struct {
	// Exact counts the query's marked words found in the article with the
	// very marks typed: for "đường", "Đường" counts and "Dương" does not.
	Exact int
	// Relevance grows with how often the words and phrases occur, most in
	// the title, less in long texts.
	Relevance float64
}

// Better reports whether s ranks before t.
func (s Score) Better(t Score) bool {
	if s.Exact != t.Exact {
		return s.Exact > t.Exact
	}
	return s.Relevance > t.Relevance
}

// Per field: its weight, and the length in words relevance is measured
// against (a title of 12 words, a body of 600).
var (
	fieldWeight = [NumFields]float64{3, 1.5, 1, 1}
	fieldLength = [NumFields]float64{12, 35, 3, 600}
)

// foldedOnlyWeight is what an occurrence matching only when folded counts
// for, against 1 for one with the marks typed.
const foldedOnlyWeight = 0.3

// saturation is BM25's: the tenth occurrence adds less than the first, and
// an occurrence in a long text less than one in a short text.
func saturation(tf, words, avg float64) float64 {
	const k1, b = 1.2, 0.75
	return tf / (tf + k1*(1-b+b*words/avg))
}

// term is one distinct folded word of a query, with the marked forms typed.
type term struct {
	folded string
	marked []int // indexes of q.Words typed with marks that fold to it
}

// Scorer ranks articles against one query, reusing its memory from one
// article to the next. It is not safe for concurrent use.
type Scorer struct {
	q       *Query
	terms   []term
	phrases [][]int32 // of term indexes
	words   words

	// Per article: which words were found with their marks (per q.Words),
	// which terms and phrases were found at all.
	found, present, phraseSeen []bool
	// Per field: occurrences of each term, those with the marks typed, and
	// the positions of the words that are terms, for phrases.
	counts, exact []int
	hits          []hit
	// text holds the body's text for ScoreHTML, reused.
	text []byte
}

type hit struct{ pos, term int32 }

// NewScorer returns a Scorer for q.
func (q *Query) NewScorer() *Scorer {
	s := &Scorer{q: q, found: make([]bool, len(q.Words))}
	at := map[string]int{}
	for i, w := range q.Words {
		n, ok := at[w.Folded]
		if !ok {
			n = len(s.terms)
			at[w.Folded] = n
			s.terms = append(s.terms, term{folded: w.Folded})
		}
		if w.Marked() {
			s.terms[n].marked = append(s.terms[n].marked, i)
		}
	}
	for _, p := range q.Phrases {
		terms := make([]int32, len(p))
		for i, w := range p {
			terms[i] = int32(at[q.Words[w].Folded])
		}
		s.phrases = append(s.phrases, terms)
	}
	s.present, s.phraseSeen = make([]bool, len(s.terms)), make([]bool, len(s.phrases))
	s.counts, s.exact = make([]int, len(s.terms)), make([]int, len(s.terms))
	return s
}

// Score scores an article (its body as plain text, see Text); ok is false
// when it lacks a word or a phrase of the query. It reads the words
// NewDoc would index, no more.
func (s *Scorer) Score(title, summary, author, body string) (score Score, ok bool) {
	clear(s.found)
	clear(s.present)
	clear(s.phraseSeen)
	left := MaxDocWords
	for fi, text := range [NumFields]string{title, summary, author, body} {
		n := s.scanField(text, left)
		left -= n
		for ti, t := range s.terms {
			if s.counts[ti] == 0 {
				continue
			}
			s.present[ti] = true
			tf := float64(s.counts[ti])
			if len(t.marked) > 0 {
				tf = float64(s.exact[ti]) + foldedOnlyWeight*float64(s.counts[ti]-s.exact[ti])
			}
			score.Relevance += fieldWeight[fi] * saturation(tf, float64(n), fieldLength[fi])
		}
		for pi, p := range s.phrases {
			if c := s.phraseCount(p); c > 0 {
				s.phraseSeen[pi] = true
				score.Relevance += fieldWeight[fi] * saturation(float64(c), float64(n), fieldLength[fi])
			}
		}
	}
	for _, seen := range [][]bool{s.present, s.phraseSeen} {
		for _, ok := range seen {
			if !ok {
				return Score{}, false
			}
		}
	}
	for _, found := range s.found {
		if found {
			score.Exact++
		}
	}
	return score, true
}

// ScoreHTML is Score with the body as sanitized HTML: its text (see Text)
// is made in a buffer the Scorer reuses, not in a new string per article.
func (s *Scorer) ScoreHTML(title, summary, author, body string) (score Score, ok bool) {
	if !strings.ContainsAny(body, "<&") {
		return s.Score(title, summary, author, body)
	}
	s.text = appendText(s.text[:0], body)
	// The string lives only while Score runs, and Score keeps none of it.
	return s.Score(title, summary, author, unsafe.String(unsafe.SliceData(s.text), len(s.text)))
}

// scanField counts the terms in text's first limit words, and returns how
// many words it read.
func (s *Scorer) scanField(text string, limit int) int {
	clear(s.counts)
	clear(s.exact)
	s.hits = s.hits[:0]
	pos := int32(0)
	s.words.scan(text, limit, func(start, end int, folded []byte) {
		for ti := range s.terms {
			t := &s.terms[ti]
			if string(folded) != t.folded {
				continue
			}
			s.counts[ti]++
			if s.exactHit(t, text[start:end]) {
				s.exact[ti]++
			}
			if len(s.phrases) > 0 {
				s.hits = append(s.hits, hit{pos, int32(ti)})
			}
			break
		}
		pos++
	})
	return int(pos)
}

// exactHit reports whether orig, an occurrence of t, has the marks of one of
// the marked words t stands for, noting which in s.found.
func (s *Scorer) exactHit(t *term, orig string) bool {
	hit := false
	for _, w := range t.marked {
		if sameWord(orig, s.q.Words[w].Exact) {
			s.found[w], hit = true, true
		}
	}
	return hit
}

// phraseCount counts the occurrences of phrase p among the field's hits.
// Each position holds one word, so a phrase's words are adjacent hits.
func (s *Scorer) phraseCount(p []int32) int {
	c := 0
	for k, h := range s.hits {
		if h.term != p[0] || k+len(p) > len(s.hits) {
			continue
		}
		match := true
		for j := 1; j < len(p); j++ {
			if next := s.hits[k+j]; next.pos != h.pos+int32(j) || next.term != p[j] {
				match = false
				break
			}
		}
		if match {
			c++
		}
	}
	return c
}

// sameWord reports whether the original word orig is exact (lower case, NFC)
// in any case and either normal form.
func sameWord(orig, exact string) bool {
	if strings.EqualFold(orig, exact) {
		return true
	}
	return !isASCII(orig) && !norm.NFC.IsNormalString(orig) && strings.EqualFold(norm.NFC.String(orig), exact)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
