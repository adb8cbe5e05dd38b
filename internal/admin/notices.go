package admin

import (
	"net/http"

	"cong/internal/portal"
)

// NoticesPage lists the urgent notices and edits one.
type NoticesPage struct {
	Base
	Notices []portal.Notice
	Form    portal.Notice
	Period  Period
	Levels  []portal.Named
	Errors  map[string]string
}

func (h *Handler) showNotices(w http.ResponseWriter, r *http.Request) error {
	n := portal.Notice{Level: portal.NoticeWarning}
	return h.noticesPage(w, r, http.StatusOK, n, Period{Starts: formTime(h.Now())}, nil)
}

func (h *Handler) showNotice(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	n, err := h.store.Notice(r.Context(), id)
	if err != nil {
		return err
	}
	return h.noticesPage(w, r, http.StatusOK, *n, periodOf(n.StartsAt, n.EndsAt), nil)
}

func (h *Handler) noticesPage(w http.ResponseWriter, r *http.Request, status int, form portal.Notice, p Period, err error) error {
	b, berr := h.base(r, "Thông báo khẩn")
	if berr != nil {
		return berr
	}
	data := &NoticesPage{Base: b, Form: form, Period: p, Levels: portal.NoticeLevels, Errors: fieldErrors(err)}
	data.Period.StartRequired = true
	if data.Notices, berr = h.store.AllNotices(r.Context()); berr != nil {
		return berr
	}
	return h.page(w, r, status, "notices", data)
}

// saveNotice creates a notice, or saves the one of the path.
func (h *Handler) saveNotice(w http.ResponseWriter, r *http.Request) error {
	var n portal.Notice
	if r.PathValue("id") != "" {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		n.ID = id
	}
	if err := r.ParseForm(); err != nil {
		return h.noticesPage(w, r, http.StatusBadRequest, n, Period{}, portal.Invalid("form", "Dữ liệu gửi lên không hợp lệ."))
	}
	n.Text, n.URL, n.Level = r.PostForm.Get("text"), r.PostForm.Get("url"), r.PostForm.Get("level")
	p, start, end, err := readPeriod(r)
	n.StartsAt, n.EndsAt = start, end
	if err == nil {
		err = h.store.SaveNotice(r.Context(), h.actor(r), &n)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.noticesPage(w, r, http.StatusBadRequest, n, p, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, Prefix+"/thong-bao-khan", flashSaved)
	return nil
}

// deleteNotice takes a notice down for good.
func (h *Handler) deleteNotice(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.store.DeleteNotice(r.Context(), h.actor(r), id); err != nil {
		return err
	}
	redirect(w, r, Prefix+"/thong-bao-khan", flashSaved)
	return nil
}
