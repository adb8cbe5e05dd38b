package wordpress_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestImport imports the fixture, a WordPress 6.4 export, and checks what
// every kind of item became, on both engines.
func TestImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		run, err := s.importFile(t, fixture, false)
		if err != nil {
			t.Fatal(err)
		}
		got := counts(run, "category", "attachment", "file", "post", "page", "comment", "pingback", "trackback",
			"nav_menu_item", "revision")
		want := map[string]map[portal.Outcome]int{
			// chinh-tri, tin-tuc, kinh-te, nong-nghiep, chua-phan-loai
			"category":      {portal.Created: 5},
			"attachment":    {portal.Created: 2, portal.Failed: 1, portal.Skipped: 1},
			"file":          {portal.Created: 1},
			"post":          {portal.Created: 7, portal.Skipped: 1},
			"page":          {portal.Created: 2},
			"comment":       {portal.Created: 5, portal.Skipped: 1},
			"pingback":      {portal.Skipped: 1},
			"trackback":     {portal.Skipped: 1},
			"nav_menu_item": {portal.Skipped: 1},
			"revision":      {portal.Skipped: 1},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("outcomes (-want +got):\n%s\nproblems:\n%s", diff, problems(run))
		}
		report := problems(run)
		for _, want := range []string{
			"attachment/22: line ", "2020/11/thieu.jpg: not found in the uploads folder",
			"attachment/23: 2021/01/phong-su.mp4 is not a picture or a PDF: left out",
			"post/13: picture left out, not in the library (missing from the uploads, or its attachment failed): https://old.example.vn/wp-content/uploads/2020/12/mat-anh.jpg",
			"post/13: a script, frame, plugin or event handler was removed",
			"post/16: featured image 22 is not in the library",
			"post/17: private on WordPress", "post/18: password-protected on WordPress",
			"page/30: 1 comments left out: the portal's pages take no comments",
		} {
			if !strings.Contains(report, want) {
				t.Errorf("problems lack %q:\n%s", want, report)
			}
		}
		checkCategories(t, db)
		checkGutenbergPost(t, db)
		checkClassicPost(t, db)
		checkStatuses(t, db)
		checkPages(t, db)
		checkComments(t, db)
	})
}

func checkCategories(t *testing.T, db *store.DB) {
	t.Helper()
	cats, err := db.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]portal.Category{}
	bySlug := map[string]portal.Category{}
	for _, c := range cats {
		byID[c.ID], bySlug[c.Slug] = c, c
	}
	path := func(slug string) string {
		var parts []string
		for c, ok := bySlug[slug]; ok; c, ok = byID[c.ParentID] {
			parts = append([]string{c.Name}, parts...)
		}
		return strings.Join(parts, " › ")
	}
	if got := path("nong-nghiep"); got != "Tin tức › Kinh tế & Xã hội › Nông nghiệp" {
		t.Errorf("nong-nghiep sits at %q; want three levels deep, the name's &amp; decoded", got)
	}
}

// checkGutenbergPost: post 12, written in the block editor.
func checkGutenbergPost(t *testing.T, db *store.DB) {
	t.Helper()
	a := article(t, db, "12")
	cover, err := db.Media(ctx, imported(t, db, "attachment", "20"))
	if err != nil {
		t.Fatal(err)
	}
	if cover.Alt != "Toàn cảnh hội nghị tổng kết" || cover.Caption != "Đại biểu dự hội nghị tổng kết năm 2020" ||
		!strings.HasPrefix(cover.File, "2020/12/") || cover.Width != 800 || len(cover.Variants) == 0 || len(cover.WebP) == 0 {
		t.Errorf("attachment 20 in the library = %+v; want its alt, caption, a 2020/12 file, Cổng's sizes and WebP copies", cover)
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"title", a.Title, "Hội nghị tổng kết công tác năm 2020 – triển khai nhiệm vụ 2021"},
		{"slug", a.Slug, "hoi-nghi-tong-ket"},
		{"category", a.CategorySlug, "chinh-tri"},
		{"tags (then the other category)", a.Tags, []string{"Hội nghị", "Kinh tế & Xã hội"}},
		{"author", a.Author, "Thanh Tâm"},
		{"status", a.Status, portal.StatusPublished},
		{"published", a.PublishedAt.UTC(), mustTime("2020-12-30 01:00:00")},
		{"featured (sticky)", a.Featured, true},
		{"cover", a.CoverID, cover.ID},
		{"summary", a.Summary, "Hội nghị tổng kết công tác năm 2020 và triển khai nhiệm vụ năm 2021 của huyện."},
	}
	for _, c := range checks {
		if diff := cmp.Diff(c.want, c.got); diff != "" {
			t.Errorf("post 12 %s (-want +got):\n%s", c.what, diff)
		}
	}
	for _, want := range []string{
		`<img src="/media/` + cover.File + `"`, `srcset="/media/`, `width="800" height="533"`,
		`alt="Toàn cảnh hội nghị tổng kết"`, `<a href="/media/` + cover.File + `"`,
		`<figcaption>Quang cảnh hội nghị</figcaption>`,
		`href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"`,
		`<p>Sáng 30/12, Ủy ban nhân dân huyện tổ chức <strong>hội nghị tổng kết</strong> công tác năm 2020.</p>`,
	} {
		if !strings.Contains(a.Body, want) {
			t.Errorf("post 12 body lacks %s:\n%s", want, a.Body)
		}
	}
	for _, bad := range []string{"<!--", "wp:", "old.example.vn/wp-content", "300x200"} {
		if strings.Contains(a.Body, bad) {
			t.Errorf("post 12 body holds %q:\n%s", bad, a.Body)
		}
	}
}

// checkClassicPost: post 13, from the classic editor, with shortcodes.
func checkClassicPost(t *testing.T, db *store.DB) {
	t.Helper()
	a := article(t, db, "13")
	plan, err := db.Media(ctx, imported(t, db, "attachment", "21"))
	if err != nil {
		t.Fatal(err)
	}
	old, err := db.Media(ctx, imported(t, db, "file", "2019/05/anh-cu.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<p>Ngày 4/1, huyện tổ chức <em>lễ hội đua ghe ngo</em> truyền thống.<br/>Hàng nghìn người dân đến xem.</p>",
		`<figure><img src="/media/` + plan.File + `" alt="Sơ đồ đường đua"`,
		`<figcaption>Sơ đồ đường đua trên sông</figcaption></figure>`,
		`href="https://www.youtube.com/watch?v=abcDEF12345"`,
		`href="https://www.youtube.com/watch?v=XyZ987_abc"`,
		`src="/media/` + old.File + `"`, `alt="Ảnh cũ"`,
		"Đoạn cuối của bài.",
	} {
		if !strings.Contains(a.Body, want) {
			t.Errorf("post 13 body lacks %s:\n%s", want, a.Body)
		}
	}
	// The gallery: both pictures again, each a figure with its caption.
	if n := strings.Count(a.Body, `src="/media/`+plan.File+`"`); n != 2 {
		t.Errorf("post 13 shows the plan %d times; want twice (caption, gallery):\n%s", n, a.Body)
	}
	for _, bad := range []string{"[caption", "[gallery", "<script", "onclick", "<iframe", "mat-anh", "alert("} {
		if strings.Contains(a.Body, bad) {
			t.Errorf("post 13 body holds %q:\n%s", bad, a.Body)
		}
	}
	if !strings.HasPrefix(a.Summary, "Ngày 4/1, huyện tổ chức lễ hội đua ghe ngo truyền thống.") {
		t.Errorf("post 13 summary = %q; want the text before <!--more-->", a.Summary)
	}
	if a.CategorySlug != "nong-nghiep" || !a.CommentsClosed || a.Author != "Ban Biên tập" {
		t.Errorf("post 13: category %q, comments closed %v, author %q", a.CategorySlug, a.CommentsClosed, a.Author)
	}
}

// checkPenNames: the old portal's bylines became pen names, one per name
// whatever its case, carried by the articles and linked to no account.
func checkPenNames(t *testing.T, db *store.DB) {
	t.Helper()
	list, err := db.PenNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, p := range list {
		got[p.Name] = p.Articles > 0 && len(p.UserIDs) == 0
	}
	for _, name := range []string{"Thanh Tâm", "Ban Biên tập"} {
		if !got[name] {
			t.Errorf("pen names = %+v; want %q carried by its articles, no account", list, name)
		}
	}
	p, err := db.PenNameBySlug(ctx, "ban-bien-tap")
	if err != nil {
		t.Fatal(err)
	}
	f := portal.ArticleFilter{PenNameID: p.ID}
	if n, err := db.CountArticles(ctx, f); n == 0 || err != nil {
		t.Errorf("articles under Ban Biên tập = %d, %v; want the imported ones", n, err)
	}
}

func checkStatuses(t *testing.T, db *store.DB) {
	t.Helper()
	for _, c := range []struct {
		post      string
		status    portal.Status
		published time.Time
		note      string
	}{
		{"14", portal.StatusScheduled, mustTime("2030-01-15 02:30:00"), ""},
		{"15", portal.StatusDraft, time.Time{}, ""},
		{"16", portal.StatusSubmitted, time.Time{}, ""},
		{"17", portal.StatusDraft, time.Time{}, "riêng tư (private)"},
		{"18", portal.StatusDraft, time.Time{}, "mật khẩu"},
	} {
		a := article(t, db, c.post)
		if a.Status != c.status || !a.PublishedAt.Equal(c.published) {
			t.Errorf("post %s: %s at %v; want %s at %v", c.post, a.Status, a.PublishedAt, c.status, c.published)
		}
		hist, err := db.History(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case c.note == "" && len(hist) != 0:
			t.Errorf("post %s history = %+v; want none", c.post, hist)
		case c.note != "" && (len(hist) != 1 || !strings.Contains(hist[0].Note, c.note)):
			t.Errorf("post %s history = %+v; want a note saying %q", c.post, hist, c.note)
		}
	}
	if a := article(t, db, "16"); a.CategorySlug != "chua-phan-loai" {
		t.Errorf("post 16 (no category) is in %q; want WordPress's default category", a.CategorySlug)
	}
	if a := article(t, db, "15"); !a.CreatedAt.Equal(time.Date(2026, 11, 20, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("draft 15 written %v; want post_date in Vietnam's time, as UTC", a.CreatedAt)
	}
}

func checkPages(t *testing.T, db *store.DB) {
	t.Helper()
	parent, err := db.Page(ctx, imported(t, db, "page", "30"))
	if err != nil {
		t.Fatal(err)
	}
	child, err := db.Page(ctx, imported(t, db, "page", "31"))
	if err != nil {
		t.Fatal(err)
	}
	if child.ParentID != parent.ID || !parent.InMenu || child.InMenu || !child.Published || child.Position != 1 {
		t.Errorf("pages: parent %+v, child %+v; want the child under its parent, listed before it in the export", parent, child)
	}
	if child.Body != "<p>Huyện được thành lập năm 1976.</p>" || parent.Slug != "gioi-thieu" && parent.Slug != "gioi-thieu-2" {
		t.Errorf("pages: child body %q, parent slug %q", child.Body, parent.Slug)
	}
}

func checkComments(t *testing.T, db *store.DB) {
	t.Helper()
	a := article(t, db, "12")
	shown, err := db.ApprovedComments(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(shown) != 1 || len(shown[0].Replies) != 2 {
		t.Fatalf("comments shown = %+v; want one thread of a comment and its two replies", shown)
	}
	top, replies := shown[0], shown[0].Replies
	if top.Name != "Nguyễn Văn An" || top.Body != "Hội nghị rất thiết thực.\nMong huyện sớm triển khai." ||
		!top.CreatedAt.Equal(mustTime("2020-12-30 02:15:00")) {
		t.Errorf("first comment = %+v", top)
	}
	if replies[0].Name != "Ban Biên tập" || replies[1].Body != "Tôi đồng ý với bạn Bình." {
		t.Errorf("replies = %+v; want the reply, then the reply to the reply, under the first comment", replies)
	}
	for status, want := range map[portal.CommentStatus]string{portal.CommentPending: "Ý kiến đang chờ duyệt.",
		portal.CommentSpam: "Buy now"} {
		list, err := db.Comments(ctx, status, 50)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Body != want {
			t.Errorf("%s comments = %+v; want %q", status, list, want)
		}
	}
}
