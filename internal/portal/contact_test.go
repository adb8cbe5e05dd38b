package portal_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/portal"
)

func TestContactMessageValidate(t *testing.T) {
	good := func() portal.ContactMessage {
		return portal.ContactMessage{DepartmentID: 1, Name: " Nguyễn Văn Á ", Email: "a@b.vn", Subject: "Hỏi về hồ sơ",
			Body: "Nội dung thư"}
	}
	for _, tc := range []struct {
		name   string
		change func(m *portal.ContactMessage)
		field  string // "" for no error
	}{
		{"good", func(*portal.ContactMessage) {}, ""},
		{"no department", func(m *portal.ContactMessage) { m.DepartmentID = 0 }, "department"},
		{"no name", func(m *portal.ContactMessage) { m.Name = " " }, "name"},
		{"name with a line break", func(m *portal.ContactMessage) { m.Name = "A\r\nBcc: x@y.z" }, "name"},
		{"bad e-mail", func(m *portal.ContactMessage) { m.Email = "a@b" }, "email"},
		{"bad phone", func(m *portal.ContactMessage) { m.Phone = "09x" }, "phone"},
		{"subject on two lines", func(m *portal.ContactMessage) { m.Subject = "a\nb" }, "subject"},
		{"subject too long", func(m *portal.ContactMessage) { m.Subject = strings.Repeat("ả", 201) }, "subject"},
		{"body too long", func(m *portal.ContactMessage) { m.Body = strings.Repeat("ệ", 5001) }, "body"},
		{"links", func(m *portal.ContactMessage) { m.Body = "http://a http://b http://c http://d" }, "body"},
	} {
		m := good()
		tc.change(&m)
		err := m.Validate()
		var e *portal.Error
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%s: Validate() = %v; want nil", tc.name, err)
		case tc.field != "" && (err == nil || !asField(err, tc.field, &e)):
			t.Errorf("%s: Validate() = %v; want an error on %s", tc.name, err, tc.field)
		}
	}
}

// asField reports whether err holds an EINVALID error on field.
func asField(err error, field string, e **portal.Error) bool {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, x := range joined.Unwrap() {
			if asField(x, field, e) {
				return true
			}
		}
		return false
	}
	pe, ok := err.(*portal.Error)
	*e = pe
	return ok && pe.Code == portal.EINVALID && pe.Field == field
}

func TestDepartmentValidate(t *testing.T) {
	d := portal.Department{Name: " Văn phòng ", Emails: []string{"vp@a.vn\n vp@a.vn \n\nbt@a.vn"}}
	if err := d.Validate(); err != nil || d.Name != "Văn phòng" || strings.Join(d.Emails, ",") != "vp@a.vn,bt@a.vn" {
		t.Errorf("Validate() = %v, %q %q", err, d.Name, d.Emails)
	}
	var eleven []string
	for i := range 11 {
		eleven = append(eleven, "x"+strconv.Itoa(i)+"@a.vn")
	}
	for _, emails := range []string{"", "vp@a", strings.Join(eleven, "\n")} {
		d := portal.Department{Name: "X", Emails: []string{emails}}
		if err := d.Validate(); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("emails %q: Validate() = %v; want EINVALID", emails, err)
		}
	}
}

func TestReadsDepartment(t *testing.T) {
	d := &portal.Department{StaffIDs: []int64{7}}
	for _, tc := range []struct {
		u    portal.User
		want bool
	}{
		{portal.User{ID: 7, Roles: []portal.Role{portal.RoleReporter}}, true},
		{portal.User{ID: 8, Roles: []portal.Role{portal.RoleEditor}}, false},
		{portal.User{ID: 8, Roles: []portal.Role{portal.RoleAdmin}}, true},
		{portal.User{ID: 7, Roles: []portal.Role{portal.RoleReporter}, Disabled: true}, false},
	} {
		if got := tc.u.ReadsDepartment(d); got != tc.want {
			t.Errorf("user %d %v disabled %t: ReadsDepartment = %t; want %t", tc.u.ID, tc.u.Roles, tc.u.Disabled, got, tc.want)
		}
	}
}

func TestContactMail(t *testing.T) {
	m := &portal.ContactMessage{ID: 12, Name: "Trần Thị Bích", Email: "b@c.vn", Subject: "Đề nghị cấp phép",
		Body: "Xin hỏi…", CreatedAt: time.Date(2026, 12, 6, 17, 30, 0, 0, time.UTC)}
	subject, body := portal.ContactMail(m, "Văn phòng")
	if subject != "[Liên hệ – Văn phòng] Đề nghị cấp phép" {
		t.Errorf("subject %q", subject)
	}
	for _, want := range []string{"Người gửi: Trần Thị Bích", "Điện thoại: (không ghi)", "Thời gian: 00:30 07/12/2026", "Xin hỏi…", "(số 12)"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
}
