package diff

// run is n consecutive steps of one kind in an edit script: n tokens (or
// lines) kept, deleted from a or inserted from b.
type run struct {
	kind Kind
	n    int
}

// edits is an edit script as runs; adjacent runs differ in kind.
type edits []run

// add appends n steps of kind k, extending the last run when it is of the
// same kind.
func (e edits) add(k Kind, n int) edits {
	if n == 0 {
		return e
	}
	if len(e) > 0 && e[len(e)-1].kind == k {
		e[len(e)-1].n += n
		return e
	}
	return append(e, run{k, n})
}

// budget bounds the work of a diff. Myers' algorithm costs O((N+M)·D) for
// texts of N and M tokens that differ by D edits, and keeps O(D²) of trace:
// cheap for two revisions of an article, minutes and gigabytes for two
// unrelated long texts. Every diagonal visited and every token compared
// costs one unit.
type budget struct{ left int }

// spend takes n units and reports whether any were left to take.
func (b *budget) spend(n int) bool {
	b.left -= n
	return b.left >= 0
}

// script returns the edits turning x into y, trimming the common prefix and
// suffix first because most revisions change little. It reports false,
// having spent b, if finding the edits costs more than b holds.
func script(x, y []int32, b *budget) (edits, bool) {
	pre := commonPrefix(x, y)
	suf := commonSuffix(x[pre:], y[pre:])
	mid, ok := myers(x[pre:len(x)-suf], y[pre:len(y)-suf], b)
	if !ok {
		return nil, false
	}
	e := edits{}.add(Equal, pre)
	for _, r := range mid {
		e = e.add(r.kind, r.n)
	}
	return e.add(Equal, suf), true
}

func commonPrefix(x, y []int32) int {
	n := min(len(x), len(y))
	for i := 0; i < n; i++ {
		if x[i] != y[i] {
			return i
		}
	}
	return n
}

func commonSuffix(x, y []int32) int {
	n := min(len(x), len(y))
	for i := 1; i <= n; i++ {
		if x[len(x)-i] != y[len(y)-i] {
			return i - 1
		}
	}
	return n
}

// myers finds a shortest edit script with the greedy algorithm of Myers,
// "An O(ND) Difference Algorithm and Its Variations" (1986).
func myers(x, y []int32, b *budget) (edits, bool) {
	trace, d, ok := forward(x, y, b)
	if !ok {
		return nil, false
	}
	return backtrack(trace, d, len(x), len(y)), true
}

// forward runs the search for edit distances d = 0, 1, ... until it reaches
// the end of both x and y. trace[d] holds the furthest x reached with d
// edits on diagonals k = -d, -d+2, ..., d. Each row is allocated on its
// own: one growing slice would be copied over and over.
func forward(x, y []int32, b *budget) (trace [][]int32, d int, ok bool) {
	n, m := len(x), len(y)
	off := n + m + 1
	v := make([]int32, 2*off+1)
	for d = 0; ; d++ {
		row := make([]int32, d+1)
		trace = append(trace, row)
		for k := -d; k <= d; k += 2 {
			var px int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				px = int(v[off+k+1]) // down: insert y[py-1]
			} else {
				px = int(v[off+k-1]) + 1 // right: delete x[px-1]
			}
			start, py := px, px-k
			for px < n && py < m && x[px] == y[py] {
				px, py = px+1, py+1
			}
			if !b.spend(1 + px - start) {
				return nil, 0, false
			}
			v[off+k] = int32(px)
			row[(k+d)/2] = int32(px)
			if px >= n && py >= m {
				return trace, d, true
			}
		}
	}
}

// reached returns the furthest x reached on diagonal k with d edits.
func reached(trace [][]int32, d, k int) int {
	return int(trace[d][(k+d)/2])
}

// backtrack walks the trace back from (n, m) to (0, 0), collecting the runs
// in reverse and then turning them round.
func backtrack(trace [][]int32, d, n, m int) edits {
	var rev edits
	x, y := n, m
	for ; d > 0; d-- {
		k := x - y
		kind, pk := Delete, k-1
		if k == -d || (k != d && reached(trace, d-1, k-1) < reached(trace, d-1, k+1)) {
			kind, pk = Insert, k+1
		}
		px := reached(trace, d-1, pk)
		py := px - pk
		sx := px // where the snake after the edit starts
		if kind == Delete {
			sx++
		}
		rev = rev.add(Equal, x-sx).add(kind, 1)
		x, y = px, py
	}
	rev = rev.add(Equal, x)
	e := make(edits, 0, len(rev))
	for i := len(rev) - 1; i >= 0; i-- {
		e = append(e, rev[i])
	}
	return e
}
