package store_test

import (
	"testing"
	"time"

	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestReviewFacts counts what the yearly review checks on the demo portal,
// against what the store's own lists give, and sees a new article counted
// only while it is recent and published.
func TestReviewFacts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Now()
		if _, err := demo.Seed(ctx, db, t.TempDir(), now); err != nil {
			t.Fatal(err)
		}
		before, err := db.ReviewFacts(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		vi, _ := db.Pages(ctx, portal.LangVI, true)
		en, _ := db.Pages(ctx, portal.LangEN, true)
		leaders, _ := db.Leaders(ctx, false)
		if before.IntroPages != len(vi) || before.EnglishPages != len(en) || before.Leaders != len(leaders) {
			t.Errorf("pages %d/%d, leaders %d; the store lists %d/%d and %d", before.IntroPages, before.EnglishPages,
				before.Leaders, len(vi), len(en), len(leaders))
		}
		if before.IntroPages == 0 || before.Leaders == 0 || before.Documents == 0 || before.LastDocument.IsZero() ||
			before.ScheduleEntries == 0 || before.LastArticle.IsZero() {
			t.Errorf("the demo portal has pages, leaders, documents, a schedule and articles: %+v", before)
		}

		cat := newCategory(t, db, "Rà soát", "ra-soat", 0)
		for _, a := range []*portal.Article{
			{Title: "Tin mới", Status: portal.StatusPublished, PublishedAt: now.Add(-time.Hour)},
			{Title: "Tin cũ", Status: portal.StatusPublished, PublishedAt: now.AddDate(0, 0, -portal.ReviewNewsDays-1)},
			{Title: "Tin hẹn giờ", Status: portal.StatusScheduled, PublishedAt: now.Add(time.Hour)},
			{Title: "Bản nháp", Status: portal.StatusDraft},
		} {
			a.CategoryID, a.Body = cat.ID, "<p>Nội dung</p>"
			if err := db.CreateArticle(ctx, storetest.Actor, a); err != nil {
				t.Fatal(err)
			}
		}
		after, err := db.ReviewFacts(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		if after.RecentArticles != before.RecentArticles+1 {
			t.Errorf("recent articles %d → %d; want one more", before.RecentArticles, after.RecentArticles)
		}
		if d := after.LastArticle.Sub(now.Add(-time.Hour)); d < -time.Second || d > time.Second {
			t.Errorf("the newest article was published at %v; want %v", after.LastArticle, now.Add(-time.Hour))
		}
	})
}
