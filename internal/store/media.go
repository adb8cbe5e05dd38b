package store

import (
	"context"
	"database/sql"

	"cong/internal/portal"
	"cong/internal/viet"
)

const mediaColumns = `m.id, m.file, m.mime, m.caption, m.alt, m.width, m.height, m.size, m.created_at`

// mediaColumnsNullable reads a LEFT JOINed media row that may be missing.
const mediaColumnsNullable = `m.id, m.file, m.mime, m.caption, m.alt, m.width, m.height, m.size`

func scanMedia(row scanner, m *portal.Media) error {
	return row.Scan(&m.ID, &m.File, &m.MIME, &m.Caption, &m.Alt, &m.Width, &m.Height, &m.Size, &m.CreatedAt)
}

// nullMedia receives mediaColumnsNullable.
type nullMedia struct {
	id                   sql.NullInt64
	file, mime, cap, alt sql.NullString
	w, h, size           sql.NullInt64
}

func (n *nullMedia) dest() []any {
	return []any{&n.id, &n.file, &n.mime, &n.cap, &n.alt, &n.w, &n.h, &n.size}
}

func (n *nullMedia) media() *portal.Media {
	if !n.id.Valid {
		return nil
	}
	return &portal.Media{ID: n.id.Int64, File: n.file.String, MIME: n.mime.String, Caption: n.cap.String,
		Alt: n.alt.String, Width: int(n.w.Int64), Height: int(n.h.Int64), Size: n.size.Int64}
}

// CreateMedia saves a media record.
func (s *DB) CreateMedia(ctx context.Context, m *portal.Media) error {
	m.Caption, m.Alt = viet.NFC(m.Caption), viet.NFC(m.Alt)
	if err := m.Validate(); err != nil {
		return err
	}
	m.CreatedAt = s.now()
	err := s.db.QueryRowContext(ctx, `INSERT INTO media (file, mime, caption, alt, width, height, size, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		m.File, m.MIME, m.Caption, m.Alt, m.Width, m.Height, m.Size, m.CreatedAt).Scan(&m.ID)
	if s.dialect.isUnique(err) {
		return portal.Invalid("file", "Tệp này đã có trong thư viện.")
	}
	return err
}

// Media returns one media record.
func (s *DB) Media(ctx context.Context, id int64) (*portal.Media, error) {
	var m portal.Media
	err := scanMedia(s.db.QueryRowContext(ctx, `SELECT `+mediaColumns+` FROM media m WHERE m.id = $1`, id), &m)
	if err != nil {
		return nil, notFound(err, "tệp")
	}
	return &m, nil
}

// LinkMedia attaches a media record to an article.
func (s *DB) LinkMedia(ctx context.Context, articleID, mediaID int64, position int) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO article_media (article_id, media_id, position) VALUES ($1, $2, $3)
		ON CONFLICT (article_id, media_id) DO UPDATE SET position = excluded.position`, articleID, mediaID, position)
	return err
}
