package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"cong/internal/audio"
	"cong/internal/portal"
)

// Nghe đọc bài. Every change that puts an article's text where readers may
// see it (the search index's hook, indexArticles) asks for its audio in the
// change's own transaction: the row's want becomes the hash of the text to
// read, and a job is due unless that text's audio exists. An unchanged
// re-save asks for nothing. The jobs' bookkeeping (claim, failure) is not a
// change of the portal, like the mail queue's; the audio made is, through
// the write path, so the article's pages are rebuilt with the player.

// wantAudio asks for the audio of articles readers may see, inside tx.
func (s *DB) wantAudio(ctx context.Context, tx *sql.Tx, as []*portal.Article) error {
	now := s.now()
	for start := 0; start < len(as); start += indexBatch {
		end := min(start+indexBatch, len(as))
		var b strings.Builder
		b.WriteString("INSERT INTO article_audio (article_id, want, due_at) VALUES ")
		args := make([]any, 0, (end-start)*2+1)
		args = append(args, now)
		for i := start; i < end; i++ {
			if i > start {
				b.WriteString(", ")
			}
			a := as[i]
			b.WriteString("(" + placeholders(len(args)+1, 2) + ", $1)")
			args = append(args, a.ID, audio.Hash(audio.Script(a.Title, a.Summary, a.Body)))
		}
		b.WriteString(` ON CONFLICT (article_id) DO UPDATE SET want = excluded.want,
			due_at = CASE WHEN article_audio.text_hash = excluded.want THEN NULL ELSE excluded.due_at END,
			attempts = 0, last_error = '' WHERE article_audio.want <> excluded.want`)
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("audio wanted: %w", err)
		}
	}
	return nil
}

// audioFree is a job waiting and not held by a live lease ($2 is now).
const audioFree = "due_at IS NOT NULL AND (lease_until IS NULL OR lease_until < $2)"

// ClaimAudio takes up to limit due jobs for lease, the latest asked for
// first (an edit before the articles an upgrade queued), as ClaimMail does:
// one UPDATE, its rows picked FOR UPDATE SKIP LOCKED on PostgreSQL, so
// makers on several instances never take the same job. The article's text
// is read after the claim; a job whose article readers may no longer see
// is closed.
func (s *DB) ClaimAudio(ctx context.Context, lease time.Duration, limit int) ([]portal.AudioJob, error) {
	now := s.now()
	lock := ""
	if s.dialect.name == postgresDialect.name {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	claimed, err := query(ctx, s.db, func(row scanner, j *portal.AudioJob) error {
		return row.Scan(&j.ArticleID, &j.Want, &j.OldFile, &j.Attempts)
	}, `UPDATE article_audio SET lease_until = $1, attempts = attempts + 1
		WHERE article_id IN (SELECT article_id FROM article_audio WHERE `+audioFree+` AND due_at <= $2
			ORDER BY due_at DESC, article_id DESC LIMIT `+strconv.Itoa(max(limit, 1))+lock+`) AND `+audioFree+`
		RETURNING article_id, want, file, attempts`, now.Add(lease), now)
	if err != nil {
		return nil, err
	}
	var jobs []portal.AudioJob
	for _, j := range claimed {
		var st portal.Status
		var title, summary, body string
		err := s.db.QueryRowContext(ctx, "SELECT status, title, summary, body FROM articles WHERE id = $1",
			j.ArticleID).Scan(&st, &title, &summary, &body)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return jobs, err
		}
		if err != nil || !indexable(st) {
			if _, err := s.db.ExecContext(ctx, `UPDATE article_audio SET due_at = NULL, lease_until = NULL
				WHERE article_id = $1 AND want = $2`, j.ArticleID, j.Want); err != nil {
				return jobs, err
			}
			continue
		}
		j.Text = audio.Script(title, summary, body)
		j.Hash = audio.Hash(j.Text)
		jobs = append(jobs, j)
	}
	return jobs, nil
}

// AudioMade records the audio of a claimed job and closes the job unless
// an edit since the claim asked for another; it returns the file replaced.
func (s *DB) AudioMade(ctx context.Context, j portal.AudioJob, a portal.Audio) (old string, err error) {
	c := &change{action: "article.audio", object: object("article", j.ArticleID), public: true,
		detail: fmt.Sprintf("%s, %d byte, %s", a.File, a.Bytes, a.Duration.Round(time.Second))}
	err = s.write(ctx, portal.System("nghe đọc"), c, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT file FROM article_audio WHERE article_id = $1",
			j.ArticleID).Scan(&old); err != nil {
			return notFound(err, "bài viết cần bản nghe đọc")
		}
		_, err := tx.ExecContext(ctx, `UPDATE article_audio SET text_hash = $1, file = $2, bytes = $3,
			duration_ms = $4, made_at = $5, lease_until = NULL, attempts = 0, last_error = '',
			due_at = CASE WHEN want = $6 THEN NULL ELSE due_at END WHERE article_id = $7`,
			j.Hash, a.File, a.Bytes, a.Duration.Milliseconds(), s.now(), j.Want, j.ArticleID)
		return err
	})
	if old == a.File {
		old = ""
	}
	return old, err
}

// AudioFailed makes a claimed job due again after retryIn, or closes it
// with giveUp, unless an edit since the claim asked for another audio.
func (s *DB) AudioFailed(ctx context.Context, j portal.AudioJob, retryIn time.Duration, reason string, giveUp bool) error {
	now := s.now()
	if len(reason) > 1000 {
		reason = reason[:1000]
	}
	// A job given up waits for the next edit; one retried, for its time.
	// An edit since the claim has set the job's time already.
	var then any
	if !giveUp {
		then = now.Add(retryIn)
	}
	_, err := s.db.ExecContext(ctx, `UPDATE article_audio SET lease_until = NULL, last_error = $1,
		due_at = CASE WHEN want = $2 THEN $3 ELSE due_at END WHERE article_id = $4`, reason, j.Want, then, j.ArticleID)
	return err
}

// ArticleAudio returns the audio made for an article, ENOTFOUND when none.
func (s *DB) ArticleAudio(ctx context.Context, id int64) (*portal.Audio, error) {
	a := &portal.Audio{ArticleID: id}
	var ms int64
	err := s.db.QueryRowContext(ctx, `SELECT text_hash, file, bytes, duration_ms, made_at FROM article_audio
		WHERE article_id = $1 AND file <> ''`, id).Scan(&a.Hash, &a.File, &a.Bytes, &ms, &a.MadeAt)
	if err != nil {
		return nil, notFound(err, "bản nghe đọc")
	}
	a.Duration = time.Duration(ms) * time.Millisecond
	return a, nil
}
