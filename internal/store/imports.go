package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// objectTables are the tables of the objects importers make, by the name
// the import records give them.
var objectTables = map[string]string{
	"article": "articles", "category": "categories", "page": "pages", "media": "media", "comment": "comments",
}

// Imported returns the record of src, or ENOTFOUND, also when what it made
// is gone since (staff deleted it): the next run makes it again.
func (s *DB) Imported(ctx context.Context, src portal.Source) (*portal.Imported, error) {
	var r portal.Imported
	err := s.db.QueryRowContext(ctx, `SELECT object, object_id, checksum FROM import_items
		WHERE system = $1 AND kind = $2 AND source_id = $3`, src.System, src.Kind, src.ID).Scan(&r.Object, &r.ID, &r.Checksum)
	if err == nil && objectTables[r.Object] != "" {
		var one int
		err = s.db.QueryRowContext(ctx, "SELECT 1 FROM "+objectTables[r.Object]+" WHERE id = $1", r.ID).Scan(&one)
	}
	if err != nil {
		return nil, notFound(err, "mục đã nhập "+src.String())
	}
	return &r, nil
}

// importItem is the write path of an imported item of kind object: in one
// transaction it finds what an earlier run made of imp.Source (0 when
// nothing, or when that object is gone), skips the item when its checksum
// has not moved, else lets save insert (existing 0) or update it and return
// its id, and records the source and the old addresses with the audit entry.
//
// An unchanged item is not written; setID gets its id all the same, so
// importers can hang what follows (comments, child pages) on it.
func (s *DB) importItem(ctx context.Context, who portal.Actor, imp portal.Import, object string, public bool,
	setID func(int64), save func(tx *sql.Tx, existing int64) (int64, error)) (portal.Outcome, error) {
	src := imp.Source
	if src.System == "" || src.Kind == "" || src.ID == "" {
		return portal.Failed, portal.Invalid("source", "Mục nhập thiếu nguồn (hệ thống, loại, mã).")
	}
	outcome := portal.Created
	c := &change{action: object + ".import", detail: src.String(), public: public}
	err := s.write(ctx, who, c, func(tx *sql.Tx) error {
		var existing int64
		var checksum string
		err := tx.QueryRowContext(ctx, `SELECT i.object_id, i.checksum FROM import_items i
			JOIN `+objectTables[object]+` o ON o.id = i.object_id
			WHERE i.system = $1 AND i.kind = $2 AND i.source_id = $3 AND i.object = $4`,
			src.System, src.Kind, src.ID, object).Scan(&existing, &checksum)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			existing = 0
		case err != nil:
			return err
		case checksum == imp.Checksum && imp.Checksum != "":
			outcome, c.none = portal.Unchanged, true
			setID(existing)
			return nil
		default:
			outcome = portal.Updated
		}
		id, err := save(tx, existing)
		if err != nil {
			return err
		}
		c.object = object + ":" + strconv.FormatInt(id, 10)
		_, err = tx.ExecContext(ctx, `INSERT INTO import_items (system, kind, source_id, object, object_id, checksum,
			imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (system, kind, source_id) DO UPDATE SET object = excluded.object,
			object_id = excluded.object_id, checksum = excluded.checksum, imported_at = excluded.imported_at`,
			src.System, src.Kind, src.ID, object, id, imp.Checksum, s.now())
		if err != nil {
			return err
		}
		for _, p := range imp.Paths {
			if err := putLegacyPath(ctx, tx, s.siteID(), portal.LegacyPath{Key: p, Object: object, ObjectID: id}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return portal.Failed, err
	}
	return outcome, nil
}

// putLegacyPath records an old address of a site; one given again points
// anew.
func putLegacyPath(ctx context.Context, tx *sql.Tx, site int64, p portal.LegacyPath) error {
	if key := portal.LegacyKeyOf(p.Key); key != "" {
		p.Key = key // as written in the source: "/2020/12/30/hoi-nghi/"
	}
	if p.Key == "" || len(p.Key) > 2000 || !strings.HasPrefix(p.Key, "/") {
		return portal.Invalid("path", "Địa chỉ cũ không hợp lệ: "+truncateRunes(p.Key, 100))
	}
	if p.Object == "url" && (!strings.HasPrefix(p.Target, "/") || strings.HasPrefix(p.Target, "//")) {
		return portal.Invalid("path", "Địa chỉ đích phải là một đường dẫn của cổng: "+truncateRunes(p.Target, 100))
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO legacy_paths (site_id, path, object, object_id, target)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (site_id, path) DO UPDATE SET object = excluded.object,
		object_id = excluded.object_id, target = excluded.target`, site, p.Key, p.Object, p.ObjectID, p.Target)
	return err
}

func truncateRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// AddLegacyPaths records old addresses that lead to no imported item: tag
// pages, feeds.
func (s *DB) AddLegacyPaths(ctx context.Context, who portal.Actor, paths []portal.LegacyPath) error {
	if len(paths) == 0 {
		return nil
	}
	c := &change{action: "legacy.paths", object: "legacy_paths", detail: strconv.Itoa(len(paths)) + " địa chỉ"}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		for _, p := range paths {
			if err := putLegacyPath(ctx, tx, s.siteID(), p); err != nil {
				return err
			}
		}
		return nil
	})
}

// LegacyPath returns what the old address key of the site s sees leads to,
// or ENOTFOUND.
func (s *DB) LegacyPath(ctx context.Context, key string) (*portal.LegacyPath, error) {
	p := portal.LegacyPath{Key: key}
	err := s.db.QueryRowContext(ctx, `SELECT object, object_id, target FROM legacy_paths WHERE site_id = $1 AND path = $2`,
		s.siteID(), key).Scan(&p.Object, &p.ObjectID, &p.Target)
	if err != nil {
		return nil, notFound(err, "địa chỉ cũ")
	}
	return &p, nil
}

// ImportCategory saves a category read from an old portal, under the parent
// c.ParentID already has; a slug another category holds gets a suffix.
func (s *DB) ImportCategory(ctx context.Context, who portal.Actor, imp portal.Import, c *portal.Category) (portal.Outcome, error) {
	c.Name = viet.NFC(c.Name)
	if c.Slug == "" {
		c.Slug = viet.Slug(c.Name)
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = s.now()
	}
	return s.importItem(ctx, who, imp, "category", true, func(id int64) { c.ID = id }, func(tx *sql.Tx, existing int64) (int64, error) {
		slug, err := s.freeCategorySlug(ctx, tx, c.Slug, existing)
		if err != nil {
			return 0, err
		}
		c.Slug = slug
		if err := c.Validate(); err != nil {
			return 0, err
		}
		if existing == 0 {
			err = tx.QueryRowContext(ctx, `INSERT INTO categories (parent_id, name, slug, position, visible,
				comments_closed, created_at, site_id) VALUES (NULLIF($1, 0), $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
				c.ParentID, c.Name, c.Slug, c.Position, c.Visible, c.CommentsClosed, c.CreatedAt, s.siteID()).Scan(&c.ID)
			return c.ID, err
		}
		c.ID = existing
		_, err = tx.ExecContext(ctx, `UPDATE categories SET parent_id = NULLIF($1, 0), name = $2, slug = $3,
			position = $4, visible = $5 WHERE id = $6`, c.ParentID, c.Name, c.Slug, c.Position, c.Visible, c.ID)
		return c.ID, err
	})
}

// freeCategorySlug returns want, or want with "-2", "-3", … when another
// category of the site has it or the portal reserves it.
func (s *DB) freeCategorySlug(ctx context.Context, tx *sql.Tx, want string, id int64) (string, error) {
	base := viet.Slug(want)
	if base == "" {
		base = "chuyen-muc"
	}
	return freeSlugOf(base, func(slug string) (bool, error) {
		if portal.ReservedSlugs[slug] {
			return true, nil
		}
		return counted(ctx, tx, "SELECT COUNT(*) FROM categories WHERE slug = $1 AND id <> $2 AND site_id = $3",
			slug, id, s.siteID())
	}, "slug", "chuyên mục "+want)
}

// ImportMedia records a file an importer stored in the library; a file the
// library holds already keeps its row, with the caption and alt text given.
func (s *DB) ImportMedia(ctx context.Context, who portal.Actor, imp portal.Import, m *portal.Media) (portal.Outcome, error) {
	m.Caption, m.Alt = viet.NFC(m.Caption), viet.NFC(m.Alt)
	if err := m.Validate(); err != nil {
		return portal.Failed, err
	}
	if m.CreatedAt.IsZero() {
		m.CreatedAt = s.now()
	}
	return s.importItem(ctx, who, imp, "media", false, func(id int64) { m.ID = id }, func(tx *sql.Tx, existing int64) (int64, error) {
		if existing != 0 {
			// The source's file changed: the row takes the new copy.
			m.ID = existing
			_, err := tx.ExecContext(ctx, `UPDATE media SET file = $1, mime = $2, caption = $3, alt = $4, width = $5,
				height = $6, size = $7, variants = $8, webp = $9 WHERE id = $10`, m.File, m.MIME, m.Caption, m.Alt, m.Width,
				m.Height, m.Size, formatWidths(m.Variants), formatWidths(m.WebP), m.ID)
			return m.ID, err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO media (file, mime, caption, alt, width, height, size, created_at,
			variants, webp) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			ON CONFLICT (file) DO UPDATE SET caption = excluded.caption, alt = excluded.alt RETURNING id`,
			m.File, m.MIME, m.Caption, m.Alt, m.Width, m.Height, m.Size, m.CreatedAt, formatWidths(m.Variants),
			formatWidths(m.WebP)).Scan(&m.ID)
		return m.ID, err
	})
}

// ImportArticle saves an article read from an old portal: new, or in place
// of what an earlier run made of the same source. Its slug is a.Slug when
// free, and an earlier slug that changes is kept as a redirect, as in the
// newsroom. Views counted meanwhile are never lost to a smaller figure.
func (s *DB) ImportArticle(ctx context.Context, who portal.Actor, imp portal.Import, a *portal.Article, note string) (portal.Outcome, error) {
	if err := normalizeArticle(a); err != nil {
		return portal.Failed, err
	}
	now := s.now()
	if a.CreatedAt.IsZero() {
		a.CreatedAt = now
	}
	if a.UpdatedAt.IsZero() {
		a.UpdatedAt = a.CreatedAt
	}
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC().Truncate(time.Microsecond), a.UpdatedAt.UTC().Truncate(time.Microsecond)
	return s.importItem(ctx, who, imp, "article", seen(a.Status), func(id int64) { a.ID = id }, func(tx *sql.Tx, existing int64) (int64, error) {
		if err := s.siteCategory(ctx, tx, a.CategoryID); err != nil {
			return 0, err
		}
		if existing != 0 {
			if err := s.onSite(ctx, tx, articleOfArticle, existing, "bài viết"); err != nil {
				return 0, err
			}
		}
		// The old portal's byline becomes a pen name, or finds its own.
		if err := s.nameByline(ctx, tx, a, nil); err != nil {
			return 0, err
		}
		if existing == 0 {
			if err := s.insertImportedArticle(ctx, tx, a, now, note); err != nil {
				return 0, err
			}
		} else if err := s.updateImportedArticle(ctx, tx, existing, a); err != nil {
			return 0, err
		}
		if err := saveTags(ctx, tx, a); err != nil {
			return 0, err
		}
		if err := saveRevision(ctx, tx, a); err != nil {
			return 0, err
		}
		return a.ID, s.indexArticle(ctx, tx, a)
	})
}

func (s *DB) insertImportedArticle(ctx context.Context, tx *sql.Tx, a *portal.Article, now time.Time, note string) error {
	slug, err := s.freeSlug(ctx, tx, a.Slug, a.Title, 0)
	if err != nil {
		return err
	}
	a.Slug, a.Version = slug, 1
	if err := insertArticle(ctx, tx, a); err != nil {
		return err
	}
	if note == "" {
		return nil
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO article_transitions (article_id, actor_id, actor_name, action,
		from_status, to_status, note, at) VALUES ($1, NULL, $2, $3, '', $4, $5, $6)`,
		a.ID, portal.SystemName, string(portal.ActionImport), string(a.Status), note, now)
	return err
}

func (s *DB) updateImportedArticle(ctx context.Context, tx *sql.Tx, id int64, a *portal.Article) error {
	var oldSlug string
	var views, version int64
	err := tx.QueryRowContext(ctx, "SELECT slug, view_count, version FROM articles WHERE id = $1", id).
		Scan(&oldSlug, &views, &version)
	if err != nil {
		return err
	}
	a.ID, a.Version, a.ViewCount = id, version+1, max(a.ViewCount, views)
	want := a.Slug
	if want == "" {
		want = oldSlug
	}
	if a.Slug, err = s.freeSlug(ctx, tx, want, a.Title, id); err != nil {
		return err
	}
	if a.Slug != oldSlug {
		if err := addRedirect(ctx, tx, oldSlug, id); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE articles SET category_id = $1, title = $2, slug = $3, summary = $4,
		body = $5, author = $6, source = $7, source_url = $8, status = $9, featured = $10, cover_id = NULLIF($11, 0),
		updated_at = $12, published_at = $13, expires_at = $14, view_count = $15, version = $16,
		comments_closed = $17, pen_name_id = NULLIF($19, 0) WHERE id = $18`,
		a.CategoryID, a.Title, a.Slug, a.Summary, a.Body, a.Author, a.Source, a.SourceURL, string(a.Status),
		a.Featured, a.CoverID, a.UpdatedAt, nullTime(a.PublishedAt), nullTime(a.ExpiresAt), a.ViewCount, a.Version,
		a.CommentsClosed, id, a.PenNameID)
	return err
}

// ImportPage saves an introduction page read from an old portal, under the
// parent p.ParentID already has; a slug another page of its language holds
// gets a suffix.
func (s *DB) ImportPage(ctx context.Context, who portal.Actor, imp portal.Import, p *portal.Page) (portal.Outcome, error) {
	if p.Lang == "" {
		p.Lang = portal.LangVI
	}
	if p.Slug == "" {
		p.Slug = viet.Slug(p.Title)
	}
	if err := preparePage(p); err != nil {
		return portal.Failed, err
	}
	p.UpdatedAt = s.now()
	return s.importItem(ctx, who, imp, "page", p.Published, func(id int64) { p.ID = id }, func(tx *sql.Tx, existing int64) (int64, error) {
		slug, err := freeSlugOf(p.Slug, func(slug string) (bool, error) {
			return counted(ctx, tx, "SELECT COUNT(*) FROM pages WHERE slug = $1 AND lang = $2 AND id <> $3",
				slug, p.Lang, existing)
		}, "slug", "trang "+p.Slug)
		if err != nil {
			return 0, err
		}
		p.Slug = slug
		if existing == 0 {
			return p.ID, insertPage(ctx, tx, p)
		}
		p.ID = existing
		_, err = tx.ExecContext(ctx, `UPDATE pages SET slug = $1, title = $2, body = $3, position = $4,
			in_menu = $5, published = $6, updated_at = $7, parent_id = NULLIF($8, 0) WHERE id = $9`,
			p.Slug, p.Title, p.Body, p.Position, p.InMenu, p.Published, p.UpdatedAt, p.ParentID, p.ID)
		return p.ID, err
	})
}

// ImportComment saves a reader's comment read from an old portal, on the
// article (and under the comment) c already names, with its status.
func (s *DB) ImportComment(ctx context.Context, who portal.Actor, imp portal.Import, c *portal.Comment) (portal.Outcome, error) {
	c.Name, c.Body = viet.NFC(c.Name), viet.NFC(c.Body)
	if c.Status == "" {
		c.Status = portal.CommentPending
	}
	switch {
	case portal.CommentStatusNames[c.Status] == "":
		return portal.Failed, portal.Invalid("status", "Trạng thái ý kiến không hợp lệ.")
	case strings.TrimSpace(c.Body) == "" || portal.HasControl(c.Body):
		return portal.Failed, portal.Invalid("body", "Ý kiến trống hoặc có ký tự không hợp lệ.")
	case c.ArticleID == 0:
		return portal.Failed, portal.Invalid("article", "Ý kiến không gắn với bài viết nào đã nhập.")
	}
	created := c.CreatedAt
	public := c.Status == portal.CommentApproved
	return s.importItem(ctx, who, imp, "comment", public, func(id int64) { c.ID = id }, func(tx *sql.Tx, existing int64) (int64, error) {
		if existing == 0 {
			if err := insertComment(ctx, tx, c, s.now()); err != nil {
				return 0, err
			}
		} else {
			c.ID = existing
			_, err := tx.ExecContext(ctx, `UPDATE comments SET name = $1, email = $2, body = $3, status = $4,
				approved = $5, parent_id = NULLIF($6, 0) WHERE id = $7`, c.Name, c.Email, c.Body, string(c.Status),
				c.Status == portal.CommentApproved, c.ParentID, c.ID)
			if err != nil {
				return 0, err
			}
		}
		if !created.IsZero() {
			// The comment keeps the time its reader wrote it.
			if _, err := tx.ExecContext(ctx, "UPDATE comments SET created_at = $1 WHERE id = $2",
				created.UTC().Truncate(time.Microsecond), c.ID); err != nil {
				return 0, err
			}
		}
		return c.ID, nil
	})
}
