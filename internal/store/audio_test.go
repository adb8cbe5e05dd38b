package store_test

import (
	"sync"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// claimOne claims the due jobs and wants exactly one, for article id.
func claimOne(t *testing.T, db *store.DB, id int64) portal.AudioJob {
	t.Helper()
	jobs, err := db.ClaimAudio(ctx, time.Minute, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 1 || jobs[0].ArticleID != id {
		t.Fatalf("ClaimAudio = %+v; want one job, for article %d", jobs, id)
	}
	return jobs[0]
}

func claimNone(t *testing.T, db *store.DB, why string) {
	t.Helper()
	jobs, err := db.ClaimAudio(ctx, time.Minute, 10)
	if err != nil || len(jobs) != 0 {
		t.Fatalf("%s: ClaimAudio = %+v, %v; want no job", why, jobs, err)
	}
}

func made(t *testing.T, db *store.DB, j portal.AudioJob) string {
	t.Helper()
	old, err := db.AudioMade(ctx, j, portal.Audio{File: "audio/" + j.Hash + ".mp3", Bytes: 1000, Duration: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return old
}

// TestAudioQueue: publishing asks for an article's audio, an edit of its
// text for a new one replacing the old, an unchanged save for none; a
// claimed job is held for its lease, and a failed one waits its retry.
func TestAudioQueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)
		clk := &clock{t: now}
		db.Now = clk.Now
		cat := newCategory(t, db, "Tin tức", "tin-tuc", 0)
		a := newArticle(t, db, cat.ID, "Hội nghị tổng kết", portal.StatusDraft, time.Time{})
		claimNone(t, db, "a draft")
		if _, err := db.ArticleAudio(ctx, a.ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Fatalf("ArticleAudio of a draft: %v; want ENOTFOUND", err)
		}
		transition(t, db, &a, portal.ActionPublish, portal.StatusPublished)
		j := claimOne(t, db, a.ID)
		if j.Text != "Hội nghị tổng kết.\nNội dung." || len(j.Hash) != 16 || j.OldFile != "" || j.Attempts != 1 {
			t.Errorf("job = %+v", j)
		}
		claimNone(t, db, "a job held by its lease")
		if old := made(t, db, j); old != "" {
			t.Errorf("the first audio replaced %q", old)
		}
		got, err := db.ArticleAudio(ctx, a.ID)
		if err != nil || got.File != "audio/"+j.Hash+".mp3" || got.Duration != 3*time.Second || got.Bytes != 1000 {
			t.Fatalf("ArticleAudio = %+v, %v", got, err)
		}
		clk.Set(now.Add(time.Hour))
		claimNone(t, db, "audio made")

		a.Summary = "" // unchanged
		if err := db.UpdateArticle(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		claimNone(t, db, "an unchanged save")

		a.Body = "<p>Nội dung mới</p>"
		if err := db.UpdateArticle(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		j2 := claimOne(t, db, a.ID)
		if j2.Hash == j.Hash || j2.OldFile != got.File {
			t.Errorf("after an edit, job = %+v; want a new hash, replacing %s", j2, got.File)
		}
		// Its maker dies: the job comes back when the lease ends.
		clk.Set(now.Add(time.Hour + 2*time.Minute))
		j2 = claimOne(t, db, a.ID)
		if j2.Attempts != 2 {
			t.Errorf("attempts = %d; want 2", j2.Attempts)
		}
		if err := db.AudioFailed(ctx, j2, 10*time.Minute, "espeak-ng: exit status 1", false); err != nil {
			t.Fatal(err)
		}
		claimNone(t, db, "a failed job before its retry")
		clk.Set(now.Add(time.Hour + 13*time.Minute))
		j2 = claimOne(t, db, a.ID)

		// An edit while the audio is made: the job stays due.
		a.Body = "<p>Nội dung sửa lần nữa</p>"
		if err := db.UpdateArticle(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		if old := made(t, db, j2); old != got.File {
			t.Errorf("AudioMade replaced %q; want %q", old, got.File)
		}
		j3 := claimOne(t, db, a.ID)
		if j3.Hash == j2.Hash || j3.OldFile != "audio/"+j2.Hash+".mp3" {
			t.Errorf("after an edit during the job, job = %+v", j3)
		}
		made(t, db, j3)
		claimNone(t, db, "the latest audio made")

		// Taken down before its job runs: the job closes with no audio.
		a.Body = "<p>Bản cuối</p>"
		if err := db.UpdateArticle(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		transition(t, db, &a, portal.ActionUnpublish, portal.StatusUnpublished)
		claimNone(t, db, "an article taken down")
	})
}

// TestAudioClaimsNeverOverlap: makers claiming at once on one database
// (instances sharing it) take every job exactly once.
func TestAudioClaimsNeverOverlap(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Tin tức", "tin-tuc", 0)
		const n = 30
		for i := range n {
			newArticle(t, db, cat.ID, "Bài số "+itoa(i), portal.StatusPublished, time.Now().Add(-time.Hour))
		}
		var mu sync.Mutex
		seen := map[int64]int{}
		var wg sync.WaitGroup
		for range 6 {
			wg.Go(func() {
				for {
					jobs, err := db.ClaimAudio(ctx, time.Hour, 2)
					if err != nil {
						t.Error(err)
						return
					}
					if len(jobs) == 0 {
						return
					}
					mu.Lock()
					for _, j := range jobs {
						seen[j.ArticleID]++
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if len(seen) != n {
			t.Errorf("%d articles claimed; want %d", len(seen), n)
		}
		for id, k := range seen {
			if k != 1 {
				t.Errorf("article %d claimed %d times", id, k)
			}
		}
	})
}
