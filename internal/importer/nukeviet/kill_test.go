package nukeviet_test

import (
	"context"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"cong/internal/importer"
	"cong/internal/importer/nukeviet"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestImportKilled kills an import with SIGKILL while it writes its fourth
// article, on each engine: what it wrote before is whole, the audit chain
// holds, nothing half-made shows, and running it again finishes the job
// without making anything twice.
func TestImportKilled(t *testing.T) {
	if os.Getenv("NV_KILL_CHILD") != "" {
		importUntilKilled(t)
		return
	}
	s := newSite(t)
	for name, dsnOf := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			dsn, mediaDir := dsnOf(t), t.TempDir()
			db := storetest.Open(t, dsn) // migrated before the child starts
			cmd := exec.Command(os.Args[0], "-test.run=^TestImportKilled$")
			cmd.Env = append(os.Environ(), "NV_KILL_CHILD=1", "NV_SITE="+s.URL, "NV_UPLOADS="+s.uploads, "NV_DB="+dsn,
				"NV_MEDIA="+mediaDir)
			out, err := cmd.CombinedOutput()
			if err == nil || !strings.Contains(err.Error(), "signal: killed") {
				t.Fatalf("the import was not killed: %v\n%s", err, out)
			}
			if n, _ := db.CountArticles(ctx, portal.ArticleFilter{}); n < 3 || n > 4 {
				t.Errorf("%d articles after a kill during the fourth; want 3, or 4 if its commit got through", n)
			}
			if check, err := db.VerifyAudit(ctx); err != nil || check.Broken != nil {
				t.Errorf("audit chain after the kill = %+v, %v", check, err)
			}
			run := s.run(t, db, mediaDir)
			got := counts(run)["article"]
			if got[portal.Created]+got[portal.Unchanged] != 8 || got[portal.Failed] != 0 {
				t.Errorf("the run after the kill: articles %v; want the 8, created or unchanged", got)
			}
			if n, _ := db.CountArticles(ctx, portal.ArticleFilter{}); n != 8 {
				t.Errorf("%d articles after the second run; want 8", n)
			}
			if c := counts(run)["comment"]; c[portal.Created] != 3 {
				t.Errorf("comments after the second run: %v; want 3 created", c)
			}
		})
	}
}

// importUntilKilled is the child of TestImportKilled: it imports the site
// and kills itself while the store writes the fourth article.
func importUntilKilled(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, os.Getenv("NV_DB"))
	if err != nil {
		t.Fatal(err)
	}
	db.SetAuditKey(storetest.AuditKey)
	src, err := nukeviet.Open(ctx, os.Getenv("NV_SITE"), "nv4", "vi")
	if err != nil {
		t.Fatal(err)
	}
	im := &nukeviet.Importer{Store: &killAfter{DB: db, n: 3}, Library: db, Files: media.Dir(os.Getenv("NV_MEDIA")),
		Run: importer.New("nukeviet", io.Discard, false), Who: portal.System("nhập thử"), Uploads: os.Getenv("NV_UPLOADS")}
	im.Import(ctx, src)
	t.Fatal("the import ended without being killed")
}

// killAfter lets n articles through, then starts writing the next and
// sends SIGKILL to its own process a millisecond later, about the time an
// article's transaction takes: whether the kill lands before, inside or
// after that transaction, the test's checks are the same.
type killAfter struct {
	*store.DB
	n int
}

func (k *killAfter) ImportArticle(ctx context.Context, who portal.Actor, imp portal.Import, a *portal.Article, note string) (portal.Outcome, error) {
	if k.n > 0 {
		k.n--
		return k.DB.ImportArticle(ctx, who, imp, a, note)
	}
	go k.DB.ImportArticle(ctx, who, imp, a, note)
	time.AfterFunc(time.Millisecond, func() { syscall.Kill(os.Getpid(), syscall.SIGKILL) })
	select {}
}
