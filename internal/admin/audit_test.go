package admin_test

import (
	"database/sql"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/admin"
	"cong/internal/storetest"
	"cong/internal/viet"
)

// TestAuditPage: the audit log shows each action by its Vietnamese name,
// each time in Vietnam, the actor and address of a change made through the
// back office, and the chain's verdict — intact with its count, then the
// first entry someone holding the database changed.
func TestAuditPage(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	n := newNewsroom(t, db)
	w := n.do(t, "editor", "POST", admin.Prefix+"/bai-viet/moi", url.Values{"title": {"Tin mới về hội nghị"},
		"category": {strconv.FormatInt(n.cat, 10)}, "body": {"<p>Nội dung</p>"}})
	if w.Code != 303 && w.Code != 302 {
		t.Fatalf("create = %d", w.Code)
	}
	doc := parseDoc(t, n.do(t, "admin", "GET", admin.Prefix+"/nhat-ky?nguoi=editor", nil))
	row := doc.Find("table.list tbody tr").First()
	cells := row.Find("td")
	if got := strings.TrimSpace(cells.Eq(3).Text()); got != "Tạo bài viết" {
		t.Errorf("action shown as %q; want Tạo bài viết", got)
	}
	if got := strings.TrimSpace(cells.Eq(5).Text()); got != "Thành công" {
		t.Errorf("result shown as %q; want Thành công", got)
	}
	when, _ := cells.Eq(0).Find("time").Attr("datetime")
	at, err := time.Parse(time.RFC3339, when)
	if err != nil || strings.TrimSpace(cells.Eq(0).Text()) != at.In(viet.Location).Format("02/01/2006 15:04:05") {
		t.Errorf("time shown as %q for %q; want it in Asia/Ho_Chi_Minh", cells.Eq(0).Text(), when)
	}
	if got := cells.Eq(1).Text(); got != "editor" {
		t.Errorf("actor %q; want editor", got)
	}
	verdict := doc.Find("p.flash").Text()
	if !strings.Contains(verdict, "nguyên vẹn") {
		t.Errorf("verdict %q; want the chain intact", verdict)
	}

	// Someone holding the database file drops the guard and edits entry 2.
	raw, err := sql.Open("sqlite", db.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{"DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET detail = 'sửa lén' WHERE id = 2"} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	alert := parseDoc(t, n.do(t, "admin", "GET", admin.Prefix+"/nhat-ky", nil)).Find(`p.form-error[role="alert"]`).Text()
	if !strings.Contains(alert, "mục số 2") || !strings.Contains(alert, "cong audit verify") {
		t.Errorf("after an edit in the database the page says %q; want the broken entry 2", alert)
	}
}
