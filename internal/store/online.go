package store

import (
	"context"
	"database/sql"
	"time"

	"cong/internal/portal"
)

// staleOnline is how long an instance's sketches are kept after it last
// shared them: it has stopped.
const staleOnline = time.Hour

// ShareOnline stores instance's sketches of the site s sees and returns the
// other instances' fresh ones of the site.
func (s *DB) ShareOnline(ctx context.Context, instance string, sketches [][]byte, now, since time.Time) ([]portal.OnlineSketch, error) {
	var out []portal.OnlineSketch
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for kind, reg := range sketches {
			_, err := tx.ExecContext(ctx, `INSERT INTO online_sketches (site_id, instance, kind, registers, updated_at)
				VALUES ($1, $2, $3, $4, $5) ON CONFLICT (site_id, instance, kind) DO UPDATE
				SET registers = excluded.registers, updated_at = excluded.updated_at`, s.siteID(), instance, kind, reg, now.UTC())
			if err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM online_sketches WHERE updated_at < $1",
			now.Add(-staleOnline).UTC()); err != nil {
			return err
		}
		var err error
		out, err = query(ctx, tx, func(row scanner, o *portal.OnlineSketch) error {
			return row.Scan(&o.Instance, &o.Kind, &o.Registers)
		}, `SELECT instance, kind, registers FROM online_sketches WHERE site_id = $3 AND instance <> $1 AND updated_at >= $2
			ORDER BY instance, kind`, instance, since.UTC(), s.siteID())
		return err
	})
	return out, err
}
