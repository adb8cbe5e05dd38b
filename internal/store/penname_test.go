package store_test

import (
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

func penNameNamed(t *testing.T, db *store.DB, name string) portal.PenName {
	t.Helper()
	list, err := db.PenNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no pen name %q in %+v", name, list)
	return portal.PenName{}
}

// A byline becomes a pen name, found again whatever its case or Unicode
// form, and the pen name's articles are its author page.
func TestPenNamesFromBylines(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Thời sự", "thoi-su", 0)
		u := newUser(t, db, "tam", []portal.Role{portal.RoleReporter})
		now := time.Now().Add(-time.Hour)
		a := portal.Article{CategoryID: cat.ID, Title: "Một", Body: "<p>x</p>", Status: portal.StatusPublished,
			PublishedAt: now, Author: "  Thanh  Ta\u0302\u0300m ", OwnerID: u.ID} // NFD
		if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		if a.Author != "Thanh Tầm" || a.PenNameID == 0 || a.PenNameSlug != "thanh-tam" {
			t.Fatalf("byline = %q, pen name %d %q; want Thanh Tầm, a pen name, thanh-tam", a.Author, a.PenNameID, a.PenNameSlug)
		}
		b := portal.Article{CategoryID: cat.ID, Title: "Hai", Body: "<p>x</p>", Status: portal.StatusPublished,
			PublishedAt: now.Add(time.Minute), Author: "THANH TẦM"}
		if err := db.CreateArticle(ctx, storetest.Actor, &b); err != nil {
			t.Fatal(err)
		}
		if b.PenNameID != a.PenNameID || b.Author != "Thanh Tầm" {
			t.Errorf("second byline: pen name %d %q; want %d, the first spelling", b.PenNameID, b.Author, a.PenNameID)
		}
		draft := newArticle(t, db, cat.ID, "Nháp", portal.StatusDraft, time.Time{})
		draft.Author = "thanh tầm"
		if err := db.UpdateArticle(ctx, storetest.Actor, &draft); err != nil || draft.PenNameID != a.PenNameID {
			t.Fatalf("UpdateArticle: pen name %d, %v; want %d", draft.PenNameID, err, a.PenNameID)
		}
		// An autosave, taken while the name is typed, makes no pen name.
		draft.Author = "Thanh T"
		if err := db.AutosaveArticle(ctx, storetest.Actor, &draft); err != nil || draft.PenNameID != 0 || draft.Author != "Thanh T" {
			t.Fatalf("autosave of a half-typed byline: pen name %d %q, %v; want none, the text kept", draft.PenNameID, draft.Author, err)
		}
		if list, _ := db.PenNames(ctx); len(list) != 1 {
			t.Errorf("pen names after an autosave = %+v; want only Thanh Tầm", list)
		}
		draft.Author = "thanh tầm"
		if err := db.AutosaveArticle(ctx, storetest.Actor, &draft); err != nil || draft.PenNameID != a.PenNameID {
			t.Fatalf("autosave of a known byline: pen name %d, %v; want %d", draft.PenNameID, err, a.PenNameID)
		}
		p := penNameNamed(t, db, "Thanh Tầm")
		if p.Articles != 3 || len(p.UserIDs) != 1 || p.UserIDs[0] != u.ID {
			t.Errorf("pen name = %+v; want 3 articles and its first article's owner", p)
		}
		// The author page: published articles only, newest first.
		f := portal.ReaderFilter(time.Now())
		f.PenNameID = p.ID
		list, err := db.Articles(ctx, f)
		if err != nil || len(list) != 2 || list[0].ID != b.ID || list[0].PenNameSlug != "thanh-tam" {
			t.Errorf("author page = %d articles, %v; want the two published, newest first", len(list), err)
		}
		got, err := db.PenNameBySlug(ctx, "thanh-tam")
		if err != nil || got.ID != p.ID {
			t.Errorf("PenNameBySlug = %+v, %v", got, err)
		}
		if _, err := db.PenNameBySlug(ctx, "khong-co"); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("unknown slug: %v; want ENOTFOUND", err)
		}
		// No byline, no pen name.
		c := newArticle(t, db, cat.ID, "Ba", portal.StatusDraft, time.Time{})
		if c.PenNameID != 0 {
			t.Errorf("empty byline got pen name %d", c.PenNameID)
		}
	})
}

// Pen names are managed: shared, renamed (their bylines and search with
// them), refused when a name is taken, deleted only when unused.
func TestPenNameManagement(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Thời sự", "thoi-su", 0)
		u1 := newUser(t, db, "an.le", []portal.Role{portal.RoleReporter})
		u2 := newUser(t, db, "binh", []portal.Role{portal.RoleReporter})
		pv := portal.PenName{Name: "PV", UserIDs: []int64{u1.ID, u2.ID, 99999}}
		if err := db.SavePenName(ctx, storetest.Actor, &pv); err != nil {
			t.Fatal(err)
		}
		got, err := db.PenName(ctx, pv.ID)
		if err != nil || len(got.UserIDs) != 2 || got.Slug != "pv" {
			t.Fatalf("PenName = %+v, %v; want two people (an unknown id left out), slug pv", got, err)
		}
		if mine, err := db.PenNamesOf(ctx, u2.ID); err != nil || len(mine) != 1 || mine[0].ID != pv.ID {
			t.Errorf("PenNamesOf = %+v, %v", mine, err)
		}
		dup := portal.PenName{Name: "pv"}
		if err := db.SavePenName(ctx, storetest.Actor, &dup); portal.ErrorCode(err) != portal.ECONFLICT {
			t.Errorf("same name, other case: %v; want ECONFLICT", err)
		}
		a := portal.Article{CategoryID: cat.ID, Title: "Tin sáng", Body: "<p>x</p>", Status: portal.StatusPublished,
			PublishedAt: time.Now().Add(-time.Hour), Author: "pv"}
		if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil || a.PenNameID != pv.ID || a.Author != "PV" {
			t.Fatalf("article under pv: pen name %d %q, %v; want %d PV", a.PenNameID, a.Author, err, pv.ID)
		}
		pv.Name = "Phóng viên"
		if err := db.SavePenName(ctx, storetest.Actor, &pv); err != nil {
			t.Fatal(err)
		}
		if read, _ := db.Article(ctx, a.ID); read.Author != "Phóng viên" || read.PenNameSlug != "pv" {
			t.Errorf("after rename: byline %q, slug %q; want Phóng viên, pv (the address stays)", read.Author, read.PenNameSlug)
		}
		if res, err := db.Search(ctx, portal.SearchQuery{Text: "phong vien", Page: 1}); err != nil || res.Total != 1 {
			t.Errorf("search for the new byline: %+v, %v; want the article", res, err)
		}
		if err := db.DeletePenName(ctx, storetest.Actor, pv.ID); portal.ErrorCode(err) != portal.ECONFLICT {
			t.Errorf("deleting a pen name in use: %v; want ECONFLICT", err)
		}
		free := portal.PenName{Name: "Ban Biên tập"}
		if err := db.SavePenName(ctx, storetest.Actor, &free); err != nil {
			t.Fatal(err)
		}
		if err := db.DeletePenName(ctx, storetest.Actor, free.ID); err != nil {
			t.Errorf("DeletePenName: %v", err)
		}
		if bad := (portal.PenName{Name: "   "}); db.SavePenName(ctx, storetest.Actor, &bad) == nil {
			t.Error("empty name saved")
		}
	})
}

// Bylines saved before pen names existed get theirs at startup, once.
func TestNamePenNames(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Thời sự", "thoi-su", 0)
		for i, author := range []string{"Minh Đức", "MINH ĐỨC", "Hà An", ""} {
			a := portal.Article{CategoryID: cat.ID, Title: "Bài " + author + string(rune('a'+i)), Body: "<p>x</p>",
				Status: portal.StatusDraft, Author: author}
			if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
				t.Fatal(err)
			}
		}
		// As an older portal left them: bylines without pen names.
		if err := store.Exec(ctx, db, "UPDATE articles SET pen_name_id = NULL"); err != nil {
			t.Fatal(err)
		}
		if err := store.Exec(ctx, db, "DELETE FROM pen_names"); err != nil {
			t.Fatal(err)
		}
		if err := store.Exec(ctx, db, "UPDATE articles SET author = 'MINH ĐỨC' WHERE title = 'Bài MINH ĐỨCb'"); err != nil {
			t.Fatal(err)
		}
		n, err := db.NamePenNames(ctx, storetest.Actor)
		if err != nil || n != 3 {
			t.Fatalf("NamePenNames = %d, %v; want 3 bylines", n, err)
		}
		list, err := db.PenNames(ctx)
		if err != nil || len(list) != 2 {
			t.Fatalf("PenNames = %+v, %v; want Hà An and one Minh Đức", list, err)
		}
		for _, p := range list {
			if p.Articles == 0 {
				t.Errorf("pen name %q carries no article", p.Name)
			}
		}
		if n, err := db.NamePenNames(ctx, storetest.Actor); n != 0 || err != nil {
			t.Errorf("second NamePenNames = %d, %v; want nothing to do", n, err)
		}
	})
}
