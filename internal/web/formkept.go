package web

import (
	"net/http"
	"net/url"
	"strings"

	"cong/internal/formlimit"
	"cong/internal/portal"
)

// FormKeptPage answers a reader's form that could not be taken because the
// database is down or the disk full: why, and what the reader typed, in a
// form that sends it again.
type FormKeptPage struct {
	Base
	Heading, Message string
	Action           string // the form's own address
	File             bool   // the form takes an attachment, to be chosen again
	Fields           []KeptField
}

// KeptField is one field of a kept form and what the reader typed in it.
type KeptField struct {
	Name, Label, Value string
	Long               bool // a textarea
	Hidden             bool // kept without being shown (a choice from a list the database holds)
}

// keptForm is what a form keeps when it cannot be taken.
type keptForm struct {
	limit  int64 // the body cap, to read the form with when its handler did not
	file   bool
	fields []KeptField
}

var (
	commentKept = keptForm{limit: commentBody, fields: []KeptField{
		{Name: "name", Label: "Họ và tên"}, {Name: "email", Label: "Thư điện tử"},
		{Name: "body", Label: "Ý kiến", Long: true}}}
	questionKept = keptForm{limit: questionText, file: true, fields: []KeptField{
		{Name: "name", Label: "Họ và tên"}, {Name: "email", Label: "Thư điện tử"}, {Name: "phone", Label: "Điện thoại"},
		{Name: "address", Label: "Địa chỉ"}, {Name: "topic", Hidden: true}, {Name: "title", Label: "Tiêu đề"},
		{Name: "content", Label: "Nội dung câu hỏi", Long: true}}}
	contactKept = keptForm{limit: contactBody, fields: []KeptField{
		{Name: "department", Hidden: true}, {Name: "name", Label: "Họ và tên"}, {Name: "email", Label: "Thư điện tử"},
		{Name: "phone", Label: "Điện thoại"}, {Name: "subject", Label: "Tiêu đề"}, {Name: "body", Label: "Nội dung", Long: true}}}
)

// keepWhenDown runs a reader's form handler; when the form could not be
// taken because the database is down or the disk full, the reader gets
// 503, the reason, and their text back in a form to send again later.
func (h *Handler) keepWhenDown(form keptForm, fn pageHandler) pageHandler {
	return func(w http.ResponseWriter, r *http.Request) error {
		err := h.fault(fn(w, r))
		if !isDown(err) {
			return err
		}
		h.log.Warn("reader's form not taken", "path", r.URL.Path, "err", err)
		data := FormKeptPage{Base: h.errorBase(r), Heading: "Chưa gửi được", Message: portal.ErrorMessage(err),
			Action: r.URL.Path, File: form.file}
		data.Description, data.NoIndex = data.Message, true
		values := keptValues(r, form)
		for _, f := range form.fields {
			f.Value = strings.TrimSpace(values.Get(f.Name))
			data.Fields = append(data.Fields, f)
		}
		p, err := h.render.Render("form-kept", data)
		if err != nil {
			return err
		}
		w.Header().Set("Retry-After", "60")
		h.writePrivate(w, r, p, http.StatusServiceUnavailable)
		return nil
	}
}

// keptValues is what the reader sent: the form as its handler read it, or
// read now when the handler stopped before (the text fields before a file).
func keptValues(r *http.Request, form keptForm) url.Values {
	if r.PostForm != nil {
		return r.PostForm
	}
	if r.MultipartForm == nil && strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		values, _, _ := readQuestionForm(r, "", func(url.Values) error { return errRobot })
		return values
	}
	if formlimit.Parse(r, form.limit) != nil && r.PostForm == nil {
		return url.Values{}
	}
	return r.PostForm
}
