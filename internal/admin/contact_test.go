package admin_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestContactDesk: an administrator keeps the departments, their
// addresses and staff; each member of staff reads the messages of the
// departments they are assigned to and no other, administrators all.
func TestContactDesk(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		editor, reporter := n.users["editor"], n.users["reporter"]
		form := url.Values{"name": {"Phòng Tiếp công dân"}, "emails": {"tiepdan@tinh.gov.vn\r\nvanthu@tinh.gov.vn"},
			"position": {"1"}, "staff": {strconv.FormatInt(editor.ID, 10)}}
		if w := n.do(t, "editor", "POST", admin.Prefix+"/lien-he/phong-ban", form); w.Code != http.StatusForbidden {
			t.Errorf("an editor saving a department = %d; want 403", w.Code)
		}
		bad := url.Values{"name": {"Phòng X"}, "emails": {"khong-phai-dia-chi"}}
		if w := n.do(t, "admin", "POST", admin.Prefix+"/lien-he/phong-ban", bad); w.Code != http.StatusBadRequest ||
			!strings.Contains(w.Body.String(), "không hợp lệ") || !strings.Contains(w.Body.String(), "khong-phai-dia-chi") {
			t.Errorf("a department with a bad address = %d; want 400 with the message and the input kept", w.Code)
		}
		if w := n.do(t, "admin", "POST", admin.Prefix+"/lien-he/phong-ban", form); w.Code != http.StatusSeeOther {
			t.Fatalf("saving a department = %d: %s", w.Code, w.Body.String())
		}
		other := &portal.Department{Name: "Văn phòng", Emails: []string{"vp@tinh.gov.vn"}, StaffIDs: []int64{reporter.ID}}
		if err := db.SaveDepartment(ctx, storetest.Actor, other); err != nil {
			t.Fatal(err)
		}
		deps, err := db.Departments(ctx)
		if err != nil || len(deps) != 2 {
			t.Fatalf("departments: %+v, %v", deps, err)
		}
		var mine *portal.Department
		for i := range deps {
			if deps[i].Name == "Phòng Tiếp công dân" {
				mine = &deps[i]
			}
		}
		if mine == nil || strings.Join(mine.Emails, ",") != "tiepdan@tinh.gov.vn,vanthu@tinh.gov.vn" || len(mine.StaffIDs) != 1 {
			t.Fatalf("saved department %+v", mine)
		}
		send := func(dep int64, subject, ip string) *portal.ContactMessage {
			m := &portal.ContactMessage{DepartmentID: dep, Name: "Đỗ Văn Hùng", Email: ip + "@example.vn", IP: ip,
				Subject: subject, Body: "Nội dung thư gửi " + subject}
			if err := db.SubmitContact(ctx, portal.Reader(ip), m, time.Minute, 5); err != nil {
				t.Fatal(err)
			}
			return m
		}
		toMine := send(mine.ID, "Thư cho phòng tiếp dân", "10.3.0.1")
		toOther := send(other.ID, "Thư cho văn phòng", "10.3.0.2")

		list := n.do(t, "editor", "GET", admin.Prefix+"/lien-he", nil).Body.String()
		if !strings.Contains(list, toMine.Subject) || strings.Contains(list, toOther.Subject) {
			t.Errorf("the editor's list: want only the message to their department")
		}
		if w := n.do(t, "editor", "GET", admin.Prefix+"/lien-he/"+strconv.FormatInt(toOther.ID, 10), nil); w.Code != http.StatusNotFound {
			t.Errorf("the editor opening another department's message = %d; want 404", w.Code)
		}
		page := n.do(t, "editor", "GET", admin.Prefix+"/lien-he/"+strconv.FormatInt(toMine.ID, 10), nil)
		if body := page.Body.String(); page.Code != 200 || !strings.Contains(body, toMine.Body) ||
			!strings.Contains(body, "vanthu@tinh.gov.vn") || !strings.Contains(body, "Đang chờ gửi") {
			t.Errorf("the editor's message page = %d without the text or its mails' state", page.Code)
		}
		if list := n.do(t, "approver", "GET", admin.Prefix+"/lien-he", nil).Body.String(); !strings.Contains(list, "chưa được giao") {
			t.Errorf("an approver assigned to no department sees: %.200q", list)
		}
		all := n.do(t, "admin", "GET", admin.Prefix+"/lien-he", nil).Body.String()
		if !strings.Contains(all, toMine.Subject) || !strings.Contains(all, toOther.Subject) {
			t.Errorf("the administrator's list lacks a message")
		}
	})
}
