package wordpress_test

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"cong/internal/importer"
	"cong/internal/importer/wordpress"
	"cong/internal/importer/wordpress/wxrgen"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// BenchmarkImport imports a generated export of CONG_BENCH_POSTS posts
// (default 2 000; bench/README.md has the figures for 100 000) with their
// comments and a picture every 200 posts into a fresh SQLite database, each
// iteration. It reports posts per second.
func BenchmarkImport(b *testing.B) {
	posts := 2000
	if n, err := strconv.Atoi(os.Getenv("CONG_BENCH_POSTS")); err == nil && n > 0 {
		posts = n
	}
	o := wxrgen.Options{Posts: posts, Attachments: max(1, posts/200), Seed: 1}
	dir := b.TempDir()
	file := filepath.Join(dir, "export.xml")
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	if err := wxrgen.Write(f, o); err != nil {
		b.Fatal(err)
	}
	f.Close()
	uploads := filepath.Join(dir, "uploads")
	if err := wxrgen.WriteUploads(uploads, o); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		db := storetest.Open(b, storetest.SQLiteDSN(b))
		mediaDir := b.TempDir()
		b.StartTimer()
		run := importer.New("wordpress", io.Discard, false)
		err := wordpress.Import(ctx, wordpress.Options{File: file, UploadsDir: uploads, Files: media.Dir(mediaDir),
			Store: db, Library: db, Run: run, Who: portal.System("bench")})
		if err != nil || run.Failed() > 0 {
			b.Fatalf("import: %v, %d failed", err, run.Failed())
		}
		b.ReportMetric(float64(posts)/b.Elapsed().Seconds(), "posts/s")
	}
}
