package media_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"cong/internal/media"
	"cong/internal/s3test"
)

func TestS3Storage(t *testing.T) {
	srv := s3test.Start(t)
	store, _ := srv.Bucket(t)
	ctx := context.Background()
	body := strings.Repeat("0123456789", 1000)
	if err := store.Create(ctx, "2026/12/a.txt", strings.NewReader(body)); err != nil {
		t.Fatalf("Create: %v", err)
	}
	// A plain reader (size unknown) is spooled first.
	if err := store.Create(ctx, "2026/12/b.txt", io.MultiReader(strings.NewReader("b"))); err != nil {
		t.Fatalf("Create (plain reader): %v", err)
	}
	if err := store.Create(ctx, "2026/12/a.txt", strings.NewReader("other")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Create over an existing name = %v; want fs.ErrExist", err)
	}
	if err := store.Create(ctx, "../x", strings.NewReader("x")); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("Create(../x) = %v; want fs.ErrInvalid", err)
	}
	if _, err := store.Open("2026/12/missing.txt"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open(missing) = %v; want fs.ErrNotExist", err)
	}
	var names []string
	if err := store.List(ctx, func(name string, size int64) error {
		names = append(names, name)
		return nil
	}); err != nil || strings.Join(names, " ") != "2026/12/a.txt 2026/12/b.txt" {
		t.Errorf("List = %q, %v; want both files", names, err)
	}

	// http.ServeContent over an object: whole, a range, a conditional GET.
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := store.Open("2026/12/a.txt")
		if err != nil {
			http.Error(w, err.Error(), 404)
			return
		}
		defer f.Close()
		info, _ := f.Stat()
		http.ServeContent(w, r, info.Name(), info.ModTime(), f.(io.ReadSeeker))
	})
	get := func(hdr ...string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", "/", nil)
		for i := 0; i+1 < len(hdr); i += 2 {
			r.Header.Set(hdr[i], hdr[i+1])
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	if w := get(); w.Code != 200 || w.Body.String() != body || w.Header().Get("Last-Modified") == "" {
		t.Errorf("GET = %d, %d bytes, Last-Modified %q; want 200 and the file", w.Code, w.Body.Len(), w.Header().Get("Last-Modified"))
	}
	if w := get("Range", "bytes=9995-"); w.Code != 206 || w.Body.String() != "56789" {
		t.Errorf("GET Range = %d %q; want 206 \"56789\"", w.Code, w.Body.String())
	}
	if w := get("If-Modified-Since", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)); w.Code != 304 {
		t.Errorf("GET If-Modified-Since = %d; want 304", w.Code)
	}

	if err := store.Remove(ctx, "2026/12/a.txt"); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	if _, err := store.Open("2026/12/a.txt"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open after Remove = %v; want fs.ErrNotExist", err)
	}
}

// A processed upload on S3 stores every variant, and a failed one none.
func TestS3Process(t *testing.T) {
	srv := s3test.Start(t)
	store, _ := srv.Bucket(t)
	saved, err := (&media.Processor{Store: store}).Process(ctx, "a.jpg", bytes.NewReader(jpegOf(t, photo(2000, 1000))))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range saved.Files() {
		if _, err := store.Open(name); err != nil {
			t.Errorf("variant %s: %v", name, err)
		}
	}
	srv.Stop()
	_, err = (&media.Processor{Store: store}).Process(ctx, "b.jpg", bytes.NewReader(jpegOf(t, photo(200, 100))))
	if err == nil {
		t.Fatal("Process with the S3 server stopped succeeded")
	}
}

// BenchmarkS3Create measures uploads to a local versitygw, one at a time
// and four at once, for the upload throughput in docs/SCALING.md:
//
//	go test -run '^$' -bench S3Create -benchtime 200x ./internal/media
func BenchmarkS3Create(b *testing.B) {
	srv := s3test.Start(b)
	store, _ := srv.Bucket(b)
	var i atomic.Int64 // names stay new across the runs of each sub-benchmark
	for _, size := range []int{100 << 10, 1 << 20} {
		data := bytes.Repeat([]byte("cổng"), size/len("cổng"))
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if err := store.Create(ctx, fmt.Sprintf("bench/%d/%d", size, i.Add(1)), bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
		b.Run(fmt.Sprintf("%dKB-parallel4", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.SetParallelism(2) // 2 × GOMAXPROCS (2 here) = 4 at once
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := store.Create(ctx, fmt.Sprintf("bench/p%d/%d", size, i.Add(1)), bytes.NewReader(data)); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}
