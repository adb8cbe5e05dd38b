package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// ModerateMany moves every comment in ids to status in one transaction:
// either all move or, when one is missing, none does.
func (s *DB) ModerateMany(ctx context.Context, who portal.Actor, ids []int64, status portal.CommentStatus, at time.Time) ([]portal.Comment, error) {
	switch {
	case portal.CommentStatusNames[status] == "":
		return nil, portal.Invalid("status", "Trạng thái không hợp lệ.")
	case len(ids) == 0:
		return nil, portal.Invalid("id", "Xin chọn ít nhất một ý kiến.")
	case len(ids) > portal.MaxBulk:
		return nil, portal.Invalid("id", "Mỗi lần chỉ xử lý được tối đa 200 ý kiến.")
	}
	out := make([]portal.Comment, 0, len(ids))
	ch := &change{action: "comment." + string(status), detail: "hàng loạt", public: true}
	err := s.write(ctx, who, ch, func(tx *sql.Tx) error {
		seen := make(map[int64]bool, len(ids))
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			if err := s.onSite(ctx, tx, articleOfComment, id, fmt.Sprintf("ý kiến số %d", id)); err != nil {
				return err
			}
			var c portal.Comment
			err := tx.QueryRowContext(ctx, `UPDATE comments SET status = $1, approved = $2, moderated_by = NULLIF($3, 0),
				moderated_at = $4 WHERE id = $5 AND NOT staff RETURNING id, article_id, name, status`,
				string(status), status == portal.CommentApproved, who.ID, at.UTC(), id).
				Scan(&c.ID, &c.ArticleID, &c.Name, &c.Status)
			if err == sql.ErrNoRows {
				return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy ý kiến số %d.", id)
			}
			if err != nil {
				return err
			}
			out = append(out, c)
			ch.objects = append(ch.objects, object("comment", c.ID))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// EditComment corrects the text of a comment. The reader's first version
// stays in original_body, however many times moderators edit it.
func (s *DB) EditComment(ctx context.Context, who portal.Actor, id int64, body string, at time.Time) (*portal.Comment, string, error) {
	body = strings.TrimSpace(viet.NFC(body))
	if err := portal.ValidateCommentBody(body); err != nil {
		return nil, "", err
	}
	var c portal.Comment
	var before string
	ch := &change{action: "comment.edit", object: object("comment", id), public: true}
	err := s.write(ctx, who, ch, func(tx *sql.Tx) error {
		if err := s.onSite(ctx, tx, articleOfComment, id, "ý kiến"); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, "SELECT id, article_id, name, status, body FROM comments WHERE id = $1 AND NOT staff",
			id).Scan(&c.ID, &c.ArticleID, &c.Name, &c.Status, &before)
		if err == sql.ErrNoRows {
			return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy ý kiến.")
		}
		if err != nil {
			return err
		}
		if before == body {
			ch.none = true
			return nil
		}
		// Both texts go to the audit log: a correction must never change
		// what a reader meant without a trace.
		ch.detail = "trước: " + before + "\nsau: " + body
		_, err = tx.ExecContext(ctx, `UPDATE comments SET original_body = COALESCE(original_body, body), body = $1,
			edited_at = $2, edited_by = NULLIF($3, 0) WHERE id = $4`, body, at.UTC(), who.ID, id)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	c.Body, c.Edited = body, true
	return &c, before, nil
}
