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

// TestBadInputNeverFails sends what people and robots send by mistake or on
// purpose: every answer is a 4xx or a redirect, never a 500, and forms keep
// what was typed.
func TestBadInputNeverFails(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	cat := strconv.FormatInt(n.cat, 10)
	long := strings.Repeat("Đ", 301)
	for _, tc := range []struct {
		name, role, path string
		form             url.Values
		keep             string // text the re-shown form must still hold
	}{
		{"empty title", "reporter", "/bai-viet/moi", url.Values{"title": {""}, "body": {"<p>Giữ lại nội dung này</p>"}, "category": {cat}}, "Giữ lại nội dung này"},
		{"long title", "reporter", "/bai-viet/moi", url.Values{"title": {long}, "category": {cat}}, long},
		{"bad category", "reporter", "/bai-viet/moi", url.Values{"title": {"Tin giữ lại"}, "category": {"abc"}}, "Tin giữ lại"},
		{"missing category", "reporter", "/bai-viet/moi", url.Values{"title": {"Tin giữ lại"}, "category": {"999999"}}, "Tin giữ lại"},
		{"bad cover", "reporter", "/bai-viet/moi", url.Values{"title": {"Tin giữ lại"}, "category": {cat}, "cover": {"x"}}, "Tin giữ lại"},
		{"NUL title", "reporter", "/bai-viet/moi", url.Values{"title": {"a\x00b"}, "category": {cat}}, ""},
		{"bad UTF-8", "reporter", "/bai-viet/moi", url.Values{"title": {"a\xffb"}, "category": {cat}}, ""},
		{"too many tags", "reporter", "/bai-viet/moi", url.Values{"title": {"Tin giữ lại"}, "category": {cat}, "tags": {manyTags(21)}}, "Tin giữ lại"},
		{"unknown action", "reporter", "/bai-viet/" + strconv.FormatInt(n.article["own-draft"].ID, 10) + "/chuyen", url.Values{"action": {"xoa-het"}}, ""},
		{"past schedule", "approver", "/bai-viet/" + strconv.FormatInt(n.article["edited"].ID, 10) + "/chuyen", url.Values{"action": {"publish"}, "publish_at": {"2001-01-01T08:00"}}, ""},
		{"bad schedule", "approver", "/bai-viet/" + strconv.FormatInt(n.article["edited"].ID, 10) + "/chuyen", url.Values{"action": {"publish"}, "publish_at": {"ngày mai"}}, ""},
		{"return without note", "editor", "/bai-viet/" + strconv.FormatInt(n.article["submitted"].ID, 10) + "/chuyen", url.Values{"action": {"return"}}, ""},
		{"bad article id", "reporter", "/bai-viet/9999999999999999999999/chuyen", url.Values{"action": {"submit"}}, ""},
		{"bad user", "admin", "/nguoi-dung", url.Values{"username": {"A B"}, "name": {"Người giữ lại"}}, "Người giữ lại"},
		{"bad role", "admin", "/nguoi-dung", url.Values{"username": {"moi"}, "name": {"Mới"}, "roles": {"vua"}}, ""},
		{"bad category slug", "admin", "/chuyen-muc", url.Values{"name": {"Chuyên mục giữ lại"}, "slug": {"Không hợp lệ!"}}, "Chuyên mục giữ lại"},
		{"reserved slug", "admin", "/chuyen-muc", url.Values{"name": {"Tĩnh"}, "slug": {"static"}}, ""},
		{"own parent", "admin", "/chuyen-muc", url.Values{"id": {cat}, "name": {"Chính trị"}, "slug": {"chinh-tri"}, "parent": {cat}}, ""},
		{"weak password", "reporter", "/bao-mat/mat-khau", url.Values{"current": {"sai"}, "new": {"123"}}, ""},
		{"bad code", "reporter", "/bao-mat/hai-buoc", url.Values{"secret": {"!!"}, "code": {"abc"}}, ""},
	} {
		w := n.do(t, tc.role, "POST", admin.Prefix+tc.path, tc.form)
		if w.Code < 300 || w.Code >= 500 {
			t.Errorf("%s: status %d; want a 3xx or 4xx", tc.name, w.Code)
		}
		if tc.keep != "" && !strings.Contains(w.Body.String(), tc.keep) {
			t.Errorf("%s: the form lost what was typed (%.40q)", tc.name, tc.keep)
		}
	}
}

func manyTags(n int) string {
	tags := make([]string, n)
	for i := range tags {
		tags[i] = "từ khóa " + strconv.Itoa(i)
	}
	return strings.Join(tags, ",")
}

func TestModeration(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	c := &portal.Comment{ArticleID: n.article["published"].ID, Name: "Bạn đọc", Email: "ban@doc.vn", IP: "10.1.2.3",
		Body: "Ý kiến cần duyệt"}
	if err := n.db.SubmitComment(ctx, storetest.Actor, c, 0, 10); err != nil {
		t.Fatal(err)
	}
	if w := n.do(t, "reporter", "GET", admin.Prefix+"/y-kien", nil); w.Code != 403 {
		t.Errorf("a reporter opening moderation = %d; want 403", w.Code)
	}
	w := n.do(t, "editor", "GET", admin.Prefix+"/y-kien", nil)
	if w.Code != 200 || !strings.Contains(w.Body.String(), "Ý kiến cần duyệt") || !strings.Contains(w.Body.String(), "ban@doc.vn") {
		t.Fatalf("queue = %d; want the pending comment with its e-mail", w.Code)
	}
	path := admin.Prefix + "/y-kien/" + strconv.FormatInt(c.ID, 10)
	if w := n.do(t, "reporter", "POST", path, url.Values{"status": {"approved"}}); w.Code != 403 {
		t.Errorf("a reporter approving = %d; want 403", w.Code)
	}
	if w := n.do(t, "editor", "POST", path, url.Values{"status": {"xyz"}}); w.Code != 400 {
		t.Errorf("unknown status = %d; want 400", w.Code)
	}
	if w := n.do(t, "editor", "POST", path, url.Values{"status": {"approved"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("approve = %d", w.Code)
	}
	list, _ := n.db.ApprovedComments(ctx, c.ArticleID)
	if len(list) != 1 {
		t.Errorf("approved comments = %d; want 1", len(list))
	}
	if log, _ := n.db.AuditLog(ctx, portal.AuditFilter{Action: "comment", Actor: "editor"}); len(log) != 1 {
		t.Errorf("audit entries for moderation = %d; want 1", len(log))
	}
}

func TestReplyAsThePortal(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	c := &portal.Comment{ArticleID: n.article["published"].ID, Name: "Bạn đọc", Email: "ban@doc.vn", IP: "10.1.2.3",
		Body: "Khi nào khởi công?"}
	if err := n.db.SubmitComment(ctx, storetest.Actor, c, 0, 10); err != nil {
		t.Fatal(err)
	}
	path := admin.Prefix + "/y-kien/" + strconv.FormatInt(c.ID, 10) + "/tra-loi"
	if w := n.do(t, "editor", "POST", path, url.Values{"reply": {"Sớm thôi."}}); w.Code != 404 {
		t.Errorf("reply to a pending comment = %d; want 404", w.Code)
	}
	n.db.Moderate(ctx, storetest.Actor, c.ID, portal.CommentApproved, time.Now())
	if w := n.do(t, "editor", "POST", path, url.Values{"reply": {""}}); w.Code != 400 {
		t.Errorf("empty reply = %d; want 400", w.Code)
	}
	if w := n.do(t, "editor", "POST", path, url.Values{"reply": {"Dự kiến quý II."}}); w.Code != http.StatusSeeOther {
		t.Fatalf("reply = %d", w.Code)
	}
	list, _ := n.db.ApprovedComments(ctx, c.ArticleID)
	if len(list) != 1 || len(list[0].Replies) != 1 || !list[0].Replies[0].Staff || list[0].Replies[0].Body != "Dự kiến quý II." {
		t.Fatalf("comments = %+v; want the reply nested under the comment", list)
	}
	n.site.ClearCache()
	body := n.do(t, "anonymous", "GET", "/chinh-tri/"+n.article["published"].Slug, nil).Body.String()
	if !strings.Contains(body, `class="replies"`) || !strings.Contains(body, "Dự kiến quý II.") {
		t.Error("the public page does not show the reply under the comment")
	}
}

func TestBulkModerationAndTypoEdit(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	var ids []string
	for i, body := range []string{"Ý kiến một", "Ý kiến hai có lỗi chín tả", "Ý kiến ba"} {
		c := &portal.Comment{ArticleID: n.article["published"].ID, Name: "Bạn đọc", Email: "ban@doc.vn",
			IP: "10.1.2." + strconv.Itoa(i), Body: body}
		if err := n.db.CreateComment(ctx, storetest.Actor, c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, strconv.FormatInt(c.ID, 10))
	}
	bulk := admin.Prefix + "/y-kien/hang-loat"
	if w := n.do(t, "reporter", "POST", bulk, url.Values{"id": ids[:2], "status": {"approved"}}); w.Code != 403 {
		t.Errorf("a reporter's bulk action = %d; want 403", w.Code)
	}
	if w := n.do(t, "editor", "POST", bulk, url.Values{"status": {"approved"}}); w.Code != 400 ||
		!strings.Contains(w.Body.String(), "Xin chọn ít nhất một ý kiến") {
		t.Errorf("bulk with nothing ticked = %d; want 400 with a message", w.Code)
	}
	if w := n.do(t, "editor", "POST", bulk, url.Values{"id": {ids[0], "x"}, "status": {"approved"}}); w.Code != 404 {
		t.Errorf("bulk with a bad id = %d; want 404", w.Code)
	}
	if w := n.do(t, "editor", "POST", bulk, url.Values{"id": ids[:2], "status": {"approved"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("bulk approve = %d", w.Code)
	}
	if list, _ := n.db.ApprovedComments(ctx, n.article["published"].ID); len(list) != 2 {
		t.Fatalf("approved after bulk = %d; want 2", len(list))
	}
	if log, _ := n.db.AuditLog(ctx, portal.AuditFilter{Action: "comment.approved"}); len(log) != 2 {
		t.Errorf("audit entries = %d; want one per comment", len(log))
	}

	edit := admin.Prefix + "/y-kien/" + ids[1] + "/sua"
	if w := n.do(t, "editor", "POST", edit, url.Values{"body": {strings.Repeat("a", 2001)}}); w.Code != 400 {
		t.Errorf("too long an edit = %d; want 400", w.Code)
	}
	if w := n.do(t, "editor", "POST", admin.Prefix+"/y-kien/999999/sua", url.Values{"body": {"Sửa"}}); w.Code != 404 {
		t.Errorf("editing a comment that does not exist = %d; want 404", w.Code)
	}
	if w := n.do(t, "reporter", "POST", edit, url.Values{"body": {"Sửa"}}); w.Code != 403 {
		t.Errorf("a reporter editing = %d; want 403", w.Code)
	}
	if w := n.do(t, "editor", "POST", edit, url.Values{"body": {"Ý kiến hai có lỗi chính tả"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("edit = %d", w.Code)
	}
	log, _ := n.db.AuditLog(ctx, portal.AuditFilter{Action: "comment.edit"})
	if len(log) != 1 || !strings.Contains(log[0].Detail, "chín tả") || !strings.Contains(log[0].Detail, "chính tả") {
		t.Fatalf("audit of the edit = %+v; want both texts", log)
	}
	n.site.ClearCache()
	body := n.do(t, "anonymous", "GET", "/chinh-tri/"+n.article["published"].Slug, nil).Body.String()
	if !strings.Contains(body, "Ý kiến hai có lỗi chính tả") || !strings.Contains(body, "đã sửa lỗi chính tả") {
		t.Error("the public page does not show the corrected comment with its mark")
	}
	queue := n.do(t, "editor", "GET", admin.Prefix+"/y-kien?trang-thai=approved", nil).Body.String()
	if !strings.Contains(queue, "Bản gốc của bạn đọc") || !strings.Contains(queue, `form="bulk"`) {
		t.Error("the queue shows neither the reader's original nor the bulk checkboxes")
	}
}
