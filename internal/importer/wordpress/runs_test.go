package wordpress_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"cong/internal/importer"
	"cong/internal/importer/wordpress"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestImportAgain: a second run of the same export changes nothing and
// writes nothing; a run after one post changed updates that post alone.
func TestImportAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		if _, err := s.importFile(t, fixture, false); err != nil {
			t.Fatal(err)
		}
		first := article(t, db, "12")
		entries := auditEntries(t, db)
		files := countFiles(t, s.media)

		run, err := s.importFile(t, fixture, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, kind := range []string{"category", "attachment", "file", "post", "page", "comment"} {
			if n := run.Count(kind, portal.Created) + run.Count(kind, portal.Updated); n != 0 {
				t.Errorf("second run: %d %s items created or updated; want all unchanged\n%s", n, kind, problems(run))
			}
		}
		if run.Count("post", portal.Unchanged) != 7 || run.Count("comment", portal.Unchanged) != 5 ||
			run.Count("attachment", portal.Unchanged) != 2 {
			t.Errorf("second run unchanged: %d posts, %d comments, %d attachments; want 7, 5, 2",
				run.Count("post", portal.Unchanged), run.Count("comment", portal.Unchanged), run.Count("attachment", portal.Unchanged))
		}
		if n := auditEntries(t, db); n != entries {
			t.Errorf("second run wrote %d audit entries; want none", n-entries)
		}
		if n := countFiles(t, s.media); n != files {
			t.Errorf("second run stored %d files; want none", n-files)
		}

		changed := editedFixture(t, "Hội nghị tổng kết công tác năm 2020 &#8211; triển khai nhiệm vụ 2021",
			"Hội nghị tổng kết năm 2020 đã thành công tốt đẹp")
		run, err = s.importFile(t, changed, false)
		if err != nil {
			t.Fatal(err)
		}
		if run.Count("post", portal.Updated) != 1 || run.Count("post", portal.Unchanged) != 6 ||
			run.Count("comment", portal.Unchanged) != 5 {
			t.Errorf("after a change: %d posts updated, %d unchanged, %d comments unchanged; want 1, 6, 5\n%s",
				run.Count("post", portal.Updated), run.Count("post", portal.Unchanged), run.Count("comment", portal.Unchanged), problems(run))
		}
		a := article(t, db, "12")
		if a.ID != first.ID || a.Title != "Hội nghị tổng kết năm 2020 đã thành công tốt đẹp" || a.Slug != first.Slug {
			t.Errorf("changed post = %d %q %q; want %d updated in place, its slug kept", a.ID, a.Title, a.Slug, first.ID)
		}
		if n, _ := db.CountArticles(ctx, portal.ArticleFilter{}); n != 7 {
			t.Errorf("%d articles after three runs; want 7", n)
		}
	})
}

// editedFixture is the fixture with old replaced by new, in a temporary file.
func editedFixture(t *testing.T, old, new string) string {
	t.Helper()
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("the fixture lacks %q", old)
	}
	p := filepath.Join(t.TempDir(), "export.xml")
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func auditEntries(t *testing.T, db *store.DB) int64 {
	t.Helper()
	check, err := db.VerifyAudit(ctx)
	if err != nil || check.Broken != nil {
		t.Fatalf("VerifyAudit = %+v, %v", check, err)
	}
	return check.Entries
}

func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestDryRun: --dry-run reads and checks everything, says what it would
// do, and writes nothing — no row, no audit entry, no file.
func TestDryRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		entries, version := auditEntries(t, db), contentVersion(t, db)
		run, err := s.importFile(t, fixture, true)
		if err != nil {
			t.Fatal(err)
		}
		if run.Count("post", portal.Created) != 7 || run.Count("attachment", portal.Created) != 2 ||
			run.Count("attachment", portal.Failed) != 1 || run.Count("comment", portal.Created) != 5 {
			t.Errorf("dry run: %d posts, %d attachments (%d failed), %d comments would be created; want 7, 2 (1), 5\n%s",
				run.Count("post", portal.Created), run.Count("attachment", portal.Created), run.Count("attachment", portal.Failed),
				run.Count("comment", portal.Created), problems(run))
		}
		if !strings.Contains(problems(run), "picture left out, not in the library") {
			t.Errorf("dry run problems lack the missing picture:\n%s", problems(run))
		}
		if n, _ := db.CountArticles(ctx, portal.ArticleFilter{}); n != 0 {
			t.Errorf("dry run wrote %d articles", n)
		}
		if n := auditEntries(t, db); n != entries {
			t.Errorf("dry run wrote %d audit entries", n-entries)
		}
		if v := contentVersion(t, db); v != version {
			t.Errorf("dry run raised the content version from %d to %d", version, v)
		}
		if n := countFiles(t, s.media); n != 0 {
			t.Errorf("dry run stored %d files", n)
		}
		if _, err := db.Imported(ctx, portal.Source{System: "wordpress:old.example.vn", Kind: "post", ID: "12"}); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("dry run recorded post 12: %v", err)
		}
		// After a real run, a dry run finds everything unchanged.
		if _, err := s.importFile(t, fixture, false); err != nil {
			t.Fatal(err)
		}
		run, err = s.importFile(t, fixture, true)
		if err != nil {
			t.Fatal(err)
		}
		if run.Count("post", portal.Unchanged) != 7 || run.Count("post", portal.Created)+run.Count("post", portal.Updated) != 0 {
			t.Errorf("dry run after a run: %d posts unchanged, %d created, %d updated; want 7, 0, 0",
				run.Count("post", portal.Unchanged), run.Count("post", portal.Created), run.Count("post", portal.Updated))
		}
	})
}

func contentVersion(t *testing.T, db *store.DB) int64 {
	t.Helper()
	v, err := db.ContentVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestBadInput: what stops an import says where, and nothing is written.
func TestBadInput(t *testing.T) {
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	write := func(name, content string) string {
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// The export cut in the middle of line 201, inside a comment of post 12.
	cut := strings.Join(lines[:200], "\n") + "\n" + lines[200][:len(lines[200])/2]
	broken := strings.Replace(string(b), "<wp:post_name><![CDATA[le-hoi-dua-ghe]]></wp:post_name>",
		"<wp:post_name><![CDATA[le-hoi-dua-ghe]]></wp:post_nam>", 1)
	brokenLine := 1 + strings.Count(broken[:strings.Index(broken, "</wp:post_nam>")], "\n")
	for _, c := range []struct {
		name, file, uploads string
		want                []string
	}{
		{"truncated", write("cut.xml", cut), "", []string{"cut.xml: line 201: ", "cut short"}},
		{"malformed", write("broken.xml", broken), "",
			[]string{"broken.xml: line " + strconv.Itoa(brokenLine) + ": malformed XML", "post_nam"}},
		{"not WXR", write("feed.xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</title></item></channel></rss>`),
			"", []string{"feed.xml: line 1: not a WordPress export"}},
		{"missing file", filepath.Join(t.TempDir(), "khong-co.xml"), "", []string{"khong-co.xml", "no such file"}},
		{"missing uploads", fixture, filepath.Join(t.TempDir(), "uploads"),
			[]string{"uploads folder ", "--uploads", "no such file or directory"}},
		{"no uploads given", fixture, "-", []string{"lists 4 attachments: give --uploads DIR"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := storetest.Open(t, storetest.SQLiteDSN(t))
			s := newSite(t, db)
			switch c.uploads {
			case "-":
				s.uploads = ""
			case "":
			default:
				s.uploads = c.uploads
			}
			_, err := s.importFile(t, c.file, false)
			if err == nil {
				t.Fatal("import succeeded")
			}
			for _, want := range c.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q; want it to say %q", err, want)
				}
			}
			if n, _ := db.CountArticles(ctx, portal.ArticleFilter{}); n != 0 {
				t.Errorf("%d articles written", n)
			}
			if n := countFiles(t, s.media); n != 0 {
				t.Errorf("%d files stored", n)
			}
		})
	}
}

// TestKilledImportResumes kills an import with SIGKILL in the middle — after
// a picture's files are stored, before its record is written — and runs it
// again: everything comes in once.
func TestKilledImportResumes(t *testing.T) {
	if os.Getenv("CONG_WP_KILL_DSN") != "" {
		killedImport(t)
		return
	}
	for name, dsn := range storetest.Engines(t) {
		t.Run(name, func(t *testing.T) {
			dsn := dsn(t)
			db := storetest.Open(t, dsn)
			s := newSite(t, db)
			for _, at := range []string{"media:2", "article:3", "comment:2"} {
				cmd := exec.Command(os.Args[0], "-test.run=^TestKilledImportResumes$", "-test.count=1")
				cmd.Env = append(os.Environ(), "CONG_WP_KILL_DSN="+dsn, "CONG_WP_KILL_AT="+at,
					"CONG_WP_UPLOADS="+s.uploads, "CONG_WP_MEDIA="+s.media)
				out, err := cmd.CombinedOutput()
				var exit *exec.ExitError
				if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
					t.Fatalf("the import killed at %s ended with %v:\n%s", at, err, out)
				}
			}
			run, err := s.importFile(t, fixture, false)
			if err != nil {
				t.Fatal(err)
			}
			if run.Failed() != 1 { // attachment 22, missing from the uploads
				t.Errorf("the resumed run failed %d items; want 1\n%s", run.Failed(), problems(run))
			}
			if n, _ := db.CountArticles(ctx, portal.ArticleFilter{}); n != 7 {
				t.Errorf("%d articles after a killed run and a resumed one; want 7", n)
			}
			shown, _ := db.ApprovedComments(ctx, article(t, db, "12").ID)
			if len(shown) != 1 || len(shown[0].Replies) != 2 {
				t.Errorf("comments after resuming: %+v; want one thread of three", shown)
			}
			list, err := db.ListMedia(ctx, portal.MediaFilter{Limit: 100})
			if err != nil || len(list) != 3 {
				t.Errorf("library after resuming: %d files, %v; want 3 (two attachments, one file)", len(list), err)
			}
			run, _ = s.importFile(t, fixture, false)
			if run.Count("post", portal.Unchanged) != 7 || run.Count("comment", portal.Unchanged) != 5 {
				t.Errorf("a run after resuming: %d posts, %d comments unchanged; want 7, 5",
					run.Count("post", portal.Unchanged), run.Count("comment", portal.Unchanged))
			}
		})
	}
}

// killedImport is the child process of TestKilledImportResumes: it imports
// and kills itself with SIGKILL when the store is called for the n-th time
// for a kind of item (CONG_WP_KILL_AT=article:3).
func killedImport(t *testing.T) {
	kind, n, _ := strings.Cut(os.Getenv("CONG_WP_KILL_AT"), ":")
	limit, _ := strconv.Atoi(n)
	db := storetest.Open(t, os.Getenv("CONG_WP_KILL_DSN"))
	k := &killer{ImportService: db, kind: kind, at: limit}
	run := importer.New("wordpress", os.Stderr, false)
	err := wordpress.Import(ctx, wordpress.Options{File: fixture, UploadsDir: os.Getenv("CONG_WP_UPLOADS"),
		Files: media.Dir(os.Getenv("CONG_WP_MEDIA")), Store: k, Library: db, Run: run, Who: portal.System("test")})
	t.Fatalf("the import ended (%v) before its %d-th %s", err, limit, kind)
}

// killer passes calls to the store until the at-th of kind, where the
// process dies as under kill -9.
type killer struct {
	portal.ImportService
	kind  string
	at, n int
}

func (k *killer) maybeDie(kind string) {
	if kind != k.kind {
		return
	}
	if k.n++; k.n == k.at {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {}
	}
}

func (k *killer) ImportMedia(ctx context.Context, who portal.Actor, imp portal.Import, m *portal.Media) (portal.Outcome, error) {
	k.maybeDie("media")
	return k.ImportService.ImportMedia(ctx, who, imp, m)
}

func (k *killer) ImportArticle(ctx context.Context, who portal.Actor, imp portal.Import, a *portal.Article, note string) (portal.Outcome, error) {
	k.maybeDie("article")
	return k.ImportService.ImportArticle(ctx, who, imp, a, note)
}

func (k *killer) ImportComment(ctx context.Context, who portal.Actor, imp portal.Import, c *portal.Comment) (portal.Outcome, error) {
	k.maybeDie("comment")
	return k.ImportService.ImportComment(ctx, who, imp, c)
}

// TestBrokenPicture: a file that is no picture fails its attachment, with
// its name and line; the posts showing it come in without it, said so.
func TestBrokenPicture(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSite(t, db)
	if err := os.WriteFile(filepath.Join(s.uploads, "2020", "12", "hoi-nghi.jpg"), []byte("\xff\xd8\xff\xe0 not a JPEG"), 0o644); err != nil {
		t.Fatal(err)
	}
	run, err := s.importFile(t, fixture, false)
	if err != nil {
		t.Fatal(err)
	}
	report := problems(run)
	for _, want := range []string{"attachment/20: line 86: 2020/12/hoi-nghi.jpg: Tệp ảnh bị hỏng",
		"post/12: featured image 20 is not in the library",
		"post/12: picture left out, not in the library (missing from the uploads, or its attachment failed): https://old.example.vn/wp-content/uploads/2020/12/hoi-nghi-300x200.jpg"} {
		if !strings.Contains(report, want) {
			t.Errorf("problems lack %q:\n%s", want, report)
		}
	}
	if a := article(t, db, "12"); a.Status != portal.StatusPublished || a.CoverID != 0 || strings.Contains(a.Body, "<img") {
		t.Errorf("post 12 = %s, cover %d, body %s; want it published without the picture", a.Status, a.CoverID, a.Body)
	}
}
