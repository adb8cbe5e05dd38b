package store_test

import (
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestErrorReports takes readers' error reports through the write path:
// saved as new with an audit entry, the sender's pace and a repeat refused,
// listed per category for the editors, marked handled by who did it.
func TestErrorReports(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 12, 6, 3, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		news := newCategory(t, db, "Tin tức", "tin-tuc", 0)
		other := newCategory(t, db, "Kinh tế", "kinh-te", 0)
		a := newArticle(t, db, news.ID, "Hội nghị tỉnh", portal.StatusPublished, now.Add(-time.Hour))
		b := newArticle(t, db, other.ID, "Giá lúa", portal.StatusPublished, now.Add(-time.Hour))
		send := func(article int64, ip, email, body string) (*portal.ErrorReport, error) {
			e := &portal.ErrorReport{ArticleID: article, Name: "Bạn đọc", Email: email, IP: ip,
				Quote: "Hội nghi tỉnh", Body: body}
			return e, db.SubmitErrorReport(ctx, portal.Reader(ip), e, 15*time.Second, 3)
		}
		first, err := send(a.ID, "10.0.0.1", "a@b.vn", "Thiếu dấu: Hội nghị")
		if err != nil {
			t.Fatal(err)
		}
		if first.ID == 0 || first.Status != portal.ReportNew {
			t.Errorf("saved report = %+v", first)
		}
		if _, err := send(b.ID, "10.0.0.1", "c@d.vn", "Sai số liệu"); portal.ErrorCode(err) != portal.ELIMIT {
			t.Errorf("second report within 15 s: err = %v; want ELIMIT", err)
		}
		now = now.Add(time.Minute)
		if _, err := send(a.ID, "10.0.0.2", "a@b.vn", "Thiếu dấu: Hội nghị"); portal.ErrorCode(err) != portal.ECONFLICT {
			t.Errorf("the same report again: err = %v; want ECONFLICT", err)
		}
		if _, err := send(b.ID, "10.0.0.3", "e@f.vn", "Sai số liệu giá lúa"); err != nil {
			t.Fatal(err)
		}
		if _, err := send(a.ID, "10.0.0.4", "g@h.vn", ""); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("an empty report: err = %v; want EINVALID", err)
		}
		list := func(f portal.ReportFilter) []string {
			t.Helper()
			rs, err := db.ErrorReports(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, r := range rs {
				titles = append(titles, r.ArticleTitle)
			}
			return titles
		}
		if got := list(portal.ReportFilter{Status: portal.ReportNew}); len(got) != 2 || got[0] != "Giá lúa" {
			t.Errorf("every new report = %q; want the two, newest first", got)
		}
		if got := list(portal.ReportFilter{Status: portal.ReportNew, CategoryIDs: []int64{news.ID}}); len(got) != 1 || got[0] != "Hội nghị tỉnh" {
			t.Errorf("reports of Tin tức = %q", got)
		}
		if got := list(portal.ReportFilter{Status: portal.ReportNew, CategoryIDs: []int64{}}); len(got) != 0 {
			t.Errorf("reports of no category = %q", got)
		}
		editor := &portal.User{Username: "bientap", Name: "Biên tập viên", PasswordHash: "x", Roles: []portal.Role{portal.RoleEditor}}
		if err := db.CreateUser(ctx, storetest.Actor, editor); err != nil {
			t.Fatal(err)
		}
		if err := db.SetReportStatus(ctx, editor.Actor("10.1.1.1"), first.ID, portal.ReportDone); err != nil {
			t.Fatal(err)
		}
		got, err := db.ErrorReport(ctx, first.ID)
		if err != nil || got.Status != portal.ReportDone || got.HandledBy != "Biên tập viên" || !got.HandledAt.Equal(now) {
			t.Errorf("handled report = %+v, %v", got, err)
		}
		if err := db.SetReportStatus(ctx, storetest.Actor, first.ID, "xoa"); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("unknown status: err = %v; want EINVALID", err)
		}
		if err := db.SetReportStatus(ctx, storetest.Actor, 99999, portal.ReportDone); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("missing report: err = %v; want ENOTFOUND", err)
		}
		entries, err := db.AuditLog(ctx, portal.AuditFilter{Action: "error_report", Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range entries {
			seen[e.Action] = true
		}
		if !seen["error_report.submit"] || !seen["error_report.done"] {
			t.Errorf("audit lacks the report's entries: %v", seen)
		}
	})
}
