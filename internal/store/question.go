package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/search"
	"cong/internal/viet"
)

// Questions are few next to articles (thousands, not millions): readers'
// word searches match a column of folded words with LIKE, the same SQL on
// both engines, instead of a second full-text index.

const questionColumns = `q.id, q.code, q.name, q.email, q.phone, q.address, q.ip, q.topic_id, t.name, q.title,
	q.content, q.status, COALESCE(q.unit_id, 0), COALESCE(u.name, ''), q.answer, COALESCE(q.answered_by, 0),
	COALESCE(a.name, ''), q.answered_at, q.published_at, q.created_at, COALESCE(q.media_id, 0)`

const questionFrom = ` FROM questions q JOIN question_topics t ON t.id = q.topic_id
	LEFT JOIN question_units u ON u.id = q.unit_id LEFT JOIN users a ON a.id = q.answered_by`

func scanQuestion(row scanner, q *portal.Question) error {
	var answered, published sql.NullTime
	var mediaID int64
	err := row.Scan(&q.ID, &q.Code, &q.Name, &q.Email, &q.Phone, &q.Address, &q.IP, &q.TopicID, &q.TopicName,
		&q.Title, &q.Content, &q.Status, &q.UnitID, &q.UnitName, &q.Answer, &q.AnsweredBy, &q.AnswererName,
		&answered, &published, &q.CreatedAt, &mediaID)
	q.AnsweredAt, q.PublishedAt = answered.Time, published.Time
	if mediaID != 0 {
		q.Attachment = &portal.Media{ID: mediaID}
	}
	return err
}

// foldedWords is the text word searches match: every word of texts folded,
// with a space on both sides of each.
func foldedWords(texts ...string) string {
	var b strings.Builder
	b.WriteByte(' ')
	for _, t := range texts {
		f := search.NewField(t, 100_000)
		for i := range f.Words() {
			b.WriteString(f.Word(i))
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// SubmitQuestion saves a citizen's question for handling, after the limits
// that keep one sender from flooding, checked in the same transaction.
func (s *DB) SubmitQuestion(ctx context.Context, who portal.Actor, q *portal.Question, gap time.Duration, perHour int) error {
	q.Name, q.Title, q.Content, q.Address = viet.NFC(q.Name), viet.NFC(q.Title), viet.NFC(q.Content), viet.NFC(q.Address)
	if err := q.Validate(); err != nil {
		return err
	}
	now := s.now()
	c := &change{action: "question.submit"}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		if err := s.dialect.serialize(ctx, tx); err != nil {
			return err
		}
		if err := questionLimits(ctx, tx, q, now, gap, perHour); err != nil {
			return err
		}
		var topics int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM question_topics WHERE id = $1", q.TopicID).Scan(&topics); err != nil {
			return err
		}
		if topics == 0 {
			return portal.Invalid("topic", "Lĩnh vực này không có, xin chọn lại.")
		}
		var mediaID int64
		if m := q.Attachment; m != nil {
			m.CreatedAt = now
			if err := m.Validate(); err != nil {
				return err
			}
			err := tx.QueryRowContext(ctx, `INSERT INTO media (file, mime, caption, alt, width, height, size, created_at,
				variants, webp) VALUES ($1, $2, '', '', $3, $4, $5, $6, $7, $8) RETURNING id`, m.File, m.MIME, m.Width,
				m.Height, m.Size, now, formatWidths(m.Variants), formatWidths(m.WebP)).Scan(&m.ID)
			if err != nil {
				return err
			}
			mediaID = m.ID
		}
		q.Status, q.CreatedAt = portal.QuestionPending, now
		err := insertQuestion(ctx, tx, q, mediaID)
		c.object = object("question", q.ID)
		return err
	})
}

// CheckQuestionSender applies the limits of SubmitQuestion, reading only.
func (s *DB) CheckQuestionSender(ctx context.Context, q *portal.Question, gap time.Duration, perHour int) error {
	return questionLimits(ctx, s.db, q, s.now(), gap, perHour)
}

// rowQueryer is a database or a transaction.
type rowQueryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// questionLimits refuses a question whose sender asked less than gap ago,
// perHour times in the last hour, or the same question before.
func questionLimits(ctx context.Context, tx rowQueryer, q *portal.Question, now time.Time, gap time.Duration, perHour int) error {
	var hour, last, same int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(CASE WHEN created_at > $3 THEN 1 END),
		COUNT(CASE WHEN created_at > $4 THEN 1 END), COUNT(CASE WHEN title = $5 AND content = $6 THEN 1 END)
		FROM questions WHERE ip = $1 OR email = $2`, q.IP, q.Email, now.Add(-time.Hour), now.Add(-gap),
		q.Title, q.Content).Scan(&hour, &last, &same)
	switch {
	case err != nil:
		return err
	case same > 0:
		return portal.Errorf(portal.ECONFLICT, "Câu hỏi này đã được gửi rồi. Bạn có thể tra cứu tình trạng bằng mã đã nhận.")
	case last > 0:
		return portal.Errorf(portal.ELIMIT, "Bạn vừa gửi câu hỏi. Xin đợi một phút rồi gửi tiếp.")
	case hour >= perHour:
		return portal.Errorf(portal.ELIMIT, "Bạn đã gửi nhiều câu hỏi trong một giờ qua. Xin đợi rồi gửi tiếp.")
	}
	return nil
}

// insertQuestion saves q under a new lookup code, drawing again on the rare
// clash with an existing one.
func insertQuestion(ctx context.Context, tx *sql.Tx, q *portal.Question, mediaID int64) error {
	for range 5 {
		q.Code = portal.NewLookupCode()
		err := tx.QueryRowContext(ctx, `INSERT INTO questions (code, name, email, phone, address, ip, topic_id, title,
			content, media_id, status, created_at, search_folded) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
			NULLIF($10, 0), $11, $12, $13) ON CONFLICT (code) DO NOTHING RETURNING id`, q.Code, q.Name, q.Email,
			q.Phone, q.Address, q.IP, q.TopicID, q.Title, q.Content, mediaID, string(q.Status), q.CreatedAt,
			foldedWords(q.Title, q.Content)).Scan(&q.ID)
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	return errors.New("store: no free lookup code")
}

// QuestionByCode finds a question by its lookup code.
func (s *DB) QuestionByCode(ctx context.Context, code string) (*portal.Question, error) {
	var q portal.Question
	err := scanQuestion(s.db.QueryRowContext(ctx, "SELECT "+questionColumns+questionFrom+" WHERE q.code = $1", code), &q)
	if err != nil {
		return nil, notFound(err, "câu hỏi có mã này")
	}
	return &q, nil
}

// PublishedQuestion returns a published question.
func (s *DB) PublishedQuestion(ctx context.Context, id int64) (*portal.Question, error) {
	var q portal.Question
	err := scanQuestion(s.db.QueryRowContext(ctx, "SELECT "+questionColumns+questionFrom+
		" WHERE q.id = $1 AND q.status = 'published'", id), &q)
	if err != nil {
		return nil, notFound(err, "câu hỏi")
	}
	return &q, nil
}

// PublishedQuestions lists a page of published questions, newest first.
func (s *DB) PublishedQuestions(ctx context.Context, f portal.QuestionFilter) (*portal.QuestionResults, error) {
	where, args := " WHERE q.status = 'published'", []any{}
	if f.TopicID != 0 {
		args = append(args, f.TopicID)
		where += " AND q.topic_id = $" + strconv.Itoa(len(args))
	}
	if strings.TrimSpace(f.Text) != "" {
		parsed, err := search.Parse(f.Text)
		switch {
		case errors.Is(err, search.ErrTooLong):
			return nil, portal.Invalid("q", "Từ khóa dài quá 200 ký tự, xin rút gọn lại.")
		case err != nil:
			return nil, portal.Invalid("q", "Từ khóa cần có ít nhất một chữ hoặc chữ số.")
		}
		for _, w := range parsed.Words {
			args = append(args, "% "+escapeLike(w.Folded)+" %")
			where += " AND q.search_folded LIKE $" + strconv.Itoa(len(args)) + ` ESCAPE '\'`
		}
	}
	res := &portal.QuestionResults{}
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM questions q"+where, args...).Scan(&res.Total); err != nil {
		return nil, err
	}
	offset := (max(f.Page, 1) - 1) * portal.QuestionsPerPage
	var err error
	res.Questions, err = query(ctx, s.db, scanQuestion, "SELECT "+questionColumns+questionFrom+where+
		" ORDER BY q.published_at DESC, q.id DESC LIMIT "+strconv.Itoa(portal.QuestionsPerPage)+
		" OFFSET "+strconv.Itoa(offset), args...)
	return res, err
}

// escapeLike makes s match itself in a LIKE pattern with ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Topics lists the fields questions are asked in, in their order, then by
// name.
func (s *DB) Topics(ctx context.Context) ([]portal.Topic, error) {
	list, err := query(ctx, s.db, scanTopic, "SELECT id, name, position FROM question_topics")
	byPosition(list, topicKey)
	return list, err
}

// Units lists the units that answer questions, in their order, then by name.
func (s *DB) Units(ctx context.Context) ([]portal.Unit, error) {
	list, err := query(ctx, s.db, scanTopic, "SELECT id, name, position FROM question_units")
	byPosition(list, topicKey)
	return list, err
}

func scanTopic(row scanner, t *portal.Topic) error { return row.Scan(&t.ID, &t.Name, &t.Position) }
