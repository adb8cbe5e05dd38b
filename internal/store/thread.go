package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"cong/internal/portal"
	"cong/internal/viet"
)

const threadColumns = `t.id, t.title, t.slug, t.description, t.created_at, t.updated_at`

func scanThread(row scanner, t *portal.Thread) error {
	return row.Scan(&t.ID, &t.Title, &t.Slug, &t.Description, &t.CreatedAt, &t.UpdatedAt, &t.Articles)
}

// Threads lists every thread, newest first, with how many articles joined
// each; another site than the main one has none.
func (s *DB) Threads(ctx context.Context) ([]portal.Thread, error) {
	if s.otherSite() {
		return nil, nil
	}
	return query(ctx, s.db, scanThread, `SELECT `+threadColumns+`,
		(SELECT COUNT(*) FROM articles a WHERE a.thread_id = t.id) FROM threads t ORDER BY t.id DESC LIMIT 1000`)
}

// ReaderThreads lists the threads holding an article f selects, the one
// whose latest such article is newest first; Articles counts those only.
func (s *DB) ReaderThreads(ctx context.Context, f portal.ArticleFilter, limit int) ([]portal.Thread, error) {
	f.Limit, f.Offset = 0, 0
	w, args, err := s.where(ctx, f)
	if err != nil {
		return nil, err
	}
	return query(ctx, s.db, scanThread, `SELECT `+threadColumns+`, COUNT(*) FROM threads t
		JOIN articles a ON a.thread_id = t.id`+w+`
		GROUP BY t.id, t.title, t.slug, t.description, t.created_at, t.updated_at
		ORDER BY MAX(a.published_at) DESC, t.id DESC LIMIT `+strconv.Itoa(max(limit, 1)), args...)
}

// Thread returns the thread with id.
func (s *DB) Thread(ctx context.Context, id int64) (*portal.Thread, error) {
	return s.oneThread(ctx, "t.id = $1", id)
}

// ThreadBySlug returns the thread whose slug is slug.
func (s *DB) ThreadBySlug(ctx context.Context, slug string) (*portal.Thread, error) {
	return s.oneThread(ctx, "t.slug = $1", slug)
}

func (s *DB) oneThread(ctx context.Context, cond string, arg any) (*portal.Thread, error) {
	if s.otherSite() {
		return nil, portal.Errorf(portal.ENOTFOUND, "Không tìm thấy dòng sự kiện.")
	}
	var t portal.Thread
	err := scanThread(s.db.QueryRowContext(ctx, `SELECT `+threadColumns+`,
		(SELECT COUNT(*) FROM articles a WHERE a.thread_id = t.id) FROM threads t WHERE `+cond, arg), &t)
	if err != nil {
		return nil, notFound(err, "dòng sự kiện")
	}
	return &t, nil
}

func normalizeThread(t *portal.Thread) error {
	t.Title, t.Description, t.Slug = viet.NFC(t.Title), viet.NFC(t.Description), strings.ToLower(t.Slug)
	return t.Validate()
}

// freeRowSlug returns want, or a slug of name (else fallback) when want is
// empty, made free of the other rows' slugs in table (threads, collections);
// what names one of them in the message of a slug taken.
func freeRowSlug(ctx context.Context, tx *sql.Tx, table, fallback, what, want, name string, id int64) (string, error) {
	base := want
	if base == "" {
		base = viet.Slug(name)
	}
	if base == "" {
		base = fallback
	}
	return freeSlugOf(base, func(slug string) (bool, error) {
		return counted(ctx, tx, `SELECT COUNT(*) FROM `+table+` WHERE slug = $1 AND id <> $2`, slug, id)
	}, "slug", what)
}

// threadSlug is freeRowSlug for a thread.
func threadSlug(ctx context.Context, tx *sql.Tx, want, title string, id int64) (string, error) {
	return freeRowSlug(ctx, tx, "threads", "dong-su-kien", "dòng sự kiện này", want, title, id)
}

// CreateThread saves a new thread with a free slug.
func (s *DB) CreateThread(ctx context.Context, who portal.Actor, t *portal.Thread) error {
	if err := normalizeThread(t); err != nil {
		return err
	}
	t.CreatedAt, t.UpdatedAt = s.now(), s.now()
	c := &change{action: "thread.create", detail: t.Title, public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		slug, err := threadSlug(ctx, tx, t.Slug, t.Title, 0)
		if err != nil {
			return err
		}
		t.Slug = slug
		err = tx.QueryRowContext(ctx, `INSERT INTO threads (title, slug, description, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, t.Title, t.Slug, t.Description, t.CreatedAt, t.UpdatedAt).Scan(&t.ID)
		c.object = object("thread", t.ID)
		return err
	})
}

// UpdateThread saves t's title, description and slug (its own when left
// empty): the pages of its articles show the title, so they change too.
func (s *DB) UpdateThread(ctx context.Context, who portal.Actor, t *portal.Thread) error {
	if err := normalizeThread(t); err != nil {
		return err
	}
	t.UpdatedAt = s.now()
	c := &change{action: "thread.update", object: object("thread", t.ID), detail: t.Title, public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		var old string
		if err := tx.QueryRowContext(ctx, `SELECT slug FROM threads WHERE id = $1`, t.ID).Scan(&old); err != nil {
			return notFound(err, "dòng sự kiện")
		}
		if t.Slug == "" {
			t.Slug = old
		}
		slug, err := threadSlug(ctx, tx, t.Slug, t.Title, t.ID)
		if err != nil {
			return err
		}
		t.Slug = slug
		_, err = tx.ExecContext(ctx, `UPDATE threads SET title = $1, slug = $2, description = $3, updated_at = $4
			WHERE id = $5`, t.Title, t.Slug, t.Description, t.UpdatedAt, t.ID)
		return err
	})
}

// DeleteThread removes a thread; its articles leave it and stay. Each of
// them is named in the change, so their pages are purged and their audit
// histories say they left.
func (s *DB) DeleteThread(ctx context.Context, who portal.Actor, id int64) error {
	t, err := s.Thread(ctx, id)
	if err != nil {
		return err
	}
	c := &change{action: "thread.delete", object: object("thread", id), detail: t.Title, public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		ids, err := query(ctx, tx, func(r scanner, id *int64) error { return r.Scan(id) },
			`SELECT id FROM articles WHERE thread_id = $1`, id)
		if err != nil {
			return err
		}
		c.objects = []string{c.object}
		for _, a := range ids {
			c.objects = append(c.objects, articleObject(a))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET thread_id = NULL WHERE thread_id = $1`, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM threads WHERE id = $1`, id)
		return err
	})
}

// threadsLeftAndJoined names, beside an article whose save moved it from
// one event thread to another, the threads it left and joined: each
// thread's history says so, and their pages, which list the article, are
// purged. Nil when the thread stayed.
func threadsLeftAndJoined(article string, old, now int64) []string {
	if old == now {
		return nil
	}
	objects := []string{article}
	for _, id := range []int64{old, now} {
		if id != 0 {
			objects = append(objects, object("thread", id))
		}
	}
	return objects
}
