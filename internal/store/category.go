package store

import (
	"context"
	"slices"

	"cong/internal/portal"
	"cong/internal/viet"
)

// Categories returns every category ordered by parent, position and name.
func (s *DB) Categories(ctx context.Context) ([]portal.Category, error) {
	return query(ctx, s.db, scanCategory, `SELECT id, COALESCE(parent_id, 0), name, slug, position, visible, comments_closed, created_at
		FROM categories ORDER BY COALESCE(parent_id, 0), position, name`)
}

// CreateCategory saves a new category; its slug must be free.
func (s *DB) CreateCategory(ctx context.Context, c *portal.Category) error {
	c.Name = viet.NFC(c.Name)
	if err := c.Validate(); err != nil {
		return err
	}
	c.CreatedAt = s.now()
	err := s.db.QueryRowContext(ctx, `INSERT INTO categories (parent_id, name, slug, position, visible, comments_closed, created_at)
		VALUES (NULLIF($1, 0), $2, $3, $4, $5, $6, $7) RETURNING id`,
		c.ParentID, c.Name, c.Slug, c.Position, c.Visible, c.CommentsClosed, c.CreatedAt).Scan(&c.ID)
	if s.dialect.isUnique(err) {
		return portal.Invalid("slug", "Đường dẫn chuyên mục này đã có.")
	}
	if err != nil {
		return err
	}
	return s.BumpContentVersion(ctx)
}

// UpdateCategory saves a category's fields, refusing a parent below itself.
func (s *DB) UpdateCategory(ctx context.Context, c *portal.Category) error {
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
	_, err = s.db.ExecContext(ctx, `UPDATE categories SET parent_id = NULLIF($1, 0), name = $2, slug = $3, position = $4,
		visible = $5, comments_closed = $6 WHERE id = $7`, c.ParentID, c.Name, c.Slug, c.Position, c.Visible,
		c.CommentsClosed, c.ID)
	if s.dialect.isUnique(err) {
		return portal.Invalid("slug", "Đường dẫn chuyên mục này đã có.")
	}
	if err != nil {
		return err
	}
	return s.BumpContentVersion(ctx)
}

func scanCategory(row scanner, c *portal.Category) error {
	return row.Scan(&c.ID, &c.ParentID, &c.Name, &c.Slug, &c.Position, &c.Visible, &c.CommentsClosed, &c.CreatedAt)
}
