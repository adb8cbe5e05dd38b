package admin_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"cong/internal/admin"
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
