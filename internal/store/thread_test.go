package store_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

func titles(as []portal.Article) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Title)
	}
	return out
}

// joinThread saves a as a member of thread id through the article's own save.
func joinThread(t *testing.T, db *store.DB, a *portal.Article, id int64) {
	t.Helper()
	full, err := db.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	full.ThreadID = id
	if err := db.UpdateArticle(ctx, storetest.Actor, full); err != nil {
		t.Fatal(err)
	}
	*a = *full
}

func TestThreads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Now().UTC().Truncate(time.Second)
		cat := newCategory(t, db, "Thời sự", "thoi-su", 0)
		th := &portal.Thread{Title: "  Bão  số 3 ", Description: "Diễn biến cơn bão"}
		if err := db.CreateThread(ctx, storetest.Actor, th); err != nil {
			t.Fatal(err)
		}
		if th.Title != "Bão số 3" || th.Slug != "bao-so-3" {
			t.Fatalf("created %q %q; want title and slug tidied", th.Title, th.Slug)
		}
		again := &portal.Thread{Title: "Bão số 3"}
		if err := db.CreateThread(ctx, storetest.Actor, again); err != nil || again.Slug != "bao-so-3-2" {
			t.Fatalf("second thread: slug %q, %v; want bao-so-3-2", again.Slug, err)
		}
		if err := db.CreateThread(ctx, storetest.Actor, &portal.Thread{}); portal.ErrorCode(err) != portal.EINVALID {
			t.Fatalf("thread without title: %v; want EINVALID", err)
		}

		old := newArticle(t, db, cat.ID, "Bão hình thành", portal.StatusPublished, now.Add(-3*time.Hour))
		newer := newArticle(t, db, cat.ID, "Bão đổ bộ", portal.StatusPublished, now.Add(-time.Hour))
		draft := newArticle(t, db, cat.ID, "Bản nháp về bão", portal.StatusDraft, time.Time{})
		later := newArticle(t, db, cat.ID, "Hẹn giờ về bão", portal.StatusPublished, now.Add(time.Hour))
		other := newArticle(t, db, cat.ID, "Tin khác", portal.StatusPublished, now.Add(-2*time.Hour))
		for _, a := range []*portal.Article{&old, &newer, &draft, &later} {
			joinThread(t, db, a, th.ID)
		}
		got, err := db.Article(ctx, newer.ID)
		if err != nil || got.ThreadID != th.ID {
			t.Fatalf("article's thread = %d, %v; want %d", got.ThreadID, err, th.ID)
		}
		// Joining is in the thread's history; a save that keeps it is not.
		joinThread(t, db, &newer, th.ID)
		history, err := db.AuditLog(ctx, portal.AuditFilter{Object: "thread:" + itoa(int(th.ID)), Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(history); n != 5 { // created, then four articles joined
			t.Errorf("the thread's history holds %d entries; want 5", n)
		}

		f := portal.ReaderFilter(now)
		f.ThreadID = th.ID
		list, err := db.Articles(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"Bão đổ bộ", "Bão hình thành"}, titles(list)); diff != "" {
			t.Errorf("thread timeline (-want +got):\n%s", diff)
		}
		f.Limit, f.Before = 1, &portal.ArticleCursor{PublishedAt: list[0].PublishedAt, ID: list[0].ID}
		if page, err := db.Articles(ctx, f); err != nil || len(page) != 1 || page[0].ID != old.ID {
			t.Errorf("keyset page after the newest: %v, %v; want the older article", titles(page), err)
		}

		threads, err := db.ReaderThreads(ctx, portal.ReaderFilter(now), 10)
		if err != nil || len(threads) != 1 || threads[0].ID != th.ID || threads[0].Articles != 2 {
			t.Fatalf("reader threads = %+v, %v; want the one thread with 2 visible articles", threads, err)
		}

		th.Title, th.Slug = "Bão số 3 năm 2026", ""
		if err := db.UpdateThread(ctx, storetest.Actor, th); err != nil || th.Slug != "bao-so-3" {
			t.Fatalf("update: slug %q, %v; want the slug kept", th.Slug, err)
		}
		if got, err := db.ThreadBySlug(ctx, "bao-so-3"); err != nil || got.Title != "Bão số 3 năm 2026" || got.Articles != 4 {
			t.Fatalf("by slug: %+v, %v", got, err)
		}
		if err := db.DeleteThread(ctx, storetest.Actor, th.ID); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Article(ctx, old.ID); err != nil || got.ThreadID != 0 {
			t.Fatalf("after delete the article's thread = %d, %v; want none", got.ThreadID, err)
		}
		if _, err := db.Thread(ctx, th.ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Fatalf("deleted thread: %v; want ENOTFOUND", err)
		}
		_ = other
	})
}

func TestCollections(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Now().UTC().Truncate(time.Second)
		cat := newCategory(t, db, "Thời sự", "thoi-su", 0)
		featured, err := db.BuiltInCollection(ctx, portal.BuiltInFeatured)
		if err != nil || featured.Slug != "tin-noi-bat" {
			t.Fatalf("built-in featured group: %+v, %v", featured, err)
		}
		if err := db.DeleteCollection(ctx, storetest.Actor, featured.ID); portal.ErrorCode(err) != portal.EINVALID {
			t.Fatalf("deleting the built-in group: %v; want EINVALID", err)
		}
		g := &portal.Collection{Name: "Chuyển đổi số", OnHome: true, Position: 2}
		if err := db.CreateCollection(ctx, storetest.Actor, g); err != nil || g.Slug != "chuyen-doi-so" {
			t.Fatalf("create: %q, %v", g.Slug, err)
		}
		first := &portal.Collection{Name: "Đại hội Đảng", OnHome: true, Position: 1}
		if err := db.CreateCollection(ctx, storetest.Actor, first); err != nil {
			t.Fatal(err)
		}
		all, err := db.Collections(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range all {
			names = append(names, c.Name)
		}
		if diff := cmp.Diff([]string{"Tin nổi bật", "Đại hội Đảng", "Chuyển đổi số"}, names); diff != "" {
			t.Errorf("groups by position (-want +got):\n%s", diff)
		}

		a := newArticle(t, db, cat.ID, "Bài A", portal.StatusPublished, now.Add(-4*time.Hour))
		b := newArticle(t, db, cat.ID, "Bài B", portal.StatusPublished, now.Add(-3*time.Hour))
		c := newArticle(t, db, cat.ID, "Bài C", portal.StatusPublished, now.Add(-2*time.Hour))
		draft := newArticle(t, db, cat.ID, "Bài nháp", portal.StatusDraft, time.Time{})
		expired := newArticle(t, db, cat.ID, "Bài hết hạn", portal.StatusPublished, now.Add(-5*time.Hour))
		full, _ := db.Article(ctx, expired.ID)
		full.ExpiresAt = now.Add(-time.Hour)
		if err := db.UpdateArticle(ctx, storetest.Actor, full); err != nil {
			t.Fatal(err)
		}
		for _, x := range []portal.Article{a, draft, b, expired, c} {
			if err := db.AddToCollection(ctx, storetest.Actor, g.ID, x.ID); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.AddToCollection(ctx, storetest.Actor, g.ID, a.ID); portal.ErrorCode(err) != portal.ECONFLICT {
			t.Errorf("adding twice: %v; want ECONFLICT", err)
		}
		if err := db.AddToCollection(ctx, storetest.Actor, g.ID, 999999); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("adding a missing article: %v; want EINVALID", err)
		}
		hand := func(f portal.ArticleFilter) []string {
			t.Helper()
			list, err := db.CollectionArticles(ctx, g.ID, f)
			if err != nil {
				t.Fatal(err)
			}
			return titles(list)
		}
		if diff := cmp.Diff([]string{"Bài A", "Bài nháp", "Bài B", "Bài hết hạn", "Bài C"}, hand(portal.ArticleFilter{})); diff != "" {
			t.Errorf("staff order (-want +got):\n%s", diff)
		}
		// C up twice, A down once: C, B, A among what readers see.
		for _, m := range []struct {
			id int64
			by int
		}{{c.ID, -1}, {c.ID, -1}, {c.ID, -1}, {c.ID, -1}, {c.ID, -1}, {a.ID, 1}, {a.ID, 1}} {
			if err := db.MoveInCollection(ctx, storetest.Actor, g.ID, m.id, m.by); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff([]string{"Bài C", "Bài nháp", "Bài B", "Bài A", "Bài hết hạn"}, hand(portal.ArticleFilter{})); diff != "" {
			t.Errorf("after moves (-want +got):\n%s", diff)
		}
		reader := portal.ReaderFilter(now)
		if diff := cmp.Diff([]string{"Bài C", "Bài B", "Bài A"}, hand(reader)); diff != "" {
			t.Errorf("reader's order (-want +got):\n%s", diff)
		}
		reader.Limit = 2
		if diff := cmp.Diff([]string{"Bài C", "Bài B"}, hand(reader)); diff != "" {
			t.Errorf("reader's first two (-want +got):\n%s", diff)
		}
		if err := db.RemoveFromCollection(ctx, storetest.Actor, g.ID, b.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.RemoveFromCollection(ctx, storetest.Actor, g.ID, b.ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("removing twice: %v; want ENOTFOUND", err)
		}
		if diff := cmp.Diff([]string{"Bài C", "Bài A"}, hand(portal.ReaderFilter(now))); diff != "" {
			t.Errorf("after removal (-want +got):\n%s", diff)
		}

		g.Name, g.Slug, g.OnHome = "Chuyển đổi số 2026", "", false
		if err := db.UpdateCollection(ctx, storetest.Actor, g); err != nil || g.Slug != "chuyen-doi-so" {
			t.Fatalf("update: %q, %v", g.Slug, err)
		}
		got, err := db.CollectionBySlug(ctx, "chuyen-doi-so")
		if err != nil || got.OnHome || got.Articles != 4 {
			t.Fatalf("by slug: %+v, %v", got, err)
		}
		if err := db.DeleteCollection(ctx, storetest.Actor, g.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Article(ctx, a.ID); err != nil {
			t.Fatalf("the group's article went with it: %v", err)
		}
	})
}
