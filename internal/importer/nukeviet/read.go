package nukeviet

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// category is a row of PREFIX_LANG_news_cat.
type category struct {
	ID, ParentID   int64
	Title, Alias   string
	Weight, Status int
	AddTime        int64
}

// article is a row of PREFIX_LANG_news_rows with its detail, its source,
// its tags and its authors.
type article struct {
	ID, CatID               int64
	ListCatID               string
	Author                  string
	SourceID                int64
	AddTime, EditTime       int64
	Status                  int
	PublTime, ExpTime       int64
	Archive                 int
	Title, Alias, HomeText  string
	HomeImgFile, HomeImgAlt string
	HomeImgThumb            int
	AllowedComm             string
	Hits                    int64
	HasDetail               bool
	Body, SourceText, Files string
	SourceTitle, SourceLink string
	Tags                    []string // tags_id.keyword, as the article's editor typed them
	Authors                 []string // the pseudonyms of its internal authors (4.5)
}

// tag is a row of PREFIX_LANG_news_tags with the word its articles use.
type tag struct {
	ID           int64
	Alias, Title string
	Keyword      string
	Articles     int
}

// comment is a news comment of PREFIX_LANG_comment.
type comment struct {
	ID, ArticleID, ParentID int64
	Content                 string
	PostTime                int64
	UserID                  int64
	Name, Email, IP         string
	Status                  int
}

// count returns SELECT COUNT(*) FROM table [where].
func (s *Source) count(ctx context.Context, table, where string, args ...any) (int, error) {
	var n int
	err := s.DB.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table+" "+where, args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("counting %s: %w", table, err)
	}
	return n, nil
}

// Counts are how many items of each kind the database holds.
type Counts struct{ Categories, Articles, Tags, Comments int }

// Count counts what an import will see, for its progress.
func (s *Source) Count(ctx context.Context) (Counts, error) {
	var c Counts
	var err error
	if c.Categories, err = s.count(ctx, s.table("cat"), ""); err != nil {
		return c, err
	}
	if c.Articles, err = s.count(ctx, s.table("rows"), ""); err != nil {
		return c, err
	}
	if s.has["tags"] {
		if c.Tags, err = s.count(ctx, s.table("tags"), ""); err != nil {
			return c, err
		}
	}
	if s.has["comment"] {
		c.Comments, err = s.count(ctx, s.comments(), "WHERE module = ?", s.Module)
	}
	return c, err
}

// categories reads every category.
func (s *Source) categories(ctx context.Context) ([]category, error) {
	status := "1"
	if s.has["cat.status"] {
		status = "status"
	}
	rows, err := s.DB.QueryContext(ctx, "SELECT catid, parentid, title, alias, weight, "+status+
		", add_time FROM "+s.table("cat")+" ORDER BY sort, catid")
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", s.table("cat"), err)
	}
	defer rows.Close()
	var cats []category
	for rows.Next() {
		var c category
		if err := rows.Scan(&c.ID, &c.ParentID, &c.Title, &c.Alias, &c.Weight, &c.Status, &c.AddTime); err != nil {
			return nil, fmt.Errorf("reading %s: %w", s.table("cat"), err)
		}
		cats = append(cats, c)
	}
	return cats, rows.Err()
}

// articles reads up to limit articles with ids above after, by id.
func (s *Source) articles(ctx context.Context, after int64, limit int) ([]article, error) {
	src, join := "'', ''", ""
	if s.has["sources"] {
		src = "COALESCE(s.title, ''), COALESCE(s.link, '')"
		join = " LEFT JOIN " + s.table("sources") + " s ON s.sourceid = r.sourceid"
	}
	q := `SELECT r.id, r.catid, r.listcatid, COALESCE(r.author, ''), r.sourceid, r.addtime, r.edittime, r.status,
		r.publtime, r.exptime, r.archive, r.title, r.alias, r.hometext, COALESCE(r.homeimgfile, ''),
		COALESCE(r.homeimgalt, ''), r.homeimgthumb, COALESCE(r.allowed_comm, ''), r.hitstotal, d.id IS NOT NULL,
		COALESCE(d.bodyhtml, ''), COALESCE(d.sourcetext, ''), COALESCE(d.files, ''), ` + src + `
		FROM ` + s.table("rows") + ` r LEFT JOIN ` + s.table("detail") + ` d ON d.id = r.id` + join + `
		WHERE r.id > ? ORDER BY r.id LIMIT ?`
	rows, err := s.DB.QueryContext(ctx, q, after, limit)
	if err != nil {
		return nil, fmt.Errorf("reading %s after id %d: %w", s.table("rows"), after, err)
	}
	defer rows.Close()
	var as []article
	for rows.Next() {
		var a article
		err := rows.Scan(&a.ID, &a.CatID, &a.ListCatID, &a.Author, &a.SourceID, &a.AddTime, &a.EditTime, &a.Status,
			&a.PublTime, &a.ExpTime, &a.Archive, &a.Title, &a.Alias, &a.HomeText, &a.HomeImgFile, &a.HomeImgAlt,
			&a.HomeImgThumb, &a.AllowedComm, &a.Hits, &a.HasDetail, &a.Body, &a.SourceText, &a.Files,
			&a.SourceTitle, &a.SourceLink)
		if err != nil {
			return nil, fmt.Errorf("reading %s after id %d: %w", s.table("rows"), after, err)
		}
		as = append(as, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading %s after id %d: %w", s.table("rows"), after, err)
	}
	return as, s.attach(ctx, as)
}

// attach reads the tags and internal authors of as, one query each.
func (s *Source) attach(ctx context.Context, as []article) error {
	if len(as) == 0 {
		return nil
	}
	byID := make(map[int64]*article, len(as))
	for i := range as {
		byID[as[i].ID] = &as[i]
	}
	first, last := as[0].ID, as[len(as)-1].ID
	if s.has["tags_id"] {
		err := s.each(ctx, "SELECT id, keyword FROM "+s.table("tags_id")+" WHERE id BETWEEN ? AND ? ORDER BY id, keyword",
			[]any{first, last}, func(id int64, v string) { byID[id].Tags = append(byID[id].Tags, v) }, byID)
		if err != nil {
			return err
		}
	}
	if s.has["authorlist"] {
		return s.each(ctx, "SELECT id, pseudonym FROM "+s.table("authorlist")+" WHERE id BETWEEN ? AND ? ORDER BY id, aid",
			[]any{first, last}, func(id int64, v string) { byID[id].Authors = append(byID[id].Authors, v) }, byID)
	}
	return nil
}

// each runs q, which selects (article id, text), and hands the rows whose
// article is in byID to add.
func (s *Source) each(ctx context.Context, q string, args []any, add func(int64, string), byID map[int64]*article) error {
	rows, err := s.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", strings.Fields(q)[3], err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var v string
		if err := rows.Scan(&id, &v); err != nil {
			return err
		}
		if byID[id] != nil {
			add(id, v)
		}
	}
	return rows.Err()
}

// tags reads every tag with the word its articles were tagged with and how
// many articles carry it.
func (s *Source) tags(ctx context.Context) ([]tag, error) {
	if !s.has["tags"] || !s.has["tags_id"] {
		return nil, nil
	}
	title := "''"
	if s.has["tags.title"] {
		title = "t.title"
	}
	rows, err := s.DB.QueryContext(ctx, "SELECT t.tid, t.alias, "+title+", COALESCE(MIN(i.keyword), ''), COUNT(i.id) FROM "+
		s.table("tags")+" t LEFT JOIN "+s.table("tags_id")+" i ON i.tid = t.tid GROUP BY t.tid, t.alias, "+title+" ORDER BY t.tid")
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", s.table("tags"), err)
	}
	defer rows.Close()
	var ts []tag
	for rows.Next() {
		var t tag
		if err := rows.Scan(&t.ID, &t.Alias, &t.Title, &t.Keyword, &t.Articles); err != nil {
			return nil, fmt.Errorf("reading %s: %w", s.table("tags"), err)
		}
		ts = append(ts, t)
	}
	return ts, rows.Err()
}

// newsComments reads up to limit of the news module's comments with ids above
// after, by id, so that a reply comes after what it answers.
func (s *Source) newsComments(ctx context.Context, after int64, limit int) ([]comment, error) {
	if !s.has["comment"] {
		return nil, nil
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT cid, id, pid, content, post_time, userid, post_name, post_email,
		post_ip, status FROM `+s.comments()+` WHERE module = ? AND cid > ? ORDER BY cid LIMIT ?`, s.Module, after, limit)
	if err != nil {
		return nil, fmt.Errorf("reading %s after cid %d: %w", s.comments(), after, err)
	}
	defer rows.Close()
	var cs []comment
	for rows.Next() {
		var c comment
		var ip sql.NullString
		err := rows.Scan(&c.ID, &c.ArticleID, &c.ParentID, &c.Content, &c.PostTime, &c.UserID, &c.Name, &c.Email, &ip, &c.Status)
		if err != nil {
			return nil, fmt.Errorf("reading %s after cid %d: %w", s.comments(), after, err)
		}
		c.IP = ip.String
		cs = append(cs, c)
	}
	return cs, rows.Err()
}
