package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"cong/internal/config"
	"cong/internal/progress"
	"cong/internal/store"
)

// errCheckFailed makes `cong check` exit with a failure, after its report.
var errCheckFailed = errors.New("the check found problems")

// restoreAdvice is what to do with a damaged database, from `cong check`
// and from `cong serve` when it refuses to start.
const restoreAdvice = "restore the last good backup with `cong restore FILE`"

// runCheck runs `cong check`: the engine's integrity checks and the audit
// chain's, each reported with "ok" or its problems. It only reads, so it is
// safe while the portal serves, though on a big database it is long.
func runCheck(ctx context.Context, cfg *config.Config, stdout, stderr io.Writer) error {
	db, err := openExisting(ctx, cfg)
	if errors.Is(err, store.ErrDamaged) {
		return fmt.Errorf("%w: %s", err, restoreAdvice)
	}
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(stdout, "checking %s (%s)\n", store.Redact(cfg.DB), db.Engine())
	steps := newStepLine(stderr)
	findings, err := db.CheckIntegrity(ctx, steps.step)
	steps.done()
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	bad := false
	for _, f := range findings {
		bad = reportFinding(stdout, f) || bad
	}
	if err := reportSchema(ctx, stdout, db); err != nil {
		return err
	}
	if !checkAudit(ctx, cfg, db, stdout, stderr) {
		bad = true
	}
	if bad {
		fmt.Fprintln(stdout, "PROBLEMS found:", restoreAdvice)
		return errCheckFailed
	}
	fmt.Fprintln(stdout, "ok")
	return nil
}

// quickCheck is the check `cong serve` makes before it migrates or serves
// anything: it refuses a damaged database, saying what to do.
func quickCheck(ctx context.Context, cfg *config.Config, log *slog.Logger) error {
	start := time.Now()
	db, err := store.Open(ctx, cfg.DB)
	if err == nil {
		err = db.QuickCheck(ctx)
		db.Close()
	}
	if errors.Is(err, store.ErrDamaged) {
		return fmt.Errorf("%w; cong will not serve it: %s, or run `cong check` for details", err, restoreAdvice)
	}
	if err != nil {
		return err
	}
	log.Info("database checked", "engine", db.Engine(), "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// reportFinding prints one check's result and reports whether it found
// problems.
func reportFinding(w io.Writer, f store.Finding) bool {
	switch {
	case f.Skipped != "":
		fmt.Fprintf(w, "%s: not checked: %s\n", f.Check, f.Skipped)
		return false
	case len(f.Problems) == 0:
		fmt.Fprintf(w, "%s: ok\n", f.Check)
		return false
	}
	fmt.Fprintf(w, "%s: %s\n", f.Check, plural(len(f.Problems), "problem"))
	for _, p := range f.Problems {
		fmt.Fprintf(w, "  %s\n", p)
	}
	return true
}

// reportSchema prints the database's schema version and any migration
// still to apply, which is not a problem: the next start applies it.
func reportSchema(ctx context.Context, w io.Writer, db *store.DB) error {
	ms, err := db.MigrationStatus(ctx)
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	at, pending := schemaOf(ms)
	if pending == 0 {
		fmt.Fprintf(w, "schema: %04d, up to date\n", at)
		return nil
	}
	fmt.Fprintf(w, "schema: %04d, %s pending (`cong migrate` or the next start applies them)\n", at, plural(pending, "migration"))
	return nil
}

// plural is "1 problem", "2 problems".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// schemaOf is the newest migration applied and how many are pending.
func schemaOf(ms []store.MigrationState) (at, pending int) {
	for _, m := range ms {
		if m.Pending {
			pending++
		} else {
			at = m.Version
		}
	}
	return at, pending
}

// checkAudit walks the audit chain as `cong audit verify` does and reports
// whether it holds.
func checkAudit(ctx context.Context, cfg *config.Config, db *store.DB, stdout, stderr io.Writer) bool {
	key, err := existingAuditKey(cfg)
	if err != nil {
		fmt.Fprintf(stdout, "audit chain: not checked: %v\n", err)
		return false
	}
	db.SetAuditKey(key)
	steps := newStepLine(stderr)
	check, err := db.WalkAudit(ctx, func(n int64) { steps.step(fmt.Sprintf("audit chain: %d entries", n)) })
	steps.done()
	if err != nil {
		fmt.Fprintf(stdout, "audit chain: not checked: %v\n", err)
		return false
	}
	fmt.Fprint(stdout, "audit chain: ")
	return reportAudit(stdout, check) == nil
}

// openExisting opens the database for a command that only reads it: no
// migration, and no SQLite file made where there was none.
func openExisting(ctx context.Context, cfg *config.Config) (*store.DB, error) {
	if !store.IsPostgres(cfg.DB) {
		if _, err := os.Stat(cfg.DB); err != nil {
			return nil, fmt.Errorf("database: %w", err)
		}
	}
	return store.Open(ctx, cfg.DB)
}

// stepLine shows, on a terminal only, the step a long command is at and
// how long it has taken, rewriting one line each second.
type stepLine struct {
	w     io.Writer
	mu    sync.Mutex
	what  string
	start time.Time
	stop  chan struct{}
	wg    sync.WaitGroup
}

func newStepLine(w io.Writer) *stepLine {
	p := &stepLine{w: w, start: time.Now(), stop: make(chan struct{})}
	if !progress.IsTerminal(w) {
		p.w = nil
		return p
	}
	p.wg.Go(func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-tick.C:
				p.show()
			}
		}
	})
	return p
}

// step tells the step now running.
func (p *stepLine) step(what string) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	p.what = what
	p.mu.Unlock()
	p.show()
}

func (p *stepLine) show() {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r\033[K%s… %s", p.what, time.Since(p.start).Round(time.Second))
}

// done stops the display and clears its line.
func (p *stepLine) done() {
	if p.w == nil {
		return
	}
	close(p.stop)
	p.wg.Wait()
	fmt.Fprint(p.w, "\r\033[K")
}
