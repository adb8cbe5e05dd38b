package store

import (
	"context"
	"database/sql"

	"cong/internal/portal"
	"cong/internal/viet"
)

const pageColumns = `id, lang, slug, title, body, COALESCE(translation_of, 0), position, in_menu, published, updated_at,
	COALESCE(parent_id, 0)`

func scanPage(row scanner, p *portal.Page) error {
	return row.Scan(&p.ID, &p.Lang, &p.Slug, &p.Title, &p.Body, &p.TranslationOf, &p.Position, &p.InMenu,
		&p.Published, &p.UpdatedAt, &p.ParentID)
}

// Pages lists the pages of lang in menu order; lang "" lists both.
func (s *DB) Pages(ctx context.Context, lang string, publishedOnly bool) ([]portal.Page, error) {
	return query(ctx, s.db, scanPage, `SELECT `+pageColumns+` FROM pages
		WHERE ($1 = '' OR lang = $1) AND (published OR NOT $2) ORDER BY lang DESC, position, id`, lang, publishedOnly)
}

// Page returns a page with its contacts and translation.
func (s *DB) Page(ctx context.Context, id int64) (*portal.Page, error) {
	return s.onePage(ctx, `SELECT `+pageColumns+` FROM pages WHERE id = $1`, id)
}

// PageBySlug returns the page of lang at slug, published or not.
func (s *DB) PageBySlug(ctx context.Context, lang, slug string) (*portal.Page, error) {
	return s.onePage(ctx, `SELECT `+pageColumns+` FROM pages WHERE lang = $1 AND slug = $2`, lang, slug)
}

func (s *DB) onePage(ctx context.Context, q string, args ...any) (*portal.Page, error) {
	var p portal.Page
	if err := scanPage(s.db.QueryRowContext(ctx, q, args...), &p); err != nil {
		return nil, notFound(err, "trang")
	}
	var err error
	p.Contacts, err = query(ctx, s.db, func(row scanner, c *portal.Contact) error {
		return row.Scan(&c.Name, &c.Title, &c.Phone, &c.Email)
	}, `SELECT name, title, phone, email FROM page_contacts WHERE page_id = $1 ORDER BY position`, p.ID)
	if err != nil {
		return nil, err
	}
	other, err := query(ctx, s.db, func(row scanner, t *portal.Page) error {
		return row.Scan(&t.ID, &t.Lang, &t.Slug, &t.Title, &t.Published)
	}, `SELECT id, lang, slug, title, published FROM pages WHERE id = $1 OR translation_of = $2 ORDER BY id LIMIT 1`,
		p.TranslationOf, p.ID)
	if len(other) > 0 {
		p.Translation = &other[0]
	}
	return &p, err
}

// CreatePage saves a new page.
func (s *DB) CreatePage(ctx context.Context, who portal.Actor, p *portal.Page) error {
	if err := preparePage(p); err != nil {
		return err
	}
	p.UpdatedAt = s.now()
	return s.savePage(ctx, who, p, func(tx *sql.Tx) error {
		return insertPage(ctx, tx, p)
	})
}

// UpdatePage saves a page's every field and its contacts.
func (s *DB) UpdatePage(ctx context.Context, who portal.Actor, p *portal.Page) error {
	if err := preparePage(p); err != nil {
		return err
	}
	p.UpdatedAt = s.now()
	return s.savePage(ctx, who, p, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE pages SET lang = $1, slug = $2, title = $3, body = $4,
			translation_of = NULLIF($5, 0), position = $6, in_menu = $7, published = $8, updated_at = $9,
			parent_id = NULLIF($11, 0) WHERE id = $10`,
			p.Lang, p.Slug, p.Title, p.Body, p.TranslationOf, p.Position, p.InMenu, p.Published, p.UpdatedAt, p.ID,
			p.ParentID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy trang.")
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM page_contacts WHERE page_id = $1`, p.ID)
		return err
	})
}

// DeletePage removes a page; its translation, if any, stays, unlinked.
func (s *DB) DeletePage(ctx context.Context, who portal.Actor, id int64) error {
	c := &change{action: "page.delete", object: object("page", id), public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		var lang, slug string
		if err := tx.QueryRowContext(ctx, `SELECT lang, slug FROM pages WHERE id = $1`, id).Scan(&lang, &slug); err != nil {
			return notFound(err, "trang")
		}
		c.detail = lang + " " + slug
		_, err := tx.ExecContext(ctx, `DELETE FROM pages WHERE id = $1`, id)
		return err
	})
}

func insertPage(ctx context.Context, tx *sql.Tx, p *portal.Page) error {
	return tx.QueryRowContext(ctx, `INSERT INTO pages (lang, slug, title, body, translation_of, position, in_menu,
		published, updated_at, parent_id) VALUES ($1, $2, $3, $4, NULLIF($5, 0), $6, $7, $8, $9, NULLIF($10, 0))
		RETURNING id`, p.Lang, p.Slug, p.Title, p.Body, p.TranslationOf, p.Position, p.InMenu, p.Published,
		p.UpdatedAt, p.ParentID).Scan(&p.ID)
}

func preparePage(p *portal.Page) error {
	p.Title, p.Body = viet.NFC(p.Title), viet.NFC(p.Body)
	for i := range p.Contacts {
		c := &p.Contacts[i]
		c.Name, c.Title = viet.NFC(c.Name), viet.NFC(c.Title)
	}
	return p.Validate()
}

// savePage runs save, checks the translation link and writes the contacts,
// in one change.
func (s *DB) savePage(ctx context.Context, who portal.Actor, p *portal.Page, save func(tx *sql.Tx) error) error {
	c := &change{action: "page.save", detail: p.Lang + " " + p.Slug, public: true}
	err := s.write(ctx, who, c, func(tx *sql.Tx) error {
		if err := checkTranslation(ctx, tx, p); err != nil {
			return err
		}
		if err := save(tx); err != nil {
			return err
		}
		c.object = object("page", p.ID)
		for i, c := range p.Contacts {
			if _, err := tx.ExecContext(ctx, `INSERT INTO page_contacts (page_id, position, name, title, phone, email)
				VALUES ($1, $2, $3, $4, $5, $6)`, p.ID, i, c.Name, c.Title, c.Phone, c.Email); err != nil {
				return err
			}
		}
		return nil
	})
	if s.dialect.isUnique(err) {
		return portal.Invalid("slug", "Đường dẫn này đã có trang khác cùng ngôn ngữ.")
	}
	return err
}

// checkTranslation makes sure an English page translates a Vietnamese page
// that no other page translates.
func checkTranslation(ctx context.Context, tx *sql.Tx, p *portal.Page) error {
	if p.TranslationOf == 0 {
		return nil
	}
	var lang string
	var taken int
	err := tx.QueryRowContext(ctx, `SELECT lang, (SELECT COUNT(*) FROM pages WHERE translation_of = $1 AND id <> $2)
		FROM pages WHERE id = $1`, p.TranslationOf, p.ID).Scan(&lang, &taken)
	switch {
	case err == sql.ErrNoRows || err == nil && lang != portal.LangVI:
		return portal.Invalid("translation", "Bản dịch phải gắn với một trang tiếng Việt.")
	case err != nil:
		return err
	case taken > 0:
		return portal.Invalid("translation", "Trang tiếng Việt này đã có bản tiếng Anh.")
	}
	return nil
}
