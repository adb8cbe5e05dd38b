package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"time"

	"cong/internal/portal"
)

// GradeArticle gives a published article its royalty kind and points, or
// new ones.
func (s *DB) GradeArticle(ctx context.Context, who portal.Actor, r *portal.Royalty) error {
	if err := r.Validate(); err != nil {
		return err
	}
	r.GradedBy, r.GradedAt = who.Name, s.now()
	c := &change{action: "article.royalty", object: articleObject(r.ArticleID),
		detail: r.Kind.Name() + ", " + r.Points.String() + " điểm"}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		var status portal.Status
		err := tx.QueryRowContext(ctx, "SELECT status FROM articles WHERE id = $1", r.ArticleID).Scan(&status)
		if err != nil {
			return notFound(err, "bài viết")
		}
		if status != portal.StatusPublished {
			return portal.Invalid("kind", "Chỉ chấm nhuận bút cho bài đã xuất bản.")
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO article_royalties (article_id, kind, points, graded_by, graded_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (article_id) DO UPDATE SET kind = excluded.kind,
			points = excluded.points, graded_by = excluded.graded_by, graded_at = excluded.graded_at`,
			r.ArticleID, string(r.Kind), int64(r.Points), r.GradedBy, r.GradedAt)
		return err
	})
}

// ArticleRoyalty returns an article's grade, ENOTFOUND when it has none.
func (s *DB) ArticleRoyalty(ctx context.Context, articleID int64) (*portal.Royalty, error) {
	r := portal.Royalty{ArticleID: articleID}
	err := s.db.QueryRowContext(ctx, `SELECT kind, points, graded_by, graded_at FROM article_royalties
		WHERE article_id = $1`, articleID).Scan(&r.Kind, &r.Points, &r.GradedBy, &r.GradedAt)
	if err != nil {
		return nil, notFound(err, "nhuận bút của bài")
	}
	return &r, nil
}

// maxRoyaltyItems bounds one month's report: far above what a newsroom
// publishes in a month.
const maxRoyaltyItems = 50000

// RoyaltyReport sums the graded articles published from from to to, by
// pen name and by person. The sums are made here, in whole hundredths, so
// both engines give the same figures.
func (s *DB) RoyaltyReport(ctx context.Context, from, to time.Time) (*portal.RoyaltyReport, error) {
	rep := &portal.RoyaltyReport{From: from, To: to}
	var err error
	rep.Items, err = query(ctx, s.db, func(row scanner, it *portal.RoyaltyItem) error {
		return row.Scan(&it.ArticleID, &it.Title, &it.PublishedAt, &it.PenNameID, &it.PenName, &it.Kind, &it.Points)
	}, `SELECT a.id, a.title, a.published_at, COALESCE(a.pen_name_id, 0), COALESCE(p.name, ''), r.kind, r.points
		FROM article_royalties r JOIN articles a ON a.id = r.article_id LEFT JOIN pen_names p ON p.id = a.pen_name_id
		WHERE a.published_at >= $1 AND a.published_at < $2 ORDER BY a.published_at, a.id LIMIT $3`,
		from.UTC(), to.UTC(), maxRoyaltyItems)
	if err != nil {
		return nil, err
	}
	people, err := s.penNamePeople(ctx)
	if err != nil {
		return nil, err
	}
	byPen := map[int64]*portal.RoyaltyLine{}
	type who struct{ user, pen int64 }
	byPerson := map[who]*portal.RoyaltyLine{}
	for i := range rep.Items {
		it := &rep.Items[i]
		rep.Total += it.Points
		ps := people[it.PenNameID]
		for _, u := range ps {
			it.People = append(it.People, u.name)
		}
		l := byPen[it.PenNameID]
		if l == nil {
			l = &portal.RoyaltyLine{PenNameID: it.PenNameID, PenName: it.PenName, Shared: len(ps) > 1}
			byPen[it.PenNameID] = l
		}
		l.Articles++
		l.Points += it.Points
		for _, u := range ps {
			k := who{u.id, it.PenNameID}
			pl := byPerson[k]
			if pl == nil {
				pl = &portal.RoyaltyLine{PenNameID: it.PenNameID, PenName: it.PenName, UserID: u.id, UserName: u.name,
					Shared: len(ps) > 1}
				byPerson[k] = pl
			}
			pl.Articles++
			pl.Points += it.Points
		}
	}
	for _, l := range byPen {
		rep.ByPenName = append(rep.ByPenName, *l)
	}
	for _, l := range byPerson {
		rep.ByPerson = append(rep.ByPerson, *l)
	}
	slices.SortFunc(rep.ByPenName, func(a, b portal.RoyaltyLine) int {
		return cmp.Or(cmp.Compare(penNameKey(a.PenName), penNameKey(b.PenName)), cmp.Compare(a.PenNameID, b.PenNameID))
	})
	slices.SortFunc(rep.ByPerson, func(a, b portal.RoyaltyLine) int {
		return cmp.Or(cmp.Compare(a.UserName, b.UserName), cmp.Compare(a.UserID, b.UserID),
			cmp.Compare(penNameKey(a.PenName), penNameKey(b.PenName)), cmp.Compare(a.PenNameID, b.PenNameID))
	})
	return rep, nil
}
