package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

const consultationCommentColumns = `m.id, m.consultation_id, m.name, m.email, m.ip, m.body, m.status, m.created_at, c.title`

func scanConsultationComment(row scanner, m *portal.ConsultationComment) error {
	return row.Scan(&m.ID, &m.ConsultationID, &m.Name, &m.Email, &m.IP, &m.Body, &m.Status, &m.CreatedAt,
		&m.ConsultationTitle)
}

// SubmitConsultationComment saves a reader's comment on a draft for
// moderation. Whether the draft is open is judged by the store's clock in
// the transaction that saves it, so a form left open past the closing
// minute is refused; the sender limits are those of SubmitComment.
func (s *DB) SubmitConsultationComment(ctx context.Context, who portal.Actor, m *portal.ConsultationComment, gap time.Duration, max int) error {
	m.Name, m.Body = viet.NFC(m.Name), viet.NFC(m.Body)
	if err := m.Validate(); err != nil {
		return err
	}
	ch := &change{action: "consultation_comment.submit", detail: object("consultation", m.ConsultationID)}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		if err := s.dialect.serialize(ctx, tx); err != nil {
			return err
		}
		now := s.now()
		if err := consultationOpen(ctx, tx, m.ConsultationID, now); err != nil {
			return err
		}
		if err := checkSender(ctx, tx, "consultation_comments", m.IP, m.Email, now, gap, max,
			"Bạn vừa gửi góp ý. Xin đợi ít phút rồi gửi tiếp."); err != nil {
			return err
		}
		var dup int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM consultation_comments WHERE consultation_id = $1
			AND body = $2 AND (ip = $3 OR email = $4)`, m.ConsultationID, m.Body, m.IP, m.Email).Scan(&dup)
		if err != nil {
			return err
		}
		if dup > 0 {
			return portal.Errorf(portal.ECONFLICT, "Góp ý này đã được gửi rồi.")
		}
		m.Status = portal.CommentPending
		err = insertConsultationComment(ctx, tx, m, now)
		ch.object = object("consultation_comment", m.ID)
		return err
	})
}

// consultationOpen refuses comments on a draft readers cannot see or that
// is not taking comments at now.
func consultationOpen(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	var c portal.Consultation
	err := tx.QueryRowContext(ctx, "SELECT published, opens_at, closes_at FROM consultations WHERE id = $1", id).
		Scan(&c.Published, &c.OpensAt, &c.ClosesAt)
	if err != nil || !c.Published {
		return notFound(orNoRows(err), "dự thảo")
	}
	switch c.Phase(now) {
	case portal.PhaseUpcoming:
		return portal.Errorf(portal.EFORBIDDEN, "Dự thảo chưa đến thời gian lấy ý kiến.")
	case portal.PhaseClosed:
		return portal.Errorf(portal.EFORBIDDEN, "Dự thảo đã hết thời gian lấy ý kiến.")
	}
	return nil
}

// orNoRows makes a hidden row read as a missing one.
func orNoRows(err error) error {
	if err == nil {
		return sql.ErrNoRows
	}
	return err
}

// CreateConsultationComment saves a comment as it is, pending if no status.
func (s *DB) CreateConsultationComment(ctx context.Context, who portal.Actor, m *portal.ConsultationComment) error {
	m.Name, m.Body = viet.NFC(m.Name), viet.NFC(m.Body)
	if m.Status == "" {
		m.Status = portal.CommentPending
	}
	if portal.CommentStatusNames[m.Status] == "" {
		return portal.Invalid("status", "Trạng thái không hợp lệ.")
	}
	ch := &change{action: "consultation_comment.create", detail: object("consultation", m.ConsultationID),
		public: m.Status == portal.CommentApproved}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		err := insertConsultationComment(ctx, tx, m, s.now())
		ch.object = object("consultation_comment", m.ID)
		return err
	})
}

func insertConsultationComment(ctx context.Context, tx *sql.Tx, m *portal.ConsultationComment, now time.Time) error {
	m.CreatedAt = now
	return tx.QueryRowContext(ctx, `INSERT INTO consultation_comments (consultation_id, name, email, ip, body, status,
		created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, m.ConsultationID, m.Name, m.Email, m.IP, m.Body,
		string(m.Status), m.CreatedAt).Scan(&m.ID)
}

// ConsultationComments lists a draft's comments in a status ("": all but
// spam), oldest first.
func (s *DB) ConsultationComments(ctx context.Context, id int64, status portal.CommentStatus, limit int) ([]portal.ConsultationComment, error) {
	if limit <= 0 || limit > 100000 {
		limit = 1000
	}
	cond, arg := "m.status = $2", any(string(status))
	if status == "" {
		cond, arg = "m.status <> $2", any(string(portal.CommentSpam))
	}
	return query(ctx, s.db, scanConsultationComment, `SELECT `+consultationCommentColumns+` FROM consultation_comments m
		JOIN consultations c ON c.id = m.consultation_id WHERE m.consultation_id = $1 AND `+cond+`
		ORDER BY m.created_at, m.id LIMIT `+strconv.Itoa(limit), id, arg)
}

// ConsultationCommentCounts counts a draft's comments by status.
func (s *DB) ConsultationCommentCounts(ctx context.Context, id int64) (map[portal.CommentStatus]int, error) {
	return countBy[portal.CommentStatus](ctx, s.db,
		"SELECT status, COUNT(*) FROM consultation_comments WHERE consultation_id = $1 GROUP BY status", id)
}

// ModerateConsultationComment moves a comment to status; approving it
// publishes it when the draft's comments are public.
func (s *DB) ModerateConsultationComment(ctx context.Context, who portal.Actor, id int64, status portal.CommentStatus, at time.Time) (*portal.ConsultationComment, error) {
	if portal.CommentStatusNames[status] == "" {
		return nil, portal.Invalid("status", "Trạng thái không hợp lệ.")
	}
	var m portal.ConsultationComment
	ch := &change{action: "consultation_comment." + string(status), object: object("consultation_comment", id),
		public: true}
	err := s.write(ctx, who, ch, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE consultation_comments SET status = $1, moderated_by = NULLIF($2, 0),
			moderated_at = $3 WHERE id = $4`, string(status), who.ID, at.UTC(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy góp ý.")
		}
		err = scanConsultationComment(tx.QueryRowContext(ctx, `SELECT `+consultationCommentColumns+`
			FROM consultation_comments m JOIN consultations c ON c.id = m.consultation_id WHERE m.id = $1`, id), &m)
		ch.detail = object("consultation", m.ConsultationID)
		return err
	})
	return &m, err
}

// ExportConsultationComments reads a draft's comments (all but spam) for
// the CSV export; taking citizens' names and addresses out of the portal is
// recorded with the read.
func (s *DB) ExportConsultationComments(ctx context.Context, who portal.Actor, id int64) ([]portal.ConsultationComment, error) {
	var list []portal.ConsultationComment
	ch := &change{action: "consultation.export", object: object("consultation", id)}
	err := s.write(ctx, who, ch, func(tx *sql.Tx) error {
		var err error
		list, err = query(ctx, tx, scanConsultationComment, `SELECT `+consultationCommentColumns+`
			FROM consultation_comments m JOIN consultations c ON c.id = m.consultation_id
			WHERE m.consultation_id = $1 AND m.status <> $2 ORDER BY m.created_at, m.id LIMIT 100000`,
			id, string(portal.CommentSpam))
		ch.detail = strconv.Itoa(len(list)) + " góp ý"
		return err
	})
	return list, err
}
