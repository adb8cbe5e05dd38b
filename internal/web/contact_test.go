package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// contactSite is a portal with a contact page and one department.
type contactSite struct {
	*site
	token      func(age time.Duration) string
	department string // its id
}

func newContactSite(t *testing.T, db *store.DB, departments bool) *contactSite {
	t.Helper()
	media := t.TempDir()
	if _, err := demo.Seed(ctx, db, media, time.Now()); err != nil {
		t.Fatal(err)
	}
	cs := &contactSite{site: newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Contact: db,
		Ready: db.Ping}, media)}
	settings, _ := db.Settings(ctx)
	cs.token = func(age time.Duration) string {
		return strconv.FormatInt(web.FormToken(settings["forms.secret"], time.Now().Add(-age)), 10)
	}
	if departments {
		d := &portal.Department{Name: "Phòng Tiếp công dân", Emails: []string{"tiepdan@tinh.gov.vn", "vanthu@tinh.gov.vn"}}
		if err := db.SaveDepartment(ctx, storetest.Actor, d); err != nil {
			t.Fatal(err)
		}
		cs.department = strconv.FormatInt(d.ID, 10)
	}
	return cs
}

func (s *contactSite) good() url.Values {
	return url.Values{"department": {s.department}, "name": {"Phạm Thị Lan"}, "email": {"lan@example.vn"},
		"phone": {"0912 345 678"}, "subject": {"Hỏi lịch tiếp công dân tháng Mười hai"},
		"body": {"Xin cho biết lịch tiếp công dân định kỳ của lãnh đạo tỉnh."}, "consent": {"1"}, "t": {s.token(time.Minute)}}
}

func (s *contactSite) post(form url.Values, ip string) *contactResponse {
	w := s.postBody("/lien-he", "application/x-www-form-urlencoded", ip, strings.NewReader(form.Encode()), 0)
	return &contactResponse{w.Code, w.Header().Get("Location"), w.Body.String()}
}

type contactResponse struct {
	code     int
	location string
	body     string
}

// TestContactForm: the page lists the departments; every bad form is
// refused with a 4xx, the Vietnamese message and the reader's text kept,
// nothing saved; a good one is saved with a mail queued per address of
// its department, and a second one at once is refused as a flood.
func TestContactForm(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newContactSite(t, db, true)
		page := parse(t, s.get(t, "/lien-he"))
		if page.Find(`form#gui-lien-he select[name=department] option`).Length() != 2 ||
			page.Find(`form#gui-lien-he input[name=t]`).Length() != 1 || page.Find(`form#gui-lien-he input[name=consent]`).Length() != 1 {
			t.Fatal("the form lacks its departments, token or consent box")
		}
		if page.Find(`footer a[href="/lien-he"]`).Length() != 1 {
			t.Error("the footer does not link to the contact page")
		}
		with := func(k, v string) url.Values { f := s.good(); f.Set(k, v); return f }
		for _, tc := range []struct {
			name      string
			form      url.Values
			want      int
			keep, msg string
		}{
			{"empty", url.Values{"consent": {"1"}, "t": {s.token(time.Minute)}}, 400, "", "Xin nhập họ tên."},
			{"no department", with("department", ""), 400, "Hỏi lịch tiếp", "Xin chọn phòng ban"},
			{"unknown department", with("department", "999999"), 400, "Hỏi lịch tiếp", "Phòng ban này không có"},
			{"body too long", with("body", strings.Repeat("ữ", 5001)), 400, strings.Repeat("ữ", 5001), "5000 ký tự"},
			{"subject on two lines", with("subject", "Một\r\nBcc: x@y.vn"), 400, "Xin cho biết lịch", "một dòng"},
			{"wrong e-mail", with("email", "lan@"), 400, "Hỏi lịch tiếp", "thư điện tử"},
			{"wrong phone", with("phone", "gọi tôi"), 400, "gọi tôi", "Số điện thoại"},
			{"missing consent", with("consent", ""), 400, "Phạm Thị Lan", "đồng ý"},
			{"too fast", with("t", s.token(0)), 400, "Hỏi lịch tiếp", "quá nhanh"},
			{"honeypot", with("website", "http://spam.example"), 303, "", ""},
		} {
			r := s.post(tc.form, "10.0.5.1")
			if r.code != tc.want || tc.keep != "" && !strings.Contains(r.body, tc.keep) || tc.msg != "" && !strings.Contains(r.body, tc.msg) {
				t.Errorf("%s: %d; want %d keeping %.30q with %q", tc.name, r.code, tc.want, tc.keep, tc.msg)
			}
		}
		declared := &counting{n: 100 << 10}
		if w := s.postBody("/lien-he", "application/x-www-form-urlencoded", "10.0.5.1", declared, 100<<10); w.Code != http.StatusRequestEntityTooLarge || declared.read.Load() != 0 {
			t.Errorf("a message declaring 100 KB = %d, %d bytes read; want 413 unread", w.Code, declared.read.Load())
		}
		chunked := &counting{n: 1 << 20}
		if w := s.postBody("/lien-he", "application/x-www-form-urlencoded", "10.0.5.1", io.MultiReader(strings.NewReader("name=An&body="), chunked), 0); w.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("a message of 1 MB = %d; want 413", w.Code)
		}
		if all, err := db.ContactMessages(ctx, portal.ContactFilter{All: true}); err != nil || len(all) != 0 {
			t.Fatalf("messages saved from refused posts: %d, %v", len(all), err)
		}

		r := s.post(s.good(), "10.0.5.2")
		if r.code != http.StatusSeeOther || r.location != "/lien-he/da-gui" {
			t.Fatalf("good message = %d to %q: %s", r.code, r.location, r.body)
		}
		if h1 := text(parse(t, s.get(t, r.location)), "h1"); h1 != "Cảm ơn bạn đã gửi thư" {
			t.Errorf("thank-you page heading %q", h1)
		}
		flood := s.post(with("subject", "Thư thứ hai ngay sau"), "10.0.5.2")
		if flood.code != http.StatusTooManyRequests || !strings.Contains(flood.body, "Thư thứ hai ngay sau") {
			t.Errorf("a second message within a minute = %d; want 429 with the input kept", flood.code)
		}
		all, err := db.ContactMessages(ctx, portal.ContactFilter{All: true})
		if err != nil || len(all) != 1 {
			t.Fatalf("messages: %d, %v; want the one good message", len(all), err)
		}
		m, err := db.ContactMessage(ctx, all[0].ID)
		if err != nil || m.Name != "Phạm Thị Lan" || m.IP != "10.0.5.2" || len(m.Deliveries) != 2 {
			t.Errorf("saved message %+v, %v; want it with a mail to each of the 2 addresses", m, err)
		}
	})
}

// TestContactWithoutDepartments: with no department the page says so,
// offers no form, and the footer does not link to it.
func TestContactWithoutDepartments(t *testing.T) {
	s := newContactSite(t, storetest.Open(t, storetest.SQLiteDSN(t)), false)
	w := s.get(t, "/lien-he")
	page := parse(t, w)
	if w.Code != http.StatusOK || page.Find("form#gui-lien-he").Length() != 0 || !strings.Contains(text(page, "main"), "chưa có phòng ban") {
		t.Errorf("contact page without departments: %d, %q", w.Code, text(page, "main"))
	}
	if page.Find(`footer a[href="/lien-he"]`).Length() != 0 {
		t.Error("the footer links to a contact page without departments")
	}
	if r := s.post(s.good(), "10.0.6.1"); r.code != http.StatusBadRequest {
		t.Errorf("a message without departments = %d; want 400", r.code)
	}
}
