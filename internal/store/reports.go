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

// SubmitErrorReport saves a reader's report on a published article, under
// the guards of comments: the sender's pace and a repeated text are
// checked in the transaction that saves, so they hold across instances.
func (s *DB) SubmitErrorReport(ctx context.Context, who portal.Actor, e *portal.ErrorReport, gap time.Duration, max int) error {
	e.Name, e.Quote, e.Body = viet.NFC(e.Name), viet.NFC(e.Quote), viet.NFC(e.Body)
	if err := e.Validate(); err != nil {
		return err
	}
	now := s.now()
	ch := &change{action: "error_report.submit", detail: object("article", e.ArticleID)}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		if err := s.dialect.serialize(ctx, tx); err != nil {
			return err
		}
		if err := checkSender(ctx, tx, "error_reports", e.IP, e.Email, now, gap, max,
			"Bạn vừa gửi báo lỗi. Xin đợi ít phút rồi gửi tiếp."); err != nil {
			return err
		}
		var dup int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM error_reports WHERE article_id = $1 AND body = $2
			AND quote = $3 AND (ip = $4 OR email = $5)`, e.ArticleID, e.Body, e.Quote, e.IP, e.Email).Scan(&dup)
		if err != nil {
			return err
		}
		if dup > 0 {
			return portal.Errorf(portal.ECONFLICT, "Báo lỗi này đã được gửi rồi.")
		}
		e.Status, e.CreatedAt = portal.ReportNew, now
		err = tx.QueryRowContext(ctx, `INSERT INTO error_reports (article_id, name, email, ip, quote, body, status,
			created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			e.ArticleID, e.Name, e.Email, e.IP, e.Quote, e.Body, string(e.Status), now).Scan(&e.ID)
		ch.object = object("error_report", e.ID)
		return err
	})
}

const reportColumns = `r.id, r.article_id, r.name, r.email, r.ip, r.quote, r.body, r.status, r.created_at,
	COALESCE(u.name, ''), r.handled_at, a.title, a.category_id`

const reportFrom = ` FROM error_reports r JOIN articles a ON a.id = r.article_id
	LEFT JOIN users u ON u.id = r.handled_by`

func scanReport(row scanner, e *portal.ErrorReport) error {
	var handled sql.NullTime
	err := row.Scan(&e.ID, &e.ArticleID, &e.Name, &e.Email, &e.IP, &e.Quote, &e.Body, &e.Status, &e.CreatedAt,
		&e.HandledBy, &handled, &e.ArticleTitle, &e.CategoryID)
	e.HandledAt = handled.Time
	return err
}

// ErrorReports lists reports in a status, newest first, of the categories
// f names (every category when f.CategoryIDs is nil).
func (s *DB) ErrorReports(ctx context.Context, f portal.ReportFilter) ([]portal.ErrorReport, error) {
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	w, args := " WHERE r.status = $1", []any{string(f.Status)}
	if f.CategoryIDs != nil {
		if len(f.CategoryIDs) == 0 {
			return nil, nil
		}
		ids := make([]string, len(f.CategoryIDs))
		for i, id := range f.CategoryIDs {
			ids[i] = strconv.FormatInt(id, 10)
		}
		w += " AND a.category_id IN (" + strings.Join(ids, ",") + ")"
	}
	w += s.siteArticles("a.category_id", addArg(&args))
	return query(ctx, s.db, scanReport, `SELECT `+reportColumns+reportFrom+w+`
		ORDER BY r.created_at DESC, r.id DESC LIMIT `+strconv.Itoa(limit), args...)
}

// ErrorReport returns one report with its article's title and category.
func (s *DB) ErrorReport(ctx context.Context, id int64) (*portal.ErrorReport, error) {
	var e portal.ErrorReport
	if err := s.onSite(ctx, s.db, articleOfReport, id, "báo lỗi"); err != nil {
		return nil, err
	}
	if err := scanReport(s.db.QueryRowContext(ctx, `SELECT `+reportColumns+reportFrom+` WHERE r.id = $1`, id), &e); err != nil {
		return nil, notFound(err, "báo lỗi")
	}
	return &e, nil
}

// SetReportStatus marks a report handled by who, or new again.
func (s *DB) SetReportStatus(ctx context.Context, who portal.Actor, id int64, status portal.ReportStatus) error {
	if !status.Valid() {
		return portal.Invalid("status", "Trạng thái không hợp lệ.")
	}
	ch := &change{action: "error_report." + string(status), object: object("error_report", id)}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		if err := s.onSite(ctx, tx, articleOfReport, id, "báo lỗi"); err != nil {
			return err
		}
		var by any
		var at sql.NullTime
		if status == portal.ReportDone {
			by, at = sql.NullInt64{Int64: who.ID, Valid: who.ID != 0}, sql.NullTime{Time: s.now(), Valid: true}
		}
		res, err := tx.ExecContext(ctx, `UPDATE error_reports SET status = $1, handled_by = $2, handled_at = $3
			WHERE id = $4`, string(status), by, at, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy báo lỗi.")
		}
		return nil
	})
}
