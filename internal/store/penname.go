package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"cong/internal/portal"
	"cong/internal/viet"
)

// penNameKey is what makes two pen names one: the name in NFC, its spaces
// collapsed, in lower case.
func penNameKey(name string) string {
	return viet.NFC(strings.ToLower(strings.Join(strings.Fields(viet.NFC(name)), " ")))
}

// penRef is a pen name as an article's byline needs it.
type penRef struct {
	id         int64
	name, slug string
}

// bylines remembers, within one transaction, the pen names already found
// by key, so a bulk import asks once per byline.
type bylines map[string]penRef

// nameByline gives a the pen name of its byline, inside tx: an existing
// one whose name differs at most by case or Unicode form, else a new one,
// linked to the article's owner when it has one. Every article write calls
// it, so importers, the editor and the demo make pen names the same way.
// The byline becomes the pen name's own spelling.
func (s *DB) nameByline(ctx context.Context, tx *sql.Tx, a *portal.Article, seen bylines) error {
	return s.findByline(ctx, tx, a, seen, true)
}

// findByline is nameByline that, unless create, makes no pen name: an
// autosave, taken while the author field is being typed, would leave one
// for every prefix of the name. The byline keeps its text and no pen name
// until a deliberate save (or the next start's NamePenNames) names it.
func (s *DB) findByline(ctx context.Context, tx *sql.Tx, a *portal.Article, seen bylines, create bool) error {
	a.Author = strings.Join(strings.Fields(a.Author), " ")
	a.PenNameID, a.PenNameSlug = 0, ""
	if a.Author == "" {
		return nil
	}
	key := penNameKey(a.Author)
	p, ok := seen[key]
	if !ok {
		err := tx.QueryRowContext(ctx, "SELECT id, name, slug FROM pen_names WHERE name_key = $1", key).
			Scan(&p.id, &p.name, &p.slug)
		switch {
		case errors.Is(err, sql.ErrNoRows) && !create:
			return nil
		case errors.Is(err, sql.ErrNoRows):
			if p, err = s.newPenName(ctx, tx, a.Author, key, a.OwnerID); err != nil {
				return err
			}
		case err != nil:
			return err
		}
		if seen != nil {
			seen[key] = p
		}
	}
	a.Author, a.PenNameID, a.PenNameSlug = p.name, p.id, p.slug
	return nil
}

// newPenName makes the pen name of key, named name, linking owner (when
// not 0) to it.
func (s *DB) newPenName(ctx context.Context, tx *sql.Tx, name, key string, owner int64) (penRef, error) {
	p := penRef{name: name}
	var err error
	if p.slug, err = freePenNameSlug(ctx, tx, name, 0); err != nil {
		return p, err
	}
	// Another writer may add the same name meanwhile: its row wins.
	err = tx.QueryRowContext(ctx, `INSERT INTO pen_names (name, name_key, slug, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (name_key) DO NOTHING RETURNING id`, name, key, p.slug, s.now()).Scan(&p.id)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, "SELECT id, name, slug FROM pen_names WHERE name_key = $1", key).
			Scan(&p.id, &p.name, &p.slug)
		return p, err
	}
	if err != nil || owner == 0 {
		return p, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO pen_name_users (pen_name_id, user_id) SELECT $1, id FROM users
		WHERE id = $2`, p.id, owner)
	return p, err
}

// freePenNameSlug makes a slug from name that no other pen name holds.
func freePenNameSlug(ctx context.Context, tx *sql.Tx, name string, id int64) (string, error) {
	base := viet.Slug(name)
	if base == "" {
		base = "tac-gia"
	}
	return freeSlugOf(base, func(slug string) (bool, error) {
		return counted(ctx, tx, "SELECT COUNT(*) FROM pen_names WHERE slug = $1 AND id <> $2", slug, id)
	}, "name", "bút danh này")
}

// namingBatch is how many bylines one startup pass names at most, so a
// first start on a large portal ends in a bounded time; the next start
// names the rest.
const namingBatch = 5000

// NamePenNames gives the bylines of articles saved before pen names
// existed (or by an older version of the portal) their pen names, in one
// audited write; it returns how many bylines it named. With nothing to do
// it costs one look at a partial index, so every start runs it.
func (s *DB) NamePenNames(ctx context.Context, who portal.Actor) (int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT author FROM articles
		WHERE pen_name_id IS NULL AND author <> '' LIMIT `+strconv.Itoa(namingBatch))
	if err != nil {
		return 0, err
	}
	var authors []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			rows.Close()
			return 0, err
		}
		authors = append(authors, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(authors) == 0 {
		return 0, err
	}
	c := &change{action: "penname.backfill", object: "articles", detail: strconv.Itoa(len(authors)) + " tên tác giả",
		public: true}
	err = s.write(ctx, who, c, func(tx *sql.Tx) error {
		seen := bylines{}
		for _, author := range authors {
			a := portal.Article{Author: author}
			if err := s.nameByline(ctx, tx, &a, seen); err != nil {
				return err
			}
			if a.PenNameID == 0 {
				continue // only spaces
			}
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET pen_name_id = $1, author = $2
				WHERE author = $3 AND pen_name_id IS NULL`, a.PenNameID, a.Author, author); err != nil {
				return err
			}
		}
		return nil
	})
	return len(authors), err
}

const penNameColumns = "p.id, p.name, p.slug"

func scanPenName(row scanner, p *portal.PenName) error { return row.Scan(&p.ID, &p.Name, &p.Slug) }

// PenNames lists every pen name by name, with its people and its count of
// articles.
func (s *DB) PenNames(ctx context.Context) ([]portal.PenName, error) {
	list, err := query(ctx, s.db, func(row scanner, p *portal.PenName) error {
		return row.Scan(&p.ID, &p.Name, &p.Slug, &p.Articles)
	}, `SELECT `+penNameColumns+`, (SELECT COUNT(*) FROM articles a WHERE a.pen_name_id = p.id)
		FROM pen_names p ORDER BY p.name_key, p.id`)
	if err != nil {
		return nil, err
	}
	people, err := s.penNamePeople(ctx)
	if err != nil {
		return nil, err
	}
	for i := range list {
		for _, u := range people[list[i].ID] {
			list[i].UserIDs, list[i].UserNames = append(list[i].UserIDs, u.id), append(list[i].UserNames, u.name)
		}
	}
	return list, nil
}

type person struct {
	id   int64
	name string
}

// penNamePeople maps every pen name to its people, by name.
func (s *DB) penNamePeople(ctx context.Context) (map[int64][]person, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT pu.pen_name_id, u.id, u.name FROM pen_name_users pu
		JOIN users u ON u.id = pu.user_id ORDER BY u.name, u.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	people := map[int64][]person{}
	for rows.Next() {
		var id int64
		var u person
		if err := rows.Scan(&id, &u.id, &u.name); err != nil {
			return nil, err
		}
		people[id] = append(people[id], u)
	}
	return people, rows.Err()
}

// PenName returns a pen name with its people.
func (s *DB) PenName(ctx context.Context, id int64) (*portal.PenName, error) {
	var p portal.PenName
	err := scanPenName(s.db.QueryRowContext(ctx, "SELECT "+penNameColumns+" FROM pen_names p WHERE p.id = $1", id), &p)
	if err != nil {
		return nil, notFound(err, "bút danh")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT u.id, u.name FROM pen_name_users pu JOIN users u ON u.id = pu.user_id
		WHERE pu.pen_name_id = $1 ORDER BY u.name, u.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var u person
		if err := rows.Scan(&u.id, &u.name); err != nil {
			return nil, err
		}
		p.UserIDs, p.UserNames = append(p.UserIDs, u.id), append(p.UserNames, u.name)
	}
	return &p, rows.Err()
}

// PenNameBySlug returns the pen name of an author page.
func (s *DB) PenNameBySlug(ctx context.Context, slug string) (*portal.PenName, error) {
	var p portal.PenName
	err := scanPenName(s.db.QueryRowContext(ctx, "SELECT "+penNameColumns+" FROM pen_names p WHERE p.slug = $1", slug), &p)
	if err != nil {
		return nil, notFound(err, "tác giả")
	}
	return &p, nil
}

// PenNamesOf lists the pen names user id writes under, by name.
func (s *DB) PenNamesOf(ctx context.Context, userID int64) ([]portal.PenName, error) {
	return query(ctx, s.db, scanPenName, `SELECT `+penNameColumns+` FROM pen_names p
		JOIN pen_name_users pu ON pu.pen_name_id = p.id WHERE pu.user_id = $1 ORDER BY p.name_key, p.id`, userID)
}

var errPenNameTaken = &portal.Error{Code: portal.ECONFLICT, Field: "name",
	Message: "Đã có bút danh này (không phân biệt chữ hoa, chữ thường)."}

// SavePenName creates p or renames it and sets its people. A rename
// renames the bylines of its articles and their search entries; the slug,
// and so the author page's address, stays.
func (s *DB) SavePenName(ctx context.Context, who portal.Actor, p *portal.PenName) error {
	p.Name = viet.NFC(p.Name)
	if err := p.Validate(); err != nil {
		return err
	}
	key := penNameKey(p.Name)
	c := &change{action: "penname.save", detail: p.Name, public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		var other int64
		err := tx.QueryRowContext(ctx, "SELECT id FROM pen_names WHERE name_key = $1", key).Scan(&other)
		switch {
		case err == nil && other != p.ID:
			return errPenNameTaken
		case err != nil && !errors.Is(err, sql.ErrNoRows):
			return err
		}
		if p.ID == 0 {
			if p.Slug, err = freePenNameSlug(ctx, tx, p.Name, 0); err != nil {
				return err
			}
			err = tx.QueryRowContext(ctx, `INSERT INTO pen_names (name, name_key, slug, created_at)
				VALUES ($1, $2, $3, $4) RETURNING id`, p.Name, key, p.Slug, s.now()).Scan(&p.ID)
		} else {
			err = s.renamePenName(ctx, tx, p, key, c)
		}
		if err != nil {
			return err
		}
		c.object = object("penname", p.ID)
		return setPenNamePeople(ctx, tx, p)
	})
}

// renamePenName gives p its new name, and its articles their new byline.
func (s *DB) renamePenName(ctx context.Context, tx *sql.Tx, p *portal.PenName, key string, c *change) error {
	var old string
	err := tx.QueryRowContext(ctx, "SELECT name, slug FROM pen_names WHERE id = $1", p.ID).Scan(&old, &p.Slug)
	if err != nil {
		return notFound(err, "bút danh")
	}
	if old == p.Name {
		return nil
	}
	c.detail = old + " → " + p.Name
	if _, err := tx.ExecContext(ctx, "UPDATE pen_names SET name = $1, name_key = $2 WHERE id = $3",
		p.Name, key, p.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE articles SET author = $1 WHERE pen_name_id = $2", p.Name, p.ID); err != nil {
		return err
	}
	as, err := s.indexSource(ctx, tx, "pen_name_id = $1", p.ID)
	if err != nil {
		return err
	}
	return s.indexArticles(ctx, tx, as)
}

// setPenNamePeople replaces p's people; ids of no account are left out.
func setPenNamePeople(ctx context.Context, tx *sql.Tx, p *portal.PenName) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM pen_name_users WHERE pen_name_id = $1", p.ID); err != nil {
		return err
	}
	for _, id := range p.UserIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO pen_name_users (pen_name_id, user_id) SELECT $1, id FROM users
			WHERE id = $2 ON CONFLICT DO NOTHING`, p.ID, id); err != nil {
			return err
		}
	}
	return nil
}

// DeletePenName removes a pen name no article carries.
func (s *DB) DeletePenName(ctx context.Context, who portal.Actor, id int64) error {
	c := &change{action: "penname.delete", object: object("penname", id), public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM articles WHERE pen_name_id = $1", id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return portal.Errorf(portal.ECONFLICT, "Bút danh còn ở %d bài viết nên không xóa được.", n)
		}
		err := tx.QueryRowContext(ctx, "DELETE FROM pen_names WHERE id = $1 RETURNING name", id).Scan(&c.detail)
		return notFound(err, "bút danh")
	})
}
