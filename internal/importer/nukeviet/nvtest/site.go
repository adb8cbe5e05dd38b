package nvtest

import (
	"cmp"
	"html"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"cong/internal/viet"
)

// Category is what an administrator fills in admin/cat.php.
type Category struct {
	Title    string
	Alias    string // "" : from the title
	ParentID int64
	Status   int // 1 shown on the home page, 2 shown elsewhere, 0 suspended; 0 given means 1
	Suspend  bool
}

// AddCategory adds a category as admin/cat.php does — the row, then its
// copy of the rows table (PREFIX_LANG_news_<catid>), then the parent's list
// of children — and returns its catid.
func (s *Site) AddCategory(c Category) int64 {
	s.t.Helper()
	if c.Alias == "" {
		c.Alias = viet.Slug(c.Title)
	}
	status := 1
	if c.Status != 0 {
		status = c.Status
	}
	if c.Suspend {
		status = 0
	}
	var lev, weight, sort int
	if c.ParentID != 0 {
		s.DB.QueryRow("SELECT lev + 1 FROM "+s.Table("news_cat")+" WHERE catid = ?", c.ParentID).Scan(&lev)
	}
	s.DB.QueryRow("SELECT COUNT(*) + 1 FROM "+s.Table("news_cat")+" WHERE parentid = ?", c.ParentID).Scan(&weight)
	s.DB.QueryRow("SELECT COUNT(*) + 1 FROM " + s.Table("news_cat")).Scan(&sort)
	id := s.insert("INSERT INTO "+s.Table("news_cat")+` (parentid, title, titlesite, alias, description, descriptionhtml,
		image, viewdescription, weight, sort, lev, viewcat, numsubcat, subcatid, numlinks, newday, featured, ad_block_cat,
		keywords, admins, add_time, edit_time, groups_view, status) VALUES (?, ?, '', ?, '', '', '', 0, ?, ?, ?,
		'viewcat_page_new', 0, '', 3, 2, 0, '', '', '', ?, ?, '6', ?)`,
		c.ParentID, html.EscapeString(c.Title), c.Alias, weight, sort, lev, s.now, s.now, status)
	s.Exec("CREATE TABLE " + s.Table("news_"+strconv.FormatInt(id, 10)) + " LIKE " + s.Table("news_rows"))
	if c.ParentID != 0 {
		s.Exec("UPDATE "+s.Table("news_cat")+` SET numsubcat = numsubcat + 1,
			subcatid = TRIM(BOTH ',' FROM CONCAT(subcatid, ',', ?)) WHERE catid = ?`, id, c.ParentID)
	}
	return id
}

// Article is what an editor fills in admin/content.php.
type Article struct {
	CatIDs     []int64 // the first is the main category
	Title      string
	Alias      string // "" : from the title
	Author     string
	SourceText string // a name, or a link
	HomeText   string
	HomeImg    string // "/uploads/news/2020_12/anh.jpg" or an outside address
	HomeImgAlt string
	Body       string
	Tags       []string
	Status     int    // as saved: 1 publish, 4 draft, 5 sent for review, …
	PublTime   int64  // 0: now
	ExpTime    int64  // 0: never
	Archive    bool   // keep it after it expires (status 3) rather than delete it
	AddTime    int64  // 0: now
	Comments   string // allowed_comm, the groups that may comment; "" : "6" (everyone)
	NoComments bool   // no group ticked: allowed_comm ""
	Files      string // detail.files, attachments
}

// AddArticle saves an article as admin/content.php does: its source found or
// filed under the link's host, the status turned to "scheduled" when the
// publish time is ahead, the row, its detail, its copy in each category's
// table, and its tags. It returns the article's id.
func (s *Site) AddArticle(a Article) int64 {
	s.t.Helper()
	if a.Alias == "" {
		a.Alias = viet.Slug(a.Title)
	}
	addtime := cmp.Or(a.AddTime, s.now)
	publ := cmp.Or(a.PublTime, addtime)
	status := a.Status
	if status == 1 && publ > s.now {
		status = 2
	}
	archive := 0
	if a.Archive {
		archive = 1
		if a.ExpTime != 0 && a.ExpTime <= s.now {
			archive = 2
		}
	}
	imgfile, thumb := s.homeImage(a.HomeImg)
	listcat := joinIDs(a.CatIDs)
	weight := 0
	s.DB.QueryRow("SELECT COALESCE(MAX(weight), 0) + 1 FROM " + s.Table("news_rows")).Scan(&weight)
	id := s.insert("INSERT INTO "+s.Table("news_rows")+` (catid, listcatid, topicid, admin_id, author, sourceid,
		addtime, edittime, status, weight, publtime, exptime, archive, title, alias, hometext, homeimgfile, homeimgalt,
		homeimgthumb, inhome, allowed_comm, allowed_rating, external_link, hitstotal, hitscm, total_rating, click_rating,
		instant_active, instant_template, instant_creatauto) VALUES (?, ?, 0, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
		?, 1, ?, 1, 0, 0, 0, 0, 0, 0, '', 0)`,
		a.CatIDs[0], listcat, html.EscapeString(a.Author), s.sourceID(a.SourceText), addtime, addtime, status, weight, publ,
		a.ExpTime, archive, html.EscapeString(a.Title), a.Alias, nl2br(a.HomeText), imgfile, html.EscapeString(a.HomeImgAlt),
		thumb, allowedComm(a))
	s.Exec("INSERT INTO "+s.Table("news_detail")+` (id, titlesite, description, bodyhtml, keywords, sourcetext, files,
		imgposition, layout_func, copyright, allowed_send, allowed_print, allowed_save) VALUES (?, '', '', ?, '', ?, ?, 1,
		'', 0, 1, 1, 1)`, id, a.Body, html.EscapeString(a.SourceText), a.Files)
	for _, c := range a.CatIDs {
		s.Exec("INSERT INTO "+s.Table("news_"+strconv.FormatInt(c, 10))+" SELECT * FROM "+s.Table("news_rows")+" WHERE id = ?", id)
	}
	for _, t := range a.Tags {
		s.tag(id, t)
	}
	return id
}

// homeImage is content.php's homeimgfile and homeimgthumb: a picture under
// uploads/news/ is kept relative to it (2: no thumbnail made in assets/),
// an outside address as it is (3).
func (s *Site) homeImage(src string) (string, int) {
	const local = "/uploads/news/"
	switch {
	case src == "":
		return "", 0
	case strings.HasPrefix(src, local):
		return strings.TrimPrefix(src, local), 2
	}
	return src, 3
}

// sourceID finds or files the article's source as content.php does.
func (s *Site) sourceID(text string) int64 {
	if text == "" {
		return 0
	}
	title, link := text, ""
	if u, err := url.Parse(text); err == nil && u.Scheme != "" && u.Host != "" {
		title, link = u.Host, u.Scheme+"://"+u.Host
	}
	var id int64
	if link != "" {
		s.DB.QueryRow("SELECT sourceid FROM "+s.Table("news_sources")+" WHERE link = ?", link).Scan(&id)
	} else {
		s.DB.QueryRow("SELECT sourceid FROM "+s.Table("news_sources")+" WHERE title = ?", title).Scan(&id)
	}
	if id != 0 {
		return id
	}
	weight := 0
	s.DB.QueryRow("SELECT COALESCE(MAX(weight), 0) + 1 FROM " + s.Table("news_sources")).Scan(&weight)
	return s.insert("INSERT INTO "+s.Table("news_sources")+` (title, link, logo, weight, add_time, edit_time)
		VALUES (?, ?, '', ?, ?, ?)`, title, link, weight, s.now, s.now)
}

// tag files keyword for article id as content.php does: the tag found by
// its alias (change_alias_tags, lower case) or its keywords, else made.
func (s *Site) tag(id int64, keyword string) {
	alias := tagAlias(keyword)
	var tid int64
	s.DB.QueryRow("SELECT tid FROM "+s.Table("news_tags")+" WHERE alias = ? OR FIND_IN_SET(?, keywords) > 0",
		alias, keyword).Scan(&tid)
	if tid == 0 {
		tid = s.insert("INSERT INTO "+s.Table("news_tags")+" (numnews, alias, description, image, keywords) VALUES (1, ?, '', '', ?)",
			alias, keyword)
	} else {
		s.Exec("UPDATE "+s.Table("news_tags")+" SET numnews = numnews + 1 WHERE tid = ?", tid)
	}
	s.Exec("INSERT INTO "+s.Table("news_tags_id")+" (id, tid, keyword) VALUES (?, ?, ?)", id, tid, keyword)
}

// tagAlias is NukeViet's change_alias_tags, lower-cased: letters (with their
// marks) and digits kept, spaces to "-", the rest dropped.
func tagAlias(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '_' || r == '-':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte('-')
		}
	}
	return b.String()
}

// Comment is what a reader posts through the comment module's form.
type Comment struct {
	ArticleID int64
	ParentID  int64 // the comment answered
	Name      string
	Email     string
	Content   string
	Status    int // 1 shown (auto_postcomm), 0 waiting
	PostTime  int64
	UserID    int64
}

// AddComment saves a comment as modules/comment/funcs/post.php does: the
// text escaped, its line breaks as <br />; it returns its cid.
func (s *Site) AddComment(c Comment) int64 {
	s.t.Helper()
	return s.insert("INSERT INTO "+s.Table("comment")+` (module, area, id, pid, content, attach, post_time, userid,
		post_name, post_email, post_ip, status) VALUES ('news', 4, ?, ?, ?, '', ?, ?, ?, ?, '203.113.1.9', ?)`,
		c.ArticleID, c.ParentID, nl2br(c.Content), cmp.Or(c.PostTime, s.now), c.UserID, html.EscapeString(c.Name), c.Email, c.Status)
}

// View counts n views of an article, as funcs/detail.php does.
func (s *Site) View(id int64, n int) {
	s.Exec("UPDATE "+s.Table("news_rows")+" SET hitstotal = hitstotal + ? WHERE id = ?", n, id)
}

func nl2br(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), "\n", "<br />")
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

func allowedComm(a Article) string {
	switch {
	case a.NoComments:
		return ""
	case a.Comments != "":
		return a.Comments
	}
	return "6"
}
