package admin_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// Administrators keep members and groups; a group's categories make their
// articles members-only at once, and the article editor restricts one
// article to groups. No one else opens these pages.
func TestMembersBackOffice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		base := admin.Prefix + "/thanh-vien"
		for _, who := range []string{"reporter", "editor", "approver"} {
			if w := n.do(t, who, "GET", base, nil); w.Code != http.StatusForbidden {
				t.Errorf("%s opens members = %d; want 403", who, w.Code)
			}
		}
		if w := n.do(t, "admin", "POST", base+"/nhom", url.Values{"name": {" "}}); w.Code != http.StatusBadRequest ||
			!strings.Contains(w.Body.String(), "Xin nhập tên nhóm.") {
			t.Errorf("an empty group name = %d; want 400 with a message", w.Code)
		}
		w := n.do(t, "admin", "POST", base+"/nhom", url.Values{"name": {"Chi bộ Văn phòng"}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("create group = %d: %s", w.Code, w.Body)
		}
		groups, _ := db.MemberGroups(ctx)
		if len(groups) != 1 {
			t.Fatalf("groups = %+v", groups)
		}
		g := groups[0]
		gid := strconv.FormatInt(g.ID, 10)
		published := n.article["published"]
		public := n.do(t, "admin", "GET", "/"+"chinh-tri"+"/"+published.Slug, nil)
		if public.Code != 200 {
			t.Fatalf("the published article before = %d", public.Code)
		}
		cat := strconv.FormatInt(n.cat, 10)
		if w := n.do(t, "admin", "POST", base+"/nhom/"+gid, url.Values{"name": {"Chi bộ Văn phòng"}, "categories": {cat, "x"}}); w.Code != http.StatusBadRequest {
			t.Errorf("a category that is no id = %d; want 400", w.Code)
		}
		if w := n.do(t, "admin", "POST", base+"/nhom/"+gid, url.Values{"name": {"Chi bộ Văn phòng"}, "categories": {"999999"}}); w.Code != http.StatusBadRequest ||
			!strings.Contains(w.Body.String(), "Chuyên mục không hợp lệ.") {
			t.Errorf("a category that does not exist = %d; want 400 with a message", w.Code)
		}
		for _, path := range []string{base + "/999999", base + "/nhom/999999", base + "/abc"} {
			if w := n.do(t, "admin", "GET", path, nil); w.Code != http.StatusNotFound {
				t.Errorf("GET %s = %d; want 404", path, w.Code)
			}
		}
		if w := n.do(t, "admin", "POST", base+"/nhom/"+gid, url.Values{"name": {"Chi bộ Văn phòng"}, "categories": {cat}}); w.Code != http.StatusSeeOther {
			t.Fatalf("restrict the category = %d: %s", w.Code, w.Body)
		}
		if a, _ := db.Article(ctx, published.ID); !a.MembersOnly {
			t.Error("the category's published article is not members-only")
		}
		if w := n.do(t, "admin", "GET", "/chinh-tri/"+published.Slug, nil); w.Code == 200 || strings.Contains(w.Body.String(), "Công khai") {
			t.Errorf("the members-only article on a site without members = %d; want it not shown", w.Code)
		}

		if w := n.do(t, "admin", "POST", base, url.Values{"username": {"A B"}, "name": {"Nguyễn Văn A"}}); w.Code != http.StatusBadRequest ||
			!strings.Contains(w.Body.String(), "Tên đăng nhập gồm") {
			t.Errorf("a bad user name = %d; want 400 with a message", w.Code)
		}
		if w := n.do(t, "admin", "POST", base, url.Values{"username": {"dangvien"}, "name": {"<b>Nguyễn</b>"}, "groups": {"999999"}}); w.Code != http.StatusBadRequest ||
			!strings.Contains(w.Body.String(), "Nhóm thành viên không hợp lệ.") || strings.Contains(w.Body.String(), "<b>Nguyễn") {
			t.Errorf("an unknown group = %d; want 400 with a message, the name escaped", w.Code)
		}
		if w := n.do(t, "admin", "POST", base, url.Values{"username": {"dangvien"}, "name": {strings.Repeat("Ă", 101)}}); w.Code != http.StatusBadRequest {
			t.Errorf("a name of 101 letters = %d; want 400", w.Code)
		}
		w = n.do(t, "admin", "POST", base, url.Values{"username": {"dangvien"}, "name": {"Nguyễn Văn A"}, "groups": {gid}})
		if w.Code != 200 || !strings.Contains(w.Body.String(), "chỉ hiện lần này") {
			t.Fatalf("create member = %d: %s", w.Code, w.Body)
		}
		m, err := db.MemberByUsername(ctx, "dangvien")
		if err != nil || !slices.Equal(m.GroupIDs, []int64{g.ID}) || m.PasswordHash == "" {
			t.Fatalf("member = %+v, %v", m, err)
		}
		mid := strconv.FormatInt(m.ID, 10)
		if w := n.do(t, "admin", "GET", base+"/"+mid, nil); w.Code != 200 || !strings.Contains(w.Body.String(), "dangvien") {
			t.Errorf("the member's page = %d", w.Code)
		}
		if w := n.do(t, "admin", "POST", base+"/"+mid, url.Values{"reset": {"1"}}); w.Code != 200 || !strings.Contains(w.Body.String(), "Mật khẩu mới") {
			t.Errorf("reset password = %d", w.Code)
		}
		if again, _ := db.Member(ctx, m.ID); again.PasswordHash == m.PasswordHash || !slices.Equal(again.GroupIDs, m.GroupIDs) {
			t.Error("the reset kept the password or lost the groups")
		}
		if w := n.do(t, "admin", "POST", base+"/"+mid, url.Values{"name": {"Nguyễn Văn Ân"}, "disabled": {"1"}}); w.Code != http.StatusSeeOther {
			t.Errorf("save member = %d", w.Code)
		}
		if again, _ := db.Member(ctx, m.ID); !again.Disabled || len(again.GroupIDs) != 0 || again.Name != "Nguyễn Văn Ân" {
			t.Errorf("after save = %+v", again)
		}

		// The editor offers the groups and saves the ticked ones.
		if w := n.do(t, "reporter", "GET", admin.Prefix+"/bai-viet/moi", nil); !strings.Contains(w.Body.String(), `name="groups" value="`+gid+`"`) {
			t.Error("the editor does not offer the group")
		}
		w = n.do(t, "reporter", "POST", admin.Prefix+"/bai-viet/moi", url.Values{"title": {"Tin nội bộ"}, "category": {cat},
			"body": {"<p>Nội dung</p>"}, "groups_shown": {"1"}, "groups": {gid}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("create article = %d: %s", w.Code, w.Body)
		}
		list, err := db.Articles(ctx, portal.ArticleFilter{CategoryIDs: []int64{n.cat}})
		if err != nil || len(list) == 0 {
			t.Fatal(err)
		}
		var made *portal.Article
		for _, a := range list {
			if a.Title == "Tin nội bộ" {
				made, err = db.Article(ctx, a.ID)
			}
		}
		if made == nil || err != nil || !slices.Equal(made.GroupIDs, []int64{g.ID}) || !made.MembersOnly {
			t.Errorf("the new article = %+v, %v; want the ticked group", made, err)
		}
		if w := n.do(t, "reporter", "POST", admin.Prefix+"/bai-viet/moi", url.Values{"title": {"Tin nội bộ"}, "category": {cat},
			"body": {"<p>Nội dung</p>"}, "groups_shown": {"1"}, "groups": {"-1"}}); w.Code != http.StatusBadRequest {
			t.Errorf("a bad group = %d; want 400", w.Code)
		}
	})
}
