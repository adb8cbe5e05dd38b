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

// askQuestion submits a citizen's question straight to the store.
func askQuestion(t *testing.T, db *store.DB, ip string) *portal.Question {
	t.Helper()
	topics, _ := db.Topics(ctx)
	q := &portal.Question{Name: "Phạm Thị Dung", Email: "dung@example.vn", Phone: "0987 000 111", IP: ip,
		TopicID: topics[0].ID, Title: "Hỏi về học phí " + ip, Content: "Mức học phí năm học mới?",
		Attachment: &portal.Media{File: "hoi-dap/2026/01/0123456789abcdef.pdf", MIME: "application/pdf", Size: 10}}
	if err := db.SubmitQuestion(ctx, storetest.Actor, q, time.Minute, 5); err != nil {
		t.Fatal(err)
	}
	return q
}

func TestQuestionDesk(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		q := askQuestion(t, db, "10.2.0.1")
		base := admin.Prefix + "/hoi-dap/" + strconv.FormatInt(q.ID, 10)
		units, _ := db.Units(ctx)
		unit := strconv.FormatInt(units[1].ID, 10)
		for _, tc := range []struct {
			method, path string
			form         url.Values
		}{
			{"GET", admin.Prefix + "/hoi-dap", nil},
			{"GET", base, nil},
			{"GET", base + "/tep", nil},
			{"POST", base + "/chuyen", url.Values{"unit": {unit}}},
			{"POST", base + "/tra-loi", url.Values{"answer": {"<p>Trả lời</p>"}}},
			{"POST", base + "/trang-thai", url.Values{"action": {"spam"}}},
		} {
			if w := n.do(t, "reporter", tc.method, tc.path, tc.form); w.Code != http.StatusForbidden {
				t.Errorf("reporter %s %s = %d; want 403", tc.method, tc.path, w.Code)
			}
		}
		if got, _ := db.Question(ctx, q.ID); got.Status != portal.QuestionPending {
			t.Fatalf("a reporter changed the question: %s", got.Status)
		}
		page := n.do(t, "editor", "GET", admin.Prefix+"/hoi-dap", nil)
		if page.Code != 200 || !strings.Contains(page.Body.String(), q.Title) || !strings.Contains(page.Body.String(), "dung@example.vn") {
			t.Fatalf("editor's queue = %d without the question", page.Code)
		}
		for _, tc := range []struct {
			name, path string
			form       url.Values
			keep       string
		}{
			{"answer before assigning", "/tra-loi", url.Values{"answer": {"<p>Giữ lại câu trả lời</p>"}}, "Giữ lại câu trả lời"},
			{"no unit", "/chuyen", url.Values{"unit": {"abc"}}, ""},
			{"publish without an answer", "/trang-thai", url.Values{"action": {"publish"}}, ""},
			{"unknown action", "/trang-thai", url.Values{"action": {"xoa"}}, ""},
		} {
			w := n.do(t, "editor", "POST", base+tc.path, tc.form)
			if w.Code != 400 || tc.keep != "" && !strings.Contains(w.Body.String(), tc.keep) {
				t.Errorf("%s = %d; want 400 keeping %q", tc.name, w.Code, tc.keep)
			}
		}
		steps := []struct {
			path string
			form url.Values
		}{
			{"/chuyen", url.Values{"unit": {unit}}},
			{"/tra-loi", url.Values{"answer": {`<p onclick="x()">Học phí giữ nguyên.</p><script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">xem</a>`}}},
			{"/trang-thai", url.Values{"action": {"publish"}}},
		}
		for _, st := range steps {
			if w := n.do(t, "editor", "POST", base+st.path, st.form); w.Code != http.StatusSeeOther {
				t.Fatalf("editor POST %s = %d: %s", st.path, w.Code, w.Body.String())
			}
		}
		pub, err := db.PublishedQuestion(ctx, q.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"<script", "onerror", "onclick", "javascript:"} {
			if strings.Contains(strings.ToLower(pub.Answer), bad) {
				t.Errorf("the saved answer keeps %q: %s", bad, pub.Answer)
			}
		}
		if !strings.Contains(pub.Answer, "Học phí giữ nguyên.") || pub.UnitName != units[1].Name {
			t.Errorf("answer %q by %q", pub.Answer, pub.UnitName)
		}
		for _, action := range []string{"question.assign", "question.answer", "question.publish"} {
			log, _ := db.AuditLog(ctx, portal.AuditFilter{Action: action})
			if len(log) == 0 || log[0].Actor != "editor" || log[0].Result != "ok" {
				t.Errorf("audit of %s = %+v; want the editor's, ok", action, log)
			}
		}
		if w := n.do(t, "approver", "POST", base+"/trang-thai", url.Values{"action": {"unpublish"}}); w.Code != http.StatusSeeOther {
			t.Errorf("approver unpublish = %d", w.Code)
		}
		if _, err := db.PublishedQuestion(ctx, q.ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("unpublished question still public: %v", err)
		}
	})
}

func TestQuestionLists(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	path := admin.Prefix + "/hoi-dap/danh-muc"
	if w := n.do(t, "editor", "GET", path, nil); w.Code != http.StatusForbidden {
		t.Errorf("editor sees the lists: %d", w.Code)
	}
	if w := n.do(t, "admin", "GET", path, nil); w.Code != 200 || !strings.Contains(w.Body.String(), "Đất đai") {
		t.Fatalf("admin lists page = %d", w.Code)
	}
	if w := n.do(t, "admin", "POST", admin.Prefix+"/hoi-dap/linh-vuc", url.Values{"name": {"Giao thông"}, "position": {"8"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("add topic = %d", w.Code)
	}
	w := n.do(t, "admin", "POST", admin.Prefix+"/hoi-dap/don-vi", url.Values{"name": {"Văn phòng"}})
	if w.Code != 400 || !strings.Contains(w.Body.String(), "Tên này đã có.") {
		t.Errorf("a second Văn phòng = %d", w.Code)
	}
	if w := n.do(t, "admin", "POST", admin.Prefix+"/hoi-dap/don-vi", url.Values{"name": {"Sở Tư pháp"}, "position": {"x"}}); w.Code != 400 || !strings.Contains(w.Body.String(), "Sở Tư pháp") {
		t.Errorf("a bad position = %d; want 400 keeping the name", w.Code)
	}
	if log, _ := n.db.AuditLog(ctx, portal.AuditFilter{Action: "question_topic.save"}); len(log) != 1 {
		t.Errorf("audit entries for topics = %d; want 1", len(log))
	}
}

// TestQuestionAttachmentOnlyInTheQuestion: a citizen's attachment is not in
// the media library, its pickers or the editor's list of pictures, for any
// role; staff who handle questions find it in the question only.
func TestQuestionAttachmentOnlyInTheQuestion(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	topics, _ := n.db.Topics(ctx)
	q := &portal.Question{Name: "Phạm Thị Dung", Email: "dung@example.vn", IP: "10.2.9.1", TopicID: topics[0].ID,
		Title: "Ảnh giấy tờ", Content: "Xin xem ảnh đính kèm.",
		Attachment: &portal.Media{File: "hoi-dap/2026/01/fedcba9876543210.jpg", MIME: "image/jpeg", Width: 40, Height: 30, Size: 900}}
	if err := n.db.SubmitQuestion(ctx, storetest.Actor, q, time.Minute, 5); err != nil {
		t.Fatal(err)
	}
	for _, role := range []string{"reporter", "editor", "approver", "admin"} {
		for _, path := range []string{"/thu-vien", "/thu-vien?q=fedcba", "/thu-vien/anh.json", "/bai-viet/moi", "/anh-lien-ket", "/cai-dat"} {
			w := n.do(t, role, "GET", admin.Prefix+path, nil)
			if strings.Contains(w.Body.String(), "fedcba9876543210") {
				t.Errorf("%s GET %s shows the citizen's attachment", role, path)
			}
		}
	}
	page := n.do(t, "editor", "GET", admin.Prefix+"/hoi-dap/"+itoa(q.ID), nil).Body.String()
	if !strings.Contains(page, `href="/quan-tri/hoi-dap/`+itoa(q.ID)+`/tep"`) {
		t.Error("the question page does not offer its attachment")
	}
	cover := url.Values{"title": {"Bài có ảnh lạ"}, "category": {itoa(n.cat)}, "cover": {itoa(q.Attachment.ID)}, "body": {"<p>x</p>"}}
	if w := n.do(t, "reporter", "POST", admin.Prefix+"/bai-viet/moi", cover); w.Code == http.StatusSeeOther {
		t.Error("an article took the citizen's attachment as its cover")
	}
}
