package portal

import (
	"context"
	"time"
)

// Audio is the spoken version of a published article ("Nghe đọc bài"): a
// file in the media storage named after the hash of the text it reads, so
// an edit makes a new file and the old one goes.
type Audio struct {
	ArticleID int64
	Hash      string // of the text read (AudioJob.Hash)
	File      string // its name in the media storage
	Bytes     int64
	Duration  time.Duration
	MadeAt    time.Time
}

// AudioJob is an article whose audio is due: its text as read (title,
// summary, body), the hash that names it, and the file it replaces.
type AudioJob struct {
	ArticleID int64
	// Want is what the job was claimed for; AudioMade and AudioFailed
	// close the job only when no later edit has changed it.
	Want     string
	Text     string
	Hash     string
	OldFile  string
	Attempts int
}

// AudioReader gives readers an article's audio.
type AudioReader interface {
	// ArticleAudio returns the audio of the article with id, ENOTFOUND when
	// it has none yet. It does not check that readers may see the article.
	ArticleAudio(ctx context.Context, id int64) (*Audio, error)
}

// AudioQueue is the queue of articles whose audio is due, shared by every
// instance through the database; a maker claims a job for a lease, during
// which no other instance takes it.
type AudioQueue interface {
	// ClaimAudio takes up to limit due jobs for lease. A job whose article
	// readers may no longer see is closed without audio and not returned.
	ClaimAudio(ctx context.Context, lease time.Duration, limit int) ([]AudioJob, error)
	// AudioMade records the audio of a claimed job, as a change readers see
	// (the article's page shows the player); it returns the file the new
	// one replaces, "" when none, for the caller to remove.
	AudioMade(ctx context.Context, job AudioJob, a Audio) (old string, err error)
	// AudioFailed makes a claimed job due again after retryIn, or, with
	// giveUp, stops its tries until the article's text changes.
	AudioFailed(ctx context.Context, job AudioJob, retryIn time.Duration, reason string, giveUp bool) error
}
