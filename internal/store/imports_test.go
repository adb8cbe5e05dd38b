package store_test

import (
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

var importer = portal.System("nhập thử")

func imp(kind, id, checksum string, paths ...string) portal.Import {
	return portal.Import{Source: portal.Source{System: "wordpress", Kind: kind, ID: id}, Checksum: checksum, Paths: paths}
}

func TestLegacyKey(t *testing.T) {
	for _, c := range []struct{ path, query, want string }{
		{"/2020/12/30/hoi-nghi/", "", "/2020/12/30/hoi-nghi"},
		{"/?p=12", "", "/?p=12"}, // a path as written, query unparsed: not a front controller
		{"/", "p=12", "/?p=12"},
		{"/", "", ""},
		{"/", "utm_source=x&p=12", "/?p=12&utm_source=x"},
		{"/index.php", "op=chinh-tri/hoi-nghi-12&nv=news&language=vi", "/index.php?language=vi&nv=news&op=chinh-tri/hoi-nghi-12"},
		{"/chinh-tri/hoi-nghi-12.html", "x=1", "/chinh-tri/hoi-nghi-12.html"},
		{"/category/a/b/", "", "/category/a/b"},
		{"/tag/l%E1%BB%85-h%E1%BB%99i/", "", "/tag/lễ-hội"},
		{"relative", "", ""},
	} {
		if got := portal.LegacyKey(c.path, c.query); got != c.want {
			t.Errorf("LegacyKey(%q, %q) = %q; want %q", c.path, c.query, got, c.want)
		}
	}
	if got := portal.LegacyKeyOf("https://old.example.vn/?p=12&x=%20"); got != "/?p=12&x= " {
		t.Errorf("LegacyKeyOf = %q", got)
	}
}

// TestImportIdempotent imports the same items twice, then a changed one:
// nothing is made twice, a change updates in place, and every old address
// leads to what it became.
func TestImportIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		newCategory(t, db, "Chính trị", "chinh-tri", 0)
		run := func(title, checksum string) (portal.Category, portal.Article, []portal.Outcome) {
			cat := portal.Category{Name: "Chính trị", Slug: "chinh-tri", Visible: true}
			o1, err := db.ImportCategory(ctx, importer, imp("category", "3", "c1", "/category/chinh-tri"), &cat)
			if err != nil {
				t.Fatal(err)
			}
			a := portal.Article{CategoryID: cat.ID, Title: title, Slug: "hoi-nghi", Body: "<p>Nội dung</p>",
				Status: portal.StatusPublished, PublishedAt: time.Date(2020, 12, 30, 1, 0, 0, 0, time.UTC),
				CreatedAt: time.Date(2020, 12, 30, 1, 0, 0, 0, time.UTC), ViewCount: 235, Tags: []string{"Hội nghị"}}
			o2, err := db.ImportArticle(ctx, importer, imp("post", "12", checksum, "/?p=12", "/2020/12/30/hoi-nghi"), &a, "")
			if err != nil {
				t.Fatal(err)
			}
			return cat, a, []portal.Outcome{o1, o2}
		}
		cat, a, got := run("Hội nghị", "v1")
		if cat.Slug != "chinh-tri-2" || got[0] != portal.Created || got[1] != portal.Created {
			t.Fatalf("first import: category %q, outcomes %v; want chinh-tri-2 (the slug was taken), created", cat.Slug, got)
		}
		if _, _, got = run("Hội nghị", "v1"); got[1] != portal.Unchanged {
			t.Errorf("second import: %v; want the article unchanged", got)
		}
		before := auditCount(t, db)
		cat2, a2, got := run("Hội nghị tỉnh ủy", "v2")
		if got[1] != portal.Updated || a2.ID != a.ID || cat2.ID != cat.ID || auditCount(t, db) != before+1 {
			t.Errorf("changed import: %v, article %d (was %d); want updated in place with one audit entry", got, a2.ID, a.ID)
		}
		stored, _ := db.Article(ctx, a.ID)
		if stored.Title != "Hội nghị tỉnh ủy" || stored.ViewCount != 235 || stored.Slug != "hoi-nghi" {
			t.Errorf("stored %+v", stored)
		}
		if n, _ := db.CountArticles(ctx, portal.ArticleFilter{}); n != 1 {
			t.Errorf("%d articles after three imports; want 1", n)
		}
		for key, want := range map[string]portal.LegacyPath{
			"/?p=12":               {Object: "article", ObjectID: a.ID},
			"/2020/12/30/hoi-nghi": {Object: "article", ObjectID: a.ID},
			"/category/chinh-tri":  {Object: "category", ObjectID: cat.ID},
		} {
			p, err := db.LegacyPath(ctx, key)
			if err != nil || p.Object != want.Object || p.ObjectID != want.ObjectID {
				t.Errorf("LegacyPath(%q) = %+v, %v; want %+v", key, p, err, want)
			}
		}
		if _, err := db.LegacyPath(ctx, "/khong-co"); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("unknown path: %v; want ENOTFOUND", err)
		}
		if got, err := db.Search(ctx, portal.SearchQuery{Text: "tinh uy", Page: 1}); err != nil || got.Total != 1 {
			t.Errorf("search after import = %+v, %v; want the article", got, err)
		}
	})
}

// TestImportFailsWhole: an item refused leaves no record, no old address
// and no audit entry; the next run makes it.
func TestImportFailsWhole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Tin tức", "tin-tuc", 0)
		before := auditCount(t, db)
		bad := portal.Article{CategoryID: cat.ID, Title: "", Status: portal.StatusPublished}
		if _, err := db.ImportArticle(ctx, importer, imp("post", "7", "x", "/?p=7"), &bad, ""); portal.ErrorCode(err) != portal.EINVALID {
			t.Fatalf("empty title: %v; want EINVALID", err)
		}
		missing := portal.Article{CategoryID: 99999, Title: "Không có chuyên mục", Status: portal.StatusDraft}
		if _, err := db.ImportArticle(ctx, importer, imp("post", "8", "x", "/?p=8"), &missing, ""); err == nil {
			t.Fatal("an article in a category that does not exist was imported")
		}
		if _, err := db.Imported(ctx, portal.Source{System: "wordpress", Kind: "post", ID: "8"}); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("record of a failed item: %v; want none", err)
		}
		if _, err := db.LegacyPath(ctx, "/?p=8"); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("old address of a failed item: %v; want none", err)
		}
		if n := auditCount(t, db); n != before {
			t.Errorf("%d audit entries for failed items; want none", n-before)
		}
		draft := portal.Article{CategoryID: cat.ID, Title: "Bài riêng tư", Status: portal.StatusDraft}
		if o, err := db.ImportArticle(ctx, importer, imp("post", "9", "x"), &draft, "Bài riêng tư trên WordPress."); o != portal.Created || err != nil {
			t.Fatalf("draft: %v, %v", o, err)
		}
		hist, _ := db.History(ctx, draft.ID)
		if len(hist) != 1 || hist[0].Action != portal.ActionImport || hist[0].Note != "Bài riêng tư trên WordPress." {
			t.Errorf("history of an imported draft = %+v; want its note", hist)
		}
	})
}

// TestImportPagesMediaComments covers the other kinds: a page under its
// parent, a file the library holds already, a reply under its comment, and
// fixed old addresses.
func TestImportPagesMediaComments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		parent := portal.Page{Title: "Giới thiệu", Slug: "gioi-thieu-chung", Body: "<p>Tỉnh</p>", Published: true}
		if _, err := db.ImportPage(ctx, importer, imp("page", "2", "a", "/gioi-thieu-chung"), &parent); err != nil {
			t.Fatal(err)
		}
		child := portal.Page{Title: "Lịch sử", Slug: "gioi-thieu-chung", Body: "<p>Lịch sử</p>", ParentID: parent.ID, Published: true}
		if _, err := db.ImportPage(ctx, importer, imp("page", "3", "a"), &child); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Page(ctx, child.ID); got.ParentID != parent.ID || got.Slug != "gioi-thieu-chung-2" {
			t.Errorf("child page = parent %d, slug %q; want under %d with a free slug", got.ParentID, got.Slug, parent.ID)
		}
		m := portal.Media{File: "2020/12/hoi-nghi.jpg", MIME: "image/jpeg", Width: 800, Height: 600, Size: 1000, Alt: "Hội nghị"}
		if err := db.CreateMedia(ctx, storetest.Actor, &m); err != nil {
			t.Fatal(err)
		}
		again := portal.Media{File: m.File, MIME: "image/jpeg", Width: 800, Height: 600, Size: 1000, Alt: "Toàn cảnh hội nghị"}
		if _, err := db.ImportMedia(ctx, importer, imp("attachment", "5", "a", "/wp-content/uploads/2020/12/hoi-nghi.jpg"), &again); err != nil {
			t.Fatal(err)
		}
		if again.ID != m.ID {
			t.Errorf("a file the library holds got a second row: %d, %d", again.ID, m.ID)
		}
		cat := newCategory(t, db, "Tin tức", "tin-tuc", 0)
		a := newArticle(t, db, cat.ID, "Tin", portal.StatusPublished, time.Now().Add(-time.Hour))
		written := time.Date(2020, 12, 31, 2, 3, 4, 0, time.UTC)
		top := portal.Comment{ArticleID: a.ID, Name: "Bạn đọc", Body: "Bài hay", Status: portal.CommentApproved, CreatedAt: written}
		if _, err := db.ImportComment(ctx, importer, imp("comment", "1", "a"), &top); err != nil {
			t.Fatal(err)
		}
		reply := portal.Comment{ArticleID: a.ID, ParentID: top.ID, Name: "Ban biên tập", Body: "Cảm ơn", Status: portal.CommentApproved}
		if _, err := db.ImportComment(ctx, importer, imp("comment", "2", "a"), &reply); err != nil {
			t.Fatal(err)
		}
		shown, _ := db.ApprovedComments(ctx, a.ID)
		if len(shown) != 1 || len(shown[0].Replies) != 1 || !shown[0].CreatedAt.Equal(written) {
			t.Errorf("comments shown = %+v; want one with its reply, written %v", shown, written)
		}
		err := db.AddLegacyPaths(ctx, importer, []portal.LegacyPath{{Key: "/feed", Object: "url", Target: "/rss"},
			{Key: "/tag/le-hoi", Object: "url", Target: "/tu-khoa/le-hoi"}})
		if err != nil {
			t.Fatal(err)
		}
		if p, err := db.LegacyPath(ctx, "/feed"); err != nil || p.Target != "/rss" {
			t.Errorf("LegacyPath(/feed) = %+v, %v", p, err)
		}
		err = db.AddLegacyPaths(ctx, importer, []portal.LegacyPath{{Key: "/x", Object: "url", Target: "https://evil.example"}})
		if portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("an old address leading off the portal: %v; want EINVALID", err)
		}
		if check, err := db.VerifyAudit(ctx); err != nil || check.Broken != nil {
			t.Errorf("VerifyAudit = %+v, %v", check, err)
		}
	})
}
