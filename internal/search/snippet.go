package search

import (
	"strings"
	"unicode"
)

// Marked is a text and the byte ranges [start, end) of the words in it to
// highlight, in order and apart.
type Marked struct {
	Text  string
	Marks [][2]int
}

// ellipsis marks where a snippet cuts its text.
const ellipsis = "…"

// Highlight marks the words of text that are words of q, compared folded:
// "Đường" and "Dương" are both marked for "duong".
func (q *Query) Highlight(text string) Marked {
	f := NewField(text, len(text))
	m := Marked{Text: text}
	set := q.foldedSet()
	for i := range f.Words() {
		if set[f.Word(i)] {
			m.mark(int(f.spans[i].start), int(f.spans[i].end))
		}
	}
	return m
}

// Snippet returns about n words of text where q's words occur most densely,
// with "…" where it cuts text and those words marked. ok is false when no
// word of q occurs in text; the snippet is then text's beginning.
func (q *Query) Snippet(text string, n int) (m Marked, ok bool) {
	f := NewField(text, len(text))
	set := q.foldedSet()
	var hits []int
	for i := range f.Words() {
		if set[f.Word(i)] {
			hits = append(hits, i)
		}
	}
	if f.Words() == 0 {
		return Marked{Text: strings.TrimSpace(text)}, false
	}
	start, end := f.window(hits, n)
	from, to := int(f.spans[start].start), int(f.spans[end-1].end)
	if start == 0 {
		from = 0
	}
	if end == f.Words() {
		to = len(text)
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString(ellipsis + " ")
	}
	body := strings.TrimSpace(text[from:to])
	from += strings.Index(text[from:to], body)
	shift := b.Len() - from
	b.WriteString(body)
	if end < f.Words() {
		b.WriteString(" " + ellipsis)
	}
	m.Text = b.String()
	for _, h := range hits {
		if start <= h && h < end {
			m.mark(int(f.spans[h].start)+shift, int(f.spans[h].end)+shift)
		}
	}
	return m, len(hits) > 0
}

// window picks the n words to show: those holding the most distinct words of
// the query, then the most matches, the earliest of equals. A window starts
// two words before a match, for context.
func (f *Field) window(hits []int, n int) (start, end int) {
	n = max(n, 1)
	best, bestDistinct, bestCount := 0, -1, -1
	first := 0 // the first hit at or after the window's start
	for _, h := range hits {
		s := max(h-2, 0)
		e := min(s+n, f.Words())
		for hits[first] < s {
			first++
		}
		seen := map[string]bool{}
		count := 0
		for _, g := range hits[first:] {
			if g >= e {
				break
			}
			seen[f.Word(g)] = true
			count++
		}
		if len(seen) > bestDistinct || len(seen) == bestDistinct && count > bestCount {
			best, bestDistinct, bestCount = s, len(seen), count
		}
	}
	return best, min(best+n, f.Words())
}

// mark adds the range [start, end), joined to the previous one when only
// white space parts them, so "Đảng bộ" is one highlight.
func (m *Marked) mark(start, end int) {
	if k := len(m.Marks); k > 0 {
		last := &m.Marks[k-1]
		if strings.TrimFunc(m.Text[last[1]:start], unicode.IsSpace) == "" {
			last[1] = end
			return
		}
	}
	m.Marks = append(m.Marks, [2]int{start, end})
}

func (q *Query) foldedSet() map[string]bool {
	set := make(map[string]bool, len(q.Words))
	for _, w := range q.Words {
		set[w.Folded] = true
	}
	return set
}
