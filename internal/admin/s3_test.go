package admin_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/admin"
	"cong/internal/counter"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/s3test"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// testJPEG is a photo-like picture: JPEG, wide enough for resized and
// WebP copies.
func testJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 7), uint8(y * 3), uint8(x ^ y), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// objects lists what a bucket holds.
func objects(t *testing.T, s media.Storage) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	if err := s.List(ctx, func(name string, _ int64) error { names[name] = true; return nil }); err != nil {
		t.Fatal(err)
	}
	return names
}

func mediaFiles(m portal.Media) []string {
	return (&media.Saved{File: m.File, Width: m.Width, Variants: m.Variants, WebP: m.WebP}).Files()
}

// otherSite is a second instance's public site on the same database and
// bucket, with its own client of the bucket.
func otherSite(t *testing.T, db *store.DB, cfg media.S3Config) http.Handler {
	t.Helper()
	files, err := media.NewS3(cfg)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	site, err := web.New(web.Config{Media: files, CacheTTL: time.Minute, CacheBytes: 8 << 20, VisitorTTL: time.Hour},
		web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Popular: db, Search: db, Comments: db, Ready: db.Ping,
			Version: db.ContentVersion, Consultations: db, Questions: db, Documents: db, Map: db, Pages: db},
		counter.New(db, 30*time.Minute, 20*time.Minute, log), log)
	if err != nil {
		t.Fatal(err)
	}
	return site
}

func get(h http.Handler, path string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	return w
}

// TestS3UploadServedByAnotherInstance uploads a photo through instance A
// and reads every copy of it through instance B.
func TestS3UploadServedByAnotherInstance(t *testing.T) {
	srv := s3test.Start(t)
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		bucket, name := srv.Bucket(t)
		a := newNewsroomOn(t, db, time.Now, bucket)
		b := otherSite(t, db, srv.Config(name, ""))
		if w := a.upload(t, "reporter", "le-khanh-thanh.jpg", "Lễ khánh thành", testJPEG(t, 1600, 900)); w.Code != http.StatusSeeOther {
			t.Fatalf("upload on A = %d; want 303", w.Code)
		}
		list, err := db.ListMedia(ctx, portal.MediaFilter{Query: "khánh thành", Limit: 1})
		if err != nil || len(list) != 1 || len(list[0].Variants) == 0 || len(list[0].WebP) == 0 {
			t.Fatalf("media = %+v, %v; want the photo with resized and WebP copies", list, err)
		}
		for _, file := range mediaFiles(list[0]) {
			f, err := bucket.Open(file)
			if err != nil {
				t.Fatalf("object %s: %v", file, err)
			}
			want, _ := io.ReadAll(f)
			f.Close()
			if w := get(b, "/media/"+file); w.Code != 200 || !bytes.Equal(w.Body.Bytes(), want) {
				t.Errorf("GET /media/%s on B = %d, %d bytes; want 200 and the object's %d", file, w.Code, w.Body.Len(), len(want))
			}
		}
		if w := get(b, "/media/2026/01/none.jpg"); w.Code != http.StatusNotFound {
			t.Errorf("GET a missing file on B = %d; want 404", w.Code)
		}
	})
}

// TestS3FailedWriteLeavesNothing: objects first, then the row; a row that
// cannot be written takes its objects away, and objects that cannot be
// written leave no row.
func TestS3FailedWriteLeavesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv := s3test.Start(t) // one each: the test stops it
		bucket, _ := srv.Bucket(t)
		n := newNewsroomOn(t, db, time.Now, bucket)
		before := objects(t, bucket)
		count := func() int {
			list, err := db.ListMedia(ctx, portal.MediaFilter{Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			return len(list)
		}
		rows := count()

		office, err := admin.New(admin.Config{Media: bucket, IdleTimeout: 15 * time.Minute, AbsoluteTimeout: 12 * time.Hour},
			dbRefusingMedia{db}, n.site, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		refusing := &newsroom{db: db, h: office, tokens: n.tokens}
		if w := refusing.upload(t, "reporter", "anh.jpg", "Ảnh", testJPEG(t, 1600, 900)); w.Code < 400 {
			t.Errorf("upload with the row refused = %d; want an error", w.Code)
		}
		if got := objects(t, bucket); len(got) != len(before) {
			t.Errorf("objects after a refused row: %d; want the %d there before", len(got), len(before))
		}

		srv.Stop() // and now the objects cannot be written
		if w := n.upload(t, "reporter", "anh.jpg", "Ảnh", testJPEG(t, 1600, 900)); w.Code != http.StatusServiceUnavailable {
			t.Errorf("upload with the S3 server stopped = %d; want 503", w.Code)
		}
		if got := count(); got != rows {
			t.Errorf("media rows after a failed object write: %d; want %d", got, rows)
		}
	})
}

// dbRefusingMedia is the database, whose CreateMedia fails.
type dbRefusingMedia struct{ *store.DB }

func (dbRefusingMedia) CreateMedia(context.Context, portal.Actor, *portal.Media) error {
	return errors.New("database refused the row")
}

// TestS3DocumentFiles: a document's file goes to the bucket, is served
// only through Cổng's check (published documents) and never at /media/,
// and removing it removes the object.
func TestS3DocumentFiles(t *testing.T) {
	srv := s3test.Start(t)
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		bucket, _ := srv.Bucket(t)
		n := newNewsroomOn(t, db, time.Now, bucket)
		w := n.postDocument(t, "editor", admin.Prefix+"/van-ban/moi", documentFields(t, db, "15-NQ/TU", "05/03/2024"),
			map[string]string{"Nghị quyết 15.pdf": tinyPDF})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("create document = %d; want 303", w.Code)
		}
		list, _ := db.Documents(ctx, portal.DocumentFilter{All: true, Query: "15-NQ/TU"})
		d, err := db.Document(ctx, list.Documents[0].ID)
		if err != nil || len(d.Files) != 1 {
			t.Fatalf("document = %+v, %v", d, err)
		}
		file := d.Files[0].File
		if _, err := bucket.Open(file); err != nil {
			t.Fatalf("object %s: %v", file, err)
		}
		if w := get(n.site, "/media/"+file); w.Code != http.StatusNotFound {
			t.Errorf("GET /media/%s (a draft's file, straight from the bucket) = %d; want 404", file, w.Code)
		}
		// A citizen's attachment in the bucket is never served at /media/.
		if err := bucket.Create(ctx, "hoi-dap/2026/12/dinh-kem.pdf", strings.NewReader(tinyPDF)); err != nil {
			t.Fatal(err)
		}
		if w := get(n.site, "/media/hoi-dap/2026/12/dinh-kem.pdf"); w.Code != http.StatusNotFound {
			t.Errorf("GET /media/hoi-dap/… = %d; want 404: attachments are for staff, through the back office", w.Code)
		}
		public := "/van-ban/" + d.Slug + "/tep/" + strconv.FormatInt(d.Files[0].ID, 10)
		if w := get(n.site, public); w.Code != http.StatusNotFound {
			t.Errorf("GET %s before publication = %d; want 404", public, w.Code)
		}
		path := admin.Prefix + "/van-ban/" + strconv.FormatInt(d.ID, 10)
		if w := n.do(t, "editor", "POST", path+"/cong-bo", url.Values{"action": {"publish"}}); w.Code != http.StatusSeeOther {
			t.Fatalf("publish = %d; want 303", w.Code)
		}
		n.site.ClearCache()
		if w := get(n.site, public); w.Code != 200 || w.Body.String() != tinyPDF {
			t.Errorf("GET %s once published = %d %q; want 200 and the file", public, w.Code, w.Body.String())
		}
		if w := get(n.site, "/media/"+file); w.Code != http.StatusNotFound {
			t.Errorf("GET /media/%s (a published document's file) = %d; want 404: only through its page", file, w.Code)
		}
		if w := n.do(t, "editor", "POST", path+"/tep/"+strconv.FormatInt(d.Files[0].ID, 10)+"/xoa", url.Values{}); w.Code != http.StatusSeeOther {
			t.Fatalf("remove file = %d; want 303", w.Code)
		}
		if _, err := bucket.Open(file); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("object %s after its file was removed: %v; want fs.ErrNotExist", file, err)
		}
	})
}
