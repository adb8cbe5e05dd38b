// Package importer holds what every import shares, whatever it reads (a
// WordPress export, a NukeViet database, saved pages): the bookkeeping of a
// run — counts by kind and outcome, the problems met, each with its source
// id, a progress line on a terminal and plain lines otherwise, the summary
// and the report file — a store that writes nothing for --dry-run, and the
// rewriting of pictures in bodies to the library's copies.
//
// Readers of each source live beside it (wordpress.go, nukeviet.go, …); every
// item they make goes to the store through portal.ImportService, the store's
// one write path.
package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"cong/internal/portal"
	"cong/internal/progress"
)

// Problem is something wrong with one item: it failed, or came in with
// something left out (a missing picture).
type Problem struct {
	Kind    string // the source's kind of item: "post", "attachment", …
	Source  string // its id in the source
	Failed  bool   // the item did not come in
	Message string
}

// Run keeps the account of one import.
type Run struct {
	Name   string // "wordpress", "nukeviet", "pages"
	DryRun bool
	// Now is the clock; tests replace it.
	Now func() time.Time

	line     *progress.Line // how far the run is, on the writer New was given
	mu       sync.Mutex
	counts   map[string]map[portal.Outcome]int
	problems []Problem
	total    int // items expected, 0 when unknown
	done     int
	start    time.Time
}

// New starts the account of an import whose progress goes to out: a bar
// rewritten in place when out is a terminal, a line every few seconds else.
func New(name string, out io.Writer, dryRun bool) *Run {
	r := &Run{Name: name, DryRun: dryRun, Now: time.Now, counts: map[string]map[portal.Outcome]int{}}
	r.start = r.Now()
	r.line = progress.NewLine(out, r.start)
	return r
}

// Expect tells how many items the run will see in all, for the time left.
func (r *Run) Expect(n int) {
	r.mu.Lock()
	r.total = n
	r.mu.Unlock()
}

// Item records what became of one item; err, when not nil, is its problem.
// One bad item never stops a run: the caller goes on to the next.
func (r *Run) Item(kind, source string, o portal.Outcome, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		o = portal.Failed
		r.problems = append(r.problems, Problem{Kind: kind, Source: source, Failed: true, Message: message(err)})
	}
	if r.counts[kind] == nil {
		r.counts[kind] = map[portal.Outcome]int{}
	}
	r.counts[kind][o]++
	r.done++
	r.progress(false)
}

// Note records a problem of an item that came in all the same (a picture
// left out, a status mapped to a draft).
func (r *Run) Note(kind, source, msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.problems = append(r.problems, Problem{Kind: kind, Source: source, Message: msg})
}

// message is what a person reads of err: a portal error's own message, or
// the error itself (an importer's errors name where they happened).
func message(err error) string {
	if portal.ErrorCode(err) != portal.EINTERNAL {
		return portal.ErrorMessage(err)
	}
	return err.Error()
}

// progress shows how far the run is: on a terminal at most ten times a
// second, elsewhere every five seconds; final ends the line.
func (r *Run) progress(final bool) {
	now := r.Now()
	if !r.line.Due(now, final) {
		return
	}
	elapsed := now.Sub(r.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(r.done) / elapsed
	}
	line := fmt.Sprintf("%s: %d", r.Name, r.done)
	if r.total > 0 {
		line += fmt.Sprintf("/%d (%d%%)", r.total, min(100, r.done*100/r.total))
	}
	line += fmt.Sprintf(", %.0f/s", rate)
	if r.total > r.done && rate > 0 {
		line += ", " + (time.Duration(float64(r.total-r.done)/rate) * time.Second).Round(time.Second).String() + " left"
	}
	if failed := r.failedLocked(); failed > 0 {
		line += fmt.Sprintf(", %d failed", failed)
	}
	if r.line.Terminal && r.total > 0 {
		n := min(30, r.done*30/r.total)
		line = "[" + strings.Repeat("#", n) + strings.Repeat(".", 30-n) + "] " + line
	}
	r.line.Write(line, final)
}

// Failed counts the items that did not come in.
func (r *Run) Failed() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failedLocked()
}

func (r *Run) failedLocked() int {
	n := 0
	for _, c := range r.counts {
		n += c[portal.Failed]
	}
	return n
}

// Count returns how many items of kind had outcome o.
func (r *Run) Count(kind string, o portal.Outcome) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.counts[kind][o]
}

// Problems returns the problems met, in order.
func (r *Run) Problems() []Problem {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.problems)
}

// outcomes are the columns of the summary.
var outcomes = []portal.Outcome{portal.Created, portal.Updated, portal.Unchanged, portal.Skipped, portal.Failed}

// Summary ends the progress line and writes the counts by kind, and the
// first problems, to w.
func (r *Run) Summary(w io.Writer) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.progress(true)
	what := "imported"
	if r.DryRun {
		what = "would import (dry run: nothing written)"
	}
	fmt.Fprintf(w, "%s: %s %d items in %s\n", r.Name, what, r.done, r.Now().Sub(r.start).Round(time.Millisecond))
	kinds := make([]string, 0, len(r.counts))
	for k := range r.counts {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	fmt.Fprintf(w, "  %-12s", "kind")
	for _, o := range outcomes {
		fmt.Fprintf(w, " %10s", o)
	}
	fmt.Fprintln(w)
	for _, k := range kinds {
		fmt.Fprintf(w, "  %-12s", k)
		for _, o := range outcomes {
			fmt.Fprintf(w, " %10d", r.counts[k][o])
		}
		fmt.Fprintln(w)
	}
	for i, p := range r.problems {
		if i == 20 {
			fmt.Fprintf(w, "  … and %d more problems: see the report\n", len(r.problems)-20)
			break
		}
		fmt.Fprintf(w, "  %s %s %s: %s\n", map[bool]string{true: "FAILED", false: "note"}[p.Failed], p.Kind, p.Source, p.Message)
	}
}

// WriteReport writes every problem to path, one line each: failed or note,
// kind, source id, message, separated by tabs.
func (r *Run) WriteReport(path string) error {
	var b strings.Builder
	b.WriteString("result\tkind\tsource\tmessage\n")
	for _, p := range r.Problems() {
		result := "note"
		if p.Failed {
			result = "failed"
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", result, p.Kind, p.Source, strings.NewReplacer("\t", " ", "\n", " ").Replace(p.Message))
	}
	return os.WriteFile(path, []byte(b.String()), 0o640)
}

// Checksum sums what an importer read of an item, so a second run knows
// whether it changed.
func Checksum(parts ...any) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%v\x1f", p)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
