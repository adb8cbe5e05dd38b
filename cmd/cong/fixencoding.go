package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"cong/internal/config"
	"cong/internal/portal"
	"cong/internal/progress"
	"cong/internal/sanitize"
	"cong/internal/store"
	"cong/internal/viet"
)

// fixBatch is how many objects `cong fix-encoding` reads at a time: its
// memory is a batch, whatever the size of the portal.
const fixBatch = 100

// runFixEncoding opens the database, read-only for a dry run, and runs
// fixEncoding over it.
func runFixEncoding(ctx context.Context, cfg *config.Config, dryRun bool, stdout, stderr io.Writer) error {
	open := openDB
	if dryRun {
		open = openForDryRun
	}
	db, err := open(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	return fixEncoding(ctx, db, dryRun, stdout, stderr)
}

// openForDryRun opens the database of `cong fix-encoding --dry-run`, which
// writes nothing: no migration, no audit key (so a write would fail), and
// no SQLite file made where there was none.
func openForDryRun(ctx context.Context, cfg *config.Config) (*store.DB, error) {
	if !store.IsPostgres(cfg.DB) {
		if _, err := os.Stat(cfg.DB); err != nil {
			return nil, fmt.Errorf("fix-encoding: %w", err)
		}
	}
	return store.Open(ctx, cfg.DB)
}

// fixTally counts, for one kind of object, what fix-encoding found.
type fixTally struct {
	kind     string
	checked  int // objects read
	objects  int // objects converted (or that would be)
	fields   int // fields converted
	skipped  int // objects saved by someone while this ran, left alone
	byCode   map[viet.Encoding]int
	lastShow int // checked at the last plain progress line
}

// fixEncoding runs `cong fix-encoding`: it walks every kind of text the
// store lists (store.TextKinds), in batches, and converts each field typed
// in TCVN3 or VNI to Unicode through the store's write path, one audited
// change per object; with dryRun it lists what would change and writes
// nothing. Fields are converted only where the encoding is found with
// confidence (viet.FixEncoding, sanitize.FixEncoding for HTML), and only
// while they still hold what was read, so it is safe while the portal
// serves and a second run finds nothing to do. Progress goes to stderr: a
// line rewritten in place on a terminal, plain lines otherwise.
func fixEncoding(ctx context.Context, db *store.DB, dryRun bool, stdout, stderr io.Writer) error {
	who := portal.System("cong fix-encoding")
	p := &fixProgress{w: stderr, tty: progress.IsTerminal(stderr), start: time.Now()}
	var tallies []*fixTally
	for _, k := range store.TextKinds() {
		t := &fixTally{kind: k.Name, byCode: map[viet.Encoding]int{}}
		tallies = append(tallies, t)
		for after := int64(0); ; {
			rows, err := db.Texts(ctx, k.Name, after, fixBatch)
			if err != nil {
				return fmt.Errorf("fix-encoding: read %s: %w", k.Name, err)
			}
			if len(rows) == 0 {
				break
			}
			for _, row := range rows {
				after = row.ID
				t.checked++
				fixes := legacyFixes(k, row)
				if len(fixes) == 0 {
					continue
				}
				if dryRun {
					listFixes(stdout, k.Name, row.ID, fixes)
				} else if changed, err := db.FixTexts(ctx, who, k.Name, row.ID, fixes); err != nil {
					return fmt.Errorf("fix-encoding: %s %d: %w", k.Name, row.ID, err)
				} else if !changed {
					t.skipped++
					continue
				}
				t.objects++
				for _, f := range fixes {
					t.fields++
					t.byCode[f.Encoding]++
				}
			}
			p.show(tallies, false)
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		p.show(tallies, true)
	}
	p.end()
	fixSummary(stdout, tallies, dryRun, time.Since(p.start))
	return nil
}

// legacyFixes returns the fields of row whose text is legacy-encoded, with
// their conversion.
func legacyFixes(k store.TextKind, row store.TextRow) []store.TextFix {
	var fixes []store.TextFix
	for i, f := range k.Fields {
		before := row.Texts[i]
		after, e := viet.FixEncoding(before)
		if f.HTML {
			after, e = sanitize.FixEncoding(before)
		}
		if e != viet.Unicode && after != before {
			fixes = append(fixes, store.TextFix{Field: f.Name, Before: before, After: after, Encoding: e})
		}
	}
	return fixes
}

// listFixes prints what a dry run would change in one object: a line per
// field, its text before and after around the first change.
func listFixes(w io.Writer, kind string, id int64, fixes []store.TextFix) {
	for _, f := range fixes {
		before, after := excerpts(f.Before, f.After, 60)
		fmt.Fprintf(w, "%s %d %s (%s): %q → %q\n", kind, id, f.Field, f.Encoding, before, after)
	}
}

// excerpts returns up to n characters of before and of after from shortly
// before where they first differ, "…" marking what is left out.
func excerpts(before, after string, n int) (string, string) {
	b, a := []rune(before), []rune(after)
	same := 0
	for same < len(b) && same < len(a) && b[same] == a[same] {
		same++
	}
	start := max(0, same-15)
	for start > 0 && start < same && b[start-1] != ' ' { // start at a word
		start--
	}
	return cut(b, start, n), cut(a, start, n)
}

func cut(rs []rune, start, n int) string {
	end := min(len(rs), start+n)
	s := string(rs[start:end])
	if start > 0 {
		s = "…" + s
	}
	if end < len(rs) {
		s += "…"
	}
	return s
}

// fixSummary prints what fix-encoding did (or, in a dry run, would do), by
// kind of object.
func fixSummary(w io.Writer, tallies []*fixTally, dryRun bool, took time.Duration) {
	var checked, objects, fields, skipped int
	for _, t := range tallies {
		checked, objects, fields, skipped = checked+t.checked, objects+t.objects, fields+t.fields, skipped+t.skipped
	}
	verb, name := "converted", "fix-encoding"
	if dryRun {
		verb, name = "would convert", "fix-encoding (dry run, nothing written)"
	}
	fmt.Fprintf(w, "%s: %s checked in %s; ", name, count(checked, "object"), took.Round(time.Millisecond))
	if objects == 0 {
		fmt.Fprintln(w, "nothing to convert")
	} else {
		fmt.Fprintf(w, "%s %s in %s:\n", verb, count(fields, "field"), count(objects, "object"))
	}
	for _, t := range tallies {
		if t.objects == 0 {
			continue
		}
		var codes []string
		for _, e := range []viet.Encoding{viet.TCVN3, viet.VNI} {
			if n := t.byCode[e]; n > 0 {
				codes = append(codes, fmt.Sprintf("%s %d", e, n))
			}
		}
		fmt.Fprintf(w, "  %-22s %s, %s (%s)\n", t.kind, count(t.objects, "object"), count(t.fields, "field"),
			strings.Join(codes, ", "))
	}
	if skipped > 0 {
		fmt.Fprintf(w, "%s saved by someone while this ran left alone: run it again.\n", count(skipped, "object"))
	}
}

// count writes n things: "1 field", "2 fields".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// fixProgress reports fix-encoding's progress on stderr: on a terminal a
// line per kind rewritten in place, with the counts in all and the rate;
// elsewhere (a log, a pipe) a plain line when a kind is done and every
// plainEvery objects of a long one.
type fixProgress struct {
	w     io.Writer
	tty   bool
	start time.Time
	shown bool
}

const plainEvery = 10_000

func (p *fixProgress) show(tallies []*fixTally, kindDone bool) {
	t := tallies[len(tallies)-1]
	checked, objects := 0, 0
	for _, t := range tallies {
		checked, objects = checked+t.checked, objects+t.objects
	}
	if p.tty {
		rate := float64(checked) / max(time.Since(p.start).Seconds(), 0.001)
		fmt.Fprintf(p.w, "\r\033[K%s: %d checked, %d to convert; %d objects in all, %d to convert, %.0f/s", t.kind,
			t.checked, t.objects, checked, objects, rate)
		p.shown = !kindDone
		if kindDone {
			fmt.Fprintln(p.w) // each kind keeps its last line
		}
		return
	}
	if kindDone || t.checked-t.lastShow >= plainEvery {
		fmt.Fprintf(p.w, "%s: %d checked, %d to convert\n", t.kind, t.checked, t.objects)
		t.lastShow = t.checked
	}
}

// end ends a line left half-written on a terminal (an interrupted run).
func (p *fixProgress) end() {
	if p.shown {
		fmt.Fprintln(p.w)
	}
}
