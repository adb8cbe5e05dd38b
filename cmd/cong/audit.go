package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"cong/internal/config"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/viet"
)

// errAuditBroken makes `cong audit verify` exit with a failure when the
// chain is broken, after its report.
var errAuditBroken = errors.New("the audit log's chain is broken")

// runAudit runs `cong audit verify`: it walks the audit log's chain with the
// key and reports "ok, N entries" or the first entry that does not hold. It
// only reads, so it is safe while the portal serves and as often as wanted.
func runAudit(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return errors.New("usage: cong audit verify [--db DSN] [--audit-key-file FILE]")
	}
	cfg, err := config.Parse("cong audit verify", args[1:], getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	key, err := existingAuditKey(cfg)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetAuditKey(key)
	fmt.Fprintf(stderr, "checking the audit log of %s…\n", store.Redact(cfg.DB))
	check, err := db.WalkAudit(ctx, func(n int64) { fmt.Fprintf(stderr, "  %d entries checked\n", n) })
	if err != nil {
		return fmt.Errorf("audit verify: %w", err)
	}
	return reportAudit(stdout, check)
}

// existingAuditKey reads the audit key for a check, which must not make
// one: a missing key is the first finding.
func existingAuditKey(cfg *config.Config) ([]byte, error) {
	if _, err := os.Stat(cfg.AuditKeyFile); err != nil {
		return nil, fmt.Errorf("audit key %s: %w (give --audit-key-file, the key the portal runs with)", cfg.AuditKeyFile, err)
	}
	return store.LoadAuditKey(cfg.AuditKeyFile)
}

// reportAudit prints what the walk of the chain found: "ok, N entries", or
// the first entry that does not hold and errAuditBroken.
func reportAudit(stdout io.Writer, check *portal.AuditCheck) error {
	if b := check.Broken; b != nil {
		fmt.Fprintf(stdout, "BROKEN at entry %d of %d read: %s, %s by %q (%s), object %q\n", b.ID, check.Entries,
			viet.DateTime(b.At), b.Action, b.Actor, b.IP, b.Object)
		fmt.Fprintf(stdout, "reason: %s\n", check.Reason)
		fmt.Fprintln(stdout, "entries before it hold; this one and every later one cannot be trusted.")
		fmt.Fprintln(stdout, "if the portal runs with another key, give it with --audit-key-file.")
		return errAuditBroken
	}
	fmt.Fprintf(stdout, "ok, %d entries\n", check.Entries)
	return nil
}
