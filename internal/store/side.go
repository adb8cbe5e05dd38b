package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// ImageLinks returns the image links shown at now, in position order.
func (s *DB) ImageLinks(ctx context.Context, now time.Time) ([]portal.ImageLink, error) {
	return query(ctx, s.db, scanImageLink, `SELECT `+imageLinkColumns+` FROM image_links l JOIN media m ON m.id = l.media_id
		WHERE l.site_id = $2 AND l.active AND (l.starts_at IS NULL OR l.starts_at <= $1) AND (l.ends_at IS NULL OR l.ends_at > $1)
		ORDER BY l.position, l.id`, now.UTC(), s.siteID())
}

// Ads returns the ads running at now, of every slot, in position order.
func (s *DB) Ads(ctx context.Context, now time.Time) ([]portal.Ad, error) {
	return query(ctx, s.db, scanAd, `SELECT `+adColumns+` FROM ads a LEFT JOIN media m ON m.id = a.media_id
		WHERE a.site_id = $2 AND a.active AND a.starts_at <= $1 AND (a.ends_at IS NULL OR a.ends_at > $1)
		ORDER BY a.position, a.id`, now.UTC(), s.siteID())
}

// ApprovedComments returns an article's approved comments, oldest first.
func (s *DB) ApprovedComments(ctx context.Context, articleID int64) ([]portal.Comment, error) {
	all, err := query(ctx, s.db, scanComment, `SELECT id, article_id, name, body, approved, created_at,
		COALESCE(parent_id, 0), staff, edited_at IS NOT NULL FROM comments WHERE article_id = $1 AND approved ORDER BY created_at, id`, articleID)
	return nestReplies(all), err
}

// nestReplies puts replies under the comments they answer, in order.
func nestReplies(all []portal.Comment) []portal.Comment {
	var top []portal.Comment
	at := map[int64]int{}
	for _, c := range all {
		if c.ParentID == 0 {
			at[c.ID] = len(top)
			top = append(top, c)
		}
	}
	for _, c := range all {
		if i, ok := at[c.ParentID]; ok {
			top[i].Replies = append(top[i].Replies, c)
		}
	}
	return top
}

// Reply answers an approved comment as the portal.
func (s *DB) Reply(ctx context.Context, who portal.Actor, parentID int64, name, body string) (*portal.Comment, error) {
	body = strings.TrimSpace(viet.NFC(body))
	if err := portal.ValidateCommentBody(body); err != nil {
		return nil, portal.Invalid("reply", "Trả lời cần có nội dung, tối đa 2000 ký tự, không có ký tự điều khiển.")
	}
	c := &portal.Comment{ParentID: parentID, Name: name, Body: body, Status: portal.CommentApproved, Staff: true}
	ch := &change{action: "comment.reply", object: object("comment", parentID), public: true}
	err := s.write(ctx, who, ch, func(tx *sql.Tx) error {
		if err := s.onSite(ctx, tx, articleOfComment, parentID, "ý kiến"); err != nil {
			return err
		}
		var approved bool
		err := tx.QueryRowContext(ctx, "SELECT article_id, approved FROM comments WHERE id = $1 AND parent_id IS NULL",
			parentID).Scan(&c.ArticleID, &approved)
		if err != nil || !approved {
			return portal.Errorf(portal.ENOTFOUND, "Chỉ trả lời được ý kiến đã duyệt.")
		}
		if err := insertComment(ctx, tx, c, s.now()); err != nil {
			return err
		}
		ch.detail = object("article", c.ArticleID)
		_, err = tx.ExecContext(ctx, "UPDATE comments SET moderated_by = NULLIF($1, 0) WHERE id = $2", who.ID, c.ID)
		return err
	})
	return c, err
}

// Settings returns every site setting.
func (s *DB) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT key, value FROM settings WHERE site_id = $1", s.siteID())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]string)
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// CreateComment saves a comment as it is, approved or not: for content
// brought in by the demo and importers, whose comments were moderated
// elsewhere.
func (s *DB) CreateComment(ctx context.Context, who portal.Actor, c *portal.Comment) error {
	ch := &change{action: "comment.create", public: c.Approved || c.Status == portal.CommentApproved}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		if err := insertComment(ctx, tx, c, s.now()); err != nil {
			return err
		}
		ch.object, ch.detail = object("comment", c.ID), object("article", c.ArticleID)
		return nil
	})
}

func insertComment(ctx context.Context, tx *sql.Tx, c *portal.Comment, now time.Time) error {
	c.CreatedAt = now
	if c.Status == "" {
		c.Status = portal.CommentPending
		if c.Approved {
			c.Status = portal.CommentApproved
		}
	}
	c.Approved = c.Status == portal.CommentApproved
	return tx.QueryRowContext(ctx, `INSERT INTO comments (article_id, name, email, ip, body, approved, status, created_at,
		parent_id, staff) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULLIF($9, 0), $10) RETURNING id`, c.ArticleID,
		viet.NFC(c.Name), c.Email, c.IP, viet.NFC(c.Body), c.Approved, string(c.Status), c.CreatedAt, c.ParentID,
		c.Staff).Scan(&c.ID)
}

// SubmitComment saves a reader's comment for moderation, after the limits
// that keep one sender from flooding, checked in the same transaction.
func (s *DB) SubmitComment(ctx context.Context, who portal.Actor, c *portal.Comment, gap time.Duration, max int) error {
	c.Name, c.Body = viet.NFC(c.Name), viet.NFC(c.Body)
	if err := c.Validate(); err != nil {
		return err
	}
	now := s.now()
	ch := &change{action: "comment.submit", detail: object("article", c.ArticleID)}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		if err := s.dialect.serialize(ctx, tx); err != nil {
			return err
		}
		if err := checkSender(ctx, tx, "comments", c.IP, c.Email, now, gap, max,
			"Bạn vừa gửi ý kiến. Xin đợi ít phút rồi gửi tiếp."); err != nil {
			return err
		}
		var dup int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM comments WHERE article_id = $1 AND body = $2
			AND (ip = $3 OR email = $4)`, c.ArticleID, c.Body, c.IP, c.Email).Scan(&dup)
		if err != nil {
			return err
		}
		if dup > 0 {
			return portal.Errorf(portal.ECONFLICT, "Ý kiến này đã được gửi rồi.")
		}
		c.Status = portal.CommentPending
		if err := insertComment(ctx, tx, c, now); err != nil {
			return err
		}
		ch.object = object("comment", c.ID)
		return nil
	})
}

// Comments lists comments in a status, newest first, with their articles.
func (s *DB) Comments(ctx context.Context, status portal.CommentStatus, limit int) ([]portal.Comment, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	args := []any{string(status)}
	site := s.siteArticles("a.category_id", addArg(&args))
	return query(ctx, s.db, func(row scanner, c *portal.Comment) error {
		return row.Scan(&c.ID, &c.ArticleID, &c.Name, &c.Email, &c.IP, &c.Body, &c.Approved, &c.Status, &c.CreatedAt,
			&c.ArticleTitle, &c.OriginalBody)
	}, `SELECT m.id, m.article_id, m.name, m.email, m.ip, m.body, m.approved, m.status, m.created_at, a.title,
		COALESCE(m.original_body, '')
		FROM comments m JOIN articles a ON a.id = m.article_id WHERE m.status = $1 AND NOT m.staff`+site+`
		ORDER BY m.created_at DESC, m.id DESC LIMIT `+strconv.Itoa(limit), args...)
}

// checkSender refuses a sender (by IP or e-mail) who wrote into table less
// than gap ago, or max times in the last minute, with message. It runs in
// the transaction that saves, under the serializing lock.
func checkSender(ctx context.Context, tx *sql.Tx, table, ip, email string, now time.Time, gap time.Duration, max int, message string) error {
	var minute, last int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(CASE WHEN created_at > $3 THEN 1 END) FROM `+table+`
		WHERE (ip = $1 OR email = $2) AND created_at > $4`, ip, email, now.Add(-gap), now.Add(-time.Minute)).Scan(&minute, &last)
	switch {
	case err != nil:
		return err
	case last > 0 || minute >= max:
		return portal.Errorf(portal.ELIMIT, "%s", message)
	}
	return nil
}

// CommentCounts counts comments by status.
func (s *DB) CommentCounts(ctx context.Context) (map[portal.CommentStatus]int, error) {
	var args []any
	if site := s.siteArticles("a.category_id", addArg(&args)); site != "" {
		return countBy[portal.CommentStatus](ctx, s.db, `SELECT m.status, COUNT(*) FROM comments m
			JOIN articles a ON a.id = m.article_id`+site+` GROUP BY m.status`, args...)
	}
	return countBy[portal.CommentStatus](ctx, s.db, "SELECT status, COUNT(*) FROM comments GROUP BY status")
}

// Moderate moves a comment to status; approving it publishes it.
func (s *DB) Moderate(ctx context.Context, who portal.Actor, id int64, status portal.CommentStatus, at time.Time) (*portal.Comment, error) {
	if portal.CommentStatusNames[status] == "" {
		return nil, portal.Invalid("status", "Trạng thái không hợp lệ.")
	}
	var c portal.Comment
	ch := &change{action: "comment." + string(status), object: object("comment", id), public: true}
	err := s.write(ctx, who, ch, func(tx *sql.Tx) error {
		if err := s.onSite(ctx, tx, articleOfComment, id, "ý kiến"); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE comments SET status = $1, approved = $2, moderated_by = NULLIF($3, 0),
			moderated_at = $4 WHERE id = $5`, string(status), status == portal.CommentApproved, who.ID, at.UTC(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy ý kiến.")
		}
		err = tx.QueryRowContext(ctx, "SELECT id, article_id, name, status FROM comments WHERE id = $1", id).
			Scan(&c.ID, &c.ArticleID, &c.Name, &c.Status)
		ch.detail = object("article", c.ArticleID)
		return err
	})
	return &c, err
}

// AddVisits adds n visits to day, on the site s sees.
func (s *DB) AddVisits(ctx context.Context, day string, n int64) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO visit_days (site_id, day, visits) VALUES ($1, $2, $3)
		ON CONFLICT (site_id, day) DO UPDATE SET visits = visit_days.visits + excluded.visits`, s.siteID(), day, n)
	return err
}

// Visits returns the visits of day and of all days, on the site s sees.
func (s *DB) Visits(ctx context.Context, day string) (today, total int64, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT CAST(COALESCE(SUM(CASE WHEN day = $1 THEN visits ELSE 0 END), 0) AS BIGINT),
		CAST(COALESCE(SUM(visits), 0) AS BIGINT) FROM visit_days WHERE site_id = $2`, day, s.siteID()).Scan(&today, &total)
	return today, total, err
}

func scanComment(row scanner, c *portal.Comment) error {
	return row.Scan(&c.ID, &c.ArticleID, &c.Name, &c.Body, &c.Approved, &c.CreatedAt, &c.ParentID, &c.Staff, &c.Edited)
}
