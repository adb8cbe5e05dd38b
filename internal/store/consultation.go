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

const consultationColumns = `c.id, c.slug, c.title, c.issuer, c.summary, c.opens_at, c.closes_at, c.receiver_address,
	c.receiver_email, c.public_comments, c.published, c.created_at, c.updated_at`

func scanConsultation(row scanner, c *portal.Consultation) error {
	return row.Scan(&c.ID, &c.Slug, &c.Title, &c.Issuer, &c.Summary, &c.OpensAt, &c.ClosesAt, &c.ReceiverAddress,
		&c.ReceiverEmail, &c.PublicComments, &c.Published, &c.CreatedAt, &c.UpdatedAt)
}

// reservedConsultationSlugs are the list pages under /gop-y-du-thao/.
var reservedConsultationSlugs = map[string]bool{"sap-toi": true, "da-ket-thuc": true}

func normalizeConsultation(c *portal.Consultation) error {
	c.Title, c.Issuer, c.Summary = viet.NFC(c.Title), viet.NFC(c.Issuer), viet.NFC(c.Summary)
	c.ReceiverAddress, c.ReceiverEmail = viet.NFC(c.ReceiverAddress), viet.NFC(c.ReceiverEmail)
	return c.Validate()
}

// CreateConsultation saves a new consultation, unpublished unless set, with a
// slug made from its title.
func (s *DB) CreateConsultation(ctx context.Context, who portal.Actor, c *portal.Consultation) error {
	if err := normalizeConsultation(c); err != nil {
		return err
	}
	c.CreatedAt, c.UpdatedAt = s.now(), s.now()
	ch := &change{action: "consultation.create", public: c.Published}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		slug, err := freeConsultationSlug(ctx, tx, c.Title, 0)
		if err != nil {
			return err
		}
		c.Slug = slug
		err = tx.QueryRowContext(ctx, `INSERT INTO consultations (slug, title, issuer, summary, opens_at, closes_at,
			receiver_address, receiver_email, public_comments, published, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`, c.Slug, c.Title, c.Issuer, c.Summary,
			c.OpensAt, c.ClosesAt, c.ReceiverAddress, c.ReceiverEmail, c.PublicComments, c.Published, c.CreatedAt,
			c.UpdatedAt).Scan(&c.ID)
		ch.object, ch.detail = object("consultation", c.ID), c.Slug
		return err
	})
}

// UpdateConsultation saves staff's changes. The slug stays: links already
// shared keep working.
func (s *DB) UpdateConsultation(ctx context.Context, who portal.Actor, c *portal.Consultation) error {
	if err := normalizeConsultation(c); err != nil {
		return err
	}
	c.UpdatedAt = s.now()
	ch := &change{action: "consultation.update", object: object("consultation", c.ID), public: true}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE consultations SET title = $1, issuer = $2, summary = $3, opens_at = $4,
			closes_at = $5, receiver_address = $6, receiver_email = $7, public_comments = $8, updated_at = $9
			WHERE id = $10`, c.Title, c.Issuer, c.Summary, c.OpensAt, c.ClosesAt, c.ReceiverAddress, c.ReceiverEmail,
			c.PublicComments, c.UpdatedAt, c.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy dự thảo.")
		}
		return nil
	})
}

// SetConsultationPublished shows or hides a consultation from readers.
func (s *DB) SetConsultationPublished(ctx context.Context, who portal.Actor, id int64, published bool) error {
	action := "consultation.unpublish"
	if published {
		action = "consultation.publish"
	}
	return s.changeConsultation(ctx, who, &change{action: action}, id,
		"UPDATE consultations SET published = $1, updated_at = $2 WHERE id = $3", published, s.now(), id)
}

// changeConsultation runs one statement on consultation id as change c.
func (s *DB) changeConsultation(ctx context.Context, who portal.Actor, c *change, id int64, q string, args ...any) error {
	c.object, c.public = object("consultation", id), true
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		var slug string
		if err := tx.QueryRowContext(ctx, "SELECT slug FROM consultations WHERE id = $1", id).Scan(&slug); err != nil {
			return notFound(err, "dự thảo")
		}
		if c.detail == "" {
			c.detail = slug
		}
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	})
}

// freeConsultationSlug makes a slug from title that no other consultation
// (nor a list page) uses.
func freeConsultationSlug(ctx context.Context, tx *sql.Tx, title string, id int64) (string, error) {
	base := viet.Slug(title)
	if base == "" {
		base = "du-thao"
	}
	return freeSlugOf(base, func(slug string) (bool, error) {
		if reservedConsultationSlugs[slug] {
			return true, nil
		}
		return counted(ctx, tx, "SELECT COUNT(*) FROM consultations WHERE slug = $1 AND id <> $2", slug, id)
	}, "title", "dự thảo này")
}

// Consultation returns one consultation with its files.
func (s *DB) Consultation(ctx context.Context, id int64) (*portal.Consultation, error) {
	return s.consultationWhere(ctx, "c.id = $1", id)
}

// ConsultationBySlug returns one consultation with its files.
func (s *DB) ConsultationBySlug(ctx context.Context, slug string) (*portal.Consultation, error) {
	return s.consultationWhere(ctx, "c.slug = $1", slug)
}

func (s *DB) consultationWhere(ctx context.Context, cond string, arg any) (*portal.Consultation, error) {
	var c portal.Consultation
	err := scanConsultation(s.db.QueryRowContext(ctx, `SELECT `+consultationColumns+` FROM consultations c WHERE `+cond, arg), &c)
	if err != nil {
		return nil, notFound(err, "dự thảo")
	}
	c.Files, err = query(ctx, s.db, func(row scanner, m *portal.Media) error { return scanMedia(row, m) },
		`SELECT `+mediaColumns+` FROM consultation_files f JOIN media m ON m.id = f.media_id
		WHERE f.consultation_id = $1 ORDER BY f.position, m.id`, c.ID)
	return &c, err
}

// consultationFilter turns a filter into a WHERE clause, an ORDER BY and arguments.
func consultationFilter(f portal.ConsultationFilter) (where, order string, args []any) {
	conds := []string{"TRUE"}
	if f.PublishedOnly {
		conds = append(conds, "c.published")
	}
	now := f.Now.UTC()
	order = "c.opens_at DESC, c.id DESC"
	switch f.Phase {
	case portal.PhaseUpcoming:
		conds, args = append(conds, "c.opens_at > $1"), append(args, now)
		order = "c.opens_at, c.id"
	case portal.PhaseOpen:
		conds, args = append(conds, "c.opens_at <= $1 AND c.closes_at > $1"), append(args, now)
	case portal.PhaseClosed:
		conds, args = append(conds, "c.closes_at <= $1"), append(args, now)
		order = "c.closes_at DESC, c.id DESC"
	}
	return strings.Join(conds, " AND "), order, args
}

// Consultations lists consultations; see portal.ConsultationService.
func (s *DB) Consultations(ctx context.Context, f portal.ConsultationFilter) ([]portal.Consultation, error) {
	where, order, args := consultationFilter(f)
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	return query(ctx, s.db, scanConsultation, `SELECT `+consultationColumns+` FROM consultations c WHERE `+where+
		` ORDER BY `+order+` LIMIT `+strconv.Itoa(limit)+` OFFSET `+strconv.Itoa(max(f.Offset, 0)), args...)
}

// CountConsultations counts what Consultations would list without a limit.
func (s *DB) CountConsultations(ctx context.Context, f portal.ConsultationFilter) (int, error) {
	where, _, args := consultationFilter(f)
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM consultations c WHERE `+where, args...).Scan(&n)
	return n, err
}

// NextConsultationChange returns the first opening or closing of a published
// consultation after now; zero if none is to come.
func (s *DB) NextConsultationChange(ctx context.Context, now time.Time) (time.Time, error) {
	return s.nextOpenOrClose(ctx, "consultations", now)
}

// nextOpenOrClose returns the first opens_at or closes_at after now among
// the published rows of table; zero if none is to come.
func (s *DB) nextOpenOrClose(ctx context.Context, table string, now time.Time) (time.Time, error) {
	now = now.UTC()
	var next time.Time
	for _, col := range []string{"opens_at", "closes_at"} {
		var t sql.NullTime
		err := s.db.QueryRowContext(ctx, `SELECT `+col+` FROM `+table+` WHERE published AND `+col+` > $1
			ORDER BY `+col+` LIMIT 1`, now).Scan(&t)
		if err != nil && err != sql.ErrNoRows {
			return time.Time{}, err
		}
		if t.Valid && (next.IsZero() || t.Time.Before(next)) {
			next = t.Time
		}
	}
	return next, nil
}

// AddConsultationFile attaches a media record after the consultation's files.
func (s *DB) AddConsultationFile(ctx context.Context, who portal.Actor, id, mediaID int64) error {
	c := &change{action: "consultation.file_add", detail: object("media", mediaID)}
	return s.changeConsultation(ctx, who, c, id, `INSERT INTO consultation_files (consultation_id, media_id, position)
		SELECT CAST($1 AS BIGINT), CAST($2 AS BIGINT), COALESCE(MAX(position), 0) + 1 FROM consultation_files
		WHERE consultation_id = $3
		ON CONFLICT (consultation_id, media_id) DO NOTHING`, id, mediaID, id)
}

// RemoveConsultationFile detaches a file; the media record stays in the library.
func (s *DB) RemoveConsultationFile(ctx context.Context, who portal.Actor, id, mediaID int64) error {
	c := &change{action: "consultation.file_remove", detail: object("media", mediaID)}
	return s.changeConsultation(ctx, who, c, id, "DELETE FROM consultation_files WHERE consultation_id = $1 AND media_id = $2",
		id, mediaID)
}
