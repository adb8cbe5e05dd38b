package audio

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"cong/internal/media"
	"cong/internal/portal"
)

// Folder is where the audio files are kept in the media storage. /media/
// does not serve it: an article's audio reaches readers only while they
// may see the article (web's /nghe/).
const Folder = "audio/"

// FileName is the name of the audio of article id reading the text of
// hash: a new text, a new name, which may be cached for ever.
func FileName(id int64, hash string) string {
	return Folder + strconv.FormatInt(id, 10) + "-" + hash + ".mp3"
}

// Speaker makes the sound of a text; *Generator is one.
type Speaker interface {
	Generate(ctx context.Context, text string) ([]byte, time.Duration, error)
}

// Worker makes the audio of the articles the queue holds: every Poll it
// claims up to Workers due jobs for a lease and makes them at once, one
// process pair each, until none is due. Every instance may run one: the
// queue hands each job to one maker at a time.
type Worker struct {
	Speaker Speaker
	Queue   portal.AudioQueue
	Files   media.Storage
	Log     *slog.Logger
	// Workers is how many audios are made at once; 0: one.
	Workers int
	// Poll is how often the queue is read; 0: every 10 seconds.
	Poll time.Duration
	// Lease holds a claimed job from other makers; it must outlast
	// making one (Generator.Timeout). 0: 10 minutes.
	Lease time.Duration
}

// maxAttempts is how many times a text is tried before its job waits for
// the next edit.
const maxAttempts = 5

// Run makes audio until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	t := time.NewTicker(cmp.Or(w.Poll, 10*time.Second))
	defer t.Stop()
	for {
		w.RunOnce(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunOnce makes the audio due now, Workers at a time, until none is due or
// one fails; it returns how many were made and how many failed.
func (w *Worker) RunOnce(ctx context.Context) (made, failed int) {
	for ctx.Err() == nil {
		jobs, err := w.Queue.ClaimAudio(ctx, cmp.Or(w.Lease, 10*time.Minute), max(w.Workers, 1))
		if err != nil {
			if ctx.Err() == nil {
				w.Log.Warn("audio queue not read", "err", err)
			}
			return made, failed
		}
		if len(jobs) == 0 {
			return made, failed
		}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, j := range jobs {
			wg.Go(func() {
				ok := w.make(ctx, j)
				mu.Lock()
				defer mu.Unlock()
				if ok {
					made++
				} else {
					failed++
				}
			})
		}
		wg.Wait()
		if failed > 0 {
			return made, failed
		}
	}
	return made, failed
}

// make makes one job's audio, stores it, records it and removes the file it
// replaces; it reports whether all went well.
func (w *Worker) make(ctx context.Context, j portal.AudioJob) bool {
	start := time.Now()
	sound, d, err := w.Speaker.Generate(ctx, j.Text)
	name := FileName(j.ArticleID, j.Hash)
	if err == nil {
		err = w.Files.Create(ctx, name, bytes.NewReader(sound))
		if errors.Is(err, fs.ErrExist) {
			err = nil // an earlier try of the same text stored it, then failed
		}
	}
	// Record even while stopping: a file stored must be known.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err != nil && ctx.Err() != nil { // stopping: the job is due again at once, for whichever instance runs
		if err := w.Queue.AudioFailed(rctx, j, 0, "stopped", false); err != nil {
			w.Log.Warn("audio job not handed back; tried again when its lease ends", "article", j.ArticleID, "err", err)
		}
		return false
	}
	if err != nil {
		w.failed(rctx, j, err)
		return false
	}
	old, err := w.Queue.AudioMade(rctx, j, portal.Audio{ArticleID: j.ArticleID, Hash: j.Hash, File: name,
		Bytes: int64(len(sound)), Duration: d})
	if err != nil {
		if name != j.OldFile {
			w.Files.Remove(rctx, name)
		}
		w.failed(rctx, j, fmt.Errorf("not recorded: %w", err))
		return false
	}
	if old != "" {
		if err := w.Files.Remove(rctx, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
			w.Log.Warn("old audio not removed", "article", j.ArticleID, "file", old, "err", err)
		}
	}
	w.Log.Info("audio made", "article", j.ArticleID, "file", name, "bytes", len(sound),
		"duration", d.Round(time.Second), "took", time.Since(start).Round(time.Millisecond))
	return true
}

// failed records a failed try: due again after a delay that doubles with
// each try, from a minute to an hour, or given up after maxAttempts.
func (w *Worker) failed(ctx context.Context, j portal.AudioJob, err error) {
	giveUp := j.Attempts >= maxAttempts
	delay := min(time.Minute<<max(j.Attempts-1, 0), time.Hour)
	w.Log.Warn("audio not made", "article", j.ArticleID, "attempt", j.Attempts, "given_up", giveUp,
		"retry_in", delay, "err", err)
	if err := w.Queue.AudioFailed(ctx, j, delay, err.Error(), giveUp); err != nil {
		w.Log.Warn("audio failure not recorded; tried again when its lease ends", "article", j.ArticleID, "err", err)
	}
}
