package store_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestArticleLocations walks the published articles a page at a time and
// finds each exactly once, in id order, and nothing readers may not see.
func TestArticleLocations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		politics := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		economy := newCategory(t, db, "Kinh tế", "kinh-te", 0)
		other := newCategory(t, db, "Khác", "khac", 0)
		now := time.Now()
		past := now.Add(-time.Hour)
		var want []int64
		for i, c := range []struct {
			cat    int64
			status portal.Status
			at     time.Time
			listed bool
		}{
			{politics.ID, portal.StatusPublished, past, true},
			{economy.ID, portal.StatusDraft, time.Time{}, false},
			{economy.ID, portal.StatusPublished, past, true},
			{politics.ID, portal.StatusPublished, now.Add(time.Hour), false}, // not yet
			{other.ID, portal.StatusPublished, past, false},                  // not among the categories asked
			{politics.ID, portal.StatusPublished, past, true},
			{economy.ID, portal.StatusSubmitted, past, false},
			{economy.ID, portal.StatusPublished, past, true},
			{politics.ID, portal.StatusPublished, past, true},
		} {
			a := newArticle(t, db, c.cat, "Bài số "+string(rune('A'+i)), c.status, c.at)
			if c.listed {
				want = append(want, a.ID)
			}
		}
		f := portal.ReaderFilter(now)
		f.CategoryIDs = []int64{politics.ID, economy.ID}
		f.Limit = 2
		var got []int64
		after := int64(0)
		for pages := 0; ; pages++ {
			if pages > len(want) {
				t.Fatal("the walk does not end")
			}
			locs, err := db.ArticleLocations(ctx, f, after)
			if err != nil {
				t.Fatal(err)
			}
			if len(locs) > f.Limit {
				t.Fatalf("a page of %d; want at most %d", len(locs), f.Limit)
			}
			if len(locs) == 0 {
				break
			}
			for _, l := range locs {
				got = append(got, l.ID)
				if l.CategorySlug == "" || l.Slug == "" || l.UpdatedAt.IsZero() || l.PublishedAt.IsZero() {
					t.Errorf("location %+v lacks a field", l)
				}
			}
			after = locs[len(locs)-1].ID
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ids walked (-want +got):\n%s", diff)
		}
		n, err := db.CountArticles(ctx, f)
		if err != nil || n != len(want) {
			t.Errorf("CountArticles = %d, %v; want %d, the number walked", n, err, len(want))
		}

		one, err := db.ArticleLocations(ctx, portal.ArticleFilter{CategoryIDs: []int64{economy.ID}, Limit: 1}, 0)
		if err != nil || len(one) != 1 {
			t.Fatalf("first of Kinh tế = %v, %v; want one", one, err)
		}
		if one[0].CategorySlug != "kinh-te" || one[0].URL() != "/kinh-te/"+one[0].Slug {
			t.Errorf("location %+v: URL %s; want under /kinh-te/", one[0], one[0].URL())
		}
	})
}
