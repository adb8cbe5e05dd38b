package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"

	"cong/internal/portal"
	"cong/internal/viet"
)

// Categories returns every category ordered by parent, position and name
// (in Vietnamese order).
func (s *DB) Categories(ctx context.Context) ([]portal.Category, error) {
	q := `SELECT id, COALESCE(parent_id, 0), name, slug, position, visible, comments_closed, created_at,
		EXISTS (SELECT 1 FROM category_groups g WHERE g.category_id = categories.id) FROM categories`
	var args []any
	if s.site != 0 {
		q, args = q+" WHERE site_id = $1", []any{s.site}
	}
	cats, err := query(ctx, s.db, scanCategory, q, args...)
	sortCategories(cats)
	return cats, err
}

// CreateCategory saves a new category; its slug must be free.
func (s *DB) CreateCategory(ctx context.Context, who portal.Actor, c *portal.Category) error {
	c.Name = viet.NFC(c.Name)
	if err := c.Validate(); err != nil {
		return err
	}
	c.CreatedAt = s.now()
	ch := &change{action: "category.create", detail: c.Name + " (" + c.Slug + ")", public: true}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		if err := s.siteParent(ctx, tx, c.ParentID); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO categories (parent_id, name, slug, position, visible,
			comments_closed, created_at, site_id) VALUES (NULLIF($1, 0), $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			c.ParentID, c.Name, c.Slug, c.Position, c.Visible, c.CommentsClosed, c.CreatedAt, s.siteID()).Scan(&c.ID)
		if s.dialect.isUnique(err) {
			return errCategorySlug
		}
		ch.object = "category:" + strconv.FormatInt(c.ID, 10)
		return err
	})
}

// UpdateCategory saves a category's fields, refusing a parent below itself.
func (s *DB) UpdateCategory(ctx context.Context, who portal.Actor, c *portal.Category) error {
	c.Name = viet.NFC(c.Name)
	if err := c.Validate(); err != nil {
		return err
	}
	cats, err := s.Categories(ctx)
	if err != nil {
		return err
	}
	tree := portal.NewCategoryTree(cats)
	if tree.ByID(c.ID) == nil {
		return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy chuyên mục.")
	}
	if slices.Contains(tree.Descendants(c.ID), c.ParentID) {
		return portal.Invalid("parent", "Chuyên mục cha không thể là chính nó hoặc chuyên mục con của nó.")
	}
	if c.ParentID != 0 && tree.ByID(c.ParentID) == nil {
		return errCategoryParent
	}
	ch := &change{action: "category.save", object: "category:" + strconv.FormatInt(c.ID, 10),
		detail: c.Name + " (" + c.Slug + ")", public: true}
	return s.write(ctx, who, ch, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE categories SET parent_id = NULLIF($1, 0), name = $2, slug = $3,
			position = $4, visible = $5, comments_closed = $6 WHERE id = $7`, c.ParentID, c.Name, c.Slug, c.Position,
			c.Visible, c.CommentsClosed, c.ID)
		if s.dialect.isUnique(err) {
			return errCategorySlug
		}
		return err
	})
}

// A category's address is unique on its site (migration 0030): each site
// may have its /tin-tuc. Articles' addresses stay unique across the sites.
var (
	errCategorySlug   = portal.Invalid("slug", "Đường dẫn chuyên mục này đã có trên trang.")
	errCategoryParent = portal.Invalid("parent", "Chuyên mục cha không có trên trang này.")
)

func scanCategory(row scanner, c *portal.Category) error {
	return row.Scan(&c.ID, &c.ParentID, &c.Name, &c.Slug, &c.Position, &c.Visible, &c.CommentsClosed, &c.CreatedAt,
		&c.MembersOnly)
}
