package diff

// byLine is the fallback when the texts are too different for a word-level
// diff within the limit: it diffs the lines (paragraphs, from Blocks) and
// then the words inside each group of changed lines, which are short. Groups
// it cannot afford, and the whole middle if even the lines are too many,
// are reported as deleted and inserted whole.
func byLine(a, b *tokens, lim limits) edits {
	pre := commonPrefix(a.ids, b.ids)
	suf := commonSuffix(a.ids[pre:], b.ids[pre:])
	la, lb := a.lines(pre, a.len()-suf), b.lines(pre, b.len()-suf)
	in := interner{}
	le, ok := myers(lineIDs(in, a, la), lineIDs(in, b, lb), &budget{lim.lines})
	e := edits{}.add(Equal, pre)
	// With no line in common, the word diff of the only group of changed
	// lines is the one that just gave up, on a larger budget.
	if ok && le.has(Equal) {
		e = refine(e, a, b, la, lb, le, &budget{lim.hunks})
	} else {
		e = e.add(Delete, a.len()-pre-suf).add(Insert, b.len()-pre-suf)
	}
	return e.add(Equal, suf)
}

func (e edits) has(k Kind) bool {
	for _, r := range e {
		if r.kind == k {
			return true
		}
	}
	return false
}

// lines returns the token index where each line of tokens i to j starts,
// followed by j. A line ends after a newline token.
func (t *tokens) lines(i, j int) []int {
	starts := []int{i}
	for ; i < j; i++ {
		if t.classOf(i) == newline && i+1 < j {
			starts = append(starts, i+1)
		}
	}
	if j > starts[0] {
		starts = append(starts, j)
	}
	return starts
}

// lineIDs returns an id for each line, equal lines having equal ids.
func lineIDs(in interner, t *tokens, starts []int) []int32 {
	ids := make([]int32, len(starts)-1)
	for i := range ids {
		ids[i] = in.id(t.text(starts[i], starts[i+1]))
	}
	return ids
}

// refine appends to e the token edits for the line edits le, diffing the
// words of each group of changed lines while b lasts.
func refine(e edits, a, b *tokens, la, lb []int, le edits, bud *budget) edits {
	i, j := 0, 0   // next line of a and of b
	ci, cj := 0, 0 // first line of the pending group of changed lines
	for _, r := range le {
		switch r.kind {
		case Delete:
			i += r.n
		case Insert:
			j += r.n
		case Equal:
			e = hunk(e, a.ids[la[ci]:la[i]], b.ids[lb[cj]:lb[j]], bud)
			e = e.add(Equal, la[i+r.n]-la[i])
			i, j = i+r.n, j+r.n
			ci, cj = i, j
		}
	}
	return hunk(e, a.ids[la[ci]:la[i]], b.ids[lb[cj]:lb[j]], bud)
}

// hunk appends to e the edits turning x into y: word by word if bud allows,
// else all of x deleted and all of y inserted.
func hunk(e edits, x, y []int32, bud *budget) edits {
	if len(x) == 0 || len(y) == 0 {
		return e.add(Delete, len(x)).add(Insert, len(y))
	}
	if bud.left > 0 {
		if h, ok := script(x, y, bud); ok {
			for _, r := range h {
				e = e.add(r.kind, r.n)
			}
			return e
		}
	}
	return e.add(Delete, len(x)).add(Insert, len(y))
}
