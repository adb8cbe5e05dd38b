package wordpress_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cong/internal/importer"
	"cong/internal/importer/wordpress"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/store"
)

var ctx = context.Background()

const fixture = "testdata/export.xml"

// site is where a test imports to: a database and a media folder.
type site struct {
	db      *store.DB
	media   string
	uploads string
}

func newSite(t *testing.T, db *store.DB) *site {
	return &site{db: db, media: t.TempDir(), uploads: makeUploads(t)}
}

// importFile imports file into s, for real or as a dry run.
func (s *site) importFile(t *testing.T, file string, dry bool) (*importer.Run, error) {
	t.Helper()
	run := importer.New("wordpress", io.Discard, dry)
	o := wordpress.Options{File: file, UploadsDir: s.uploads, Store: s.db, Library: s.db, Run: run,
		Who: portal.System("cong import wordpress"), Files: media.Dir(s.media)}
	if dry {
		o.Store, o.Files = &importer.Dry{Store: s.db}, nil
	}
	return run, wordpress.Import(ctx, o)
}

// makeUploads builds the copy of wp-content/uploads the fixture's
// attachments are in: real pictures, with WordPress's sized copies, a file no
// attachment names, a video; 2020/11/thieu.jpg is missing on purpose.
func makeUploads(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string][]byte{
		"2020/12/hoi-nghi.jpg":          picture(t, 800, 533, "jpeg"),
		"2020/12/hoi-nghi-300x200.jpg":  picture(t, 300, 200, "jpeg"),
		"2020/12/hoi-nghi-150x150.jpg":  picture(t, 150, 150, "jpeg"),
		"2021/01/so-do-duong-dua.png":   picture(t, 400, 300, "png"),
		"2019/05/anh-cu.jpg":            picture(t, 1200, 900, "jpeg"),
		"2019/05/anh-cu-1024x768.jpg":   picture(t, 1024, 768, "jpeg"),
		"2021/01/phong-su.mp4":          []byte("\x00\x00\x00\x18ftypmp42 not really a video"),
		"2020/12/khong-ai-dung-toi.jpg": picture(t, 100, 100, "jpeg"),
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// picture draws a w×h gradient as JPEG or PNG.
func picture(t *testing.T, w, h int, format string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 120, 255})
		}
	}
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 80})
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// imported returns what the import made of a WordPress item.
func imported(t *testing.T, db *store.DB, kind, id string) int64 {
	t.Helper()
	r, err := db.Imported(ctx, portal.Source{System: "wordpress:old.example.vn", Kind: kind, ID: id})
	if err != nil {
		t.Fatalf("Imported(%s %s): %v", kind, id, err)
	}
	return r.ID
}

func article(t *testing.T, db *store.DB, postID string) *portal.Article {
	t.Helper()
	a, err := db.Article(ctx, imported(t, db, "post", postID))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// counts are a run's outcomes by kind, as the summary shows them.
func counts(run *importer.Run, kinds ...string) map[string]map[portal.Outcome]int {
	out := map[string]map[portal.Outcome]int{}
	for _, k := range kinds {
		out[k] = map[portal.Outcome]int{}
		for _, o := range []portal.Outcome{portal.Created, portal.Updated, portal.Unchanged, portal.Skipped, portal.Failed} {
			if n := run.Count(k, o); n > 0 {
				out[k][o] = n
			}
		}
	}
	return out
}

func problems(run *importer.Run) string {
	var b strings.Builder
	for _, p := range run.Problems() {
		b.WriteString(p.Kind + "/" + p.Source + ": " + p.Message + "\n")
	}
	return b.String()
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.DateTime, s)
	if err != nil {
		panic(err)
	}
	return t
}
