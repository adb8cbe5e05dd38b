package diff

// slide moves each pure insertion or deletion to where it reads best.
// Myers' algorithm picks one of several equally short scripts, and it often
// places an added paragraph as "mới\nđoạn " inside two paragraphs instead of
// "đoạn mới\n" between them. Sliding an insertion along tokens that repeat
// on both of its ends changes neither text, only where the edit is drawn.
func slide(a, b *tokens, segs []segment) []segment {
	for i := range segs {
		s := segs[i]
		if s.equal || (s.a0 < s.a1 && s.b0 < s.b1) {
			continue
		}
		t, lo, hi := b, s.b0, s.b1
		if s.b0 == s.b1 {
			t, lo, hi = a, s.a0, s.a1
		}
		left, right := room(segs, i)
		if d := bestShift(t, lo, hi, left, right); d != 0 {
			shift(a, b, segs, i, d)
		}
	}
	return dropEmpty(segs)
}

// room returns how far the change segs[i] may slide left and right: into
// its equal neighbours, leaving at least one token in each so that two
// changes never meet, unless the neighbour is at the start or end of the
// text.
func room(segs []segment, i int) (left, right int) {
	if i > 0 {
		p := segs[i-1]
		left = p.a1 - p.a0
		if i-1 > 0 {
			left--
		}
	}
	if i+1 < len(segs) {
		n := segs[i+1]
		right = n.a1 - n.a0
		if i+2 < len(segs) {
			right--
		}
	}
	return left, right
}

// bestShift returns the shift, within -left..right, of the edit t[lo:hi]
// whose boundaries score best, the leftmost on a tie.
func bestShift(t *tokens, lo, hi, left, right int) int {
	d := 0
	for d > -left && t.ids[lo+d-1] == t.ids[hi+d-1] {
		d--
	}
	best, bestScore := d, -1
	for ; d <= right; d++ {
		if sc := t.boundary(lo+d) + t.boundary(hi+d); sc > bestScore {
			best, bestScore = d, sc
		}
		if d == right || t.ids[lo+d] != t.ids[hi+d] {
			break
		}
	}
	return best
}

// boundary scores position p of t as a place for an edit to start or end:
// best at the ends of the text or of a line, then at the start of a word.
func (t *tokens) boundary(p int) int {
	switch {
	case p == 0 || p == t.len():
		return 4
	case t.classOf(p-1) == newline:
		return 3
	case t.classOf(p) == newline:
		return 2
	case t.classOf(p-1) == space:
		return 1
	}
	return 0
}

// shift moves the change segs[i] by d tokens, resizing its equal
// neighbours, and recounts their words.
func shift(a, b *tokens, segs []segment, i, d int) {
	c := &segs[i]
	c.a0, c.a1, c.b0, c.b1 = c.a0+d, c.a1+d, c.b0+d, c.b1+d
	if i > 0 {
		p := &segs[i-1]
		p.a1, p.b1 = p.a1+d, p.b1+d
		p.del = a.count(word, p.a0, p.a1)
		p.ins = p.del
	}
	if i+1 < len(segs) {
		n := &segs[i+1]
		n.a0, n.b0 = n.a0+d, n.b0+d
		n.del = a.count(word, n.a0, n.a1)
		n.ins = n.del
	}
}

// dropEmpty removes the equal segments that sliding emptied, which are only
// ever at the ends.
func dropEmpty(segs []segment) []segment {
	out := segs[:0]
	for _, s := range segs {
		if !s.equal || s.a0 < s.a1 {
			out = append(out, s)
		}
	}
	return out
}
