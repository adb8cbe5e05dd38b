package store_test

import (
	"testing"

	"cong/internal/store"
	"cong/internal/storetest"
)

// TestSQLiteSynchronousFull: every connection of the pool syncs each
// commit (synchronous=FULL, 2), so a commit that returned survives a power
// loss.
func TestSQLiteSynchronousFull(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	raw := store.Raw(db)
	for range 3 { // connections the pool may hand out
		conn, err := raw.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		var mode int
		var journal string
		if err := conn.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&journal); err != nil {
			t.Fatal(err)
		}
		if mode != 2 || journal != "wal" {
			t.Errorf("synchronous = %d, journal_mode = %s; want 2 (FULL) and wal", mode, journal)
		}
	}
}
