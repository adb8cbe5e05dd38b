package admin_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

func TestThreadBackOffice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		base := admin.Prefix + "/dong-su-kien"
		if w := n.do(t, "reporter", "GET", base, nil); w.Code != 403 {
			t.Errorf("a reporter opens threads = %d; want 403", w.Code)
		}
		if w := n.do(t, "editor", "POST", base+"/moi", url.Values{"title": {"  "}}); w.Code != 400 ||
			!strings.Contains(w.Body.String(), "Tên dòng sự kiện không được để trống.") {
			t.Errorf("a thread without title = %d; want 400 with a message", w.Code)
		}
		w := n.do(t, "editor", "POST", base+"/moi", url.Values{"title": {"Kỳ họp thứ 10 HĐND tỉnh"}, "description": {"Tin về kỳ họp."}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("create = %d: %s", w.Code, w.Body.String())
		}
		th, err := db.ThreadBySlug(ctx, "ky-hop-thu-10-hdnd-tinh")
		if err != nil {
			t.Fatal(err)
		}

		// The thread is chosen in the article's editor and saved with it.
		a := n.article["published"]
		editor := n.do(t, "approver", "GET", n.articlePath("published", ""), nil)
		doc, _ := goquery.NewDocumentFromReader(editor.Body)
		if doc.Find(`select#thread option[value="`+itoa(th.ID)+`"]`).Length() != 1 {
			t.Fatal("the editor offers no such thread")
		}
		form := url.Values{"title": {a.Title}, "body": {"<p>Công khai</p>"}, "category": {itoa(n.cat)},
			"version": {itoa(a.Version)}, "thread": {"999999"}}
		if w := n.do(t, "approver", "POST", n.articlePath("published", ""), form); w.Code != 400 ||
			!strings.Contains(w.Body.String(), "Dòng sự kiện đã chọn không có.") {
			t.Errorf("a missing thread = %d; want 400 with a message", w.Code)
		}
		form.Set("thread", itoa(th.ID))
		if w := n.do(t, "approver", "POST", n.articlePath("published", ""), form); w.Code != http.StatusSeeOther {
			t.Fatalf("save with thread = %d: %s", w.Code, w.Body.String())
		}
		saved, _ := db.Article(ctx, a.ID)
		if saved.ThreadID != th.ID {
			t.Fatalf("the article's thread = %d; want %d", saved.ThreadID, th.ID)
		}
		if w := n.do(t, "anonymous", "GET", th.URL(), nil); w.Code != 200 || !strings.Contains(w.Body.String(), "Bài đã đăng") {
			t.Errorf("the public timeline = %d", w.Code)
		}

		if w := n.do(t, "approver", "POST", base+"/"+itoa(th.ID), url.Values{"title": {"Kỳ họp thứ 10"}, "slug": {"Có Dấu"}}); w.Code != 400 {
			t.Errorf("a bad slug = %d; want 400", w.Code)
		}
		if w := n.do(t, "admin", "POST", base+"/"+itoa(th.ID)+"/xoa", url.Values{}); w.Code != http.StatusSeeOther {
			t.Fatalf("delete = %d", w.Code)
		}
		if saved, _ := db.Article(ctx, a.ID); saved.ThreadID != 0 {
			t.Errorf("after delete the article's thread = %d; want none", saved.ThreadID)
		}
		entries, _ := db.AuditLog(ctx, portal.AuditFilter{Action: "thread", Limit: 20})
		var got []string
		for _, e := range entries {
			got = append(got, e.Action+" "+e.Actor+" "+e.Object)
		}
		want := []string{"thread.delete admin article:" + itoa(a.ID), "thread.delete admin thread:" + itoa(th.ID),
			"thread.create editor thread:" + itoa(th.ID)}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("audit (-want +got):\n%s", diff)
		}
	})
}

func TestCollectionBackOffice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		base := admin.Prefix + "/chuyen-de"
		if w := n.do(t, "editor", "POST", base+"/moi", url.Values{"name": {"Chuyển đổi số"}, "position": {"x"}}); w.Code != 400 ||
			!strings.Contains(w.Body.String(), "Vị trí phải là một số") {
			t.Errorf("a bad position = %d; want 400 with a message", w.Code)
		}
		w := n.do(t, "editor", "POST", base+"/moi", url.Values{"name": {"Chuyển đổi số"}, "position": {"1"}, "on_home": {"1"}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("create = %d: %s", w.Code, w.Body.String())
		}
		c, err := db.CollectionBySlug(ctx, "chuyen-doi-so")
		if err != nil || !c.OnHome {
			t.Fatalf("created %+v, %v", c, err)
		}
		page := base + "/" + itoa(c.ID)
		var ids []int64
		for i := range 3 {
			a := &portal.Article{CategoryID: n.cat, Title: "Chuyển đổi số bài " + strconv.Itoa(i+1), Body: "<p>x</p>",
				Status: portal.StatusPublished, PublishedAt: time.Now().Add(-time.Duration(i+1) * time.Hour)}
			if err := db.CreateArticle(ctx, storetest.Actor, a); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
		}
		// Found by title (without tone marks) and picked, or typed by number.
		doc, _ := goquery.NewDocumentFromReader(n.do(t, "editor", "GET", page+"?tim=chuyen+doi+so+bai+2", nil).Body)
		if got := doc.Find("select#c-pick option[value='" + itoa(ids[1]) + "']").Length(); got != 1 {
			t.Errorf("the search by title offers %d of the article; want 1", got)
		}
		for _, f := range []url.Values{{"pick": {itoa(ids[1])}}, {"article": {"#" + itoa(ids[0])}}, {"pick": {"0"}, "article": {itoa(ids[2])}}} {
			if w := n.do(t, "editor", "POST", page+"/bai", f); w.Code != http.StatusSeeOther {
				t.Fatalf("add %v = %d: %s", f, w.Code, w.Body.String())
			}
		}
		for _, c := range []struct {
			name string
			form url.Values
			code int
			msg  string
		}{
			{"twice", url.Values{"article": {itoa(ids[0])}}, 409, "đã có trong chuyên đề"},
			{"no such article", url.Values{"article": {"999999"}}, 400, "Không có bài viết số 999999."},
			{"nothing", url.Values{"article": {"abc"}}, 400, "Xin chọn một bài viết"},
		} {
			if w := n.do(t, "editor", "POST", page+"/bai", c.form); w.Code != c.code || !strings.Contains(w.Body.String(), c.msg) {
				t.Errorf("%s = %d; want %d with %q", c.name, w.Code, c.code, c.msg)
			}
		}
		move := func(id int64, how string) *httptest.ResponseRecorder {
			return n.do(t, "editor", "POST", page+"/thu-tu", url.Values{"article": {itoa(id)}, "move": {how}})
		}
		move(ids[2], "len")
		move(ids[1], "xuong")
		if w := move(ids[0], "sang-trai"); w.Code != 400 {
			t.Errorf("an unknown move = %d; want 400", w.Code)
		}
		order := func() []string {
			doc, _ := goquery.NewDocumentFromReader(n.do(t, "editor", "GET", page, nil).Body)
			var out []string
			doc.Find(".hand-order li > a").Each(func(_ int, s *goquery.Selection) { out = append(out, s.Text()) })
			return out
		}
		// Added 2, 1, 3; 3 up gives 2, 3, 1; 2 down gives 3, 2, 1.
		if diff := cmp.Diff([]string{"Chuyển đổi số bài 3", "Chuyển đổi số bài 2", "Chuyển đổi số bài 1"}, order()); diff != "" {
			t.Errorf("hand order (-want +got):\n%s", diff)
		}
		move(ids[0], "bo")
		if diff := cmp.Diff([]string{"Chuyển đổi số bài 3", "Chuyển đổi số bài 2"}, order()); diff != "" {
			t.Errorf("after removal (-want +got):\n%s", diff)
		}
		home := n.do(t, "anonymous", "GET", "/", nil).Body.String()
		if !strings.Contains(home, `id="cd-chuyen-doi-so"`) {
			t.Error("the home page lacks the group's block")
		}
		featured, _ := db.BuiltInCollection(ctx, portal.BuiltInFeatured)
		if w := n.do(t, "admin", "POST", base+"/"+itoa(featured.ID)+"/xoa", url.Values{}); w.Code != 409 {
			t.Errorf("deleting Tin nổi bật = %d; want 409", w.Code)
		}
	})
}
