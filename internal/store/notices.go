package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

const noticeColumns = `id, body, url, level, starts_at, ends_at, created_at`

// noticeOrder puts the most urgent first, then the newest.
const noticeOrder = ` ORDER BY CASE level WHEN 'urgent' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, starts_at DESC, id DESC`

func scanNotice(row scanner, n *portal.Notice) error {
	var ends sql.NullTime
	err := row.Scan(&n.ID, &n.Text, &n.URL, &n.Level, &n.StartsAt, &ends, &n.CreatedAt)
	n.EndsAt = ends.Time
	return err
}

// Notices returns the urgent notices shown at now, most urgent first.
func (s *DB) Notices(ctx context.Context, now time.Time) ([]portal.Notice, error) {
	return query(ctx, s.db, scanNotice, `SELECT `+noticeColumns+` FROM notices
		WHERE site_id = $2 AND starts_at <= $1 AND (ends_at IS NULL OR ends_at > $1)`+noticeOrder+` LIMIT 5`, now.UTC(),
		s.siteID())
}

// AllNotices lists the notices, newest first.
func (s *DB) AllNotices(ctx context.Context) ([]portal.Notice, error) {
	return query(ctx, s.db, scanNotice, `SELECT `+noticeColumns+` FROM notices WHERE site_id = $1
		ORDER BY starts_at DESC, id DESC LIMIT 500`, s.siteID())
}

// Notice returns one notice.
func (s *DB) Notice(ctx context.Context, id int64) (*portal.Notice, error) {
	var n portal.Notice
	if err := scanNotice(s.db.QueryRowContext(ctx, `SELECT `+noticeColumns+` FROM notices WHERE id = $1 AND site_id = $2`, id, s.siteID()), &n); err != nil {
		return nil, notFound(err, "thông báo")
	}
	return &n, nil
}

// SaveNotice creates or updates a notice.
func (s *DB) SaveNotice(ctx context.Context, who portal.Actor, n *portal.Notice) error {
	n.Text = viet.NFC(n.Text)
	if err := n.Validate(); err != nil {
		return err
	}
	c := &change{action: "notice.save", detail: n.Level + ": " + n.Text, public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		defer func() { c.object = object("notice", n.ID) }()
		if n.ID == 0 {
			n.CreatedAt = s.now()
			return tx.QueryRowContext(ctx, `INSERT INTO notices (body, url, level, starts_at, ends_at, created_at, site_id)
				VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, n.Text, n.URL, n.Level, n.StartsAt.UTC(),
				nullTime(n.EndsAt), n.CreatedAt, s.siteID()).Scan(&n.ID)
		}
		res, err := tx.ExecContext(ctx, `UPDATE notices SET body = $1, url = $2, level = $3, starts_at = $4, ends_at = $5
			WHERE id = $6 AND site_id = $7`, n.Text, n.URL, n.Level, n.StartsAt.UTC(), nullTime(n.EndsAt), n.ID, s.siteID())
		return changedOne(ctx, tx, res, err, "thông báo")
	})
}

// DeleteNotice removes a notice.
func (s *DB) DeleteNotice(ctx context.Context, who portal.Actor, id int64) error {
	c := &change{action: "notice.delete", object: object("notice", id), public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT body FROM notices WHERE id = $1 AND site_id = $2", id, s.siteID()).Scan(&c.detail); err != nil {
			return notFound(err, "thông báo")
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM notices WHERE id = $1", id)
		return changedOne(ctx, tx, res, err, "thông báo")
	})
}

// nextChangeQueries each give the first time after $1 at which something
// readers see starts or ends. Each reads one column directly (not through
// MIN) so that both drivers return a time.
var nextChangeQueries = []string{
	`SELECT starts_at FROM image_links WHERE active AND starts_at > $1 ORDER BY starts_at LIMIT 1`,
	`SELECT ends_at FROM image_links WHERE active AND ends_at > $1 ORDER BY ends_at LIMIT 1`,
	`SELECT starts_at FROM ads WHERE active AND starts_at > $1 ORDER BY starts_at LIMIT 1`,
	`SELECT ends_at FROM ads WHERE active AND ends_at > $1 ORDER BY ends_at LIMIT 1`,
	`SELECT starts_at FROM notices WHERE starts_at > $1 ORDER BY starts_at LIMIT 1`,
	`SELECT ends_at FROM notices WHERE ends_at > $1 ORDER BY ends_at LIMIT 1`,
}

// NextChange returns the first start or end of an image link, ad or notice
// after now; zero when none is due.
func (s *DB) NextChange(ctx context.Context, now time.Time) (time.Time, error) {
	var times []time.Time
	for _, q := range nextChangeQueries {
		var t time.Time
		err := s.db.QueryRowContext(ctx, q, now.UTC()).Scan(&t)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return time.Time{}, err
		}
		times = append(times, t)
	}
	if len(times) == 0 {
		return time.Time{}, nil
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	return times[0], nil
}

// SaveSettings stores several settings together and raises the content
// version, so every instance shows them within its cache period. The audit
// entry names each setting that changed, with its old and new value when
// both are short.
func (s *DB) SaveSettings(ctx context.Context, who portal.Actor, kv map[string]string) error {
	c := &change{action: "settings.save", object: "settings", public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		keys := make([]string, 0, len(kv))
		for k := range kv {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var changed []string
		for _, k := range keys {
			v := viet.NFC(kv[k])
			var old string
			err := tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE site_id = $1 AND key = $2", s.siteID(), k).Scan(&old)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if old == v {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (site_id, key, value) VALUES ($1, $2, $3)
				ON CONFLICT (site_id, key) DO UPDATE SET value = excluded.value`, s.siteID(), k, v); err != nil {
				return err
			}
			if len(old)+len(v) <= 120 && !strings.ContainsAny(old+v, "\n") {
				changed = append(changed, k+": "+old+" → "+v)
			} else {
				changed = append(changed, k)
			}
		}
		c.detail = strings.Join(changed, "; ")
		return nil
	})
}
