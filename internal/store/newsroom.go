package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
)

// queueWhere is the WHERE clause of a queue as seen by u.
func queueWhere(q portal.Queue, u *portal.User, now time.Time) (string, []any) {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	switch q {
	case portal.QueueMine:
		return "a.owner_id = " + arg(u.ID) + " AND a.status = 'draft'", args
	case portal.QueueReturned:
		return "a.owner_id = " + arg(u.ID) + " AND a.status = 'returned'", args
	case portal.QueueSent:
		return "a.owner_id = " + arg(u.ID) + " AND a.status IN ('submitted', 'edited')", args
	case portal.QueueToEdit:
		if u.May(portal.PublishArticles) {
			return "a.status = 'submitted'", nil
		}
		ph := []string{"0"}
		for _, c := range u.CategoryIDs {
			ph = append(ph, arg(c))
		}
		return "a.status = 'submitted' AND a.category_id IN (" + strings.Join(ph, ", ") + ")", args
	case portal.QueueToApprove:
		return "a.status = 'edited'", nil
	case portal.QueueScheduled:
		return "a.status = 'scheduled'", nil
	case portal.QueuePublished:
		return "a.status = 'published'", nil
	}
	return "(a.status <> 'draft' OR a.owner_id = " + arg(u.ID) + ")", args
}

// siteQueueWhere is queueWhere on the site s sees.
func (s *DB) siteQueueWhere(q portal.Queue, u *portal.User, now time.Time) (string, []any) {
	w, args := queueWhere(q, u, now)
	return "(" + w + ")" + s.siteArticles("a.category_id", addArg(&args)), args
}

// Queue lists a queue's articles, most recently updated first.
func (s *DB) Queue(ctx context.Context, f portal.StaffFilter) ([]portal.Article, error) {
	w, args := s.siteQueueWhere(f.Queue, f.User, f.Now)
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	return query(ctx, s.db, scanArticleRow, `SELECT `+articleColumns+` FROM articles a
		JOIN categories c ON c.id = a.category_id WHERE `+w+` ORDER BY a.updated_at DESC, a.id DESC LIMIT `+
		strconv.Itoa(limit), args...)
}

// QueueCounts counts the articles of each of u's queues.
func (s *DB) QueueCounts(ctx context.Context, u *portal.User, now time.Time) (map[portal.Queue]int, error) {
	counts := make(map[portal.Queue]int)
	for _, q := range u.Queues() {
		w, args := s.siteQueueWhere(q, u, now)
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM articles a WHERE "+w, args...).Scan(&n); err != nil {
			return nil, err
		}
		counts[q] = n
	}
	return counts, nil
}

// Apply saves a transition and the article's new status together, provided
// nobody moved the article meanwhile.
func (s *DB) Apply(ctx context.Context, who portal.Actor, t *portal.Transition) error {
	t.At = t.At.UTC().Truncate(time.Microsecond)
	c := &change{action: "article." + string(t.Action), object: articleObject(t.ArticleID), detail: t.Note,
		public: seen(t.From) || seen(t.To)}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		if err := s.onSite(ctx, tx, articleOfArticle, t.ArticleID, "bài viết"); err != nil {
			return err
		}
		err := moveStatus(ctx, tx, "articles", ", version = version + 1", t,
			"Bài viết vừa được người khác chuyển trạng thái. Xin tải lại trang.")
		if err != nil {
			return err
		}
		// Into the search index, out of it, or its entry brought in line
		// (PostgreSQL's keeps the status and times the reader filter reads).
		if indexable(t.From) || indexable(t.To) {
			if err := s.reindexArticle(ctx, tx, t.ArticleID); err != nil {
				return err
			}
		}
		return tx.QueryRowContext(ctx, `INSERT INTO article_transitions (article_id, actor_id, actor_name, action,
			from_status, to_status, note, at) VALUES ($1, NULLIF($2, 0), $3, $4, $5, $6, $7, $8) RETURNING id`,
			t.ArticleID, t.ActorID, t.ActorName, string(t.Action), string(t.From), string(t.To), t.Note, t.At).Scan(&t.ID)
	})
}

// seen reports whether readers see, or are about to see, an article in
// status st: a step into or out of it changes their pages.
func seen(st portal.Status) bool { return st == portal.StatusPublished || st == portal.StatusScheduled }

// moveStatus moves the row t.ArticleID of table (articles, schedule entries)
// from t.From to t.To, with its publish and expiry times when t publishes,
// and set added to the SET clause; conflict is the message when somebody
// moved it first.
func moveStatus(ctx context.Context, tx *sql.Tx, table, set string, t *portal.Transition, conflict string) error {
	q := "UPDATE " + table + " SET status = $1, updated_at = $2" + set
	args := []any{string(t.To), t.At, t.ArticleID, string(t.From)}
	if t.Action == portal.ActionPublish {
		if t.PublishAt.IsZero() {
			t.PublishAt = t.At
		}
		q += ", published_at = $5, expires_at = $6"
		args = append(args, t.PublishAt.UTC().Truncate(time.Microsecond), nullTime(t.ExpiresAt))
	}
	res, err := tx.ExecContext(ctx, q+" WHERE id = $3 AND status = $4", args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return portal.Errorf(portal.ECONFLICT, "%s", conflict)
	}
	return nil
}

// Due lists the articles the clock must publish or take down at now.
func (s *DB) Due(ctx context.Context, now time.Time) (publish, expire []portal.Article, err error) {
	now = now.UTC()
	if publish, err = s.articlesWhere(ctx, "a.status = 'scheduled' AND a.published_at <= $1", now); err != nil {
		return nil, nil, err
	}
	expire, err = s.articlesWhere(ctx, "a.status = 'published' AND a.expires_at <= $1", now)
	return publish, expire, err
}

func (s *DB) articlesWhere(ctx context.Context, cond string, args ...any) ([]portal.Article, error) {
	return query(ctx, s.db, scanArticleRow, `SELECT `+articleColumns+` FROM articles a
		JOIN categories c ON c.id = a.category_id WHERE `+cond+` ORDER BY a.id LIMIT 1000`, args...)
}

// ContentVersion reads the number every change readers may see raises,
// from the primary. With read replicas, a version moved by another
// instance's change also raises the WAL position replicas must have
// replayed before they serve reads again (see replicaSet.need).
func (s *DB) ContentVersion(ctx context.Context) (int64, error) {
	if set := s.db.replicas; set != nil {
		v, lsn, err := s.versionAt(ctx)
		if err == nil && set.version.Swap(v) != v {
			set.raise(lsn)
		}
		return v, err
	}
	var v int64
	err := s.db.QueryRowContext(ctx, "SELECT CAST(value AS BIGINT) FROM settings WHERE site_id = 1 AND key = 'content.version'").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return v, err
}

// History lists an article's transitions, oldest first.
func (s *DB) History(ctx context.Context, articleID int64) ([]portal.Transition, error) {
	return query(ctx, s.db, scanTransition, `SELECT id, article_id, COALESCE(actor_id, 0), actor_name, action, from_status,
		to_status, note, at FROM article_transitions WHERE article_id = $1 ORDER BY at, id`, articleID)
}

func scanTransition(row scanner, t *portal.Transition) error {
	return row.Scan(&t.ID, &t.ArticleID, &t.ActorID, &t.ActorName, &t.Action, &t.From, &t.To, &t.Note, &t.At)
}
