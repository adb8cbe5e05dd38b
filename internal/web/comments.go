package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"net/http"
	"strconv"
	"time"

	"cong/internal/formlimit"
	"cong/internal/portal"
	"cong/internal/render"
	"cong/internal/viet"
)

// Limits on readers' comments. They hold across instances: the store checks
// them in the transaction that saves the comment.
const (
	commentGap    = 15 * time.Second // between two comments of one sender
	commentPerMin = 3                // comments of one sender a minute
	minFillTime   = 3 * time.Second  // people take longer than robots
	maxFormAge    = 6 * time.Hour
)

// CommentForm is what a reader typed, shown again with what is wrong.
type CommentForm struct {
	Name, Email, Body string
	Errors            FormErrors
}

// formToken is the token of forms shown at now, made once a second.
func (h *Handler) formToken(now time.Time) int64 {
	sec := now.Unix()
	if t := h.token.Load(); t != nil && t.sec == sec {
		return t.token
	}
	secret := h.formSecret.Load()
	if secret == nil {
		return 0
	}
	t := &secondToken{sec: sec, token: formToken(*secret, now)}
	h.token.Store(t)
	return t.token
}

type secondToken struct{ sec, token int64 }

// formToken signs the time a form is shown: the seconds in the high half,
// a MAC of them in the low half, so it fits a page's number holes.
func formToken(secret string, t time.Time) int64 {
	sec := uint64(t.Unix())
	return int64(sec<<32 | uint64(formMAC(secret, sec)))
}

func formMAC(secret string, sec uint64) uint32 {
	m := hmac.New(sha256.New, []byte(secret))
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], sec)
	m.Write(b[:])
	return binary.BigEndian.Uint32(m.Sum(nil))
}

// checkToken reports whether a form's token is genuine, and old enough for
// a person to have filled it in, and not stale.
func checkToken(secret, s string, now time.Time) bool {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v <= 0 {
		return false
	}
	sec := uint64(v) >> 32
	if !hmac.Equal(binaryMAC(formMAC(secret, sec)), binaryMAC(uint32(v))) {
		return false
	}
	age := now.Sub(time.Unix(int64(sec), 0))
	return age >= minFillTime && age <= maxFormAge
}

func binaryMAC(m uint32) []byte { return binary.BigEndian.AppendUint32(nil, m) }

// postComment takes a reader's comment on an article for moderation.
func (h *Handler) postComment(w http.ResponseWriter, r *http.Request) error {
	catSlug, slug := r.PathValue("category"), r.PathValue("slug")
	if !portal.IsSlug(catSlug) || !portal.IsSlug(slug) {
		return errNotFound
	}
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	a, err := h.svc.Articles.ArticleBySlug(r.Context(), slug)
	if err != nil {
		return err
	}
	cat, err := h.publicCategory(r, s, a)
	if err != nil || cat.Slug != catSlug || a.Slug != slug {
		return errNotFound
	}
	if !h.commentsOpen(s, a) {
		return portal.Errorf(portal.EFORBIDDEN, "Bài viết này đã đóng ý kiến bạn đọc.")
	}
	if err := formlimit.Parse(r, commentBody); err != nil {
		return err
	}
	f := r.PostForm
	form := CommentForm{Name: f.Get("name"), Email: f.Get("email"), Body: f.Get("body")}
	if f.Get("website") != "" { // the field people never see: a robot filled it
		http.Redirect(w, r, "/y-kien-da-gui", http.StatusSeeOther)
		return nil
	}
	c := &portal.Comment{ArticleID: a.ID, Name: form.Name, Email: form.Email, Body: form.Body, IP: h.cfg.ClientIP(r)}
	err = portal.Join(tokenError(s.settings["forms.secret"], f.Get("t"), h.now()),
		c.Validate(), consentError(f.Get("consent"), "Xin đánh dấu đồng ý để cổng thông tin xử lý ý kiến của bạn."))
	if err == nil {
		if err = portal.CheckCommentLists(c, s.settings, viet.Fold); err == nil {
			err = h.svc.Comments.SubmitComment(r.Context(), portal.Reader(c.IP), c, commentGap, commentPerMin)
		}
	}
	if err != nil {
		return h.commentFormAgain(w, r, s, a, cat, form, err)
	}
	http.Redirect(w, r, "/y-kien-da-gui", http.StatusSeeOther)
	return nil
}

// commentsOpen reports whether readers may comment on a: the portal takes
// comments, and neither the article nor its category closed them.
func (h *Handler) commentsOpen(s *site, a *portal.Article) bool {
	return h.svc.Comments != nil && !a.CommentsClosed && s.tree.CommentsOpen(a.CategoryID)
}

// commentFormAgain shows the article with the form as the reader left it
// and what is wrong next to the field.
func (h *Handler) commentFormAgain(w http.ResponseWriter, r *http.Request, s *site, a *portal.Article, cat *portal.Category, form CommentForm, err error) error {
	status, errs, ok := formErrors(err, commentFields)
	if !ok {
		return err
	}
	form.Errors = errs
	data := ArticlePage{Base: s.base(s.tree.Path(cat.ID)[0].Slug), Article: a, Category: cat, Form: form,
		CommentsOpen: true}
	data.Beacon = h.beaconFor(data.Beacon, a.ID)
	if h.svc.Reports != nil {
		data.ReportURL = reportURL(a.ID)
	}
	data.Meta = h.articleMeta(s, a, cat)
	data.Canonical, data.Description = a.URL(), data.Meta.Description
	if data.Comments, err = h.svc.Side.ApprovedComments(r.Context(), a.ID); err != nil {
		return err
	}
	p, err := h.render.Render("article", data)
	if err != nil {
		return err
	}
	w.Header()["Content-Type"] = htmlType
	w.Header().Set("Cache-Control", "no-store")
	values := h.counterValues(h.now())
	values[render.Views] = a.ViewCount
	values[render.FormToken] = h.formToken(h.now())
	return p.Write(w, status, &values)
}

// showCommentSent thanks a reader whose comment waits for moderation.
func (h *Handler) showCommentSent(w http.ResponseWriter, r *http.Request) error {
	return h.cached(w, r, "/y-kien-da-gui", func(r *http.Request, s *site) (*entry, error) {
		data := ErrorPage{Base: s.base(""), Heading: "Cảm ơn bạn đã gửi ý kiến",
			Message: "Ý kiến của bạn đã được gửi và đang chờ duyệt. Ý kiến chỉ hiện trên cổng sau khi được ban biên tập duyệt."}
		data.Description, data.NoIndex = data.Message, true
		p, err := h.render.Render("error", data)
		return &entry{page: p}, err
	})
}
