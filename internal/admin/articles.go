package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/sanitize"
	"cong/internal/viet"
)

// DashboardPage greets staff with their queues.
type DashboardPage struct {
	Base
	Lists []QueueList
}

// QueueList is a queue with its first articles.
type QueueList struct {
	QueueLink
	ArticleList
}

// ArticleList is a table of articles, their categories shown by name.
type ArticleList struct {
	Articles   []portal.Article
	Categories map[int64]string // category id → name
}

// categoryNames maps every category's id to its name, for article lists.
func (h *Handler) categoryNames(ctx context.Context) (map[int64]string, error) {
	cats, err := h.store.Categories(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(cats))
	for _, c := range cats {
		names[c.ID] = c.Name
	}
	return names, nil
}

func (h *Handler) showDashboard(w http.ResponseWriter, r *http.Request) error {
	b, err := h.base(r, "Bàn làm việc")
	if err != nil {
		return err
	}
	data := &DashboardPage{Base: b}
	names, err := h.categoryNames(r.Context())
	if err != nil {
		return err
	}
	for _, q := range b.Queues {
		if q.Count == 0 || q.Queue == portal.QueueAll || q.Queue == portal.QueuePublished {
			continue
		}
		list, err := h.store.Queue(r.Context(), portal.StaffFilter{Queue: q.Queue, User: b.User, Now: h.Now(), Limit: 5})
		if err != nil {
			return err
		}
		data.Lists = append(data.Lists, QueueList{QueueLink: q, ArticleList: ArticleList{Articles: list, Categories: names}})
	}
	return h.page(w, r, http.StatusOK, "dashboard", data)
}

// QueuePage lists one queue.
type QueuePage struct {
	Base
	Queue portal.Queue
	ArticleList
}

func (h *Handler) showQueue(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	q := portal.Queue(r.URL.Query().Get("hang"))
	if q == "" && len(u.Queues()) > 0 {
		q = u.Queues()[0]
	}
	allowed := false
	for _, mine := range u.Queues() {
		allowed = allowed || mine == q
	}
	if !allowed {
		return errNotFound
	}
	b, err := h.base(r, portal.QueueNames[q])
	if err != nil {
		return err
	}
	list, err := h.store.Queue(r.Context(), portal.StaffFilter{Queue: q, User: u, Now: h.Now(), Limit: 200})
	if err != nil {
		return err
	}
	names, err := h.categoryNames(r.Context())
	if err != nil {
		return err
	}
	return h.page(w, r, http.StatusOK, "queue", &QueuePage{Base: b, Queue: q, ArticleList: ArticleList{Articles: list, Categories: names}})
}

var errNotFound = portal.Errorf(portal.ENOTFOUND, "Không tìm thấy.")

// ArticlePage is the editor of one article, or its read-only view.
type ArticlePage struct {
	Base
	Article    *portal.Article
	Categories []portal.CategoryLine // in tree order, for the select
	Errors     map[string]string
	CanEdit    bool
	Actions    []portal.Action
	History    []portal.Transition
	Conflict   *portal.Article // what someone else saved meanwhile
	IsNew      bool
	Images     []portal.Media // for the cover picker
	Revisions  []portal.Revision
	Public     bool // readers see it now

	// Documents is the "Văn bản liên quan" field: document numbers, one a line.
	Documents string

	PenNames []portal.PenName // offered for the byline, the user's own first
	// Groups are the members' groups the article may be restricted to.
	Groups  []portal.MemberGroup
	Threads []portal.Thread // the event threads it may join
	// Grade: the user may give this published article its royalty, which
	// is Royalty (nil: none yet).
	Grade   bool
	Royalty *portal.Royalty
	Kinds   []portal.RoyaltyKind
	// Weight is what the pictures weigh on a phone, for whoever edits.
	Weight *ImageWeight
}

func (h *Handler) showNewArticle(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	a := &portal.Article{Status: portal.StatusDraft, OwnerID: u.ID, Author: u.Name}
	mine, err := h.store.PenNamesOf(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if len(mine) > 0 {
		a.Author = mine[0].Name
	}
	return h.articleForm(w, r, http.StatusOK, a, nil)
}

// articleForm renders the editor for a, with errors next to their fields.
func (h *Handler) articleForm(w http.ResponseWriter, r *http.Request, status int, a *portal.Article, err error) error {
	u := userOf(r)
	title := "Viết bài mới"
	if a.ID != 0 {
		title = a.Title
	}
	b, berr := h.base(r, title)
	if berr != nil {
		return berr
	}
	cats, cerr := h.store.Categories(r.Context())
	if cerr != nil {
		return cerr
	}
	images, ierr := h.store.ListMedia(r.Context(), portal.MediaFilter{Images: true, Limit: 100})
	if ierr != nil {
		return ierr
	}
	data := &ArticlePage{Base: b, Article: a, Categories: portal.NewCategoryTree(cats).Outline(), Images: images,
		IsNew: a.ID == 0, Errors: fieldErrors(err)}
	data.CanEdit = data.IsNew || u.CanEdit(a)
	data.Public = a.Visible(h.Now())
	if data.Documents, cerr = h.documentsField(r, a); cerr != nil {
		return cerr
	}
	if data.CanEdit {
		if data.PenNames, cerr = h.store.PenNames(r.Context()); cerr != nil {
			return cerr
		}
		if data.Groups, cerr = h.store.MemberGroups(r.Context()); cerr != nil {
			return cerr
		}
		if data.Threads, cerr = h.store.Threads(r.Context()); cerr != nil {
			return cerr
		}
	}
	if data.Grade = a.Status == portal.StatusPublished && u.May(portal.PublishArticles); data.Grade {
		data.Kinds = portal.RoyaltyKinds
		data.Royalty, cerr = h.store.ArticleRoyalty(r.Context(), a.ID)
		if cerr != nil && portal.ErrorCode(cerr) != portal.ENOTFOUND {
			return cerr
		}
	}
	if a.ID != 0 {
		data.Actions = u.Actions(a)
		if data.History, cerr = h.store.History(r.Context(), a.ID); cerr != nil {
			return cerr
		}
		if data.Revisions, cerr = h.store.Revisions(r.Context(), a.ID); cerr != nil {
			return cerr
		}
	}
	if data.CanEdit {
		if data.Weight, cerr = h.articleWeight(r.Context(), a); cerr != nil {
			return cerr
		}
	}
	return h.page(w, r, status, "article", data)
}

// fieldErrors turns a validation error into messages by field.
func fieldErrors(err error) map[string]string {
	if err == nil {
		return nil
	}
	var field string
	if e, ok := err.(*portal.Error); ok {
		field = e.Field
	}
	if field == "" {
		field = "form"
	}
	return map[string]string{field: portal.ErrorMessage(err)}
}

// readArticleForm copies the fields staff may set — and only those: status,
// owner, slug and view count never come from a form.
func (h *Handler) readArticleForm(r *http.Request, a *portal.Article) error {
	if err := r.ParseForm(); err != nil {
		return portal.Invalid("form", "Dữ liệu gửi lên không hợp lệ.")
	}
	f := r.PostForm
	a.Title = f.Get("title")
	a.Summary = f.Get("summary")
	a.Body = h.enrichImages(r.Context(), sanitize.Body(f.Get("body")))
	a.Author = f.Get("author")
	a.Source = f.Get("source")
	a.SourceURL = f.Get("source_url")
	a.SourceNote = f.Get("source_note")
	a.Featured = f.Get("featured") == "1"
	a.CommentsClosed = f.Get("comments_closed") == "1"
	if f.Get("groups_shown") == "1" { // the form offered the groups: none ticked is none
		groups, err := formIDs(r, "groups", "Nhóm thành viên không hợp lệ.")
		if err != nil {
			return err
		}
		a.GroupIDs = groups
	}
	tags, err := portal.ParseTags(f.Get("tags"))
	if err != nil {
		return err
	}
	a.Tags = tags
	cat, err := strconv.ParseInt(f.Get("category"), 10, 64)
	if err != nil || cat <= 0 {
		return portal.Invalid("category", "Xin chọn chuyên mục.")
	}
	a.CategoryID = cat
	if err := h.readThread(r, a); err != nil {
		return err
	}
	a.CoverID = 0
	if cover := f.Get("cover"); cover != "" && cover != "0" {
		id, err := strconv.ParseInt(cover, 10, 64)
		if err != nil {
			return portal.Invalid("cover", "Ảnh đại diện không hợp lệ.")
		}
		m, err := h.store.Media(r.Context(), id)
		if err != nil || !m.IsImage() {
			return portal.Invalid("cover", "Ảnh đại diện không có trong thư viện.")
		}
		a.CoverID = id
	}
	if len(f.Get("body")) > portal.MaxBody {
		return portal.Invalid("body", "Nội dung bài viết quá dài.")
	}
	return nil
}

func (h *Handler) createArticle(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	a := &portal.Article{Status: portal.StatusDraft, OwnerID: u.ID, EditorID: u.ID, EditorName: u.Name}
	err := h.readArticleForm(r, a)
	if err == nil {
		err = h.checkCategory(r, a.CategoryID)
	}
	if err == nil {
		err = h.store.CreateArticle(r.Context(), h.actor(r), a)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.articleForm(w, r, http.StatusBadRequest, a, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, articleURL(a.ID), flashCreated)
	return nil
}

// checkCategory refuses a category that does not exist.
func (h *Handler) checkCategory(r *http.Request, id int64) error {
	cats, err := h.store.Categories(r.Context())
	if err != nil {
		return err
	}
	if portal.NewCategoryTree(cats).ByID(id) == nil {
		return portal.Invalid("category", "Chuyên mục không có.")
	}
	return nil
}

// loadArticle reads the article of the {id} path value that r's user may
// see; any other is "not found", so ids cannot be probed.
func (h *Handler) loadArticle(r *http.Request) (*portal.Article, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	a, err := h.store.Article(r.Context(), id)
	if portal.ErrorCode(err) == portal.ENOTFOUND || err == nil && !userOf(r).CanView(a) {
		return nil, errNotFound
	}
	return a, err
}

func (h *Handler) showArticle(w http.ResponseWriter, r *http.Request) error {
	a, err := h.loadArticle(r)
	if err != nil {
		return err
	}
	return h.articleForm(w, r, http.StatusOK, a, nil)
}

func (h *Handler) saveArticle(w http.ResponseWriter, r *http.Request) error {
	a, err := h.loadArticle(r)
	if err != nil {
		return err
	}
	if !userOf(r).CanEdit(a) {
		return errForbidden
	}
	a.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	a.EditorID, a.EditorName = userOf(r).ID, userOf(r).Name
	err = h.readArticleForm(r, a)
	if err == nil {
		err = h.checkCategory(r, a.CategoryID)
	}
	if err == nil {
		err = h.store.UpdateArticle(r.Context(), h.actor(r), a)
	}
	switch portal.ErrorCode(err) {
	case "":
	case portal.EINVALID:
		return h.articleForm(w, r, http.StatusBadRequest, a, err)
	case portal.ECONFLICT:
		return h.showConflict(w, r, a, err)
	default:
		return err
	}
	redirect(w, r, articleURL(a.ID), flashSaved)
	return nil
}

// showConflict shows what someone else saved beside what this user tried to
// save, which stays in the form to be merged and saved again.
func (h *Handler) showConflict(w http.ResponseWriter, r *http.Request, mine *portal.Article, err error) error {
	current, cerr := h.store.Article(r.Context(), mine.ID)
	if cerr != nil {
		return cerr
	}
	mine.Version = current.Version
	b, berr := h.base(r, "Xung đột khi lưu")
	if berr != nil {
		return berr
	}
	cats, cerr := h.store.Categories(r.Context())
	if cerr != nil {
		return cerr
	}
	data := &ArticlePage{Base: b, Article: mine, Categories: portal.NewCategoryTree(cats).Outline(), CanEdit: true, Conflict: current,
		Errors: map[string]string{"form": portal.ErrorMessage(err) + " Bản của bạn vẫn còn dưới đây: xin đối chiếu rồi lưu lại."}}
	return h.page(w, r, http.StatusConflict, "article", data)
}

func (h *Handler) transition(w http.ResponseWriter, r *http.Request) error {
	a, err := h.loadArticle(r)
	if err != nil {
		return err
	}
	u, now := userOf(r), h.Now()
	action := portal.Action(r.PostFormValue("action"))
	t, err := portal.NewTransition(u, a, action, r.PostFormValue("note"), now)
	if err == nil && action == portal.ActionPublish {
		err = schedule(t, r, now)
	}
	if err == nil && action == portal.ActionPublish {
		err = h.checkImages(r.Context(), a)
	}
	if err == nil {
		err = h.store.Apply(r.Context(), h.actor(r), t)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.articleForm(w, r, http.StatusBadRequest, a, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, articleURL(a.ID), flashMoved)
	return nil
}

// schedule reads the optional publish and expiry times of a publish form.
func schedule(t *portal.Transition, r *http.Request, now time.Time) error {
	publishAt, err := parseFormTime(r.PostFormValue("publish_at"), "publish_at", now)
	if err != nil {
		return err
	}
	expiresAt, err := parseFormTime(r.PostFormValue("expires_at"), "expires_at", now)
	if err != nil {
		return err
	}
	return t.Schedule(publishAt, expiresAt)
}

// parseFormTime reads a datetime-local field ("2006-01-02T15:04" in
// Vietnam); empty gives the zero time. A time already past is refused.
func parseFormTime(s, field string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", s, viet.Location)
	if err != nil {
		return time.Time{}, portal.Invalid(field, "Thời điểm không hợp lệ (ngày/tháng/năm giờ:phút).")
	}
	if t.Before(now.Truncate(time.Minute)) {
		return time.Time{}, portal.Invalid(field, "Thời điểm này đã qua.")
	}
	return t, nil
}

func (h *Handler) previewArticle(w http.ResponseWriter, r *http.Request) error {
	a, err := h.loadArticle(r)
	if err != nil {
		return err
	}
	return h.preview.Preview(w, r, a)
}

func articleObject(id int64) string { return "article:" + itoa(id) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func articleURL(id int64) string { return Prefix + "/bai-viet/" + strconv.FormatInt(id, 10) }

// Flash messages, named in the URL after a post by a code, so that a link
// cannot make the page say something else.
const (
	flashCreated  = "tao"
	flashSaved    = "luu"
	flashMoved    = "chuyen"
	flashUploaded = "tai-len"
)

var flashes = map[string]string{
	flashCreated:  "Đã lưu bản nháp.",
	flashSaved:    "Đã lưu.",
	flashMoved:    "Đã chuyển trạng thái bài viết.",
	flashUploaded: "Đã tải lên thư viện.",
}

// redirect sends the browser on after a post, with a message to show, and
// the notice of text converted from a legacy encoding (encodingCode). to
// is one of the back office's own addresses and may carry a query of its
// own (a list's tab): the message's code joins that query rather than
// starting a second one.
func redirect(w http.ResponseWriter, r *http.Request, to, flash string) {
	u, err := url.Parse(to)
	if err != nil {
		// Never one of ours; the dashboard is a safe place to land.
		u = &url.URL{Path: Prefix + "/"}
	}
	q, code := u.Query(), encodingCode(r)
	if flash != "" {
		q.Set("ok", flash)
	}
	if code != "" {
		q.Set(encodingParam, code)
	}
	if flash != "" || code != "" {
		u.RawQuery = q.Encode()
	}
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
}

// withQuery returns path with the query key=value, encoded.
func withQuery(path, key, value string) string {
	return (&url.URL{Path: path, RawQuery: url.Values{key: {value}}.Encode()}).String()
}
