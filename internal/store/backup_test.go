package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"cong/internal/store"
	"cong/internal/storetest"
)

// TestSnapshotTablesAgree reads the tables a backup sees on both engines:
// the same tables in the same order, the same columns of the same portable
// types, the same keys, so an archive of one restores into the other.
func TestSnapshotTablesAgree(t *testing.T) {
	engines := storetest.Engines(t)
	if engines["postgres"] == nil {
		t.Skip("no PostgreSQL server: set CONG_TEST_POSTGRES")
	}
	lite := snapshotFacts(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	pg := snapshotFacts(t, storetest.Open(t, storetest.PostgresDSN(t)))
	if diff := cmp.Diff(lite, pg); diff != "" {
		t.Errorf("the engines' tables differ for a backup (-sqlite +postgres):\n%s", diff)
	}
}

// snapshotFacts writes each table a snapshot lists as one line: its name,
// its key, and its columns sorted with their types.
func snapshotFacts(t *testing.T, db *store.DB) []string {
	snap, err := db.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	if snap.SchemaVersion == 0 || len(snap.Migrations) == 0 {
		t.Errorf("snapshot of schema %d, migrations %v", snap.SchemaVersion, snap.Migrations)
	}
	var out []string
	for _, tb := range snap.Tables {
		var cols []string
		for _, c := range tb.Columns {
			cols = append(cols, c.Name+" "+c.Type)
		}
		slices.Sort(cols)
		out = append(out, tb.Name+" ("+strings.Join(tb.Key, ", ")+"): "+strings.Join(cols, ", "))
	}
	return out
}
