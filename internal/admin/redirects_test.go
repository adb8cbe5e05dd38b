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
	"cong/internal/storetest"
)

// TestRedirectsAfterModeration posts every moderation form and follows
// where it leads: one query, the tab the moderator came from, the message
// of what was saved — and a page, not a 404.
func TestRedirectsAfterModeration(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	comment := func(body string, status portal.CommentStatus) string {
		t.Helper()
		c := &portal.Comment{ArticleID: n.article["published"].ID, Name: "Bạn đọc", Email: "ban@doc.vn", IP: "10.9.0.1", Body: body}
		if err := n.db.CreateComment(ctx, storetest.Actor, c); err != nil {
			t.Fatal(err)
		}
		if status != portal.CommentPending {
			if _, err := n.db.Moderate(ctx, storetest.Actor, c.ID, status, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		return strconv.FormatInt(c.ID, 10)
	}
	now := time.Now()
	draft := &portal.Consultation{Title: "Dự thảo quy định phí", Issuer: "Sở Tài chính", Summary: "Tóm tắt.",
		OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(time.Hour), ReceiverAddress: "Số 1 Lê Lợi",
		ReceiverEmail: "stc@haugiang.gov.vn", Published: true}
	if err := n.db.CreateConsultation(ctx, storetest.Actor, draft); err != nil {
		t.Fatal(err)
	}
	opinion := &portal.ConsultationComment{ConsultationID: draft.ID, Name: "Trần Bình", Email: "binh@example.vn",
		IP: "10.9.0.2", Body: "Xin giảm mức phí."}
	if err := n.db.SubmitConsultationComment(ctx, storetest.Actor, opinion, 0, 10); err != nil {
		t.Fatal(err)
	}
	question := askQuestion(t, n.db, "10.9.0.3")
	units, _ := n.db.Units(ctx)

	comments, drafts := admin.Prefix+"/y-kien", admin.Prefix+"/gop-y-du-thao/"+itoa(draft.ID)+"/y-kien"
	questionPath := admin.Prefix + "/hoi-dap/" + itoa(question.ID)
	for _, tc := range []struct {
		name, path string
		form       url.Values
		wantPath   string
		wantTab    string // trang-thai; "" for none
	}{
		{"approve one", comments + "/" + comment("Một", portal.CommentPending),
			url.Values{"status": {"approved"}, "from": {"pending"}}, comments, "pending"},
		{"reject one from the approved tab", comments + "/" + comment("Hai", portal.CommentApproved),
			url.Values{"status": {"rejected"}, "from": {"approved"}}, comments, "approved"},
		{"reply", comments + "/" + comment("Ba", portal.CommentApproved) + "/tra-loi",
			url.Values{"reply": {"Cảm ơn bạn."}}, comments, "approved"},
		{"correct a typo", comments + "/" + comment("Bốn có lỗi chín tả", portal.CommentApproved) + "/sua",
			url.Values{"body": {"Bốn có lỗi chính tả"}}, comments, "approved"},
		{"bulk", comments + "/hang-loat",
			url.Values{"id": {comment("Năm", portal.CommentPending), comment("Sáu", portal.CommentPending)},
				"status": {"spam"}, "from": {"pending"}}, comments, "pending"},
		{"bulk from a tab that does not exist", comments + "/hang-loat",
			url.Values{"id": {comment("Bảy", portal.CommentPending)}, "status": {"approved"}, "from": {"x?y=z"}},
			comments, "pending"},
		{"moderate a draft's comment", admin.Prefix + "/gop-y/" + itoa(opinion.ID),
			url.Values{"status": {"approved"}, "from": {"pending"}}, drafts, "pending"},
		{"assign a question", questionPath + "/chuyen", url.Values{"unit": {itoa(units[0].ID)}}, questionPath, ""},
		{"answer a question", questionPath + "/tra-loi", url.Values{"answer": {"<p>Theo quy định.</p>"}}, questionPath, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := n.do(t, "editor", "POST", tc.path, tc.form)
			loc := w.Header().Get("Location")
			if w.Code != http.StatusSeeOther {
				t.Fatalf("POST %s = %d; want 303", tc.path, w.Code)
			}
			if strings.Count(loc, "?") != 1 {
				t.Errorf("Location = %q; want exactly one ?", loc)
			}
			u, err := url.Parse(loc)
			if err != nil {
				t.Fatalf("Location %q: %v", loc, err)
			}
			q := u.Query()
			if u.Path != tc.wantPath || q.Get("trang-thai") != tc.wantTab || q.Get("ok") != "luu" {
				t.Errorf("Location = %q; want %s with trang-thai=%q and ok=luu", loc, tc.wantPath, tc.wantTab)
			}
			page := n.do(t, "editor", "GET", loc, nil)
			if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), `<p class="flash" role="status">Đã lưu.</p>`) {
				t.Errorf("GET %s = %d; want 200 with the message Đã lưu.", loc, page.Code)
			}
		})
	}
}
