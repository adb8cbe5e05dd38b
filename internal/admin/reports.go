package admin

import (
	"net/http"

	"cong/internal/portal"
)

// ReportsPage lists readers' error reports on the articles of the
// categories the user edits (every category for those who publish).
type ReportsPage struct {
	Base
	Status   portal.ReportStatus
	Statuses []portal.ReportStatus
	Reports  []portal.ErrorReport
}

var reportStatuses = []portal.ReportStatus{portal.ReportNew, portal.ReportDone}

func reportsURL(status portal.ReportStatus) string {
	return withQuery(Prefix+"/bao-loi", "trang-thai", string(status))
}

func (h *Handler) showReports(w http.ResponseWriter, r *http.Request) error {
	status := portal.ReportStatus(r.URL.Query().Get("trang-thai"))
	if status == "" {
		status = portal.ReportNew
	}
	if !status.Valid() {
		return errNotFound
	}
	b, err := h.base(r, "Báo lỗi của bạn đọc")
	if err != nil {
		return err
	}
	data := &ReportsPage{Base: b, Status: status, Statuses: reportStatuses}
	f := portal.ReportFilter{Status: status, CategoryIDs: userOf(r).ReportCategories(), Limit: 200}
	if data.Reports, err = h.store.ErrorReports(r.Context(), f); err != nil {
		return err
	}
	return h.page(w, r, http.StatusOK, "reports", data)
}

// setReportStatus marks a report handled, or new again; only for those who
// handle the reports of its article's category.
func (h *Handler) setReportStatus(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	e, err := h.store.ErrorReport(r.Context(), id)
	if err != nil {
		return err
	}
	if !userOf(r).CanHandleReports(e.CategoryID) {
		return errForbidden
	}
	status := portal.ReportStatus(r.PostFormValue("status"))
	if err := h.store.SetReportStatus(r.Context(), h.actor(r), id, status); err != nil {
		return err
	}
	from := e.Status
	redirect(w, r, reportsURL(from), flashSaved)
	return nil
}
