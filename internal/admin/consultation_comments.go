package admin

import (
	"net/http"
	"strconv"

	"cong/internal/portal"
	"cong/internal/viet"
)

// ConsultationCommentsPage moderates the comments on one draft.
type ConsultationCommentsPage struct {
	Base
	Consultation *portal.Consultation
	Status       portal.CommentStatus
	Statuses     []portal.CommentStatus
	Counts       map[portal.CommentStatus]int
	Comments     []portal.ConsultationComment
}

func (h *Handler) showConsultationComments(w http.ResponseWriter, r *http.Request) error {
	c, err := h.loadConsultation(r)
	if err != nil {
		return err
	}
	status := portal.CommentStatus(r.URL.Query().Get("trang-thai"))
	if status == "" {
		status = portal.CommentPending
	}
	if portal.CommentStatusNames[status] == "" {
		return errNotFound
	}
	b, err := h.base(r, "Góp ý: "+c.Title)
	if err != nil {
		return err
	}
	data := &ConsultationCommentsPage{Base: b, Consultation: c, Status: status, Statuses: commentStatuses}
	if data.Counts, err = h.store.ConsultationCommentCounts(r.Context(), c.ID); err != nil {
		return err
	}
	if data.Comments, err = h.store.ConsultationComments(r.Context(), c.ID, status, 1000); err != nil {
		return err
	}
	return h.page(w, r, http.StatusOK, "consultation_comments", data)
}

// moderateConsultationComment approves, rejects or marks as spam a comment
// on a draft.
func (h *Handler) moderateConsultationComment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	status := portal.CommentStatus(r.PostFormValue("status"))
	m, err := h.store.ModerateConsultationComment(r.Context(), h.actor(r), id, status, h.Now())
	if err != nil {
		return err
	}
	redirect(w, r, withQuery(consultationURL(m.ConsultationID)+"/y-kien", "trang-thai", string(tabOf(r))), flashSaved)
	return nil
}

// exportHeader is the first row of the export, for the summary report.
var exportHeader = []string{"STT", "Họ và tên", "Thư điện tử", "Nội dung góp ý", "Thời gian gửi", "Trạng thái"}

// exportConsultationComments sends a draft's comments (all but spam) as
// CSV (see sendCSV), times in Vietnam.
func (h *Handler) exportConsultationComments(w http.ResponseWriter, r *http.Request) error {
	c, err := h.loadConsultation(r)
	if err != nil {
		return err
	}
	list, err := h.store.ExportConsultationComments(r.Context(), h.actor(r), c.ID)
	if err != nil {
		return err
	}
	rows := make([][]string, len(list))
	for i, m := range list {
		rows[i] = []string{strconv.Itoa(i + 1), m.Name, m.Email, m.Body, viet.DateTime(m.CreatedAt),
			portal.CommentStatusNames[m.Status]}
	}
	return sendCSV(w, "gop-y-"+c.Slug+".csv", exportHeader, rows)
}
