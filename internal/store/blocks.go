package store

import (
	"context"
	"database/sql"

	"cong/internal/portal"
	"cong/internal/viet"
)

const imageLinkColumns = `l.id, l.title, l.url, l.position, l.active, l.starts_at, l.ends_at, ` + mediaColumns

func scanImageLink(row scanner, l *portal.ImageLink) error {
	var starts, ends sql.NullTime
	err := scanMedia(row, &l.Image, &l.ID, &l.Title, &l.URL, &l.Position, &l.Active, &starts, &ends)
	l.StartsAt, l.EndsAt = starts.Time, ends.Time
	return err
}

// AllImageLinks lists every image link, shown or not, in position order.
func (s *DB) AllImageLinks(ctx context.Context) ([]portal.ImageLink, error) {
	return query(ctx, s.db, scanImageLink, `SELECT `+imageLinkColumns+` FROM image_links l
		JOIN media m ON m.id = l.media_id WHERE l.site_id = $1 ORDER BY l.position, l.id`, s.siteID())
}

// ImageLink returns one image link.
func (s *DB) ImageLink(ctx context.Context, id int64) (*portal.ImageLink, error) {
	var l portal.ImageLink
	err := scanImageLink(s.db.QueryRowContext(ctx, `SELECT `+imageLinkColumns+` FROM image_links l
		JOIN media m ON m.id = l.media_id WHERE l.id = $1 AND l.site_id = $2`, id, s.siteID()), &l)
	if err != nil {
		return nil, notFound(err, "ảnh liên kết")
	}
	return &l, nil
}

// SaveImageLink creates or updates an image link.
func (s *DB) SaveImageLink(ctx context.Context, who portal.Actor, l *portal.ImageLink) error {
	l.Title = viet.NFC(l.Title)
	if err := l.Validate(); err != nil {
		return err
	}
	c := &change{action: "imagelink.save", detail: l.Title + " → " + l.URL, public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		defer func() { c.object = object("imagelink", l.ID) }()
		if l.ID == 0 {
			return insertImageLink(ctx, tx, s.siteID(), l)
		}
		res, err := tx.ExecContext(ctx, `UPDATE image_links SET title = $1, url = $2, media_id = $3, position = $4,
			active = $5, starts_at = $6, ends_at = $7 WHERE id = $8 AND site_id = $9`, l.Title, l.URL, l.Image.ID, l.Position,
			l.Active, nullTime(l.StartsAt), nullTime(l.EndsAt), l.ID, s.siteID())
		return changedOne(ctx, tx, res, err, "ảnh liên kết")
	})
}

func insertImageLink(ctx context.Context, tx *sql.Tx, site int64, l *portal.ImageLink) error {
	return tx.QueryRowContext(ctx, `INSERT INTO image_links (title, url, media_id, position, active, starts_at, ends_at,
		site_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, viet.NFC(l.Title), l.URL, l.Image.ID, l.Position,
		l.Active, nullTime(l.StartsAt), nullTime(l.EndsAt), site).Scan(&l.ID)
}

// DeleteImageLink removes an image link.
func (s *DB) DeleteImageLink(ctx context.Context, who portal.Actor, id int64) error {
	c := &change{action: "imagelink.delete", object: object("imagelink", id), public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT title FROM image_links WHERE id = $1 AND site_id = $2", id, s.siteID()).Scan(&c.detail); err != nil {
			return notFound(err, "ảnh liên kết")
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM image_links WHERE id = $1", id)
		return changedOne(ctx, tx, res, err, "ảnh liên kết")
	})
}

// changedOne checks that a statement changed one row.
func changedOne(ctx context.Context, tx *sql.Tx, res sql.Result, err error, what string) error {
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy %s.", what)
	}
	return nil
}

const adColumns = `a.id, a.slot, a.title, a.body, a.url, a.weight, a.position, a.starts_at, a.ends_at, a.active, ` +
	mediaColumnsNullable

func scanAd(row scanner, a *portal.Ad) error {
	var ends sql.NullTime
	var m nullMedia
	err := row.Scan(append([]any{&a.ID, &a.Slot, &a.Title, &a.Text, &a.URL, &a.Weight, &a.Position, &a.StartsAt, &ends,
		&a.Active}, m.dest()...)...)
	a.EndsAt = ends.Time
	if img := m.media(); img != nil {
		a.Image = *img
	}
	return err
}

// AllAds lists every ad, newest first.
func (s *DB) AllAds(ctx context.Context) ([]portal.Ad, error) {
	return query(ctx, s.db, scanAd, `SELECT `+adColumns+` FROM ads a LEFT JOIN media m ON m.id = a.media_id
		WHERE a.site_id = $1 ORDER BY a.id DESC LIMIT 1000`, s.siteID())
}

// Ad returns one ad.
func (s *DB) Ad(ctx context.Context, id int64) (*portal.Ad, error) {
	var a portal.Ad
	err := scanAd(s.db.QueryRowContext(ctx, `SELECT `+adColumns+` FROM ads a LEFT JOIN media m ON m.id = a.media_id
		WHERE a.id = $1 AND a.site_id = $2`, id, s.siteID()), &a)
	if err != nil {
		return nil, notFound(err, "quảng cáo")
	}
	return &a, nil
}

// SaveAd creates or updates an ad.
func (s *DB) SaveAd(ctx context.Context, who portal.Actor, a *portal.Ad) error {
	a.Title, a.Text = viet.NFC(a.Title), viet.NFC(a.Text)
	if err := a.Validate(); err != nil {
		return err
	}
	c := &change{action: "ad.save", detail: a.Title + " → " + a.URL, public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		defer func() { c.object = object("ad", a.ID) }()
		if a.ID == 0 {
			return insertAd(ctx, tx, s.siteID(), a)
		}
		res, err := tx.ExecContext(ctx, `UPDATE ads SET slot = $1, title = $2, body = $3, url = $4,
			media_id = NULLIF($5, 0), weight = $6, position = $7, starts_at = $8, ends_at = $9, active = $10
			WHERE id = $11 AND site_id = $12`, a.Slot, a.Title, a.Text, a.URL, a.Image.ID, a.Weight, a.Position,
			a.StartsAt.UTC(), nullTime(a.EndsAt), a.Active, a.ID, s.siteID())
		return changedOne(ctx, tx, res, err, "quảng cáo")
	})
}

func insertAd(ctx context.Context, tx *sql.Tx, site int64, a *portal.Ad) error {
	if a.Slot == "" {
		a.Slot = portal.AdSlotSide
	}
	if a.Weight == 0 {
		a.Weight = 1
	}
	return tx.QueryRowContext(ctx, `INSERT INTO ads (slot, title, body, url, media_id, weight, position, starts_at,
		ends_at, active, site_id) VALUES ($1, $2, $3, $4, NULLIF($5, 0), $6, $7, $8, $9, $10, $11) RETURNING id`, a.Slot,
		viet.NFC(a.Title), viet.NFC(a.Text), a.URL, a.Image.ID, a.Weight, a.Position, a.StartsAt.UTC(),
		nullTime(a.EndsAt), a.Active, site).Scan(&a.ID)
}

// AddAdStats adds impressions and clicks to their days, in one transaction:
// correct however many instances share the database.
func (s *DB) AddAdStats(ctx context.Context, stats []portal.AdStat) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO ad_stats (ad_id, day, impressions, clicks) VALUES ($1, $2, $3, $4)
			ON CONFLICT (ad_id, day) DO UPDATE SET impressions = ad_stats.impressions + excluded.impressions,
			clicks = ad_stats.clicks + excluded.clicks`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, st := range stats {
			if _, err := stmt.ExecContext(ctx, st.AdID, st.Day, st.Impressions, st.Clicks); err != nil {
				return err
			}
		}
		return nil
	})
}

// AdStats returns an ad's counted days from the day from, and its totals.
func (s *DB) AdStats(ctx context.Context, id int64, from string) ([]portal.AdStat, portal.AdStat, error) {
	total := portal.AdStat{AdID: id}
	days, err := query(ctx, s.db, func(row scanner, st *portal.AdStat) error {
		return row.Scan(&st.AdID, &st.Day, &st.Impressions, &st.Clicks)
	}, `SELECT ad_id, day, impressions, clicks FROM ad_stats WHERE ad_id = $1 AND day >= $2 ORDER BY day`, id, from)
	if err != nil {
		return nil, total, err
	}
	err = s.db.QueryRowContext(ctx, `SELECT CAST(COALESCE(SUM(impressions), 0) AS BIGINT),
		CAST(COALESCE(SUM(clicks), 0) AS BIGINT) FROM ad_stats WHERE ad_id = $1`, id).Scan(&total.Impressions, &total.Clicks)
	return days, total, err
}
