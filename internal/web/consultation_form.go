package web

import (
	"net/http"

	"cong/internal/formlimit"
	"cong/internal/portal"
	"cong/internal/render"
	"cong/internal/viet"
)

// consultationSentPath thanks a reader whose comment on a draft was taken.
const consultationSentPath = "/gop-y-da-gui"

// postConsultationComment takes a reader's comment on a draft, with the
// protections of article comments; after the closing minute it is refused
// with the reader's text kept.
func (h *Handler) postConsultationComment(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if !portal.IsSlug(slug) || h.svc.Consultations == nil {
		return errNotFound
	}
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	c, err := h.readerConsultation(r, slug)
	if err != nil {
		return err
	}
	if err := formlimit.Parse(r, commentBody); err != nil {
		return err
	}
	f := r.PostForm
	form := CommentForm{Name: f.Get("name"), Email: f.Get("email"), Body: f.Get("body")}
	m := &portal.ConsultationComment{ConsultationID: c.ID, Name: form.Name, Email: form.Email, Body: form.Body,
		IP: h.cfg.ClientIP(r)}
	now := h.now()
	switch {
	case c.Phase(now) == portal.PhaseUpcoming:
		err = portal.Errorf(portal.EFORBIDDEN, "Dự thảo chưa đến thời gian lấy ý kiến.")
	case c.Phase(now) == portal.PhaseClosed:
		err = portal.Errorf(portal.EFORBIDDEN, "Dự thảo đã hết thời gian lấy ý kiến.")
	case f.Get("website") != "": // the field people never see: a robot filled it
		http.Redirect(w, r, consultationSentPath, http.StatusSeeOther)
		return nil
	default:
		err = portal.Join(tokenError(s.settings["forms.secret"], f.Get("t"), now),
			m.Validate(), consentError(f.Get("consent"), "Xin đánh dấu đồng ý để cổng thông tin xử lý góp ý của bạn."))
		if err == nil {
			if err = portal.CheckCommentLists(m.Comment(), s.settings, viet.Fold); err == nil {
				err = h.svc.Consultations.SubmitConsultationComment(r.Context(), portal.Reader(m.IP), m, commentGap, commentPerMin)
			}
		}
	}
	if err != nil {
		return h.consultationFormAgain(w, r, s, c, form, err)
	}
	http.Redirect(w, r, consultationSentPath, http.StatusSeeOther)
	return nil
}

// consultationFormAgain shows the consultation with the form as the reader
// left it and what is wrong next to the field; once closed, the text stays
// on the page so the reader can send it to the receiving unit.
func (h *Handler) consultationFormAgain(w http.ResponseWriter, r *http.Request, s *site, c *portal.Consultation, form CommentForm, err error) error {
	status, errs, ok := formErrors(err, commentFields)
	if !ok {
		return err
	}
	form.Errors = errs
	now := h.now()
	data, err := h.consultationPage(r, s, c, now)
	if err != nil {
		return err
	}
	if status == http.StatusForbidden {
		data.Open = false // the store's clock closed it, whatever the page said
	}
	data.Form = form
	p, err := h.render.Render("consultation", data)
	if err != nil {
		return err
	}
	w.Header()["Content-Type"] = htmlType
	w.Header().Set("Cache-Control", "no-store")
	values := h.counterValues(now)
	values[render.FormToken] = h.formToken(now)
	return p.Write(w, status, &values)
}

// showConsultationSent thanks a reader whose comment on a draft was taken.
func (h *Handler) showConsultationSent(w http.ResponseWriter, r *http.Request) error {
	return h.cached(w, r, consultationSentPath, func(r *http.Request, s *site) (*entry, error) {
		data := ErrorPage{Base: s.base(consultationsPath[1:]), Heading: "Cảm ơn bạn đã góp ý",
			Message: "Góp ý của bạn đã được gửi tới cơ quan chủ trì soạn thảo. Với dự thảo công khai góp ý, nội dung chỉ hiện trên cổng sau khi được duyệt."}
		data.Description, data.NoIndex = data.Message, true
		p, err := h.render.Render("error", data)
		return &entry{page: p}, err
	})
}
