package store

import (
	"context"
	"database/sql"
	"strconv"

	"cong/internal/portal"
)

// ArticleLocations lists the id, category slug, slug and times of the
// articles f selects with an id above after, in id order, at most f.Limit of
// them. The cursor walks the primary key, so the millionth row costs what the
// first does; there is no OFFSET.
func (s *DB) ArticleLocations(ctx context.Context, f portal.ArticleFilter, after int64) ([]portal.ArticleLocation, error) {
	limit := f.Limit
	// Without a limit, where() lists the categories plainly instead of
	// picking each one's newest rows, which would be the wrong order here.
	f.Limit, f.Offset = 0, 0
	w, args, err := s.where(ctx, f)
	if err != nil {
		return nil, err
	}
	args = append(args, after)
	cursor := "a.id > $" + strconv.Itoa(len(args))
	if w == "" {
		w = " WHERE " + cursor
	} else {
		w += " AND " + cursor
	}
	q := `SELECT a.id, c.slug, a.slug, a.updated_at, a.published_at FROM articles a
		JOIN categories c ON c.id = a.category_id` + w + ` ORDER BY a.id`
	if limit > 0 {
		q += " LIMIT " + strconv.Itoa(limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []portal.ArticleLocation
	for rows.Next() {
		var l portal.ArticleLocation
		var published sql.NullTime
		if err := rows.Scan(&l.ID, &l.CategorySlug, &l.Slug, &l.UpdatedAt, &published); err != nil {
			return nil, err
		}
		l.PublishedAt = published.Time
		out = append(out, l)
	}
	return out, rows.Err()
}
