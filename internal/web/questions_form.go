package web

import (
	"errors"
	"net/http"
	"net/url"
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
const questionFolder = portal.QuestionFolder

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
	data.Description = "Gửi câu hỏi về chính sách, pháp luật, thủ tục hành chính đến " + s.info.Name +
		"; câu trả lời được đăng ở mục Hỏi – Đáp."
	return data, nil
}

// postQuestion takes a citizen's question: the same guards as comments
// (honeypot, signed fill time, consent, lists, limits), and an optional
// attachment checked by content like staff uploads. The signed time and the
// sender's limits are checked before the attachment is read, so a flood
// costs neither the upload nor the decoding of a picture.
func (h *Handler) postQuestion(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Questions == nil {
		return errNotFound
	}
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	ip := h.cfg.ClientIP(r)
	f, file, err := readQuestionForm(r, h.cfg.TempDir, func(f url.Values) error {
		if f.Get("website") != "" {
			return errRobot
		}
		if !checkToken(s.settings["forms.secret"], f.Get("t"), h.now()) {
			return errStaleForm
		}
		return h.svc.Questions.CheckQuestionSender(r.Context(), questionOf(f, ip), questionGap, questionPerHour)
	})
	defer file.remove()
	r.PostForm = f // what was read, for keepWhenDown
	form := QuestionForm{Name: f.Get("name"), Email: f.Get("email"), Phone: f.Get("phone"), Address: f.Get("address"),
		Title: f.Get("title"), Content: f.Get("content")}
	form.TopicID, _ = strconv.ParseInt(f.Get("topic"), 10, 64)
	if f.Get("website") != "" { // the field people never see: a robot filled it
		http.Redirect(w, r, "/hoi-dap/da-gui", http.StatusSeeOther)
		return nil
	}
	q := questionOf(f, ip)
	if err == nil {
		err = portal.Join(tokenError(s.settings["forms.secret"], f.Get("t"), h.now()), q.Validate(),
			consentError(f.Get("consent"), "Xin đánh dấu đồng ý để cổng thông tin xử lý câu hỏi và thông tin cá nhân của bạn."))
	}
	if err == nil {
		err = questionLists(q, s)
	}
	if err == nil {
		err = h.submitQuestion(r, q, file)
	}
	if err != nil {
		return h.questionFormAgain(w, r, s, form, err)
	}
	http.Redirect(w, r, "/hoi-dap/da-gui?ma="+q.Code, http.StatusSeeOther)
	return nil
}

var (
	errStaleForm = portal.Invalid("form", "Biểu mẫu đã quá hạn hoặc được gửi quá nhanh. Xin kiểm tra rồi gửi lại.")
	// errRobot stops reading a form whose hidden field was filled.
	errRobot = errors.New("honeypot filled")
)

// questionOf is the question a form holds, sent from ip.
func questionOf(f url.Values, ip string) *portal.Question {
	q := &portal.Question{Name: viet.NFC(f.Get("name")), Email: f.Get("email"), Phone: f.Get("phone"),
		Address: viet.NFC(f.Get("address")), Title: viet.NFC(f.Get("title")), Content: viet.NFC(f.Get("content")), IP: ip}
	q.TopicID, _ = strconv.ParseInt(f.Get("topic"), 10, 64)
	return q
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
func (h *Handler) submitQuestion(r *http.Request, q *portal.Question, file *attachment) error {
	if file == nil {
		return h.svc.Questions.SubmitQuestion(r.Context(), portal.Reader(q.IP), q, questionGap, questionPerHour)
	}
	store := media.Sub(h.cfg.Media, questionFolder)
	saved, err := (&media.Processor{Store: store, Now: h.now}).Process(r.Context(), file.name, file.file)
	if err != nil {
		return err
	}
	q.Attachment = &portal.Media{}
	saved.Fill(q.Attachment)
	q.Attachment.File = questionFolder + "/" + saved.File
	if err = h.svc.Questions.SubmitQuestion(r.Context(), portal.Reader(q.IP), q, questionGap, questionPerHour); err != nil {
		for _, name := range saved.Files() {
			store.Remove(r.Context(), name)
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
	data.Description = "Câu hỏi của bạn đã được gửi đến " + s.info.Name + " và đang chờ trả lời."
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
