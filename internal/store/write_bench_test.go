package store_test

import (
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// BenchmarkWrite measures a staff edit of a published article through the
// write path — the UPDATE, its revision, the search index, the keyed audit
// entry and the content version in one transaction — on each engine, with
// the audit log already holding a thousand entries.
func BenchmarkWrite(b *testing.B) {
	for name, dsn := range storetest.Engines(b) {
		b.Run(name, func(b *testing.B) { benchmarkWrite(b, storetest.Open(b, dsn(b))) })
	}
}

// BenchmarkWriteSynchronous measures the same edit on SQLite with each
// synchronous setting a portal might run: FULL (the default: a commit
// survives a power loss) and NORMAL (in WAL mode, the last commits may be
// lost on power loss). The test folder must be on a real disk, not a tmpfs.
func BenchmarkWriteSynchronous(b *testing.B) {
	for _, mode := range []string{"NORMAL", "FULL"} {
		b.Run(mode, func(b *testing.B) {
			db, err := store.OpenSQLite(ctx, filepath.Join(b.TempDir(), "cong.db"), mode)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if err := db.Migrate(ctx); err != nil {
				b.Fatal(err)
			}
			db.SetAuditKey(storetest.AuditKey)
			benchmarkWrite(b, db)
		})
	}
}

// benchmarkWrite edits a published article of db again and again.
func benchmarkWrite(b *testing.B, db *store.DB) {
	cat := &portal.Category{Name: "Chính trị", Slug: "chinh-tri", Visible: true}
	if err := db.CreateCategory(ctx, storetest.Actor, cat); err != nil {
		b.Fatal(err)
	}
	a := &portal.Article{CategoryID: cat.ID, Title: "Hội nghị", Body: "<p>Nội dung</p>",
		Status: portal.StatusPublished, PublishedAt: time.Now().Add(-time.Hour)}
	if err := db.CreateArticle(ctx, storetest.Actor, a); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 1000; i++ {
		if err := db.Refused(ctx, storetest.Actor, "permission.denied", "", strconv.Itoa(i)); err != nil {
			b.Fatal(err)
		}
	}
	who := portal.Actor{ID: 1, Name: "bientap", IP: "10.0.0.1"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		a.Body = "<p>Nội dung sửa lần " + strconv.Itoa(i) + "</p>"
		if err := db.UpdateArticle(ctx, who, a); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if check, err := db.VerifyAudit(ctx); err != nil || check.Broken != nil {
		b.Fatalf("VerifyAudit = %+v, %v", check, err)
	}
}
