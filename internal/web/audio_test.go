package web_test

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/audio"
	"cong/internal/demo"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// fakeMP3 stands in for espeak-ng and lame in the page's tests: the bytes of
// an MP3's start and three seconds.
type fakeMP3 struct{}

func (fakeMP3) Generate(_ context.Context, text string) ([]byte, time.Duration, error) {
	return append([]byte("ID3\x04\x00\x00\x00\x00\x00\x00"), text...), 3 * time.Second, nil
}

// audioSite is the demo portal with its audio made by sp.
func audioSite(t *testing.T, db *store.DB, sp audio.Speaker, reader portal.AudioReader) (*site, string) {
	t.Helper()
	dir := t.TempDir()
	if _, err := demo.Seed(ctx, db, dir, time.Now()); err != nil {
		t.Fatal(err)
	}
	s := newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Ready: db.Ping, Audio: reader}, dir)
	db.OnChange(s.h.ClearCache) // as serve does
	if w := s.get(t, seedURL); w.Code != 200 || parse(t, w).Find(".article-audio").Length() != 0 {
		t.Fatalf("before any audio is made: GET %s = %d, or a player", seedURL, w.Code)
	}
	wk := &audio.Worker{Speaker: sp, Queue: db, Files: media.Dir(dir), Log: slog.New(slog.DiscardHandler)}
	if made, failed := wk.RunOnce(ctx); made == 0 || failed != 0 {
		t.Fatalf("RunOnce: %d made, %d failed", made, failed)
	}
	return s, dir
}

// TestArticleAudio: once its audio is made, the article's page shows the
// player under the title, labelled and not playing by itself; the audio is
// served with ranges and a year's caching while readers may see the
// article, and never through /media/.
func TestArticleAudio(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := audioSite(t, db, fakeMP3{}, db)
		doc := parse(t, s.get(t, seedURL))
		player := doc.Find("h1.article-title ~ figure.article-audio audio[controls][preload=none]")
		if player.Length() != 1 || player.Is("[autoplay]") {
			t.Fatalf("players under the title: %d; want one, without autoplay", player.Length())
		}
		label, _ := player.Attr("aria-labelledby")
		if got := text(doc, "#"+label); !strings.HasPrefix(got, "Nghe đọc bài") || !strings.Contains(got, "3 giây") {
			t.Errorf("the player's label %q = %q; want Nghe đọc bài and its length", label, got)
		}
		src, _ := player.Find("source[type='audio/mpeg']").Attr("src")
		if !strings.HasPrefix(src, "/nghe/") || !strings.HasSuffix(src, ".mp3") {
			t.Fatalf("audio source %q", src)
		}
		w := s.get(t, src)
		if w.Code != 200 || w.Header().Get("Content-Type") != "audio/mpeg" || !bytes.HasPrefix(w.Body.Bytes(), []byte("ID3")) ||
			!strings.Contains(w.Header().Get("Cache-Control"), "max-age=31536000") {
			t.Errorf("GET %s = %d %q %q", src, w.Code, w.Header().Get("Content-Type"), w.Header().Get("Cache-Control"))
		}
		if w := s.get(t, src, "Range", "bytes=0-2"); w.Code != 206 || w.Body.String() != "ID3" {
			t.Errorf("GET %s bytes=0-2 = %d %q; want 206 ID3", src, w.Code, w.Body.String())
		}
		if w := s.get(t, "/in"+seedURL); parse(t, w).Find("audio").Length() != 0 {
			t.Error("the print view has a player")
		}
		for _, path := range []string{"/media/audio/" + strings.TrimPrefix(src, "/nghe/"), "/nghe/1-0000000000000000.mp3",
			"/nghe/x.mp3", strings.TrimSuffix(src, ".mp3")} {
			if w := s.get(t, path); w.Code != 404 {
				t.Errorf("GET %s = %d; want 404", path, w.Code)
			}
		}
		a, err := db.ArticleBySlug(ctx, demo.SeedSlug)
		if err != nil {
			t.Fatal(err)
		}
		if paths := s.h.PurgePaths(ctx, []string{"article:" + strconv.FormatInt(a.ID, 10)}); !slices.Contains(paths, src) {
			t.Errorf("PurgePaths(article) = %q; want its audio %s too", paths, src)
		}
		// Taken down: the audio is gone for readers too.
		tr := &portal.Transition{ArticleID: a.ID, ActorName: "Hệ thống", Action: portal.ActionUnpublish, From: a.Status,
			To: portal.StatusUnpublished, At: time.Now()}
		if err := db.Apply(ctx, storetest.Actor, tr); err != nil {
			t.Fatal(err)
		}
		if w := s.get(t, src); w.Code != 404 {
			t.Errorf("GET %s of an article taken down = %d; want 404", src, w.Code)
		}
	})
}

// TestArticleAudioWithoutGenerator: a portal without espeak-ng (no
// AudioReader) shows no player and serves no audio, even one made before.
func TestArticleAudioWithoutGenerator(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := audioSite(t, db, fakeMP3{}, nil)
		if n := parse(t, s.get(t, seedURL)).Find("audio, .article-audio").Length(); n != 0 {
			t.Errorf("%d players without the generator; want none", n)
		}
		a, err := db.ArticleBySlug(ctx, demo.SeedSlug)
		if err != nil {
			t.Fatal(err)
		}
		au, err := db.ArticleAudio(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if w := s.get(t, "/nghe/"+strings.TrimPrefix(au.File, audio.Folder)); w.Code != 404 {
			t.Errorf("GET the audio without the generator = %d; want 404", w.Code)
		}
	})
}
