package diff

// segment is a stretch of a diff: tokens a[a0:a1] kept as b[b0:b1], or, if
// not equal, replaced by them.
type segment struct {
	equal          bool
	a0, a1, b0, b1 int
	del, ins       int // words in a[a0:a1] and in b[b0:b1]
}

// size is how many words a change touches, on its larger side.
func (s segment) size() int { return max(s.del, s.ins) }

// segments groups an edit script into alternating equal and changed
// segments.
func segments(a, b *tokens, e edits) []segment {
	var segs []segment
	i, j := 0, 0
	for _, r := range e {
		di, dj := r.n, r.n
		switch r.kind {
		case Insert:
			di = 0
		case Delete:
			dj = 0
		}
		segs = appendSeg(segs, newSeg(a, b, r.kind == Equal, i, i+di, j, j+dj))
		i, j = i+di, j+dj
	}
	return segs
}

func newSeg(a, b *tokens, equal bool, a0, a1, b0, b1 int) segment {
	return segment{equal, a0, a1, b0, b1, a.count(word, a0, a1), b.count(word, b0, b1)}
}

// appendSeg appends s to segs, joining it to the last segment if both are
// equal or both are changes, so that segments keep alternating.
func appendSeg(segs []segment, s segment) []segment {
	if s.a0 == s.a1 && s.b0 == s.b1 {
		return segs
	}
	if n := len(segs); n > 0 && s.equal == segs[n-1].equal {
		segs[n-1] = join(segs[n-1], s)
		return segs
	}
	return append(segs, s)
}

// join returns the change spanning parts, which are consecutive.
func join(parts ...segment) segment {
	first, last := parts[0], parts[len(parts)-1]
	j := segment{equal: first.equal, a0: first.a0, a1: last.a1, b0: first.b0, b1: last.b1}
	for _, p := range parts {
		j.del += p.del
		j.ins += p.ins
	}
	return j
}

// tidy folds into the changes around them the equal segments a reader would
// not want to see split out: spaces and punctuation between two changes
// ("Hậu Giang" → "Cần Thơ" is one replacement, not two with a kept space),
// and a few kept words between longer changes, which are noise inside a
// rewritten sentence. A kept newline is never folded, so paragraphs stay
// apart.
func tidy(a *tokens, segs []segment) []segment {
	out := make([]segment, 0, len(segs))
	for i := 0; i < len(segs); i++ {
		s := segs[i]
		if s.equal && len(out) > 0 && i+1 < len(segs) && foldable(a, out[len(out)-1], s, segs[i+1]) {
			out[len(out)-1] = join(out[len(out)-1], s, segs[i+1])
			i++
			continue
		}
		out = append(out, s)
	}
	return out
}

// foldable reports whether the equal segment eq between the changes prev
// and next should become part of them.
func foldable(a *tokens, prev, eq, next segment) bool {
	if a.count(newline, eq.a0, eq.a1) > 0 {
		return false
	}
	return eq.del == 0 || eq.del < min(prev.size(), next.size())
}

// trim gives back to the equal text around each change the tokens its two
// sides start or end with in common, which folding may leave there: the
// space in "Sáng nay tỉnh " → "Chiều qua thành phố " is no change.
func trim(a, b *tokens, segs []segment) []segment {
	out := make([]segment, 0, len(segs))
	for _, s := range segs {
		if s.equal || s.a0 == s.a1 || s.b0 == s.b1 {
			out = appendSeg(out, s)
			continue
		}
		pre := commonPrefix(a.ids[s.a0:s.a1], b.ids[s.b0:s.b1])
		suf := commonSuffix(a.ids[s.a0+pre:s.a1], b.ids[s.b0+pre:s.b1])
		out = appendSeg(out, newSeg(a, b, true, s.a0, s.a0+pre, s.b0, s.b0+pre))
		out = appendSeg(out, newSeg(a, b, false, s.a0+pre, s.a1-suf, s.b0+pre, s.b1-suf))
		out = appendSeg(out, newSeg(a, b, true, s.a1-suf, s.a1, s.b1-suf, s.b1))
	}
	return out
}

// ops turns segments into Ops, a change becoming a Delete then an Insert.
func ops(a, b *tokens, segs []segment) []Op {
	out := make([]Op, 0, len(segs)+len(segs)/2)
	for _, s := range segs {
		if s.equal {
			out = append(out, Op{Equal, a.text(s.a0, s.a1)})
			continue
		}
		if s.a0 < s.a1 {
			out = append(out, Op{Delete, a.text(s.a0, s.a1)})
		}
		if s.b0 < s.b1 {
			out = append(out, Op{Insert, b.text(s.b0, s.b1)})
		}
	}
	return out
}
