package audio_test

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"strings"
	"testing"
	"time"

	"cong/internal/audio"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestWorker: a published article gets its audio in the media storage; an
// edit that lengthens the text makes a longer one and the old file goes;
// an unchanged save makes none. On both engines.
func TestWorker(t *testing.T) {
	g := generator(t)
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		files := media.Dir(t.TempDir())
		w := &audio.Worker{Speaker: g, Queue: db, Files: files, Log: slog.New(slog.DiscardHandler), Workers: 2}
		cat := portal.Category{Name: "Tin tức", Slug: "tin-tuc", Visible: true}
		if err := db.CreateCategory(ctx, storetest.Actor, &cat); err != nil {
			t.Fatal(err)
		}
		a := portal.Article{CategoryID: cat.ID, Title: "Hội nghị tổng kết năm", Summary: "Sáng nay tỉnh tổ chức hội nghị.",
			Body: "<p>Các đại biểu thảo luận về kết quả đạt được.</p>", Status: portal.StatusPublished,
			PublishedAt: time.Now().Add(-time.Hour)}
		if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		first := runOnce(t, w, db, files, a.ID)
		a.Body += strings.Repeat("<p>Năm tới, tỉnh tiếp tục đẩy mạnh cải cách hành chính và chuyển đổi số.</p>", 3)
		if err := db.UpdateArticle(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		second := runOnce(t, w, db, files, a.ID)
		if second.File == first.File || second.Duration <= first.Duration+5*time.Second {
			t.Errorf("after a longer edit: %s of %s; before: %s of %s", second.File, second.Duration, first.File, first.Duration)
		}
		if _, err := fs.Stat(files, first.File); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("the replaced audio %s: %v; want it removed", first.File, err)
		}
		if err := db.UpdateArticle(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		if made, failed := w.RunOnce(ctx); made+failed != 0 {
			t.Errorf("after an unchanged save, %d made, %d failed; want none", made, failed)
		}
	})
}

// runOnce runs the worker, wants one audio made, for article id, and
// checks its file.
func runOnce(t *testing.T, w *audio.Worker, db *store.DB, files media.Dir, id int64) *portal.Audio {
	t.Helper()
	if made, failed := w.RunOnce(context.Background()); made != 1 || failed != 0 {
		t.Fatalf("RunOnce: %d made, %d failed; want 1 made", made, failed)
	}
	a, err := db.ArticleAudio(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	f, err := files.Open(a.File)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, _ := io.ReadAll(f)
	if !isMP3(b) || int64(len(b)) != a.Bytes || a.Duration < time.Second || a.File != audio.FileName(id, a.Hash) {
		t.Errorf("audio %+v: %d bytes, MP3 %v", a, len(b), isMP3(b))
	}
	return a
}
