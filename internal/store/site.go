package store

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"slices"
	"strconv"

	"cong/internal/portal"
)

// ForSite returns the store as one site sees it (portal.Site): its
// categories, and only their articles, in every list, search and lookup of
// readers and staff; its settings, image links, ads and notices; its staff's
// roles. Writes of those go to the site. The view shares everything else
// with s — connections, listeners, the audit key — and costs nothing to make.
//
// The store as a whole (site 0, as Open returns it) sees every site's
// categories and articles, for the clock, the workers, reindexing and
// backups, and its writes of per-site rows go to the main site, which is
// all a single-site install has.
func (s *DB) ForSite(id int64) *DB {
	c := *s
	c.site = id
	return &c
}

// siteID is the site per-site rows are read from and written to.
func (s *DB) siteID() int64 {
	if s.site == 0 {
		return portal.MainSite
	}
	return s.site
}

// otherSite reports whether s is the view of a site other than the main
// one, which has no threads or members' groups (portal.MainSitePermission):
// it lists none, finds none and refuses an article joining one.
func (s *DB) otherSite() bool {
	return s.site != 0 && s.site != portal.MainSite
}

// mainSiteFields refuses, on another site, an article that names a thread
// or members' groups: they are the main site's, and the article would never
// show in the thread, nor reach the group's members, who sign in there.
func (s *DB) mainSiteFields(a *portal.Article) error {
	switch {
	case !s.otherSite():
		return nil
	case a.ThreadID != 0:
		return portal.Invalid("thread", "Trang này không có dòng sự kiện.")
	case len(a.GroupIDs) > 0:
		return portal.Invalid("groups", "Trang này không có nhóm thành viên.")
	}
	return nil
}

// siteArticles narrows a query's conditions to the articles of the site s
// sees, by their category column ("a.category_id"), when s is one site's
// view: " AND column IN (…)", the site added as a parameter by arg. It is
// empty for the store as a whole.
func (s *DB) siteArticles(column string, arg func(any) string) string {
	if s.site == 0 {
		return ""
	}
	return " AND " + column + " IN (SELECT id FROM categories WHERE site_id = " + arg(s.site) + ")"
}

// addArg returns a function that appends a query parameter to args and
// names it ("$3").
func addArg(args *[]any) func(any) string {
	return func(v any) string {
		*args = append(*args, v)
		return "$" + strconv.Itoa(len(*args))
	}
}

const siteColumns = "id, slug, name, base_url, host"

func scanSite(row scanner, x *portal.Site) error {
	return row.Scan(&x.ID, &x.Slug, &x.Name, &x.BaseURL, &x.Host)
}

// Sites lists every site, the main one first.
func (s *DB) Sites(ctx context.Context) ([]portal.Site, error) {
	return query(ctx, s.db, scanSite, "SELECT "+siteColumns+" FROM sites ORDER BY id")
}

// SiteByID returns one site.
func (s *DB) SiteByID(ctx context.Context, id int64) (*portal.Site, error) {
	var x portal.Site
	if err := scanSite(s.db.QueryRowContext(ctx, "SELECT "+siteColumns+" FROM sites WHERE id = $1", id), &x); err != nil {
		return nil, notFound(err, "trang")
	}
	return &x, nil
}

// CreateSite saves a new site, with its name as its first setting and a
// key of its own that signs its readers' forms.
func (s *DB) CreateSite(ctx context.Context, who portal.Actor, x *portal.Site) error {
	x.ID = 0
	if err := x.Validate(); err != nil {
		return err
	}
	key := make([]byte, 32)
	rand.Read(key)
	c := &change{action: "site.create", detail: x.Name + " (" + x.BaseURL + ")"}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO sites (slug, name, base_url, host) VALUES ($1, $2, $3, $4)
			RETURNING id`, x.Slug, x.Name, x.BaseURL, x.Host).Scan(&x.ID)
		if s.dialect.isUnique(err) {
			return portal.Errorf(portal.ECONFLICT, "Đã có trang mang mã %q hoặc địa chỉ %s.", x.Slug, x.Host)
		}
		if err != nil {
			return err
		}
		c.object = object("site", x.ID)
		for k, v := range map[string]string{portal.SettingSiteName: x.Name, "forms.secret": hex.EncodeToString(key)} {
			if _, err := tx.ExecContext(ctx, "INSERT INTO settings (site_id, key, value) VALUES ($1, $2, $3)",
				x.ID, k, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// UpdateSite saves a site's name and public address; the main site's
// address stays --base-url's.
func (s *DB) UpdateSite(ctx context.Context, who portal.Actor, x *portal.Site) error {
	if x.Main() {
		x.BaseURL = ""
	}
	if err := x.Validate(); err != nil {
		return err
	}
	c := &change{action: "site.save", object: object("site", x.ID), detail: x.Name + " (" + x.BaseURL + ")"}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE sites SET slug = $1, name = $2, base_url = $3, host = $4 WHERE id = $5",
			x.Slug, x.Name, x.BaseURL, x.Host, x.ID)
		if s.dialect.isUnique(err) {
			return portal.Errorf(portal.ECONFLICT, "Đã có trang mang mã %q hoặc địa chỉ %s.", x.Slug, x.Host)
		}
		return changedOne(ctx, tx, res, err, "trang")
	})
}

// SiteUsers lists the staff with their roles and categories on a site.
func (s *DB) SiteUsers(ctx context.Context, site int64) ([]portal.User, error) {
	return s.ForSite(site).Users(ctx)
}

// SiteCategories lists a site's categories.
func (s *DB) SiteCategories(ctx context.Context, site int64) ([]portal.Category, error) {
	return s.ForSite(site).Categories(ctx)
}

// SaveSiteGrants replaces a user's roles and categories on a site; the
// audit entry says how the roles changed there.
func (s *DB) SaveSiteGrants(ctx context.Context, who portal.Actor, site int64, u *portal.User) error {
	v := s.ForSite(site)
	before, err := v.User(ctx, u.ID)
	if err != nil {
		return err
	}
	if err := portal.CheckRoles(u.Roles); err != nil {
		return err
	}
	c := &change{action: "user.site_roles", object: userObject(u.ID),
		detail: object("site", site) + ": " + cmp.Or(rolesText(before.Roles), "-") + " → " + cmp.Or(rolesText(u.Roles), "-")}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT id FROM sites WHERE id = $1", site).Scan(new(int64)); err != nil {
			return notFound(err, "trang")
		}
		return saveGrants(ctx, tx, site, u)
	})
}

// onSite checks, in one site's view, that an object belongs to the site
// through its article: articleOf selects the article's id from the object's
// ($1). Another site's object is not found, as if it did not exist.
func (s *DB) onSite(ctx context.Context, q rowQueryer, articleOf string, id int64, what string) error {
	if s.site == 0 {
		return nil
	}
	var site int64
	err := q.QueryRowContext(ctx, `SELECT c.site_id FROM articles a JOIN categories c ON c.id = a.category_id
		WHERE a.id = (`+articleOf+`)`, id).Scan(&site)
	if errors.Is(err, sql.ErrNoRows) || err == nil && site != s.site {
		return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy %s.", what)
	}
	return err
}

// The objects onSite checks, by the article they belong to.
const (
	articleOfArticle = "SELECT id FROM articles WHERE id = $1"
	articleOfComment = "SELECT article_id FROM comments WHERE id = $1"
	articleOfReport  = "SELECT article_id FROM error_reports WHERE id = $1"
)

// siteCategory checks, in one site's view, that an article's category is
// one of the site's.
func (s *DB) siteCategory(ctx context.Context, q rowQueryer, category int64) error {
	if s.site == 0 {
		return nil
	}
	ok, err := s.categoryOnSite(ctx, q, category)
	if err == nil && !ok {
		return portal.Invalid("category", "Chuyên mục không có trên trang này.")
	}
	return err
}

// siteParent checks that a new category's parent is one of the site's.
func (s *DB) siteParent(ctx context.Context, q rowQueryer, parent int64) error {
	if parent == 0 {
		return nil
	}
	ok, err := s.categoryOnSite(ctx, q, parent)
	if err == nil && !ok {
		return errCategoryParent
	}
	return err
}

// categoryOnSite reports whether category exists on the site s writes to
// (the main site, for the store as a whole).
func (s *DB) categoryOnSite(ctx context.Context, q rowQueryer, category int64) (bool, error) {
	var site int64
	err := q.QueryRowContext(ctx, "SELECT site_id FROM categories WHERE id = $1", category).Scan(&site)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return site == s.siteID(), err
}

// siteFilter narrows f to the site s sees by its categories: all of the
// site's when f names none, else those of f that are the site's (none at
// all, category 0, when it names only others'). The lists then take the
// plans they take on one site: each category's newest rows through its
// own index range (where), which a condition on the site would defeat. On
// an install whose categories are all the site's, f stays as it is.
func (s *DB) siteFilter(ctx context.Context, f portal.ArticleFilter) (portal.ArticleFilter, error) {
	if s.site == 0 {
		return f, nil
	}
	type cat struct{ id, site int64 }
	cats, err := query(ctx, s.db, func(row scanner, c *cat) error { return row.Scan(&c.id, &c.site) },
		"SELECT id, site_id FROM categories ORDER BY id")
	if err != nil {
		return f, err
	}
	var ids []int64
	others := false
	for _, c := range cats {
		switch {
		case c.site != s.site:
			others = true
		case len(f.CategoryIDs) == 0 || slices.Contains(f.CategoryIDs, c.id):
			ids = append(ids, c.id)
		}
	}
	if !others {
		return f, nil
	}
	if len(ids) == 0 {
		ids = []int64{0}
	}
	f.CategoryIDs = ids
	return f, nil
}
