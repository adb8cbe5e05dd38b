package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"cong/internal/portal"
	"cong/internal/viet"
)

const collectionColumns = `g.id, g.name, g.slug, g.description, g.on_home, g.position, g.built_in,
	(SELECT COUNT(*) FROM collection_articles ca WHERE ca.collection_id = g.id)`

func scanCollection(row scanner, c *portal.Collection) error {
	return row.Scan(&c.ID, &c.Name, &c.Slug, &c.Description, &c.OnHome, &c.Position, &c.BuiltIn, &c.Articles)
}

// Collections lists the groups by position, then id.
func (s *DB) Collections(ctx context.Context) ([]portal.Collection, error) {
	return query(ctx, s.db, scanCollection, `SELECT `+collectionColumns+` FROM collections g
		ORDER BY g.position, g.id LIMIT 1000`)
}

// Collection returns the group with id.
func (s *DB) Collection(ctx context.Context, id int64) (*portal.Collection, error) {
	return s.oneCollection(ctx, "g.id = $1", id)
}

// CollectionBySlug returns the group whose slug is slug.
func (s *DB) CollectionBySlug(ctx context.Context, slug string) (*portal.Collection, error) {
	return s.oneCollection(ctx, "g.slug = $1", slug)
}

// BuiltInCollection returns the group the portal keeps for kind.
func (s *DB) BuiltInCollection(ctx context.Context, kind string) (*portal.Collection, error) {
	return s.oneCollection(ctx, "g.built_in = $1", kind)
}

func (s *DB) oneCollection(ctx context.Context, cond string, arg any) (*portal.Collection, error) {
	var c portal.Collection
	err := scanCollection(s.db.QueryRowContext(ctx, `SELECT `+collectionColumns+` FROM collections g WHERE `+cond, arg), &c)
	if err != nil {
		return nil, notFound(err, "chuyên đề")
	}
	return &c, nil
}

func normalizeCollection(c *portal.Collection) error {
	c.Name, c.Description, c.Slug = viet.NFC(c.Name), viet.NFC(c.Description), strings.ToLower(c.Slug)
	return c.Validate()
}

// collectionSlug is freeRowSlug for a group.
func collectionSlug(ctx context.Context, tx *sql.Tx, want, name string, id int64) (string, error) {
	return freeRowSlug(ctx, tx, "collections", "chuyen-de", "chuyên đề này", want, name, id)
}

// CreateCollection saves a new group made by staff.
func (s *DB) CreateCollection(ctx context.Context, who portal.Actor, c *portal.Collection) error {
	if err := normalizeCollection(c); err != nil {
		return err
	}
	c.BuiltIn = ""
	ch := &change{action: "collection.create", detail: c.Name, public: true}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		slug, err := collectionSlug(ctx, tx, c.Slug, c.Name, 0)
		if err != nil {
			return err
		}
		c.Slug = slug
		err = tx.QueryRowContext(ctx, `INSERT INTO collections (name, slug, description, on_home, position)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, c.Name, c.Slug, c.Description, c.OnHome, c.Position).Scan(&c.ID)
		ch.object = object("collection", c.ID)
		return err
	})
}

// UpdateCollection saves c's name, slug (its own when left empty),
// description, home flag and position; a built-in group keeps its kind.
func (s *DB) UpdateCollection(ctx context.Context, who portal.Actor, c *portal.Collection) error {
	if err := normalizeCollection(c); err != nil {
		return err
	}
	ch := &change{action: "collection.update", object: object("collection", c.ID), detail: c.Name, public: true}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		var old string
		err := tx.QueryRowContext(ctx, `SELECT slug, built_in FROM collections WHERE id = $1`, c.ID).Scan(&old, &c.BuiltIn)
		if err != nil {
			return notFound(err, "chuyên đề")
		}
		if c.Slug == "" {
			c.Slug = old
		}
		if c.Slug, err = collectionSlug(ctx, tx, c.Slug, c.Name, c.ID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE collections SET name = $1, slug = $2, description = $3, on_home = $4,
			position = $5 WHERE id = $6`, c.Name, c.Slug, c.Description, c.OnHome, c.Position, c.ID)
		return err
	})
}

// DeleteCollection removes a group made by staff, not its articles.
func (s *DB) DeleteCollection(ctx context.Context, who portal.Actor, id int64) error {
	c, err := s.Collection(ctx, id)
	if err != nil {
		return err
	}
	if c.BuiltIn != "" {
		return portal.Invalid("form", "Chuyên đề này do cổng giữ, không xóa được.")
	}
	ch := &change{action: "collection.delete", object: object("collection", id), detail: c.Name, public: true}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM collections WHERE id = $1`, id)
		return err
	})
}

// CollectionArticles lists the articles of group id that f selects, in
// hand order, each with its cover; f's own limit counts after the filter.
func (s *DB) CollectionArticles(ctx context.Context, id int64, f portal.ArticleFilter) ([]portal.Article, error) {
	limit := f.Limit
	f.Limit, f.Offset = 0, 0 // never newestPerCategory: the order is the hand's
	w, args, err := s.where(ctx, f)
	if err != nil {
		return nil, err
	}
	args = append(args, id)
	cond := " WHERE ca.collection_id = $" + strconv.Itoa(len(args))
	if w != "" {
		cond += " AND " + strings.TrimPrefix(w, " WHERE ")
	}
	q := `SELECT ` + articleColumns + `, ` + mediaColumnsNullable + ` FROM collection_articles ca
		JOIN articles a ON a.id = ca.article_id JOIN categories c ON c.id = a.category_id
		LEFT JOIN media m ON m.id = a.cover_id` + cond + ` ORDER BY ca.position, a.id`
	if limit > 0 {
		q += " LIMIT " + strconv.Itoa(limit)
	}
	return s.articlesWithCovers(ctx, q, args)
}

// AddToCollection puts an article last in group id.
func (s *DB) AddToCollection(ctx context.Context, who portal.Actor, id, articleID int64) error {
	ch := &change{action: "collection.add", object: object("collection", id), detail: articleObject(articleID), public: true}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		var n, last int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(position), -1) FROM collection_articles
			WHERE collection_id = $1`, id).Scan(&n, &last)
		if err != nil {
			return err
		}
		if busy, err := counted(ctx, tx, `SELECT COUNT(*) FROM collections WHERE id = $1`, id); err != nil || !busy {
			return notFound(orNoRows(err), "chuyên đề")
		}
		if ok, err := counted(ctx, tx, `SELECT COUNT(*) FROM articles WHERE id = $1`, articleID); err != nil || !ok {
			if err != nil {
				return err
			}
			return portal.Invalid("article", "Không có bài viết số "+strconv.FormatInt(articleID, 10)+".")
		}
		if in, err := counted(ctx, tx, `SELECT COUNT(*) FROM collection_articles WHERE collection_id = $1
			AND article_id = $2`, id, articleID); err != nil || in {
			if err != nil {
				return err
			}
			return portal.Errorf(portal.ECONFLICT, "Bài viết này đã có trong chuyên đề.")
		}
		if n >= portal.MaxCollectionArticles {
			return portal.Invalid("article", "Một chuyên đề có tối đa 200 bài viết.")
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO collection_articles (collection_id, article_id, position)
			VALUES ($1, $2, $3)`, id, articleID, last+1)
		return err
	})
}

// MoveInCollection swaps an article of group id with its neighbour above
// (by < 0) or below (by > 0); at either end nothing changes.
func (s *DB) MoveInCollection(ctx context.Context, who portal.Actor, id, articleID int64, by int) error {
	ch := &change{action: "collection.move", object: object("collection", id), detail: articleObject(articleID), public: true}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		type item struct{ article, position int64 }
		items, err := query(ctx, tx, func(r scanner, it *item) error { return r.Scan(&it.article, &it.position) },
			`SELECT article_id, position FROM collection_articles WHERE collection_id = $1 ORDER BY position, article_id`, id)
		if err != nil {
			return err
		}
		i := -1
		for k, it := range items {
			if it.article == articleID {
				i = k
			}
		}
		if i < 0 {
			return portal.Errorf(portal.ENOTFOUND, "Bài viết không có trong chuyên đề.")
		}
		j := i + 1
		if by < 0 {
			j = i - 1
		}
		if j < 0 || j >= len(items) {
			ch.none = true
			return nil
		}
		// Positions may repeat after an old import or tie; renumber the
		// two with the neighbours' places swapped, kept distinct.
		pi, pj := int64(j), int64(i)
		for k, it := range items {
			p := int64(k)
			switch k {
			case i:
				p = pi
			case j:
				p = pj
			}
			if p == it.position {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE collection_articles SET position = $1 WHERE collection_id = $2
				AND article_id = $3`, p, id, it.article); err != nil {
				return err
			}
		}
		return nil
	})
}

// RemoveFromCollection takes an article out of group id.
func (s *DB) RemoveFromCollection(ctx context.Context, who portal.Actor, id, articleID int64) error {
	ch := &change{action: "collection.remove", object: object("collection", id), detail: articleObject(articleID), public: true}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM collection_articles WHERE collection_id = $1 AND article_id = $2`,
			id, articleID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return portal.Errorf(portal.ENOTFOUND, "Bài viết không có trong chuyên đề.")
		}
		return nil
	})
}
