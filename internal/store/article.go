package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// articleColumns are read by every article query, in scanArticle's order.
const articleColumns = `a.id, a.category_id, a.title, a.slug, a.summary, a.author, a.source, a.source_url, a.source_note, a.status,
	a.featured, COALESCE(a.cover_id, 0), a.created_at, a.updated_at, a.published_at, a.view_count,
	COALESCE(a.owner_id, 0), a.version, a.expires_at, a.comments_closed, COALESCE(a.pen_name_id, 0),
	COALESCE((SELECT p.slug FROM pen_names p WHERE p.id = a.pen_name_id), ''), COALESCE(a.thread_id, 0), c.slug, a.members_only`

type scanner interface{ Scan(dest ...any) error }

// scanArticleRow reads the article columns alone.
func scanArticleRow(row scanner, a *portal.Article) error { return scanArticle(row, a) }

func scanArticle(row scanner, a *portal.Article, extra ...any) error {
	var published, expires sql.NullTime
	dest := append([]any{&a.ID, &a.CategoryID, &a.Title, &a.Slug, &a.Summary, &a.Author, &a.Source, &a.SourceURL, &a.SourceNote, &a.Status,
		&a.Featured, &a.CoverID, &a.CreatedAt, &a.UpdatedAt, &published, &a.ViewCount, &a.OwnerID, &a.Version,
		&expires, &a.CommentsClosed, &a.PenNameID, &a.PenNameSlug, &a.ThreadID, &a.CategorySlug, &a.MembersOnly}, extra...)
	if err := row.Scan(dest...); err != nil {
		return err
	}
	a.PublishedAt, a.ExpiresAt = published.Time, expires.Time
	return nil
}

// Article returns the article with id, with its body and media.
func (s *DB) Article(ctx context.Context, id int64) (*portal.Article, error) {
	var a portal.Article
	q, args := `SELECT `+articleColumns+`, a.body FROM articles a
		JOIN categories c ON c.id = a.category_id WHERE a.id = $1`, []any{id}
	if s.site != 0 {
		q, args = q+" AND c.site_id = $2", append(args, s.site)
	}
	row := s.db.QueryRowContext(ctx, q, args...)
	if err := scanArticle(row, &a, &a.Body); err != nil {
		return nil, notFound(err, "bài viết")
	}
	media, err := s.articleMedia(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	a.Media = media
	if a.Tags, err = s.articleTags(ctx, a.ID); err != nil {
		return nil, err
	}
	if a.GroupIDs, err = s.articleGroups(ctx, a.ID); err != nil {
		return nil, err
	}
	return &a, nil
}

// ArticleBySlug returns the article whose current or former slug is slug.
func (s *DB) ArticleBySlug(ctx context.Context, slug string) (*portal.Article, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM articles WHERE slug = $1
		UNION ALL SELECT article_id FROM article_redirects WHERE slug = $1`, slug).Scan(&id)
	if err != nil {
		return nil, notFound(err, "bài viết")
	}
	return s.Article(ctx, id)
}

func (s *DB) articleMedia(ctx context.Context, articleID int64) ([]portal.Media, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+mediaColumns+` FROM media m
		JOIN article_media am ON am.media_id = m.id WHERE am.article_id = $1 ORDER BY am.position, m.id`, articleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ms []portal.Media
	for rows.Next() {
		var m portal.Media
		if err := scanMedia(rows, &m); err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	return ms, rows.Err()
}

// where is the package's where for the articles of the site s sees
// (siteFilter).
func (s *DB) where(ctx context.Context, f portal.ArticleFilter) (string, []any, error) {
	f, err := s.siteFilter(ctx, f)
	if err != nil {
		return "", nil, err
	}
	w, args := where(f)
	return w, args, nil
}

// where turns a filter into a WHERE clause and its arguments. With several
// categories and a limit, each category's newest rows are picked through
// its own index range and merged, instead of sorting every row of them all.
func where(f portal.ArticleFilter) (string, []any) {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	// Conditions name columns with %[1]s before them: "a." in the outer
	// query, nothing in the per-category subqueries.
	var conds []string
	if f.Status != nil {
		conds = append(conds, "%[1]sstatus = "+arg(string(*f.Status)))
	}
	if f.Featured != nil {
		conds = append(conds, "%[1]sfeatured = "+arg(*f.Featured))
	}
	if f.PublishedBy != nil {
		now := arg(f.PublishedBy.UTC())
		conds = append(conds, "%[1]spublished_at <= "+now, "(%[1]sexpires_at IS NULL OR %[1]sexpires_at > "+now+")")
	}
	if f.PublishedFrom != nil {
		conds = append(conds, "%[1]spublished_at >= "+arg(f.PublishedFrom.UTC()))
	}
	if f.PublishedBefore != nil {
		conds = append(conds, "%[1]spublished_at < "+arg(f.PublishedBefore.UTC()))
	}
	if f.ExceptID != 0 {
		conds = append(conds, "%[1]sid <> "+arg(f.ExceptID))
	}
	if f.Public {
		conds = append(conds, "%[1]smembers_only = "+arg(false))
	}
	if len(f.MemberGroups) > 0 {
		conds = append(conds, memberGroupsCond(f.MemberGroups, arg))
	}
	if f.PenNameID != 0 {
		conds = append(conds, "%[1]spen_name_id = "+arg(f.PenNameID))
	}
	if f.ThreadID != 0 {
		conds = append(conds, "%[1]sthread_id = "+arg(f.ThreadID))
	}
	if f.Before != nil {
		at, id := arg(f.Before.PublishedAt.UTC()), arg(f.Before.ID)
		conds = append(conds, "(%[1]spublished_at < "+at+" OR %[1]spublished_at = "+at+" AND %[1]sid < "+id+")")
	}
	if f.PenNameSlug != "" {
		conds = append(conds, "%[1]spen_name_id = (SELECT id FROM pen_names WHERE slug = "+arg(f.PenNameSlug)+")")
	}
	if len(f.TagSlugs) > 0 {
		ph := make([]string, len(f.TagSlugs))
		for i, t := range f.TagSlugs {
			ph[i] = arg(t)
		}
		conds = append(conds, "%[1]sid IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id "+
			"WHERE t.slug IN ("+strings.Join(ph, ", ")+"))")
	}
	switch {
	case len(f.CategoryIDs) == 1:
		conds = append(conds, "%[1]scategory_id = "+arg(f.CategoryIDs[0]))
	case len(f.CategoryIDs) > 1 && f.Limit > 0 && !f.MostRead:
		conds = append(conds, "%[1]sid IN ("+newestPerCategory(f, conds, arg)+")")
	case len(f.CategoryIDs) > 1:
		ph := make([]string, len(f.CategoryIDs))
		for i, id := range f.CategoryIDs {
			ph[i] = arg(id)
		}
		conds = append(conds, "%[1]scategory_id IN ("+strings.Join(ph, ", ")+")")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + alias(conds, "a."), args
}

// memberGroupsCond keeps the members-only articles that members of groups
// may read: by the article's own groups, or, when it has none, by its
// category's (portal.MemberService.ArticleAccess).
func memberGroupsCond(groups []int64, arg func(any) string) string {
	ph := make([]string, len(groups))
	for i, g := range groups {
		ph[i] = arg(g)
	}
	in := strings.Join(ph, ", ")
	return "%[1]smembers_only = " + arg(true) +
		" AND (%[1]sid IN (SELECT article_id FROM article_groups WHERE group_id IN (" + in + "))" +
		" OR (%[1]sid NOT IN (SELECT article_id FROM article_groups)" +
		" AND %[1]scategory_id IN (SELECT category_id FROM category_groups WHERE group_id IN (" + in + "))))"
}

// alias joins conditions, naming their columns with prefix.
func alias(conds []string, prefix string) string {
	out := make([]string, len(conds))
	for i, c := range conds {
		out[i] = fmt.Sprintf(c, prefix)
	}
	return strings.Join(out, " AND ")
}

// newestPerCategory selects, for each category of f, the ids of its first
// Offset+Limit rows in list order.
func newestPerCategory(f portal.ArticleFilter, conds []string, arg func(any) string) string {
	n := strconv.Itoa(f.Limit + max(f.Offset, 0))
	parts := make([]string, len(f.CategoryIDs))
	for i, id := range f.CategoryIDs {
		w := append(slices.Clone(conds), "%[1]scategory_id = "+arg(id))
		parts[i] = "SELECT id FROM (SELECT x.id FROM articles x WHERE " + alias(w, "x.") +
			" ORDER BY x.published_at DESC, x.id DESC LIMIT " + n + ") c" + strconv.Itoa(i)
	}
	return strings.Join(parts, " UNION ALL ")
}

// Articles lists articles newest first (by publish time, then id), without
// bodies, each with its cover picture.
func (s *DB) Articles(ctx context.Context, f portal.ArticleFilter) ([]portal.Article, error) {
	w, args, err := s.where(ctx, f)
	if err != nil {
		return nil, err
	}
	q := `SELECT ` + articleColumns + `, ` + mediaColumnsNullable + ` FROM articles a
		JOIN categories c ON c.id = a.category_id LEFT JOIN media m ON m.id = a.cover_id` + w
	if f.MostRead {
		q += ` ORDER BY a.view_count DESC, a.id DESC`
	} else {
		q += ` ORDER BY a.published_at DESC, a.id DESC`
	}
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	return s.articlesWithCovers(ctx, q, args)
}

// articlesWithCovers runs q, which selects articleColumns then
// mediaColumnsNullable, into articles with their covers.
func (s *DB) articlesWithCovers(ctx context.Context, q string, args []any) ([]portal.Article, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var as []portal.Article
	for rows.Next() {
		var a portal.Article
		var m nullMedia
		if err := scanArticle(rows, &a, m.dest()...); err != nil {
			return nil, err
		}
		a.Cover = m.media()
		as = append(as, a)
	}
	return as, rows.Err()
}

// CountArticles counts the articles f selects, ignoring its limit and offset.
func (s *DB) CountArticles(ctx context.Context, f portal.ArticleFilter) (int, error) {
	f.Limit, f.Offset = 0, 0
	w, args, err := s.where(ctx, f)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles a`+w, args...).Scan(&n)
	return n, err
}

// normalizeArticle brings every text to NFC and validates.
func normalizeArticle(a *portal.Article) error {
	for _, p := range []*string{&a.Title, &a.Summary, &a.Body, &a.Author, &a.Source, &a.SourceNote} {
		*p = viet.NFC(*p)
	}
	for i := range a.Tags {
		a.Tags[i] = viet.NFC(a.Tags[i])
	}
	return a.Validate()
}

// CreateArticle saves a new article with a unique slug.
func (s *DB) CreateArticle(ctx context.Context, who portal.Actor, a *portal.Article) error {
	if err := normalizeArticle(a); err != nil {
		return err
	}
	now := s.now()
	a.CreatedAt, a.UpdatedAt = now, now
	c := &change{action: "article.create", detail: a.Title, public: a.Status == portal.StatusPublished}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		slug, err := s.freeSlug(ctx, tx, a.Slug, a.Title, 0)
		if err != nil {
			return err
		}
		a.Slug = slug
		a.Version = 1
		if err := s.siteCategory(ctx, tx, a.CategoryID); err != nil {
			return err
		}
		if err := s.mainSiteFields(a); err != nil {
			return err
		}
		if err := s.nameByline(ctx, tx, a, nil); err != nil {
			return err
		}
		err = insertArticle(ctx, tx, a)
		if err != nil {
			return err
		}
		c.object = articleObject(a.ID)
		if err := saveTags(ctx, tx, a); err != nil {
			return err
		}
		if err := saveRevision(ctx, tx, a); err != nil {
			return err
		}
		if err := saveArticleGroups(ctx, tx, a); err != nil {
			return err
		}
		return s.indexArticle(ctx, tx, a)
	})
}

// insertArticle inserts a as version 1, setting its id; a.Slug must be free.
func insertArticle(ctx context.Context, tx *sql.Tx, a *portal.Article) error {
	return tx.QueryRowContext(ctx, `INSERT INTO articles (category_id, title, slug, summary, body, author, source,
		source_url, status, featured, cover_id, created_at, updated_at, published_at, view_count, owner_id, version,
		expires_at, comments_closed, pen_name_id, source_note, thread_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULLIF($11, 0), $12, $13, $14, $15, NULLIF($16, 0), 1, $17, $18,
			NULLIF($19, 0), $20, NULLIF($21, 0))
		RETURNING id`,
		a.CategoryID, a.Title, a.Slug, a.Summary, a.Body, a.Author, a.Source, a.SourceURL, string(a.Status), a.Featured,
		a.CoverID, a.CreatedAt, a.UpdatedAt, nullTime(a.PublishedAt), a.ViewCount, a.OwnerID,
		nullTime(a.ExpiresAt), a.CommentsClosed, a.PenNameID, a.SourceNote, a.ThreadID).Scan(&a.ID)
}

// articleTags reads an article's tags in order.
func (s *DB) articleTags(ctx context.Context, id int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.name FROM tags t JOIN article_tags at ON at.tag_id = t.id
		WHERE at.article_id = $1 ORDER BY at.position`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tags []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		tags = append(tags, t)
	}
	return tags, rows.Err()
}

// saveTags replaces an article's tags, creating the ones new to the portal;
// tags differing only by tone marks or case are one tag (their slug).
func saveTags(ctx context.Context, tx *sql.Tx, a *portal.Article) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM article_tags WHERE article_id = $1", a.ID); err != nil {
		return err
	}
	seen := map[int64]bool{}
	for i, name := range a.Tags {
		slug := viet.Slug(name)
		if slug == "" {
			continue
		}
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO tags (name, slug) VALUES ($1, $2)
			ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id`, name, slug).Scan(&id)
		if err != nil {
			return err
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		if _, err := tx.ExecContext(ctx, "INSERT INTO article_tags (article_id, tag_id, position) VALUES ($1, $2, $3)",
			a.ID, id, i); err != nil {
			return err
		}
	}
	return nil
}

// saveRevision keeps a copy of a as just saved.
func saveRevision(ctx context.Context, tx *sql.Tx, a *portal.Article) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO article_revisions (article_id, version, category_id, title, summary,
		author, source, body, editor_id, editor_name, created_at, source_url, source_note)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULLIF($9, 0), $10, $11, $12, $13)`,
		a.ID, a.Version, a.CategoryID, a.Title, a.Summary, a.Author, a.Source, a.Body, a.EditorID, a.EditorName, a.UpdatedAt,
		a.SourceURL, a.SourceNote)
	return err
}

// Revisions lists an article's revisions, newest first, without bodies.
func (s *DB) Revisions(ctx context.Context, articleID int64) ([]portal.Revision, error) {
	return query(ctx, s.db, scanRevision, `SELECT id, article_id, version, category_id, title, summary, author, source,
		source_url, source_note, COALESCE(editor_id, 0), editor_name, created_at FROM article_revisions WHERE article_id = $1
		ORDER BY version DESC LIMIT 500`, articleID)
}

func scanRevision(row scanner, r *portal.Revision) error {
	return row.Scan(&r.ID, &r.ArticleID, &r.Version, &r.CategoryID, &r.Title, &r.Summary, &r.Author, &r.Source,
		&r.SourceURL, &r.SourceNote, &r.EditorID, &r.EditorName, &r.CreatedAt)
}

// Revision returns one revision of an article, with its body.
func (s *DB) Revision(ctx context.Context, articleID, id int64) (*portal.Revision, error) {
	var r portal.Revision
	err := s.db.QueryRowContext(ctx, `SELECT id, article_id, version, category_id, title, summary, author, source, body,
		source_url, source_note, COALESCE(editor_id, 0), editor_name, created_at FROM article_revisions
		WHERE article_id = $1 AND id = $2`,
		articleID, id).Scan(&r.ID, &r.ArticleID, &r.Version, &r.CategoryID, &r.Title, &r.Summary, &r.Author, &r.Source,
		&r.Body, &r.SourceURL, &r.SourceNote, &r.EditorID, &r.EditorName, &r.CreatedAt)
	if err != nil {
		return nil, notFound(err, "phiên bản")
	}
	return &r, nil
}

// UpdateArticle saves a's fields. A new title gives a new slug; the old one is
// kept as a redirect so links already shared keep working. a.Version must be
// the version that was read: when someone else saved in between, nothing is
// written and the error is ECONFLICT. On success a.Version is the new one.
func (s *DB) UpdateArticle(ctx context.Context, who portal.Actor, a *portal.Article) error {
	return s.updateArticle(ctx, who, "article.edit", a)
}

// AutosaveArticle is UpdateArticle for the editor's background saves,
// recorded apart so the audit log tells them from deliberate ones.
func (s *DB) AutosaveArticle(ctx context.Context, who portal.Actor, a *portal.Article) error {
	return s.updateArticle(ctx, who, "article.autosave", a)
}

func (s *DB) updateArticle(ctx context.Context, who portal.Actor, action string, a *portal.Article) error {
	if err := normalizeArticle(a); err != nil {
		return err
	}
	a.UpdatedAt = s.now()
	c := &change{action: action, object: articleObject(a.ID), public: a.Status == portal.StatusPublished}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		var oldSlug, oldTitle string
		var version, oldThread int64
		if err := s.onSite(ctx, tx, articleOfArticle, a.ID, "bài viết"); err != nil {
			return err
		}
		if err := s.siteCategory(ctx, tx, a.CategoryID); err != nil {
			return err
		}
		if err := s.mainSiteFields(a); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, "SELECT slug, title, version, COALESCE(thread_id, 0) FROM articles WHERE id = $1", a.ID).
			Scan(&oldSlug, &oldTitle, &version, &oldThread)
		if err != nil {
			return notFound(err, "bài viết")
		}
		if version != a.Version {
			return portal.Errorf(portal.ECONFLICT, "Bài viết đã được người khác lưu trong lúc bạn sửa.")
		}
		want := a.Slug
		if oldTitle != a.Title && (want == "" || want == oldSlug) {
			want = ""
		} else if want == "" {
			want = oldSlug
		}
		if a.Slug, err = s.freeSlug(ctx, tx, want, a.Title, a.ID); err != nil {
			return err
		}
		if a.Slug != oldSlug {
			if err := addRedirect(ctx, tx, oldSlug, a.ID); err != nil {
				return err
			}
		}
		if err := s.findByline(ctx, tx, a, nil, action != "article.autosave"); err != nil {
			return err
		}
		// The version is checked again here: on PostgreSQL another
		// transaction may have saved since the SELECT above.
		res, err := tx.ExecContext(ctx, `UPDATE articles SET category_id = $1, title = $2, slug = $3, summary = $4,
			body = $5, author = $6, source = $7, status = $8, featured = $9, cover_id = NULLIF($10, 0),
			updated_at = $11, published_at = $12, expires_at = $15, comments_closed = $16, source_url = $17,
			pen_name_id = NULLIF($18, 0), source_note = $19, thread_id = NULLIF($20, 0), version = version + 1
			WHERE id = $13 AND version = $14`,
			a.CategoryID, a.Title, a.Slug, a.Summary, a.Body, a.Author, a.Source, string(a.Status), a.Featured,
			a.CoverID, a.UpdatedAt, nullTime(a.PublishedAt), a.ID, version, nullTime(a.ExpiresAt), a.CommentsClosed,
			a.SourceURL, a.PenNameID, a.SourceNote, a.ThreadID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return portal.Errorf(portal.ECONFLICT, "Bài viết đã được người khác lưu trong lúc bạn sửa.")
		}
		a.Version = version + 1
		if err := saveTags(ctx, tx, a); err != nil {
			return err
		}
		if err := saveRevision(ctx, tx, a); err != nil {
			return err
		}
		if oldTitle != a.Title {
			c.detail = "tiêu đề trước: " + oldTitle
		}
		if err := saveArticleGroups(ctx, tx, a); err != nil {
			return err
		}
		c.objects = threadsLeftAndJoined(c.object, oldThread, a.ThreadID)
		return s.indexArticle(ctx, tx, a)
	})
}

func addRedirect(ctx context.Context, tx *sql.Tx, slug string, id int64) error {
	// A slug coming back to its article is no longer a redirect.
	_, err := tx.ExecContext(ctx, `INSERT INTO article_redirects (slug, article_id) VALUES ($1, $2)
		ON CONFLICT (slug) DO UPDATE SET article_id = excluded.article_id`, slug, id)
	return err
}

// freeSlug returns want, or a slug made from title when want is empty, with
// "-2", "-3", … added until no other article uses it, currently or formerly.
func (s *DB) freeSlug(ctx context.Context, tx *sql.Tx, want, title string, id int64) (string, error) {
	base := want
	if base == "" {
		base = viet.Slug(title)
	}
	if base == "" {
		base = "bai-viet"
	}
	slug, err := freeSlugOf(base, func(slug string) (bool, error) {
		return counted(ctx, tx, `SELECT COUNT(*) FROM (SELECT id FROM articles WHERE slug = $1 AND id <> $2
			UNION ALL SELECT article_id FROM article_redirects WHERE slug = $1 AND article_id <> $2) taken`, slug, id)
	}, "slug", "bài viết này")
	if err != nil {
		return "", err
	}
	// A former slug of this article coming back is no longer a redirect.
	_, err = tx.ExecContext(ctx, "DELETE FROM article_redirects WHERE slug = $1", slug)
	return slug, err
}

// AddViews adds buffered view counts in one transaction.
func (s *DB) AddViews(ctx context.Context, n map[int64]int64) error {
	if len(n) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, "UPDATE articles SET view_count = view_count + $1 WHERE id = $2")
		if err != nil {
			return err
		}
		defer stmt.Close()
		daily, err := tx.PrepareContext(ctx, `INSERT INTO article_views_daily (article_id, day, views) VALUES ($1, $2, $3)
			ON CONFLICT (day, article_id) DO UPDATE SET views = article_views_daily.views + excluded.views`)
		if err != nil {
			return err
		}
		defer daily.Close()
		day := viet.Day(s.now())
		for id, v := range n {
			res, err := stmt.ExecContext(ctx, v, id)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k == 0 {
				continue // deleted meanwhile
			}
			if _, err := daily.ExecContext(ctx, id, day, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// importBatch is how many articles one INSERT carries: enough to cut round
// trips, few enough that SQLite's lookup of numbered parameters, which grows
// with their count, stays cheap (200 a batch took a third longer).
const importBatch = 50

// ImportArticles saves many articles in one transaction, in multi-row INSERTs,
// setting their ids.
func (s *DB) ImportArticles(ctx context.Context, who portal.Actor, as []portal.Article) error {
	for i := range as {
		if err := normalizeArticle(&as[i]); err != nil {
			return fmt.Errorf("article %d (%q): %w", i, as[i].Title, err)
		}
	}
	c := &change{action: "article.bulk", detail: strconv.Itoa(len(as)) + " bài", public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		seen := bylines{}
		for i := range as {
			if err := s.nameByline(ctx, tx, &as[i], seen); err != nil {
				return err
			}
		}
		for start := 0; start < len(as); start += importBatch {
			batch := as[start:min(start+importBatch, len(as))]
			if err := insertArticles(ctx, tx, batch); err != nil {
				return err
			}
			if err := s.indexArticles(ctx, tx, batch); err != nil {
				return err
			}
		}
		return nil
	})
}

func insertArticles(ctx context.Context, tx *sql.Tx, as []portal.Article) error {
	const cols = 15
	var b strings.Builder
	b.WriteString(`INSERT INTO articles (category_id, title, slug, summary, body, author, source, status, featured,
		cover_id, created_at, updated_at, published_at, view_count, pen_name_id) VALUES `)
	args := make([]any, 0, len(as)*cols)
	for i, a := range as {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := 1; j <= cols; j++ {
			if j > 1 {
				b.WriteString(", ")
			}
			if j == 10 || j == 15 {
				b.WriteString("NULLIF($" + strconv.Itoa(i*cols+j) + ", 0)")
				continue
			}
			b.WriteString("$" + strconv.Itoa(i*cols+j))
		}
		b.WriteByte(')')
		args = append(args, a.CategoryID, a.Title, a.Slug, a.Summary, a.Body, a.Author, a.Source, string(a.Status),
			a.Featured, a.CoverID, a.CreatedAt.UTC(), a.UpdatedAt.UTC(), nullTime(a.PublishedAt), a.ViewCount,
			a.PenNameID)
	}
	// The ids, for the search index; RETURNING's order is unspecified, but
	// the slugs are unique.
	rows, err := tx.QueryContext(ctx, b.String()+" RETURNING id, slug", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	ids := make(map[string]int64, len(as))
	for rows.Next() {
		var id int64
		var slug string
		if err := rows.Scan(&id, &slug); err != nil {
			return err
		}
		ids[slug] = id
	}
	for i := range as {
		as[i].ID = ids[as[i].Slug]
	}
	return rows.Err()
}

// Slugs returns every slug in use or kept as a redirect, for importers that
// must choose new ones.
func (s *DB) Slugs(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT slug FROM articles UNION ALL SELECT slug FROM article_redirects")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	slugs := make(map[string]bool)
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		slugs[s] = true
	}
	return slugs, rows.Err()
}

// articleObject names an article in the audit log.
func articleObject(id int64) string { return object("article", id) }

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(time.Microsecond)
}

// MostReadSince lists the visible articles read most since day.
func (s *DB) MostReadSince(ctx context.Context, day string, now time.Time, limit int) ([]portal.Article, error) {
	args := []any{day, now.UTC(), limit, false}
	var site string
	if s.site != 0 {
		site = " AND c.site_id = " + addArg(&args)(s.site)
	}
	return query(ctx, s.db, scanArticleRow, `SELECT `+articleColumns+` FROM articles a
		JOIN categories c ON c.id = a.category_id
		JOIN (SELECT article_id, SUM(views) AS views FROM article_views_daily WHERE day >= $1 GROUP BY article_id) v
			ON v.article_id = a.id
		WHERE a.status = 'published' AND a.published_at <= $2 AND (a.expires_at IS NULL OR a.expires_at > $2)
			AND a.members_only = $4`+site+`
		ORDER BY v.views DESC, a.id DESC LIMIT $3`, args...)
}
