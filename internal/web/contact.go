package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"cong/internal/formlimit"
	"cong/internal/portal"
	"cong/internal/viet"
)

// Limits on readers' contact messages, held across instances by the store.
const (
	contactGap     = time.Minute // between two messages of one sender
	contactPerHour = 5
)

// ContactForm is what a reader typed, shown again with what is wrong.
type ContactForm struct {
	Name, Email, Phone, Subject, Body string
	DepartmentID                      int64
	Errors                            FormErrors
}

// ContactPage is the contact page: the departments and the form to write
// to one of them.
type ContactPage struct {
	Base
	Departments []DepartmentOption
	Form        ContactForm
}

// DepartmentOption is a department in the form's list.
type DepartmentOption struct {
	ID       int64
	Name     string
	Selected bool
}

// showContactForm serves the contact page, cached with its token hole.
func (h *Handler) showContactForm(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Contact == nil {
		return errNotFound
	}
	return h.cached(w, r, "/lien-he", func(r *http.Request, s *site) (*entry, error) {
		p, err := h.render.Render("contact", h.contactPage(s, ContactForm{}))
		return &entry{page: p}, err
	})
}

func (h *Handler) contactPage(s *site, form ContactForm) *ContactPage {
	data := &ContactPage{Base: s.base(""), Form: form}
	for _, d := range s.departments {
		data.Departments = append(data.Departments, DepartmentOption{ID: d.ID, Name: d.Name, Selected: d.ID == form.DepartmentID})
	}
	data.Canonical = "/lien-he"
	data.Description = "Gửi thư liên hệ đến các phòng, ban của " + s.info.Name + "."
	return data
}

// postContact takes a reader's message to a department: the guards of
// comments (honeypot, signed fill time, consent, banned words and blocked
// senders, limits per sender), then the store saves it and queues its mail
// in one transaction.
func (h *Handler) postContact(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Contact == nil {
		return errNotFound
	}
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	if err := formlimit.Parse(r, contactBody); err != nil {
		return err
	}
	f := r.PostForm
	if f.Get("website") != "" { // the field people never see: a robot filled it
		http.Redirect(w, r, "/lien-he/da-gui", http.StatusSeeOther)
		return nil
	}
	m := contactOf(f, h.cfg.ClientIP(r))
	form := ContactForm{Name: f.Get("name"), Email: f.Get("email"), Phone: f.Get("phone"), Subject: f.Get("subject"),
		Body: f.Get("body"), DepartmentID: m.DepartmentID}
	err = portal.Join(tokenError(s.settings["forms.secret"], f.Get("t"), h.now()), m.Validate(),
		consentError(f.Get("consent"), "Xin đánh dấu đồng ý để cổng thông tin chuyển thư và thông tin cá nhân của bạn đến phòng ban nhận thư."))
	if err == nil {
		err = contactLists(m, s)
	}
	if err == nil {
		err = h.svc.Contact.SubmitContact(r.Context(), portal.Reader(m.IP), m, contactGap, contactPerHour)
	}
	if err != nil {
		return h.contactFormAgain(w, r, s, form, err)
	}
	http.Redirect(w, r, "/lien-he/da-gui", http.StatusSeeOther)
	return nil
}

// contactOf is the message a form holds, sent from ip.
func contactOf(f url.Values, ip string) *portal.ContactMessage {
	m := &portal.ContactMessage{Name: viet.NFC(f.Get("name")), Email: f.Get("email"), Phone: f.Get("phone"),
		Subject: viet.NFC(f.Get("subject")), Body: viet.NFC(f.Get("body")), IP: ip}
	m.DepartmentID, _ = strconv.ParseInt(f.Get("department"), 10, 64)
	return m
}

// contactLists passes m through the banned words and blocked senders
// readers' comments have.
func contactLists(m *portal.ContactMessage, s *site) error {
	c := &portal.Comment{Name: m.Name, Email: m.Email, IP: m.IP, Body: m.Subject + "\n" + m.Body}
	err := portal.CheckCommentLists(c, s.settings, viet.Fold)
	if e, ok := err.(*portal.Error); ok && e.Code == portal.EINVALID {
		return portal.Invalid("body", "Thư có từ ngữ không phù hợp, xin sửa lại.")
	}
	if err != nil {
		return portal.Errorf(portal.EFORBIDDEN, "Không thể gửi thư từ địa chỉ này.")
	}
	return nil
}

// contactFormAgain shows the form as the reader left it, with what is
// wrong next to the field, and the status that says why.
func (h *Handler) contactFormAgain(w http.ResponseWriter, r *http.Request, s *site, form ContactForm, err error) error {
	status, errs, ok := formErrors(err, contactFields)
	if !ok {
		return err
	}
	form.Errors = errs
	p, err := h.render.Render("contact", h.contactPage(s, form))
	if err != nil {
		return err
	}
	h.writePrivate(w, r, p, status)
	return nil
}

// showContactSent thanks a reader whose message was sent.
func (h *Handler) showContactSent(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Contact == nil {
		return errNotFound
	}
	return h.cached(w, r, "/lien-he/da-gui", func(r *http.Request, s *site) (*entry, error) {
		data := ErrorPage{Base: s.base(""), Heading: "Cảm ơn bạn đã gửi thư",
			Message: "Thư của bạn đã được chuyển đến phòng ban bạn chọn. Cán bộ phụ trách sẽ trả lời qua thư điện tử bạn đã ghi."}
		data.Description, data.NoIndex = data.Message, true
		p, err := h.render.Render("error", data)
		return &entry{page: p}, err
	})
}
