package nukeviet_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"cong/internal/importer/nukeviet/nvtest"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// footprint is what an import leaves in the portal: rows, audit entries,
// the content version, files.
type footprint struct {
	Articles, Categories, Media, Audit int
	Version                            int64
	Files                              int
}

func footprintOf(t *testing.T, db *store.DB, mediaDir string) footprint {
	t.Helper()
	var f footprint
	var err error
	if f.Articles, err = db.CountArticles(ctx, portal.ArticleFilter{}); err != nil {
		t.Fatal(err)
	}
	cats, _ := db.Categories(ctx)
	media, _ := db.ListMedia(ctx, portal.MediaFilter{Limit: 1000})
	check, err := db.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f.Categories, f.Media, f.Audit = len(cats), len(media), int(check.Entries)
	f.Version, _ = db.ContentVersion(ctx)
	if mediaDir != "" {
		filepath.WalkDir(mediaDir, func(_ string, d os.DirEntry, _ error) error {
			if d != nil && !d.IsDir() {
				f.Files++
			}
			return nil
		})
	}
	return f
}

// TestImportAgain: a second run writes nothing; a change on the old site
// updates its item in place and adds what is new, nothing twice.
func TestImportAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, mediaDir := newSite(t), t.TempDir()
		s.run(t, db, mediaDir)
		before := footprintOf(t, db, mediaDir)
		again := s.run(t, db, mediaDir)
		want := map[string]map[portal.Outcome]int{
			"category": {portal.Unchanged: 5}, "article": {portal.Unchanged: 8}, "file": {portal.Unchanged: 2},
			"tag": {portal.Unchanged: 2}, "comment": {portal.Unchanged: 3, portal.Skipped: 1},
		}
		if diff := cmp.Diff(want, counts(again)); diff != "" {
			t.Errorf("second run (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(before, footprintOf(t, db, mediaDir)); diff != "" {
			t.Errorf("a second run wrote something (-before +after):\n%s", diff)
		}

		// Meanwhile on NukeViet: an edit, more views, a new article and a new comment.
		id := s.art["hoi-nghi"]
		s.Exec("UPDATE "+s.Table("news_rows")+" SET title = ?, allowed_comm = '', edittime = ? WHERE id = ?",
			"Hội nghị Tỉnh ủy bế mạc", s.Now(), id)
		s.View(id, 10)
		s.AddArticle(nvtest.Article{CatIDs: []int64{s.cat["kinh-te"]}, Title: "Tin mới", Body: "<p>Mới</p>", Status: 1})
		s.AddComment(nvtest.Comment{ArticleID: id, Name: "Lê Văn Cường", Content: "Mới viết", Status: 1})
		third := s.run(t, db, mediaDir)
		if got := counts(third)["article"]; got[portal.Updated] != 1 || got[portal.Created] != 1 || got[portal.Unchanged] != 7 {
			t.Errorf("third run's articles = %v; want 1 updated, 1 created, 7 unchanged", got)
		}
		if got := counts(third)["comment"]; got[portal.Created] != 1 || got[portal.Unchanged] != 3 {
			t.Errorf("third run's comments = %v; want 1 created, 3 unchanged", got)
		}
		a, _ := db.Article(ctx, s.imported(t, db, "article", id))
		if a.Title != "Hội nghị Tỉnh ủy bế mạc" || a.ViewCount != 1244 || a.Slug != "hoi-nghi-tinh-uy-mo-rong" || !a.CommentsClosed {
			t.Errorf("updated article = %q, %d views, slug %q, comments closed %v", a.Title, a.ViewCount, a.Slug, a.CommentsClosed)
		}
		if n, _ := db.CountArticles(ctx, portal.ArticleFilter{}); n != 9 {
			t.Errorf("%d articles after three runs; want 9", n)
		}
	})
}

// stopAfter is the store of an import that dies after n articles: the
// next call cancels the run, as a kill would stop it between two items.
type stopAfter struct {
	*store.DB
	n      int
	cancel context.CancelFunc
}

func (s *stopAfter) ImportArticle(ctx context.Context, who portal.Actor, imp portal.Import, a *portal.Article, note string) (portal.Outcome, error) {
	if s.n == 0 {
		s.cancel()
		return portal.Failed, context.Canceled
	}
	s.n--
	return s.DB.ImportArticle(ctx, who, imp, a, note)
}

// TestImportResumes: an import stopped midway leaves whole items, and
// running it again finishes it without making anything twice.
func TestImportResumes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, mediaDir := newSite(t), t.TempDir()
		stopped, cancel := context.WithCancel(ctx)
		defer cancel()
		_, err := s.runWith(t, stopped, &stopAfter{DB: db, n: 3, cancel: cancel}, db, mediaDir)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("stopped run: %v; want context.Canceled", err)
		}
		if n, _ := db.CountArticles(ctx, portal.ArticleFilter{}); n != 3 {
			t.Fatalf("%d articles after a run stopped at the fourth; want 3", n)
		}
		run := s.run(t, db, mediaDir)
		if got := counts(run)["article"]; got[portal.Created] != 5 || got[portal.Unchanged] != 3 {
			t.Errorf("resumed run's articles = %v; want 5 created, 3 unchanged", got)
		}
		if n, _ := db.CountArticles(ctx, portal.ArticleFilter{}); n != 8 {
			t.Errorf("%d articles after the resumed run; want 8", n)
		}
		if got := counts(run)["comment"]; got[portal.Created] != 3 {
			t.Errorf("resumed run's comments = %v; want 3 created", got)
		}
	})
}

// TestDryRun: a dry run writes nothing, and tells what a real one would do.
func TestDryRun(t *testing.T) {
	s := newSite(t)
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		before := footprintOf(t, db, "")
		run := s.run(t, db, "")
		if diff := cmp.Diff(before, footprintOf(t, db, "")); diff != "" {
			t.Errorf("a dry run wrote something (-before +after):\n%s", diff)
		}
		want := map[string]map[portal.Outcome]int{
			"category": {portal.Created: 5}, "article": {portal.Created: 8}, "file": {portal.Created: 2},
			"tag": {portal.Created: 2}, "comment": {portal.Created: 3, portal.Skipped: 1},
		}
		if diff := cmp.Diff(want, counts(run)); diff != "" {
			t.Errorf("dry run (-want +got):\n%s\n%+v", diff, run.Problems())
		}
		mediaDir := t.TempDir()
		s.run(t, db, mediaDir)
		if got := counts(s.run(t, db, ""))["article"]; got[portal.Unchanged] != 8 {
			t.Errorf("dry run after an import: articles %v; want 8 unchanged", got)
		}
	})
}
