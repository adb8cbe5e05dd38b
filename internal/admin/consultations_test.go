package admin_test

import (
	"bytes"
	"encoding/csv"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

func consultationForm(opens, closes string) url.Values {
	return url.Values{"title": {"Dự thảo Nghị quyết quy định mức thu phí"}, "issuer": {"Sở Tài chính"},
		"summary": {"Đoạn một.\n\nĐoạn hai."}, "opens_at": {opens}, "closes_at": {closes},
		"receiver_address": {"Số 1 Lê Lợi, Vị Thanh"}, "receiver_email": {"stc@haugiang.gov.vn"}, "public_comments": {"1"}}
}

func (n *newsroom) uploadTo(t *testing.T, path, name string, data []byte) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("caption", "Toàn văn dự thảo")
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	r := httptest.NewRequest("POST", path, &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.AddCookie(&http.Cookie{Name: "cong_s", Value: n.tokens["editor"]})
	w := httptest.NewRecorder()
	n.h.ServeHTTP(w, r)
	return w
}

func TestConsultationBackOffice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		base := admin.Prefix + "/gop-y-du-thao"
		if w := n.do(t, "reporter", "GET", base, nil); w.Code != 403 {
			t.Errorf("reporter opens consultations = %d; want 403", w.Code)
		}
		demo, _ := db.Consultations(ctx, portal.ConsultationFilter{}) // from the demo content
		opens := time.Now().In(time.FixedZone("ICT", 7*3600)).Add(-time.Hour).Format("2006-01-02T15:04")
		w := n.do(t, "editor", "POST", base+"/moi", consultationForm(opens, opens))
		if w.Code != 400 || !strings.Contains(w.Body.String(), "phải sau thời gian bắt đầu") {
			t.Errorf("closing at opening = %d; want 400 with a message", w.Code)
		}
		if list, _ := db.Consultations(ctx, portal.ConsultationFilter{}); len(list) != len(demo) {
			t.Fatalf("%d consultations saved from a refused form", len(list)-len(demo))
		}
		closes := time.Now().In(time.FixedZone("ICT", 7*3600)).AddDate(0, 0, 20).Format("2006-01-02T15:04")
		w = n.do(t, "editor", "POST", base+"/moi", consultationForm(opens, closes))
		if w.Code != http.StatusSeeOther {
			t.Fatalf("create = %d: %s", w.Code, w.Body.String())
		}
		list, _ := db.Consultations(ctx, portal.ConsultationFilter{})
		c := list[0] // opened latest
		if len(list) != len(demo)+1 || c.Published || c.Issuer != "Sở Tài chính" || c.Phase(time.Now()) != portal.PhaseOpen {
			t.Fatalf("after create: %+v; want one more, unpublished and open", c)
		}
		path := base + "/" + strconv.FormatInt(c.ID, 10)
		if w := n.do(t, "anonymous", "GET", "/gop-y-du-thao/"+c.Slug, nil); w.Code != 404 {
			t.Errorf("unpublished draft for readers = %d; want 404", w.Code)
		}
		if w := n.do(t, "editor", "POST", path+"/dang", url.Values{"published": {"1"}}); w.Code != 403 {
			t.Errorf("editor publishes = %d; want 403", w.Code)
		}
		if w := n.do(t, "approver", "POST", path+"/dang", url.Values{"published": {"1"}}); w.Code != http.StatusSeeOther {
			t.Fatalf("approver publishes = %d", w.Code)
		}
		if w := n.uploadTo(t, path+"/tep", "du-thao.pdf", []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")); w.Code != http.StatusSeeOther {
			t.Fatalf("upload = %d: %s", w.Code, w.Body.String())
		}
		if w := n.uploadTo(t, path+"/tep", "du-thao.pdf", []byte("<script>")); w.Code != 400 {
			t.Errorf("upload of a fake PDF = %d; want 400", w.Code)
		}
		page := n.do(t, "anonymous", "GET", "/gop-y-du-thao/"+c.Slug, nil)
		if page.Code != 200 || !strings.Contains(page.Body.String(), "Toàn văn dự thảo") ||
			!strings.Contains(page.Body.String(), `name="consent"`) {
			t.Errorf("published draft = %d; want its file and the form", page.Code)
		}
		for _, p := range []string{base, base + "/moi", path, path + "/y-kien", path + "/y-kien?trang-thai=spam"} {
			if w := n.do(t, "editor", "GET", p, nil); w.Code != 200 {
				t.Errorf("GET %s = %d; want 200", p, w.Code)
			}
		}
		if w := n.do(t, "editor", "GET", base+"/9999", nil); w.Code != 404 {
			t.Errorf("a missing draft = %d; want 404", w.Code)
		}
		for _, action := range []string{"consultation.create", "consultation.publish", "consultation.file_add"} {
			if e, _ := db.AuditLog(ctx, portal.AuditFilter{Action: action, Limit: 5}); len(e) == 0 {
				t.Errorf("no audit entry %s", action)
			}
		}
	})
}

func TestConsultationExport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		now := time.Now()
		c := &portal.Consultation{Title: "Dự thảo Quy chế", Issuer: "Văn phòng", OpensAt: now.Add(-time.Hour),
			ClosesAt: now.Add(time.Hour), ReceiverAddress: "Vị Thanh", ReceiverEmail: "vp@haugiang.gov.vn", Published: true}
		if err := db.CreateConsultation(ctx, storetest.Actor, c); err != nil {
			t.Fatal(err)
		}
		sent := time.Date(2026, 3, 2, 2, 5, 0, 0, time.UTC) // 09:05 in Hà Nội
		db.Now = func() time.Time { return sent }
		comments := []portal.ConsultationComment{
			{Name: "Nguyễn Văn An", Email: "an@example.vn", Body: "Đồng ý, nhưng \"mức phí\" cần rõ,\nkhoản 2.", Status: portal.CommentApproved},
			{Name: "=HYPERLINK(\"http://x\")", Email: "+84@example.vn", Body: "-1+1", Status: portal.CommentPending},
			{Name: "@SUM(A1)", Email: "b@example.vn", Body: "\tcmd", Status: portal.CommentRejected},
			{Name: "Rác", Email: "spam@example.vn", Body: "quảng cáo", Status: portal.CommentSpam},
		}
		for i := range comments {
			comments[i].ConsultationID = c.ID
			if err := db.CreateConsultationComment(ctx, storetest.Actor, &comments[i]); err != nil {
				t.Fatal(err)
			}
		}
		w := n.do(t, "editor", "GET", admin.Prefix+"/gop-y-du-thao/"+strconv.FormatInt(c.ID, 10)+"/y-kien.csv", nil)
		if w.Code != 200 || w.Header().Get("Content-Type") != "text/csv; charset=utf-8" {
			t.Fatalf("export = %d %q", w.Code, w.Header().Get("Content-Type"))
		}
		if got, want := w.Header().Get("Content-Disposition"), `attachment; filename="gop-y-`+c.Slug+`.csv"`; got != want {
			t.Errorf("Content-Disposition = %q; want %q", got, want)
		}
		body := w.Body.Bytes()
		if !bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) {
			t.Fatal("the export does not start with a UTF-8 byte-order mark")
		}
		if !bytes.Contains(body, []byte("Trạng thái\r\n")) {
			t.Error("rows do not end in CRLF")
		}
		rows, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{
			{"STT", "Họ và tên", "Thư điện tử", "Nội dung góp ý", "Thời gian gửi", "Trạng thái"},
			{"1", "Nguyễn Văn An", "an@example.vn", "Đồng ý, nhưng \"mức phí\" cần rõ,\nkhoản 2.", "02/03/2026 09:05", "Đã duyệt"},
			{"2", "'=HYPERLINK(\"http://x\")", "'+84@example.vn", "'-1+1", "02/03/2026 09:05", "Chờ duyệt"},
			{"3", "'@SUM(A1)", "b@example.vn", "'\tcmd", "02/03/2026 09:05", "Từ chối"},
		}
		if diff := cmp.Diff(want, rows); diff != "" {
			t.Errorf("export (-want +got):\n%s", diff)
		}
		if w := n.do(t, "reporter", "GET", admin.Prefix+"/gop-y-du-thao/"+strconv.FormatInt(c.ID, 10)+"/y-kien.csv", nil); w.Code != 403 {
			t.Errorf("reporter exports = %d; want 403", w.Code)
		}
		w = n.do(t, "editor", "POST", admin.Prefix+"/gop-y/"+strconv.FormatInt(comments[1].ID, 10), url.Values{"status": {"approved"}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("moderate = %d", w.Code)
		}
		if got, _ := db.ConsultationComments(ctx, c.ID, portal.CommentApproved, 0); len(got) != 2 {
			t.Errorf("approved = %d; want 2", len(got))
		}
		for _, action := range []string{"consultation.export", "consultation_comment.approved"} {
			if e, _ := db.AuditLog(ctx, portal.AuditFilter{Action: action, Limit: 5}); len(e) != 1 {
				t.Errorf("audit %s: %d entries; want 1", action, len(e))
			}
		}
	})
}
