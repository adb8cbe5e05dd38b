package web

import (
	"net/http"
	"strconv"

	"cong/internal/formlimit"
	"cong/internal/portal"
	"cong/internal/viet"
)

// ReportForm is what a reader typed in "Báo lỗi", shown again with what is
// wrong.
type ReportForm struct {
	Name, Email, Quote, Body string
	Errors                   FormErrors
}

// ReportPage is the form to report an error in an article.
type ReportPage struct {
	Base
	Article *portal.Article
	Form    ReportForm
}

var reportFields = formFields{"r-", []string{"name", "email", "quote", "body", "consent"}}

var reportKept = keptForm{limit: commentBody, fields: []KeptField{
	{Name: "name", Label: "Họ và tên"}, {Name: "email", Label: "Thư điện tử"},
	{Name: "quote", Label: "Đoạn có lỗi", Long: true}, {Name: "body", Label: "Lỗi và cách sửa", Long: true}}}

// reportURL is the address of the form reporting an error in article id.
func reportURL(id int64) string { return "/bao-loi/" + strconv.FormatInt(id, 10) }

// showReportForm serves the empty form, cached with its token hole; the
// site's script fills in the words a reader selected from the address's
// fragment, which never reaches the server.
func (h *Handler) showReportForm(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Reports == nil {
		return errNotFound
	}
	id, ok := articleID(r.PathValue("id"))
	if !ok {
		return errNotFound
	}
	return h.cached(w, r, reportURL(id), func(r *http.Request, s *site) (*entry, error) {
		a, err := h.reportedArticle(r, s, id)
		if err != nil {
			return nil, err
		}
		p, err := h.render.Render("report", h.reportPage(s, a, ReportForm{}))
		return &entry{page: p}, err
	})
}

// articleID reads an article id from a path, in its one spelling.
func articleID(v string) (int64, bool) {
	id, err := strconv.ParseInt(v, 10, 64)
	return id, err == nil && id > 0 && strconv.FormatInt(id, 10) == v
}

// reportedArticle is the article id when readers may see it: reports are
// taken only on those, and the rest do not exist.
func (h *Handler) reportedArticle(r *http.Request, s *site, id int64) (*portal.Article, error) {
	a, err := h.svc.Articles.Article(r.Context(), id)
	if portal.ErrorCode(err) == portal.ENOTFOUND {
		return nil, errNotFound
	}
	if err != nil {
		return nil, err
	}
	if _, err := h.publicCategory(r, s, a); err != nil {
		return nil, err
	}
	return a, nil
}

func (h *Handler) reportPage(s *site, a *portal.Article, form ReportForm) *ReportPage {
	data := &ReportPage{Base: s.base(""), Article: a, Form: form}
	data.Description, data.NoIndex = "Báo lỗi trong bài «"+a.Title+"» cho ban biên tập "+s.info.Name+".", true
	return data
}

// postReport takes a reader's report, with the guards of comments: the
// hidden field, the signed fill time, consent, the banned words and blocked
// senders, and the sender's pace, checked by the store as it saves.
func (h *Handler) postReport(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Reports == nil {
		return errNotFound
	}
	id, ok := articleID(r.PathValue("id"))
	if !ok {
		return errNotFound
	}
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	a, err := h.reportedArticle(r, s, id)
	if err != nil {
		return err
	}
	if err := formlimit.Parse(r, commentBody); err != nil {
		return err
	}
	f := r.PostForm
	if f.Get("website") != "" { // the field people never see: a robot filled it
		http.Redirect(w, r, "/bao-loi/da-gui", http.StatusSeeOther)
		return nil
	}
	form := ReportForm{Name: f.Get("name"), Email: f.Get("email"), Quote: f.Get("quote"), Body: f.Get("body")}
	e := &portal.ErrorReport{ArticleID: a.ID, Name: form.Name, Email: form.Email, Quote: form.Quote, Body: form.Body,
		IP: h.cfg.ClientIP(r)}
	err = portal.Join(tokenError(s.settings["forms.secret"], f.Get("t"), h.now()), e.Validate(),
		consentError(f.Get("consent"), "Xin đánh dấu đồng ý để cổng thông tin xử lý báo lỗi của bạn."))
	if err == nil {
		c := &portal.Comment{Name: e.Name, Email: e.Email, IP: e.IP, Body: e.Quote + "\n" + e.Body}
		if err = portal.CheckCommentLists(c, s.settings, viet.Fold); err == nil {
			err = h.svc.Reports.SubmitErrorReport(r.Context(), portal.Reader(e.IP), e, commentGap, commentPerMin)
		}
	}
	if err != nil {
		return h.reportFormAgain(w, r, s, a, form, err)
	}
	http.Redirect(w, r, "/bao-loi/da-gui", http.StatusSeeOther)
	return nil
}

// reportFormAgain shows the form as the reader left it, with what is wrong
// next to each field.
func (h *Handler) reportFormAgain(w http.ResponseWriter, r *http.Request, s *site, a *portal.Article, form ReportForm, err error) error {
	status, errs, ok := formErrors(err, reportFields)
	if !ok {
		return err
	}
	form.Errors = errs
	p, err := h.render.Render("report", h.reportPage(s, a, form))
	if err != nil {
		return err
	}
	h.writePrivate(w, r, p, status)
	return nil
}

// showReportSent thanks a reader for a report.
func (h *Handler) showReportSent(w http.ResponseWriter, r *http.Request) error {
	return h.cached(w, r, "/bao-loi/da-gui", func(r *http.Request, s *site) (*entry, error) {
		data := ErrorPage{Base: s.base(""), Heading: "Cảm ơn bạn đã báo lỗi",
			Message: "Báo lỗi của bạn đã được gửi tới ban biên tập của chuyên mục. Cảm ơn bạn đã giúp cổng thông tin chính xác hơn."}
		data.Description, data.NoIndex = data.Message, true
		p, err := h.render.Render("error", data)
		return &entry{page: p}, err
	})
}
