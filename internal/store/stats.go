package store

import (
	"context"
	"database/sql"
	"strconv"

	"cong/internal/portal"
)

// AddStats adds every count to its day's row in one transaction: a flush of
// the statistics is one batch, however many rows it holds, and instances
// sharing the database add to the same rows.
func (s *DB) AddStats(ctx context.Context, counts []portal.StatCount) error {
	if len(counts) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO stat_days (day, metric, item, n) VALUES ($1, $2, $3, $4)
			ON CONFLICT (day, metric, item) DO UPDATE SET n = stat_days.n + excluded.n`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, c := range counts {
			if _, err := stmt.ExecContext(ctx, c.Day, c.Metric, c.Item, c.N); err != nil {
				return err
			}
		}
		return nil
	})
}

// DailyStats returns the figures of the days in [from, to], referrers
// apart, with people's visits read from visit_days, every site's together.
func (s *DB) DailyStats(ctx context.Context, from, to string) ([]portal.StatCount, error) {
	return query(ctx, s.db, scanStatCount, `SELECT day, metric, item, n FROM stat_days
		WHERE day >= $1 AND day <= $2 AND metric <> $3
		UNION ALL SELECT day, CAST($4 AS TEXT), '', CAST(SUM(visits) AS BIGINT) FROM visit_days
		WHERE day >= $1 AND day <= $2 GROUP BY day
		ORDER BY 1, 2, 3`, from, to, portal.MetricReferrer, portal.MetricVisits)
}

// TopItems returns metric's items with the largest totals since from.
func (s *DB) TopItems(ctx context.Context, metric, from string, limit int) ([]portal.StatItem, error) {
	return query(ctx, s.db, func(row scanner, it *portal.StatItem) error { return row.Scan(&it.Item, &it.N) },
		`SELECT item, CAST(SUM(n) AS BIGINT) AS total FROM stat_days WHERE metric = $1 AND day >= $2
		GROUP BY item ORDER BY total DESC, item LIMIT `+strconv.Itoa(max(limit, 1)), metric, from)
}

// TopArticles returns the articles read most since from, by their daily
// views, whatever their state now.
func (s *DB) TopArticles(ctx context.Context, from string, limit int) ([]portal.ArticleViews, error) {
	return query(ctx, s.db, func(row scanner, a *portal.ArticleViews) error {
		return row.Scan(&a.ID, &a.Title, &a.CategorySlug, &a.Slug, &a.Views)
	}, `SELECT a.id, a.title, c.slug, a.slug, v.views FROM articles a
		JOIN categories c ON c.id = a.category_id
		JOIN (SELECT article_id, CAST(SUM(views) AS BIGINT) AS views FROM article_views_daily WHERE day >= $1
			GROUP BY article_id) v ON v.article_id = a.id
		ORDER BY v.views DESC, a.id DESC LIMIT `+strconv.Itoa(max(limit, 1)), from)
}

func scanStatCount(row scanner, c *portal.StatCount) error {
	return row.Scan(&c.Day, &c.Metric, &c.Item, &c.N)
}
