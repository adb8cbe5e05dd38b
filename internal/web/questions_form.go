package web

import (
	"errors"
	"net/http"
	"path/filepath"
	"strconv"
	"time"

	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/viet"
)

// Limits on citizens' questions, held across instances by the store.
const (
	questionGap     = time.Minute // between two questions of one sender
	questionPerHour = 5
)

// questionFolder is where attachments go, under the media folder: the
// public /media/ route refuses it, and only staff may fetch them.
const questionFolder = "hoi-dap"

// questionUploads bounds the attachments processed at once: pictures are
// decoded and encoded again.
var questionUploads = make(chan struct{}, 1)

// QuestionForm is what a citizen typed, shown again with what is wrong.
type QuestionForm struct {
	Name, Email, Phone, Address, Title, Content string
	TopicID                                     int64
	Errors                                      FormErrors
}

// QuestionFormPage is the form to ask a question.
type QuestionFormPage struct {
	Base
	Topics []TopicOption
	Form   QuestionForm
}

// QuestionSentPage thanks an asker and gives the lookup code.
type QuestionSentPage struct {
	Base
	Code string
}

// showQuestionForm serves the empty form, cached with its token hole.
func (h *Handler) showQuestionForm(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Questions == nil {
		return errNotFound
	}
	return h.cached(w, r, "/hoi-dap/gui-cau-hoi", func(r *http.Request, s *site) (*entry, error) {
		data, err := h.questionFormPage(r, s, QuestionForm{})
		if err != nil {
			return nil, err
		}
		p, err := h.render.Render("question-form", data)
		return &entry{page: p}, err
	})
}

func (h *Handler) questionFormPage(r *http.Request, s *site, form QuestionForm) (*QuestionFormPage, error) {
	topics, err := h.svc.Questions.Topics(r.Context())
	if err != nil {
		return nil, err
	}
	data := &QuestionFormPage{Base: s.base("hoi-dap"), Form: form}
	data.Topics, _ = topicOptions(topics, "", form.TopicID)
	data.Canonical = "/hoi-dap/gui-cau-hoi"
	return data, nil
}

// postQuestion takes a citizen's question: the same guards as comments
// (honeypot, signed fill time, consent, lists, limits), and an optional
// attachment checked by content like staff uploads.
func (h *Handler) postQuestion(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Questions == nil {
		return errNotFound
	}
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, media.MaxBytes+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return h.questionFormAgain(w, r, s, QuestionForm{}, portal.Errorf(portal.EINVALID,
			"Tệp đính kèm quá lớn (tối đa 10 MB) hoặc biểu mẫu gửi lên không trọn vẹn. Xin gửi lại."))
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	f := r.PostForm
	form := QuestionForm{Name: f.Get("name"), Email: f.Get("email"), Phone: f.Get("phone"), Address: f.Get("address"),
		Title: f.Get("title"), Content: f.Get("content")}
	form.TopicID, _ = strconv.ParseInt(f.Get("topic"), 10, 64)
	if f.Get("website") != "" { // the field people never see: a robot filled it
		http.Redirect(w, r, "/hoi-dap/da-gui", http.StatusSeeOther)
		return nil
	}
	q := &portal.Question{Name: viet.NFC(form.Name), Email: form.Email, Phone: form.Phone, Address: viet.NFC(form.Address),
		TopicID: form.TopicID, Title: viet.NFC(form.Title), Content: viet.NFC(form.Content), IP: h.cfg.ClientIP(r)}
	err = portal.Join(tokenError(s.settings["forms.secret"], f.Get("t"), h.now()), q.Validate(),
		consentError(f.Get("consent"), "Xin đánh dấu đồng ý để cổng thông tin xử lý câu hỏi và thông tin cá nhân của bạn."))
	if err == nil {
		err = questionLists(q, s)
	}
	if err == nil {
		err = h.submitQuestion(r, q)
	}
	if err != nil {
		return h.questionFormAgain(w, r, s, form, err)
	}
	http.Redirect(w, r, "/hoi-dap/da-gui?ma="+q.Code, http.StatusSeeOther)
	return nil
}

// questionLists passes q through the banned words and blocked senders
// readers' comments have.
func questionLists(q *portal.Question, s *site) error {
	c := &portal.Comment{Name: q.Name, Email: q.Email, IP: q.IP, Body: q.Title + "\n" + q.Content + "\n" + q.Address}
	err := portal.CheckCommentLists(c, s.settings, viet.Fold)
	if e, ok := err.(*portal.Error); ok && e.Code == portal.EINVALID {
		return portal.Invalid("content", "Câu hỏi có từ ngữ không phù hợp, xin sửa lại.")
	}
	if err != nil {
		return portal.Errorf(portal.EFORBIDDEN, "Không thể gửi câu hỏi từ địa chỉ này.")
	}
	return nil
}

// submitQuestion stores the attachment, if any, then the question; a
// question refused leaves no file behind.
func (h *Handler) submitQuestion(r *http.Request, q *portal.Question) error {
	file, header, err := r.FormFile("file")
	if err == nil {
		defer file.Close()
	}
	switch {
	case errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) || err == nil && header.Size == 0:
		return h.svc.Questions.SubmitQuestion(r.Context(), q, questionGap, questionPerHour)
	case err != nil:
		return portal.Invalid("file", "Không đọc được tệp đính kèm.")
	}
	select {
	case questionUploads <- struct{}{}:
		defer func() { <-questionUploads }()
	case <-r.Context().Done():
		return r.Context().Err()
	}
	store := media.Dir(filepath.Join(h.cfg.MediaDir, questionFolder))
	saved, err := (&media.Processor{Store: store, Now: h.now}).Process(r.Context(), header.Filename, file)
	if err != nil {
		return err
	}
	q.Attachment = &portal.Media{File: questionFolder + "/" + saved.File, MIME: saved.MIME, Width: saved.Width,
		Height: saved.Height, Size: saved.Size, Variants: saved.Variants}
	if err = h.svc.Questions.SubmitQuestion(r.Context(), q, questionGap, questionPerHour); err != nil {
		store.Remove(r.Context(), saved.File)
		for _, width := range saved.Variants {
			store.Remove(r.Context(), media.VariantFile(saved.File, width))
		}
	}
	return err
}

// questionFormAgain shows the form as the citizen left it, with what is
// wrong next to the field, and the status that says why.
func (h *Handler) questionFormAgain(w http.ResponseWriter, r *http.Request, s *site, form QuestionForm, err error) error {
	status, errs, ok := formErrors(err, questionFields)
	if !ok {
		return err
	}
	form.Errors = errs
	data, err := h.questionFormPage(r, s, form)
	if err != nil {
		return err
	}
	p, err := h.render.Render("question-form", data)
	if err != nil {
		return err
	}
	h.writePrivate(w, r, p, status)
	return nil
}

// showQuestionSent thanks the asker and shows the lookup code. Without a
// known code (a robot caught by the honeypot) it only thanks.
func (h *Handler) showQuestionSent(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Questions == nil {
		return errNotFound
	}
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	data := QuestionSentPage{Base: s.base("hoi-dap")}
	if code, ok := portal.NormalizeLookupCode(r.URL.Query().Get("ma")); ok {
		if _, err := h.svc.Questions.QuestionByCode(r.Context(), code); err == nil {
			data.Code = code
		} else if portal.ErrorCode(err) != portal.ENOTFOUND {
			return err
		}
	}
	p, err := h.render.Render("question-sent", data)
	if err != nil {
		return err
	}
	h.writePrivate(w, r, p, http.StatusOK)
	return nil
}
