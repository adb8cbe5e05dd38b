package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"cong/internal/portal"
	"cong/internal/search"
	"cong/internal/viet"
)

// Questions lists questions in a status, newest first.
func (s *DB) Questions(ctx context.Context, status portal.QuestionStatus, limit int) ([]portal.Question, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	return query(ctx, s.db, scanQuestion, "SELECT "+questionColumns+questionFrom+
		" WHERE q.status = $1 ORDER BY q.created_at DESC, q.id DESC LIMIT "+strconv.Itoa(limit), string(status))
}

// QuestionCounts counts questions by status.
func (s *DB) QuestionCounts(ctx context.Context) (map[portal.QuestionStatus]int, error) {
	return countBy[portal.QuestionStatus](ctx, s.db, "SELECT status, COUNT(*) FROM questions GROUP BY status")
}

// Question returns any question with its attachment.
func (s *DB) Question(ctx context.Context, id int64) (*portal.Question, error) {
	var q portal.Question
	err := scanQuestion(s.db.QueryRowContext(ctx, "SELECT "+questionColumns+questionFrom+" WHERE q.id = $1", id), &q)
	if err != nil {
		return nil, notFound(err, "câu hỏi")
	}
	if q.Attachment != nil {
		if q.Attachment, err = s.mediaWhere(ctx, "m.id = $1", q.Attachment.ID); err != nil {
			return nil, err
		}
	}
	return &q, nil
}

// questionState reads what the staff's actions depend on, in tx.
func questionState(ctx context.Context, tx *sql.Tx, id int64) (status portal.QuestionStatus, unit int64, answer string, err error) {
	err = tx.QueryRowContext(ctx, "SELECT status, COALESCE(unit_id, 0), answer FROM questions WHERE id = $1", id).
		Scan(&status, &unit, &answer)
	return status, unit, answer, notFound(err, "câu hỏi")
}

// AssignQuestion sends a question to a unit. A question rejected or marked
// as spam by mistake comes back to work this way.
func (s *DB) AssignQuestion(ctx context.Context, who portal.Actor, id, unitID int64) error {
	c := &change{action: "question.assign", object: object("question", id), detail: object("unit", unitID),
		public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM question_units WHERE id = $1", unitID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return portal.Invalid("unit", "Xin chọn đơn vị phụ trách.")
		}
		status, _, _, err := questionState(ctx, tx, id)
		if err != nil {
			return err
		}
		if status == portal.QuestionPending || status == portal.QuestionRejected || status == portal.QuestionSpam {
			status = portal.QuestionAssigned
		}
		_, err = tx.ExecContext(ctx, `UPDATE questions SET unit_id = $1, status = $2, handled_by = NULLIF($3, 0),
			handled_at = $4 WHERE id = $5`, unitID, string(status), who.ID, s.now(), id)
		return err
	})
}

// AnswerQuestion saves the answer of the unit in charge; a published
// question shows the new answer at once.
func (s *DB) AnswerQuestion(ctx context.Context, who portal.Actor, id int64, answer string) error {
	answer = strings.TrimSpace(viet.NFC(answer))
	switch {
	case strings.TrimSpace(search.Text(answer)) == "":
		return portal.Invalid("answer", "Xin nhập nội dung trả lời.")
	case len(answer) > portal.MaxQuestionAnswer:
		return portal.Invalid("answer", "Câu trả lời quá dài.")
	}
	c := &change{action: "question.answer", object: object("question", id), public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		status, unit, _, err := questionState(ctx, tx, id)
		switch {
		case err != nil:
			return err
		case status == portal.QuestionRejected || status == portal.QuestionSpam:
			return portal.Errorf(portal.ECONFLICT, "Câu hỏi đã bị từ chối hoặc là thư rác: chuyển cho đơn vị trước khi trả lời.")
		case unit == 0:
			return portal.Invalid("answer", "Xin chuyển câu hỏi cho đơn vị phụ trách trước khi trả lời.")
		}
		if status != portal.QuestionPublished {
			status = portal.QuestionAnswered
		}
		var title, content string
		if err := tx.QueryRowContext(ctx, "SELECT title, content FROM questions WHERE id = $1", id).Scan(&title, &content); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE questions SET answer = $1, answered_by = NULLIF($2, 0), answered_at = $3,
			status = $4, search_folded = $5 WHERE id = $6`, answer, who.ID, s.now(), string(status),
			foldedWords(title, content, search.Text(answer)), id)
		return err
	})
}

// questionVerbs name, for the audit log, the steps SetQuestionStatus takes.
var questionVerbs = map[portal.QuestionStatus]string{portal.QuestionPublished: "publish",
	portal.QuestionAnswered: "unpublish", portal.QuestionRejected: "reject", portal.QuestionSpam: "spam"}

// SetQuestionStatus publishes, unpublishes (back to answered), rejects or
// marks a question as spam.
func (s *DB) SetQuestionStatus(ctx context.Context, who portal.Actor, id int64, to portal.QuestionStatus) error {
	switch to {
	case portal.QuestionPublished, portal.QuestionAnswered, portal.QuestionRejected, portal.QuestionSpam:
	default:
		return portal.Invalid("status", "Thao tác không hợp lệ.")
	}
	c := &change{action: "question." + questionVerbs[to], object: object("question", id), public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		status, _, answer, err := questionState(ctx, tx, id)
		switch {
		case err != nil:
			return err
		case to == portal.QuestionPublished && answer == "":
			return portal.Invalid("answer", "Câu hỏi chưa có câu trả lời: trả lời trước rồi mới đăng.")
		case to == portal.QuestionAnswered && status != portal.QuestionPublished:
			return portal.Errorf(portal.ECONFLICT, "Câu hỏi này chưa được đăng.")
		}
		now := s.now()
		_, err = tx.ExecContext(ctx, `UPDATE questions SET status = $1, handled_by = NULLIF($2, 0), handled_at = $3,
			published_at = CASE WHEN $1 = 'published' THEN COALESCE(published_at, $3) ELSE published_at END
			WHERE id = $4`, string(to), who.ID, now, id)
		return err
	})
}

// SaveTopic adds a topic, or renames or moves the one t.ID names.
func (s *DB) SaveTopic(ctx context.Context, who portal.Actor, t *portal.Topic) error {
	return s.saveTopic(ctx, who, "question_topic", "question_topics", t)
}

// SaveUnit adds a unit, or renames or moves the one u.ID names.
func (s *DB) SaveUnit(ctx context.Context, who portal.Actor, u *portal.Unit) error {
	return s.saveTopic(ctx, who, "question_unit", "question_units", u)
}

// saveTopic saves a row of table, question_topics or question_units.
func (s *DB) saveTopic(ctx context.Context, who portal.Actor, kind, table string, t *portal.Topic) error {
	t.Name = viet.NFC(t.Name)
	if err := portal.ValidateTopic(t); err != nil {
		return err
	}
	c := &change{action: kind + ".save", detail: t.Name}
	return s.saveEntry(ctx, who, c, kind, table, &t.ID, t.Name, "", t.Position, "Tên này đã có.", nil)
}

// saveEntry adds a row of a list administrators keep (name, position, and
// slug when not empty), or renames or moves the one *id names, as change c
// on an object of kind; a name the list holds already is refused with dup.
// renamed, when set, runs in the same transaction after a rename, for what
// is derived from the name.
func (s *DB) saveEntry(ctx context.Context, who portal.Actor, c *change, kind, table string, id *int64, name, slug string,
	position int, dup string, renamed func(tx *sql.Tx) error) error {
	c.public = true
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		defer func() { c.object = object(kind, *id) }()
		var err error
		switch {
		case *id != 0:
			var res sql.Result
			res, err = tx.ExecContext(ctx, "UPDATE "+table+" SET name = $1, position = $2 WHERE id = $3", name,
				position, *id)
			if n, _ := rowsAffected(res); err == nil && n != 1 {
				return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy.")
			}
			if err == nil && renamed != nil {
				err = renamed(tx)
			}
		case slug != "":
			err = tx.QueryRowContext(ctx, "INSERT INTO "+table+" (name, slug, position) VALUES ($1, $2, $3) RETURNING id",
				name, slug, position).Scan(id)
		default:
			err = tx.QueryRowContext(ctx, "INSERT INTO "+table+" (name, position) VALUES ($1, $2) RETURNING id",
				name, position).Scan(id)
		}
		if s.dialect.isUnique(err) {
			return portal.Invalid("name", dup)
		}
		return err
	})
}

func rowsAffected(res sql.Result) (int64, error) {
	if res == nil {
		return 0, nil
	}
	return res.RowsAffected()
}
