package main

import (
	"context"
	"fmt"
	"io"

	"cong/internal/config"
	"cong/internal/store"
	"cong/internal/viet"
)

// runMigrateStatus runs `cong migrate --status`: every migration this cong
// knows, applied (with when) or pending, and nothing applied.
func runMigrateStatus(ctx context.Context, cfg *config.Config, stdout io.Writer) error {
	db, err := openExisting(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	ms, err := db.MigrationStatus(ctx)
	if err != nil {
		return fmt.Errorf("migrate --status: %w", err)
	}
	for _, m := range ms {
		state := "pending"
		switch {
		case !m.Pending && m.Applied.IsZero():
			state = "applied"
		case !m.Pending:
			state = "applied " + viet.DateTime(m.Applied)
		}
		fmt.Fprintf(stdout, "%-28s %s\n", m.Name, state)
	}
	at, pending := schemaOf(ms)
	fmt.Fprintf(stdout, "%s: schema %04d, %d applied, %d pending\n", store.Redact(cfg.DB), at, len(ms)-pending, pending)
	return nil
}
