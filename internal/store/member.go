package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"cong/internal/portal"
	"cong/internal/viet"
)

// memberColumns are read by every member query, in scanMember's order.
const memberColumns = `id, username, name, password_hash, disabled, created_at, updated_at`

func scanMember(row scanner, m *portal.Member) error {
	return row.Scan(&m.ID, &m.Username, &m.Name, &m.PasswordHash, &m.Disabled, &m.CreatedAt, &m.UpdatedAt)
}

// Member returns the member with id and its groups.
func (s *DB) Member(ctx context.Context, id int64) (*portal.Member, error) {
	return s.memberWhere(ctx, "id = $1", id)
}

// MemberByUsername returns the member signing in as username.
func (s *DB) MemberByUsername(ctx context.Context, username string) (*portal.Member, error) {
	return s.memberWhere(ctx, "username = $1", strings.ToLower(username))
}

func (s *DB) memberWhere(ctx context.Context, cond string, arg any) (*portal.Member, error) {
	var m portal.Member
	err := scanMember(s.db.QueryRowContext(ctx, `SELECT `+memberColumns+` FROM members WHERE `+cond, arg), &m)
	if err != nil {
		return nil, notFound(err, "thành viên")
	}
	m.GroupIDs, err = query(ctx, s.db, scanID, `SELECT group_id FROM member_group_members WHERE member_id = $1
		ORDER BY group_id`, m.ID)
	return &m, err
}

// Members lists every member by name in Vietnamese order, then user name,
// each with its groups.
func (s *DB) Members(ctx context.Context) ([]portal.Member, error) {
	ms, err := query(ctx, s.db, scanMember, `SELECT `+memberColumns+` FROM members`)
	if err != nil {
		return nil, err
	}
	viet.SortFunc(ms, func(names func(a, b string) int, x, y *portal.Member) int {
		return cmp.Or(names(x.Name, y.Name), cmp.Compare(x.Username, y.Username))
	})
	byID := make(map[int64]*portal.Member, len(ms))
	for i := range ms {
		byID[ms[i].ID] = &ms[i]
	}
	rows, err := s.db.QueryContext(ctx, `SELECT member_id, group_id FROM member_group_members ORDER BY group_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var member, group int64
		if err := rows.Scan(&member, &group); err != nil {
			return nil, err
		}
		if m := byID[member]; m != nil {
			m.GroupIDs = append(m.GroupIDs, group)
		}
	}
	return ms, rows.Err()
}

// CreateMember saves a new member and its groups.
func (s *DB) CreateMember(ctx context.Context, who portal.Actor, m *portal.Member) error {
	m.Name = viet.NFC(m.Name)
	if err := m.Validate(); err != nil {
		return err
	}
	now := s.now()
	m.CreatedAt, m.UpdatedAt = now, now
	c := &change{action: "member.create", detail: m.Username}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO members (username, name, password_hash, disabled, created_at,
			updated_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, m.Username, m.Name, m.PasswordHash, m.Disabled,
			now, now).Scan(&m.ID)
		if s.dialect.isUnique(err) {
			return portal.Invalid("username", "Tên đăng nhập này đã có.")
		}
		if err != nil {
			return err
		}
		c.object = memberObject(m.ID)
		return saveMemberGroups(ctx, tx, m)
	})
}

// UpdateMember saves a member's name, groups, disabled and, when set, its
// new password hash.
func (s *DB) UpdateMember(ctx context.Context, who portal.Actor, m *portal.Member) error {
	m.Name = viet.NFC(m.Name)
	hash := m.PasswordHash
	if hash == "" {
		m.PasswordHash = "-" // kept as it is; Validate asks for one
	}
	err := m.Validate()
	m.PasswordHash = hash
	if err != nil {
		return err
	}
	m.UpdatedAt = s.now()
	c := &change{action: "member.save", object: memberObject(m.ID), detail: m.Username}
	if hash != "" {
		c.detail += " (đặt lại mật khẩu)"
	}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE members SET name = $1, disabled = $2, updated_at = $3,
			password_hash = CASE WHEN $4 = '' THEN password_hash ELSE $4 END WHERE id = $5`,
			m.Name, m.Disabled, m.UpdatedAt, hash, m.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy thành viên.")
		}
		return saveMemberGroups(ctx, tx, m)
	})
}

// SetMemberPassword stores a member's own new password hash, which ends its
// other sessions (their cookies were signed over the old one).
func (s *DB) SetMemberPassword(ctx context.Context, who portal.Actor, id int64, hash string) error {
	if hash == "" {
		return portal.Invalid("password", "Xin đặt mật khẩu.")
	}
	c := &change{action: "member.password", object: memberObject(id)}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE members SET password_hash = $1, updated_at = $2 WHERE id = $3`,
			hash, s.now(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy thành viên.")
		}
		return nil
	})
}

func memberObject(id int64) string { return "member:" + strconv.FormatInt(id, 10) }

// saveMemberGroups replaces a member's groups with m.GroupIDs, refusing a
// group that does not exist.
func saveMemberGroups(ctx context.Context, tx *sql.Tx, m *portal.Member) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM member_group_members WHERE member_id = $1`, m.ID); err != nil {
		return err
	}
	return insertGroupLinks(ctx, tx, "member_group_members", "member_id", m.ID, m.GroupIDs)
}

// insertGroupLinks links id (in column col of table) to each of groups,
// refusing a group that does not exist with a message for the form.
func insertGroupLinks(ctx context.Context, tx *sql.Tx, table, col string, id int64, groups []int64) error {
	groups = slices.Compact(slices.Sorted(slices.Values(groups)))
	if len(groups) == 0 {
		return nil
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM member_groups WHERE id IN (`+placeholders(1, len(groups))+`)`,
		int64Args(groups)...).Scan(&n)
	if err != nil {
		return err
	}
	if n != len(groups) {
		return portal.Invalid("groups", "Nhóm thành viên không hợp lệ.")
	}
	for _, g := range groups {
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (`+col+`, group_id) VALUES ($1, $2)`, id, g); err != nil {
			return err
		}
	}
	return nil
}

// MemberGroups lists the groups in Vietnamese order, each with its
// categories and how many members it has; another site than the main one
// has none.
func (s *DB) MemberGroups(ctx context.Context) ([]portal.MemberGroup, error) {
	if s.otherSite() {
		return nil, nil
	}
	gs, err := query(ctx, s.db, scanMemberGroup, `SELECT g.id, g.name, g.created_at,
		(SELECT COUNT(*) FROM member_group_members m WHERE m.group_id = g.id) FROM member_groups g`)
	if err != nil {
		return nil, err
	}
	viet.SortByName(gs, func(g *portal.MemberGroup) string { return g.Name })
	byID := make(map[int64]*portal.MemberGroup, len(gs))
	for i := range gs {
		byID[gs[i].ID] = &gs[i]
	}
	rows, err := s.db.QueryContext(ctx, `SELECT group_id, category_id FROM category_groups ORDER BY category_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var group, cat int64
		if err := rows.Scan(&group, &cat); err != nil {
			return nil, err
		}
		if g := byID[group]; g != nil {
			g.CategoryIDs = append(g.CategoryIDs, cat)
		}
	}
	return gs, rows.Err()
}

func scanMemberGroup(row scanner, g *portal.MemberGroup) error {
	return row.Scan(&g.ID, &g.Name, &g.CreatedAt, &g.Members)
}

// MemberGroup returns the group with id and its categories.
func (s *DB) MemberGroup(ctx context.Context, id int64) (*portal.MemberGroup, error) {
	gs, err := s.MemberGroups(ctx)
	if err != nil {
		return nil, err
	}
	for i := range gs {
		if gs[i].ID == id {
			return &gs[i], nil
		}
	}
	return nil, portal.Errorf(portal.ENOTFOUND, "Không tìm thấy nhóm thành viên.")
}

// SaveMemberGroup creates g (ID 0) or saves its name and categories. The
// articles of every category it adds or drops are restricted again, and
// join or leave the search index, in the same transaction.
func (s *DB) SaveMemberGroup(ctx context.Context, who portal.Actor, g *portal.MemberGroup) error {
	g.Name = viet.NFC(g.Name)
	if err := g.Validate(); err != nil {
		return err
	}
	key := strings.ToLower(g.Name)
	c := &change{action: "member_group.save", object: "member_group:" + strconv.FormatInt(g.ID, 10), detail: g.Name,
		public: true}
	if g.ID == 0 {
		c.action = "member_group.create"
	}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		var err error
		if g.ID == 0 {
			g.CreatedAt = s.now()
			err = tx.QueryRowContext(ctx, `INSERT INTO member_groups (name, name_key, created_at) VALUES ($1, $2, $3)
				RETURNING id`, g.Name, key, g.CreatedAt).Scan(&g.ID)
			c.object = "member_group:" + strconv.FormatInt(g.ID, 10)
		} else {
			var res sql.Result
			res, err = tx.ExecContext(ctx, `UPDATE member_groups SET name = $1, name_key = $2 WHERE id = $3`,
				g.Name, key, g.ID)
			if n, _ := rowsAffected(res); err == nil && n != 1 {
				return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy nhóm thành viên.")
			}
		}
		if s.dialect.isUnique(err) {
			return portal.Invalid("name", "Đã có nhóm tên này.")
		}
		if err != nil {
			return err
		}
		changed, err := s.saveGroupCategories(ctx, tx, g)
		if len(changed) > 0 {
			// Each article that became members-only or public again is an
			// object of the change: its history says so, and a shared cache
			// is told to drop its pages (see web.PurgePaths).
			c.objects = []string{c.object}
			for _, id := range changed {
				c.objects = append(c.objects, articleObject(id))
			}
		}
		return err
	})
}

// saveGroupCategories replaces the categories restricted to g and brings
// the articles of every category added or dropped in line, returning those
// readers could see, or may see now, whose restriction changed.
func (s *DB) saveGroupCategories(ctx context.Context, tx *sql.Tx, g *portal.MemberGroup) ([]int64, error) {
	old, err := query(ctx, tx, scanID, `SELECT category_id FROM category_groups WHERE group_id = $1`, g.ID)
	if err != nil {
		return nil, err
	}
	want := slices.Compact(slices.Sorted(slices.Values(g.CategoryIDs)))
	if len(want) > 0 {
		var n int
		args := int64Args(want)
		cond := ""
		if s.site != 0 { // the main site's categories only
			cond = " AND site_id = " + addArg(&args)(s.site)
		}
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM categories WHERE id IN (`+placeholders(1, len(want))+`)`+cond,
			args...).Scan(&n)
		if err != nil {
			return nil, err
		}
		if n != len(want) {
			return nil, portal.Invalid("categories", "Chuyên mục không hợp lệ.")
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM category_groups WHERE group_id = $1`, g.ID); err != nil {
		return nil, err
	}
	for _, cat := range want {
		if _, err := tx.ExecContext(ctx, `INSERT INTO category_groups (category_id, group_id) VALUES ($1, $2)`,
			cat, g.ID); err != nil {
			return nil, err
		}
	}
	cats := symmetricDifference(old, want)
	if len(cats) == 0 {
		return nil, nil
	}
	before, err := query(ctx, tx, scanID, `SELECT id FROM articles WHERE members_only AND category_id IN (`+
		placeholders(1, len(cats))+`)`, int64Args(cats)...)
	if err != nil {
		return nil, err
	}
	as, err := s.indexSource(ctx, tx, "category_id IN ("+placeholders(1, len(cats))+")", int64Args(cats)...)
	if err != nil {
		return nil, err
	}
	if err := s.indexArticles(ctx, tx, as); err != nil {
		return nil, err
	}
	was := make(map[int64]bool, len(before))
	for _, id := range before {
		was[id] = true
	}
	var changed []int64
	for _, a := range as {
		if a.Status == portal.StatusPublished && a.MembersOnly != was[a.ID] {
			changed = append(changed, a.ID)
		}
	}
	return changed, nil
}

// symmetricDifference returns what is in a or b but not both, sorted.
func symmetricDifference(a, b []int64) []int64 {
	var out []int64
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return out
}

// saveArticleGroups replaces an article's own groups when the save carries
// them (a.GroupIDs not nil); indexArticles then restricts it.
func saveArticleGroups(ctx context.Context, tx *sql.Tx, a *portal.Article) error {
	if a.GroupIDs == nil {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_groups WHERE article_id = $1`, a.ID); err != nil {
		return err
	}
	return insertGroupLinks(ctx, tx, "article_groups", "article_id", a.ID, a.GroupIDs)
}

// restrictArticles sets members_only on articles ids from their own groups
// and their categories', and returns those that are members-only.
func restrictArticles(ctx context.Context, tx *sql.Tx, ids []int64) (map[int64]bool, error) {
	restricted := map[int64]bool{}
	err := inBatches(ids, func(ids []int64) error {
		rows, err := tx.QueryContext(ctx, `UPDATE articles SET members_only =
			(EXISTS (SELECT 1 FROM article_groups g WHERE g.article_id = articles.id)
			 OR EXISTS (SELECT 1 FROM category_groups g WHERE g.category_id = articles.category_id))
			WHERE id IN (`+placeholders(1, len(ids))+`) RETURNING id, members_only`, int64Args(ids)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var only bool
			if err := rows.Scan(&id, &only); err != nil {
				return err
			}
			if only {
				restricted[id] = true
			}
		}
		return rows.Err()
	})
	return restricted, err
}

// articleGroups reads an article's own groups.
func (s *DB) articleGroups(ctx context.Context, id int64) ([]int64, error) {
	return query(ctx, s.db, scanID, `SELECT group_id FROM article_groups WHERE article_id = $1 ORDER BY group_id`, id)
}

// ArticleAccess returns the groups whose members may read article id: its
// own when it has some, else its category's.
func (s *DB) ArticleAccess(ctx context.Context, id int64) ([]int64, error) {
	groups, err := s.articleGroups(ctx, id)
	if err != nil || len(groups) > 0 {
		return groups, err
	}
	return query(ctx, s.db, scanID, `SELECT g.group_id FROM category_groups g JOIN articles a ON a.category_id = g.category_id
		WHERE a.id = $1 ORDER BY g.group_id`, id)
}
