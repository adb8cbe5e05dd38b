package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"cong/internal/portal"
	"cong/internal/viet"
)

const mediaColumns = `m.id, m.file, m.mime, m.caption, m.alt, m.width, m.height, m.size, m.created_at, m.variants,
	m.webp, COALESCE(m.uploaded_by, 0)`

// mediaColumnsNullable reads a LEFT JOINed media row that may be missing.
const mediaColumnsNullable = `m.id, m.file, m.mime, m.caption, m.alt, m.width, m.height, m.size, m.variants, m.webp`

func scanMedia(row scanner, m *portal.Media, before ...any) error {
	var variants, webp string
	dest := append(before, &m.ID, &m.File, &m.MIME, &m.Caption, &m.Alt, &m.Width, &m.Height, &m.Size, &m.CreatedAt,
		&variants, &webp, &m.OwnerID)
	err := row.Scan(dest...)
	m.Variants, m.WebP = parseWidths(variants), parseWidths(webp)
	return err
}

func parseWidths(s string) []int {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if w, err := strconv.Atoi(f); err == nil {
			out = append(out, w)
		}
	}
	return out
}

func formatWidths(ws []int) string {
	s := make([]string, len(ws))
	for i, w := range ws {
		s[i] = strconv.Itoa(w)
	}
	return strings.Join(s, ",")
}

// nullMedia receives mediaColumnsNullable.
type nullMedia struct {
	id                   sql.NullInt64
	file, mime, cap, alt sql.NullString
	w, h, size           sql.NullInt64
	variants, webp       sql.NullString
}

func (n *nullMedia) dest() []any {
	return []any{&n.id, &n.file, &n.mime, &n.cap, &n.alt, &n.w, &n.h, &n.size, &n.variants, &n.webp}
}

func (n *nullMedia) media() *portal.Media {
	if !n.id.Valid {
		return nil
	}
	return &portal.Media{ID: n.id.Int64, File: n.file.String, MIME: n.mime.String, Caption: n.cap.String,
		Alt: n.alt.String, Width: int(n.w.Int64), Height: int(n.h.Int64), Size: n.size.Int64,
		Variants: parseWidths(n.variants.String), WebP: parseWidths(n.webp.String)}
}

// CreateMedia saves a media record.
func (s *DB) CreateMedia(ctx context.Context, who portal.Actor, m *portal.Media) error {
	m.Caption, m.Alt = viet.NFC(m.Caption), viet.NFC(m.Alt)
	if err := m.Validate(); err != nil {
		return err
	}
	m.CreatedAt = s.now()
	c := &change{action: "media.upload", detail: m.File}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO media (file, mime, caption, alt, width, height, size, created_at,
			variants, webp, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULLIF($11, 0)) RETURNING id`,
			m.File, m.MIME, m.Caption, m.Alt, m.Width, m.Height, m.Size, m.CreatedAt, formatWidths(m.Variants),
			formatWidths(m.WebP), m.OwnerID).Scan(&m.ID)
		if s.dialect.isUnique(err) {
			return portal.Invalid("file", "Tệp này đã có trong thư viện.")
		}
		c.object = object("media", m.ID)
		return err
	})
}

// libraryOnly leaves out citizens' question attachments, which share the
// media table but are not the library's: no picker, list or lookup by id or
// file name offers them; only the question shows them, to staff who handle
// questions.
const libraryOnly = `m.file NOT LIKE '` + portal.QuestionFolder + `/%'`

// Media returns one media record of the library.
func (s *DB) Media(ctx context.Context, id int64) (*portal.Media, error) {
	return s.mediaWhere(ctx, "m.id = $1 AND "+libraryOnly, id)
}

func (s *DB) mediaWhere(ctx context.Context, cond string, arg any) (*portal.Media, error) {
	var m portal.Media
	err := scanMedia(s.db.QueryRowContext(ctx, `SELECT `+mediaColumns+` FROM media m WHERE `+cond, arg), &m)
	if err != nil {
		return nil, notFound(err, "tệp")
	}
	return &m, nil
}

// LinkMedia attaches a media record to an article.
func (s *DB) LinkMedia(ctx context.Context, who portal.Actor, articleID, mediaID int64, position int) error {
	c := &change{action: "article.media", object: articleObject(articleID), detail: object("media", mediaID),
		public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO article_media (article_id, media_id, position) VALUES ($1, $2, $3)
			ON CONFLICT (article_id, media_id) DO UPDATE SET position = excluded.position`, articleID, mediaID, position)
		return err
	})
}

// MediaByFile finds a media record of the library by its file name.
func (s *DB) MediaByFile(ctx context.Context, file string) (*portal.Media, error) {
	return s.mediaWhere(ctx, "m.file = $1 AND "+libraryOnly, file)
}

// ListMedia lists the library newest first, optionally matching words.
// Matching folds tone marks in Go: the library is small enough to scan.
func (s *DB) ListMedia(ctx context.Context, f portal.MediaFilter) ([]portal.Media, error) {
	q := `SELECT ` + mediaColumns + ` FROM media m WHERE ` + libraryOnly
	if f.Images {
		q += ` AND m.mime LIKE 'image/%'`
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY m.created_at DESC, m.id DESC LIMIT 5000`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	words := strings.Fields(viet.Fold(f.Query))
	var out []portal.Media
	for rows.Next() && len(out) < limit {
		var m portal.Media
		if err := scanMedia(rows, &m); err != nil {
			return nil, err
		}
		if matchesAll(viet.Fold(m.Caption+" "+m.Alt+" "+m.File), words) {
			out = append(out, m)
		}
	}
	return out, rows.Err()
}

func matchesAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}
