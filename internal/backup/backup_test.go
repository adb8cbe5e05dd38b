package backup_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"cong/internal/backup"
	"cong/internal/demo"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

var ctx = context.Background()

// site is a portal: its database and its media folder.
type site struct {
	db    *store.DB
	media string
}

func newSite(t *testing.T, dsn string) site {
	return site{db: storetest.Open(t, dsn), media: t.TempDir()}
}

// seeded is a site with the demo content: rows in most tables.
func seeded(t *testing.T, dsn string) site {
	s := newSite(t, dsn)
	if _, err := demo.Seed(ctx, s.db, s.media, time.Now()); err != nil {
		t.Fatal(err)
	}
	return s
}

// writeWhile keeps adding articles, comments and uploads to s until stop is
// closed or two seconds have passed; it closes started after a few.
func writeWhile(t *testing.T, s site, started, stop chan struct{}) *sync.WaitGroup {
	cat := portal.Category{Name: "Tin ghi liên tục", Slug: "tin-ghi-lien-tuc", Visible: true}
	if err := s.db.CreateCategory(ctx, storetest.Actor, &cat); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		deadline := time.Now().Add(2 * time.Second)
		for i := 0; time.Now().Before(deadline); i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := writeOne(s, cat.ID, i); err != nil {
				t.Errorf("writer: %v", err)
				return
			}
			if i == 5 {
				close(started)
			}
		}
	})
	return &wg
}

func writeOne(s site, cat int64, i int) error {
	name := fmt.Sprintf("tai-len/anh-%d.png", i)
	if err := media.Dir(s.media).Create(ctx, name, strings.NewReader(fmt.Sprintf("ảnh số %d", i))); err != nil {
		return err
	}
	m := portal.Media{File: name, MIME: "image/png", Width: 10, Height: 10, Alt: "Ảnh"}
	if err := s.db.CreateMedia(ctx, storetest.Actor, &m); err != nil {
		return err
	}
	a := portal.Article{CategoryID: cat, Title: fmt.Sprintf("Bài viết số %d", i), Body: "<p>Nội dung đổi mới</p>",
		Status: portal.StatusPublished, PublishedAt: time.Now().Add(-time.Minute), CoverID: m.ID}
	if err := s.db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
		return err
	}
	c := &portal.Comment{ArticleID: a.ID, Name: "Bạn đọc", Body: "Ý kiến", Approved: true}
	return s.db.CreateComment(ctx, storetest.Actor, c)
}

// backupWhileWriting backs s up while a writer adds to it.
func backupWhileWriting(t *testing.T, s site, path string) *backup.Manifest {
	started, stop := make(chan struct{}), make(chan struct{})
	wg := writeWhile(t, s, started, stop)
	<-started
	m := takeBackup(t, s, path)
	close(stop)
	wg.Wait()
	return m
}

func takeBackup(t *testing.T, s site, path string) *backup.Manifest {
	t.Helper()
	snap, err := s.db.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	m, _, err := backup.Write(ctx, path, snap, backup.Options{Media: media.Dir(s.media), Key: storetest.AuditKey,
		Version: "test", Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func restore(s site, path string, force bool) error {
	a, err := backup.Open(path)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.Verify(ctx, storetest.AuditKey, nil); err != nil {
		return err
	}
	if !force {
		if err := s.db.CheckEmpty(ctx); err != nil {
			return err
		}
	}
	if err := a.ExtractMedia(ctx, media.Dir(s.media), nil); err != nil {
		return err
	}
	return s.db.Restore(ctx, portal.System("cong restore"), a, store.RestoreOptions{Name: path, Force: force})
}

// TestMoveBetweenEngines backs a portal up while it is written to, restores
// the backup into the other engine, and finds every row and every media
// file there.
func TestMoveBetweenEngines(t *testing.T) {
	engines := storetest.Engines(t)
	pairs := [][2]string{{"sqlite", "sqlite"}}
	if engines["postgres"] != nil {
		pairs = [][2]string{{"sqlite", "postgres"}, {"postgres", "sqlite"}}
	}
	for _, p := range pairs {
		t.Run(p[0]+"-to-"+p[1], func(t *testing.T) {
			src := seeded(t, engines[p[0]](t))
			path := filepath.Join(t.TempDir(), "cong.zip")
			m := backupWhileWriting(t, src, path)
			checkEveryTable(t, src.db, m)
			dst := newSite(t, engines[p[1]](t))
			if err := restore(dst, path, false); err != nil {
				t.Fatalf("restore: %v", err)
			}
			compareTables(t, path, dst.db)
			compareMedia(t, m, src.media, dst.media)
			checkRestored(t, dst)
			// Again over the restored portal, forced: the audit log's guard
			// is lifted and put back, and everything is replaced.
			if err := restore(dst, path, true); err != nil {
				t.Fatalf("forced restore: %v", err)
			}
			compareTables(t, path, dst.db)
			checkRestored(t, dst)
			t.Logf("%d tables, %d rows, %d media files", len(m.Tables), m.Rows(), len(m.Media))
		})
	}
}

// checkEveryTable fails when a table of the database, read here without
// the store's help, is missing from the archive or has no rows in it.
func checkEveryTable(t *testing.T, db *store.DB, m *backup.Manifest) {
	q := `SELECT name FROM sqlite_master WHERE type = 'table'`
	if db.Engine() == "postgres" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	var want, got []string
	for _, name := range column(t, raw(t, db), q) {
		if !strings.HasPrefix(name, "article_search") && !strings.HasPrefix(name, "sqlite_") && name != "schema_migrations" {
			want = append(want, name)
		}
	}
	for _, tb := range m.Tables {
		got = append(got, tb.Table)
	}
	slices.Sort(want)
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the archive's tables differ from the database's (-database +archive):\n%s", diff)
	}
	var rows int64
	for _, tb := range m.Tables {
		rows += tb.Rows
	}
	if rows < 100 || m.Tables[0].Rows == 0 && m.Tables[len(m.Tables)-1].Rows == 0 {
		t.Errorf("the archive holds %d rows: the test's portal is too empty to prove much", rows)
	}
}

// raw opens the database of db apart from the store, to read it without
// the store's help.
func raw(t *testing.T, db *store.DB) *sql.DB {
	driver, dsn := "sqlite", "file:"+db.DSN()
	if db.Engine() == "postgres" {
		driver, dsn = "pgx", db.DSN()
	}
	r, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func column(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// compareTables compares every table of the archive with the restored
// database, row by row. The restore adds its own audit entry and raises
// the content version: those two are set aside.
func compareTables(t *testing.T, path string, db *store.DB) {
	a, err := backup.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	snap, err := db.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	for _, tb := range a.Manifest.Tables {
		var want, got []string
		err := a.Rows(ctx, tb.Table, func(row []any) error {
			want = append(want, rowText(row))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(snap.Tables, func(l store.Table) bool { return l.Name == tb.Table })
		live := snap.Tables[i]
		live.Columns = tb.Columns // the archive's order of columns
		if err := snap.Rows(ctx, live, func(row []any) error {
			got = append(got, rowText(row))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		switch tb.Table {
		case "audit_log":
			if len(got) == len(want)+1 && strings.Contains(got[len(got)-1], "backup.restore") {
				got = got[:len(want)]
			}
		case "settings":
			got = slices.DeleteFunc(got, func(r string) bool { return strings.Contains(r, "content.version") })
			want = slices.DeleteFunc(want, func(r string) bool { return strings.Contains(r, "content.version") })
		}
		slices.Sort(want)
		slices.Sort(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("table %s differs after the restore (-archive +restored):\n%s", tb.Table, diff)
		}
	}
}

// rowText writes a row of portable values so rows of either engine compare.
func rowText(row []any) string {
	parts := make([]string, len(row))
	for i, v := range row {
		switch x := v.(type) {
		case time.Time:
			// PostgreSQL keeps microseconds; SQLite keeps what it is given.
			parts[i] = x.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano)
		case []byte:
			parts[i] = "b64:" + base64.StdEncoding.EncodeToString(x)
		case nil:
			parts[i] = "NULL"
		default:
			parts[i] = fmt.Sprintf("%T:%v", x, x)
		}
	}
	return strings.Join(parts, " | ")
}

// compareMedia checks that every media file of the archive is in the
// restored folder with the source's content, and that every media row of
// the archive names a file that came with it.
func compareMedia(t *testing.T, m *backup.Manifest, from, to string) {
	if len(m.Media) == 0 {
		t.Fatal("no media files in the archive")
	}
	for _, p := range m.Media {
		name := strings.TrimPrefix(p.Name, "media/")
		if a, b := fileHash(t, filepath.Join(from, name)), fileHash(t, filepath.Join(to, name)); a != b || a != p.SHA256 {
			t.Errorf("media file %s: source %s, restored %s, manifest %s", name, a, b, p.SHA256)
		}
	}
}

func fileHash(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Error(err)
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// checkRestored checks the restored portal works: its audit chain holds
// with the restore's entry at its end, new rows get new ids, every media row
// names a file that is there, and search finds restored articles.
func checkRestored(t *testing.T, s site) {
	check, err := s.db.VerifyAudit(ctx)
	if err != nil || check.Broken != nil {
		t.Fatalf("VerifyAudit after restore = %+v, %v; want an intact chain", check, err)
	}
	if err := writeOne(s, 1, int(time.Now().UnixNano()%1e9)); err != nil {
		t.Errorf("a write after the restore: %v", err)
	}
	for _, f := range column(t, raw(t, s.db), "SELECT file FROM media") {
		if _, err := os.Stat(filepath.Join(s.media, f)); err != nil {
			t.Errorf("media row names %s, not restored: %v", f, err)
		}
	}
	res, err := s.db.Search(ctx, portal.SearchQuery{Text: "đổi mới", Page: 1})
	if err != nil || res.Total == 0 {
		t.Errorf("Search after restore = %+v, %v; want the restored articles", res, err)
	}
}

// TestRefusals checks that a damaged or tampered archive, an archive of a
// newer schema and a database that is not empty are each refused before
// anything is written.
func TestRefusals(t *testing.T) {
	src := seeded(t, storetest.SQLiteDSN(t))
	if err := writeOne(src, 1, 1); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.zip")
	takeBackup(t, src, good)
	// A second run over the same file is safe and leaves no .tmp.
	takeBackup(t, src, good)
	if _, err := os.Stat(good + ".tmp"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a .tmp file is left: %v", err)
	}
	raw, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		make func(path string)
		want string
	}{
		{"truncated", func(p string) { os.WriteFile(p, raw[:len(raw)*2/3], 0o600) }, "not a whole backup archive"},
		{"flipped byte", func(p string) { os.WriteFile(p, flip(t, raw, "tables/articles.jsonl"), 0o600) }, "tables/articles.jsonl"},
		{"missing media file", func(p string) {
			rewrite(t, raw, p, func(name string, b []byte) []byte {
				if strings.HasPrefix(name, "media/tai-len/") {
					return nil
				}
				return b
			})
		}, "is missing"},
		{"extra part", func(p string) {
			rewrite(t, raw, p, func(name string, b []byte) []byte { return b }, "media/extra.php")
		}, "not in the manifest"},
		{"part and hash changed together", func(p string) {
			var before, after string
			rewrite(t, raw, p, func(name string, b []byte) []byte {
				switch name {
				case "tables/comments.jsonl":
					sum := sha256.Sum256(b)
					before = hex.EncodeToString(sum[:])
					b = bytes.Replace(b, []byte("Ý kiến"), []byte("Ý kiếN"), 1)
					sum = sha256.Sum256(b)
					after = hex.EncodeToString(sum[:])
				case "manifest.json":
					b = bytes.Replace(b, []byte(before), []byte(after), 1)
				}
				return b
			})
		}, "seal does not match"},
		{"newer schema", func(p string) {
			var manifest []byte
			rewrite(t, raw, p, func(name string, b []byte) []byte {
				switch name {
				case "manifest.json":
					b = bytes.Replace(b, []byte(`"schema_version": `), []byte(`"schema_version": 9`), 1)
					manifest = b
				case "manifest.hmac": // sealed again with the key: made by a newer cong
					mac := hmac.New(sha256.New, storetest.AuditKey)
					mac.Write(manifest)
					b = []byte(hex.EncodeToString(mac.Sum(nil)))
				}
				return b
			})
		}, "newer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.zip")
			tt.make(path)
			dst := newSite(t, storetest.SQLiteDSN(t))
			err := restoreChecked(dst, path, store.LatestMigration(dst.db.DSN()))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("restore of a %s archive: %v; want an error saying %q", tt.name, err, tt.want)
			}
			if n, _ := dst.db.CountArticles(ctx, portal.ArticleFilter{}); n != 0 {
				t.Errorf("%d articles written before the refusal", n)
			}
			if entries, _ := os.ReadDir(dst.media); len(entries) != 0 {
				t.Errorf("media files written before the refusal: %v", entries)
			}
		})
	}
	t.Run("not empty", func(t *testing.T) {
		dst := seeded(t, storetest.SQLiteDSN(t))
		before, _ := dst.db.CountArticles(ctx, portal.ArticleFilter{})
		if err := restore(dst, good, false); !errors.Is(err, store.ErrNotEmpty) {
			t.Fatalf("restore into a portal with content: %v; want ErrNotEmpty", err)
		}
		if n, _ := dst.db.CountArticles(ctx, portal.ArticleFilter{}); n != before {
			t.Errorf("articles went from %d to %d", before, n)
		}
		// Forced, it replaces everything, and the chain still holds.
		if err := restore(dst, good, true); err != nil {
			t.Fatalf("forced restore: %v", err)
		}
		compareTables(t, good, dst.db)
		checkRestored(t, dst)
	})
}

// restoreChecked is what `cong restore` does before writing: open, verify,
// and refuse a schema newer than the binary's.
func restoreChecked(s site, path string, newest int) error {
	a, err := backup.Open(path)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.Verify(ctx, storetest.AuditKey, nil); err != nil {
		return err
	}
	if err := a.Compatible(newest); err != nil {
		return err
	}
	return restore(s, path, false)
}

// flip flips one byte in the middle of part's data.
func flip(t *testing.T, raw []byte, part string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == part {
			off, err := f.DataOffset()
			if err != nil {
				t.Fatal(err)
			}
			out := bytes.Clone(raw)
			out[off+int64(f.CompressedSize64)/2] ^= 0x20
			return out
		}
	}
	t.Fatalf("no part %s", part)
	return nil
}

// rewrite copies the archive raw to path, each part through edit (nil drops
// it), and adds the parts named in extra.
func rewrite(t *testing.T, raw []byte, path string, edit func(name string, b []byte) []byte, extra ...string) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if b = edit(f.Name, b); b == nil {
			continue
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	for _, name := range extra {
		w, _ := zw.Create(name)
		w.Write([]byte("<?php"))
	}
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}
