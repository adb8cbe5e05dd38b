package admin

import (
	"net/http"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// ConsultationsPage lists the drafts put to the public.
type ConsultationsPage struct {
	Base
	Items []ConsultationRow
}

// ConsultationRow is a consultation in the list, with its phase now.
type ConsultationRow struct {
	portal.Consultation
	PhaseName string
}

// ConsultationPage edits one consultation, its files and publication.
type ConsultationPage struct {
	Base
	Consultation *portal.Consultation
	IsNew        bool
	PhaseName    string
	CanPublish   bool
	Pending      int // comments waiting for moderation
	Approved     int
	Errors       map[string]string
	FileErrors   map[string]string
	Upload       portal.Media // what was typed with a refused file
}

func consultationURL(id int64) string { return Prefix + "/gop-y-du-thao/" + itoa(id) }

func (h *Handler) showConsultations(w http.ResponseWriter, r *http.Request) error {
	b, err := h.base(r, "Góp ý dự thảo")
	if err != nil {
		return err
	}
	list, err := h.store.Consultations(r.Context(), portal.ConsultationFilter{Limit: 500})
	if err != nil {
		return err
	}
	data := &ConsultationsPage{Base: b}
	for _, c := range list {
		data.Items = append(data.Items, ConsultationRow{Consultation: c, PhaseName: portal.PhaseNames[c.Phase(h.Now())]})
	}
	return h.page(w, r, http.StatusOK, "consultations", data)
}

func (h *Handler) showNewConsultation(w http.ResponseWriter, r *http.Request) error {
	now := h.Now().In(viet.Location)
	opens := time.Date(now.Year(), now.Month(), now.Day()+1, 7, 0, 0, 0, viet.Location)
	c := &portal.Consultation{OpensAt: opens, ClosesAt: opens.AddDate(0, 0, 30).Add(10 * time.Hour)}
	return h.consultationForm(w, r, http.StatusOK, c, nil)
}

func (h *Handler) showConsultation(w http.ResponseWriter, r *http.Request) error {
	c, err := h.loadConsultation(r)
	if err != nil {
		return err
	}
	return h.consultationForm(w, r, http.StatusOK, c, nil)
}

func (h *Handler) loadConsultation(r *http.Request) (*portal.Consultation, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.store.Consultation(r.Context(), id)
}

// consultationForm renders the editor of c, with errors next to their fields.
func (h *Handler) consultationForm(w http.ResponseWriter, r *http.Request, status int, c *portal.Consultation, err error) error {
	title := "Dự thảo mới"
	if c.ID != 0 {
		title = c.Title
	}
	b, berr := h.base(r, title)
	if berr != nil {
		return berr
	}
	data := &ConsultationPage{Base: b, Consultation: c, IsNew: c.ID == 0, CanPublish: userOf(r).May(portal.PublishConsultations),
		PhaseName: portal.PhaseNames[c.Phase(h.Now())]}
	if portalField(err) == "file" || portalField(err) == "alt" {
		data.FileErrors = fieldErrors(err)
		data.Upload = portal.Media{Caption: r.PostFormValue("caption"), Alt: r.PostFormValue("alt")}
	} else {
		data.Errors = fieldErrors(err)
	}
	if c.ID != 0 {
		counts, cerr := h.store.ConsultationCommentCounts(r.Context(), c.ID)
		if cerr != nil {
			return cerr
		}
		data.Pending, data.Approved = counts[portal.CommentPending], counts[portal.CommentApproved]
	}
	return h.page(w, r, status, "consultation", data)
}

func portalField(err error) string {
	if e, ok := err.(*portal.Error); ok {
		return e.Field
	}
	return ""
}

// readConsultationForm copies the fields staff set; slug and publication
// never come from this form.
func readConsultationForm(r *http.Request, c *portal.Consultation) error {
	if err := r.ParseForm(); err != nil {
		return portal.Invalid("form", "Dữ liệu gửi lên không hợp lệ.")
	}
	f := r.PostForm
	c.Title, c.Issuer, c.Summary = f.Get("title"), f.Get("issuer"), f.Get("summary")
	c.ReceiverAddress, c.ReceiverEmail = f.Get("receiver_address"), f.Get("receiver_email")
	c.PublicComments = f.Get("public_comments") == "1"
	var ok1, ok2 bool
	c.OpensAt, ok1 = parseLocalTime(f.Get("opens_at"))
	c.ClosesAt, ok2 = parseLocalTime(f.Get("closes_at"))
	switch {
	case !ok1:
		return portal.Invalid("opens_at", "Thời gian bắt đầu không hợp lệ (ngày và giờ, theo giờ Việt Nam).")
	case !ok2:
		return portal.Invalid("closes_at", "Thời gian kết thúc không hợp lệ (ngày và giờ, theo giờ Việt Nam).")
	}
	return c.Validate()
}

// parseLocalTime reads a datetime-local field in Vietnam's time.
func parseLocalTime(s string) (time.Time, bool) {
	t, err := time.ParseInLocation("2006-01-02T15:04", s, viet.Location)
	return t, err == nil && t.Year() >= 2000 && t.Year() < 10000
}

func (h *Handler) createConsultation(w http.ResponseWriter, r *http.Request) error {
	c := &portal.Consultation{}
	err := readConsultationForm(r, c)
	if err == nil {
		err = h.store.CreateConsultation(r.Context(), h.actor(r), c)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.consultationForm(w, r, http.StatusBadRequest, c, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, consultationURL(c.ID), flashSaved)
	return nil
}

func (h *Handler) saveConsultation(w http.ResponseWriter, r *http.Request) error {
	c, err := h.loadConsultation(r)
	if err != nil {
		return err
	}
	if err = readConsultationForm(r, c); err == nil {
		err = h.store.UpdateConsultation(r.Context(), h.actor(r), c)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.consultationForm(w, r, http.StatusBadRequest, c, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, consultationURL(c.ID), flashSaved)
	return nil
}

// publishConsultation shows a consultation to readers or hides it.
func (h *Handler) publishConsultation(w http.ResponseWriter, r *http.Request) error {
	c, err := h.loadConsultation(r)
	if err != nil {
		return err
	}
	publish := r.PostFormValue("published") == "1"
	if err := h.store.SetConsultationPublished(r.Context(), h.actor(r), c.ID, publish); err != nil {
		return err
	}
	redirect(w, r, consultationURL(c.ID), flashSaved)
	return nil
}

// uploadConsultationFile attaches a PDF or a picture, checked by content
// like every upload.
func (h *Handler) uploadConsultationFile(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	c, err := h.loadConsultation(r)
	if err != nil {
		return err
	}
	if err := parseUpload(r, 4<<20); err != nil {
		return h.consultationForm(w, r, uploadStatus(err), c,
			portal.Invalid("file", "Tệp quá lớn (tối đa 10 MB) hoặc gửi lên không trọn vẹn."))
	}
	if len(c.Files) >= portal.MaxConsultationFiles {
		return h.consultationForm(w, r, http.StatusBadRequest, c, portal.Invalid("file", "Mỗi dự thảo có tối đa 20 tệp."))
	}
	form := portal.Media{Caption: r.PostFormValue("caption"), Alt: r.PostFormValue("alt"), OwnerID: u.ID}
	m, err := h.storeUpload(r, form)
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.consultationForm(w, r, http.StatusBadRequest, c, err)
	}
	if err != nil {
		return err
	}
	if err := h.store.AddConsultationFile(r.Context(), h.actor(r), c.ID, m.ID); err != nil {
		return err
	}
	redirect(w, r, consultationURL(c.ID), flashUploaded)
	return nil
}

// removeConsultationFile detaches a file; it stays in the library.
func (h *Handler) removeConsultationFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	mediaID, err := pathID(r, "media")
	if err != nil {
		return err
	}
	if err := h.store.RemoveConsultationFile(r.Context(), h.actor(r), id, mediaID); err != nil {
		return err
	}
	redirect(w, r, consultationURL(id), flashSaved)
	return nil
}
