package diff

import (
	"golang.org/x/text/unicode/norm"
)

// Op is one piece of a diff.
type Op struct {
	Kind Kind   // Equal, Insert or Delete
	Text string // the words, with the whitespace between them, as plain text
}

// Kind says which of the two texts an Op's text is in.
type Kind int

// The kinds of Op.
const (
	Equal  Kind = iota // in both texts
	Insert             // only in the new text
	Delete             // only in the old text
)

// String returns the name of the kind, as in "Insert".
func (k Kind) String() string {
	switch k {
	case Equal:
		return "Equal"
	case Insert:
		return "Insert"
	case Delete:
		return "Delete"
	}
	return "Kind(?)"
}

// limits bounds the work of Words, in budget units (see budget).
type limits struct {
	words int // the word-level diff of the whole texts
	lines int // the line-level diff, when the first one gave up
	hunks int // the word-level diffs inside changed lines, all together
}

// defaultLimits let two unrelated 50 000-word texts be compared in tens of
// milliseconds, and leave room for 1% of such a text to be revised and
// still diffed word by word; two revisions of an article never come near.
var defaultLimits = limits{words: 1 << 20, lines: 1 << 19, hunks: 1 << 20}

// Words diffs two plain texts word by word and returns the ops that turn a
// into b: Equal ops hold text in both, Delete ops text only in a, Insert ops
// text only in b. Joining the Equal and Delete texts gives a, joining the
// Equal and Insert texts gives b, both in Unicode NFC: the texts are
// normalised first, because the same Vietnamese letter typed on two machines
// may arrive composed or decomposed, and that is no change to a reader.
//
// Words are runs of letters and digits; each punctuation mark, run of spaces
// and newline is a token of its own, so "Hậu Giang," against "Hậu Giang."
// differs only in the comma. A change is reported as a Delete followed by an
// Insert. Spaces and punctuation kept between two changes, and kept runs of
// fewer words than the changes on either side, are folded into the changes
// so that a rewritten phrase reads as one replacement rather than a
// patchwork; kept newlines never are. Adjacent ops always differ in kind,
// and identical texts give one Equal op (none if both are empty).
//
// The diff is a shortest edit script found by Myers' O(ND) algorithm after
// trimming the common prefix and suffix. Its work is bounded: past the limit
// Words diffs by line instead, comparing words only within changed lines,
// and past that it reports the differing middle as deleted and inserted
// whole. Texts of 50 000 words take tens of milliseconds either way.
func Words(a, b string) []Op {
	return words(a, b, defaultLimits)
}

// words is Words within lim, which tests make small to reach the fallbacks.
func words(a, b string, lim limits) []Op {
	a, b = norm.NFC.String(a), norm.NFC.String(b)
	if a == b {
		if a == "" {
			return nil
		}
		return []Op{{Equal, a}}
	}
	ta, tb := tokenize(a), tokenize(b)
	in := interner{}
	in.tokenIDs(ta)
	in.tokenIDs(tb)
	e, ok := script(ta.ids, tb.ids, &budget{lim.words})
	if !ok {
		e = byLine(ta, tb, lim)
	}
	segs := slide(ta, tb, segments(ta, tb, e))
	return ops(ta, tb, trim(ta, tb, tidy(ta, segs)))
}

// Stats counts the words inserted and deleted by ops. Spaces and punctuation
// are not words, so a corrected comma counts as no word at all.
func Stats(ops []Op) (inserted, deleted int) {
	for _, op := range ops {
		switch op.Kind {
		case Insert:
			inserted += countWords(op.Text)
		case Delete:
			deleted += countWords(op.Text)
		}
	}
	return inserted, deleted
}
