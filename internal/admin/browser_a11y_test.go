package admin_test

import (
	"context"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"cong/internal/admin"
	"cong/internal/browsertest"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// TestBrowserAccessibility runs axe-core over the login page and the main
// pages of the back office, signed in as an administrator who also writes and approves, at 1280 and 375
// pixels, editors with TinyMCE started; it fails on any WCAG 2 A/AA
// violation, listed by page, width, rule and element.
func TestBrowserAccessibility(t *testing.T) {
	browser := browsertest.Start(t, 2*browserTimeout) // 24 pages, each at two widths
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	n := newNewsroom(t, db)
	// One person who may open every page below: the articles' pages need
	// a writer's and an approver's rights, the settings an administrator's.
	n.addUser(t, "chief", []portal.Role{portal.RoleReporter, portal.RoleApprover, portal.RoleAdmin})
	n.withPassword(t, "chief")
	srv := httptest.NewServer(n.h)
	t.Cleanup(srv.Close)
	questions, err := db.Questions(ctx, portal.QuestionPublished, 1)
	if err != nil || len(questions) == 0 {
		t.Fatalf("demo questions: %v, %v", questions, err)
	}
	intros, err := db.Pages(ctx, portal.LangVI, false)
	if err != nil || len(intros) == 0 {
		t.Fatalf("demo pages: %v, %v", intros, err)
	}
	featured, err := db.BuiltInCollection(ctx, portal.BuiltInFeatured)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []*portal.Article{n.article["published"], n.article["own-draft"]} {
		if err := db.AddToCollection(ctx, storetest.Actor, featured.ID, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	group := &portal.MemberGroup{Name: "Chi bộ Văn phòng"}
	if err := db.SaveMemberGroup(ctx, storetest.Actor, group); err != nil {
		t.Fatal(err)
	}
	member := &portal.Member{Username: "dangvien", Name: "Nguyễn Văn Đảng", PasswordHash: "-", GroupIDs: []int64{group.ID}}
	if err := db.CreateMember(ctx, storetest.Actor, member); err != nil {
		t.Fatal(err)
	}
	p := admin.Prefix
	pages := []struct {
		name, path string
		editor     bool // TinyMCE starts on the page
	}{
		{name: "dashboard", path: p + "/"},
		{name: "articles", path: p + "/bai-viet"},
		{name: "new article", path: p + "/bai-viet/moi", editor: true},
		{name: "article", path: p + "/bai-viet/" + strconv.FormatInt(n.article["published"].ID, 10), editor: true},
		{name: "comments", path: p + "/y-kien"},
		{name: "questions", path: p + "/hoi-dap"},
		{name: "question", path: p + "/hoi-dap/" + strconv.FormatInt(questions[0].ID, 10), editor: true},
		{name: "introduction page", path: p + "/trang/" + strconv.FormatInt(intros[0].ID, 10), editor: true},
		{name: "library", path: p + "/thu-vien"},
		{name: "users", path: p + "/nguoi-dung"},
		{name: "settings", path: p + "/cai-dat"},
		{name: "statistics", path: p + "/thong-ke"},
		{name: "yearly review", path: p + "/ra-soat"},
		{name: "threads", path: p + "/dong-su-kien"},
		{name: "new thread", path: p + "/dong-su-kien/moi"},
		{name: "groups", path: p + "/chuyen-de"},
		{name: "group order", path: p + "/chuyen-de/" + strconv.FormatInt(featured.ID, 10)},
		{name: "members", path: p + "/thanh-vien"},
		{name: "member", path: p + "/thanh-vien/" + strconv.FormatInt(member.ID, 10)},
		{name: "members' group", path: p + "/thanh-vien/nhom/" + strconv.FormatInt(group.ID, 10)},
	}

	tab := newWindow(t, browser)
	browsertest.Do(t, tab, "open the login page", chromedp.Navigate(srv.URL+p+"/dang-nhap"))
	found := browsertest.Check(t, tab, "login", browsertest.Desktop, browsertest.Phone)
	tab = signIn(t, browser, srv.URL, "chief")
	for _, pg := range pages {
		browsertest.SetWidth(t, tab, browsertest.Desktop)
		browsertest.Do(t, tab, "open "+pg.path, chromedp.Navigate(srv.URL+pg.path))
		if pg.editor {
			waitEditor(t, tab)
			found = append(found, englishInEditor(t, tab, pg.name)...)
		}
		found = append(found, browsertest.Check(t, tab, pg.name, browsertest.Desktop, browsertest.Phone)...)
	}
	browsertest.Report(t, "back-office pages", found)
}

// englishInEditor returns a finding for each label, title or text of the
// editor's own interface that is still English: ASCII only and of two words
// or more (every Vietnamese phrase has a letter beyond ASCII).
func englishInEditor(t *testing.T, tab context.Context, page string) []browsertest.Finding {
	t.Helper()
	texts := browsertest.Run(t, tab, "read the editor's labels", chromedp.Evaluate[[]string](`(() => {
		const seen = new Set();
		for (const e of document.querySelectorAll(".tox, .tox *")) {
			for (const a of ["aria-label", "title", "placeholder"]) {
				const v = e.getAttribute(a);
				if (v) seen.add(v);
			}
			if (e.children.length === 0 && e.textContent.trim()) seen.add(e.textContent.trim());
		}
		return [...seen].filter(v => /^[ -~]*$/.test(v) && /[a-z]{2,} [a-z]{2,}/i.test(v));
	})()`))
	var out []browsertest.Finding
	for _, s := range texts {
		out = append(out, browsertest.Finding{Page: page, Width: browsertest.Desktop, Rule: "vietnamese-editor", Node: s})
	}
	return out
}
