package store_test

import (
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestArticleSource checks a re-posted article ("tin dẫn nguồn"): its
// source's name, link and the approver's note are saved, kept in each
// revision, and a link other than http(s) is refused with nothing saved.
func TestArticleSource(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Thời sự", "thoi-su", 0)
		a := portal.Article{CategoryID: cat.ID, Title: "Tin đăng lại", Body: "<p>Nội dung</p>", Status: portal.StatusDraft,
			Source: "Báo Chính phủ", SourceURL: "https://baochinhphu.vn/bai-1.htm",
			SourceNote: "Đồng chí Trưởng ban đồng ý đăng lại ngày 06/12/2026."}
		if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
			t.Fatal(err)
		}
		got, err := db.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Source != a.Source || got.SourceURL != a.SourceURL || got.SourceNote != a.SourceNote {
			t.Errorf("saved source = %q %q %q; want %q %q %q", got.Source, got.SourceURL, got.SourceNote,
				a.Source, a.SourceURL, a.SourceNote)
		}
		got.SourceURL, got.SourceNote = "http://vietnamplus.vn/a", "Duyệt lại."
		got.UpdatedAt = time.Now()
		if err := db.UpdateArticle(ctx, storetest.Actor, got); err != nil {
			t.Fatal(err)
		}
		revs, err := db.Revisions(ctx, a.ID)
		if err != nil || len(revs) != 2 {
			t.Fatalf("Revisions = %d, %v; want 2", len(revs), err)
		}
		first, err := db.Revision(ctx, a.ID, revs[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		if first.SourceURL != a.SourceURL || first.SourceNote != a.SourceNote || revs[0].SourceNote != "Duyệt lại." {
			t.Errorf("revisions keep %q %q, then %q", first.SourceURL, first.SourceNote, revs[0].SourceNote)
		}
		for _, bad := range []string{"javascript:alert(1)", "ftp://x.vn/a", "//x.vn/a", "data:text/html,x"} {
			b := *got
			b.SourceURL = bad
			if err := db.UpdateArticle(ctx, storetest.Actor, &b); portal.ErrorCode(err) != portal.EINVALID {
				t.Errorf("source link %q: err = %v; want EINVALID", bad, err)
			}
		}
		if now, _ := db.Article(ctx, a.ID); now.SourceURL != "http://vietnamplus.vn/a" {
			t.Errorf("after refused saves the link is %q", now.SourceURL)
		}
	})
}
