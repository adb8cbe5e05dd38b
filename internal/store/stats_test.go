package store_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

func TestStatsAddUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		batch := []portal.StatCount{
			{Day: "2020-12-29", Metric: portal.MetricViews, N: 5},
			{Day: "2020-12-30", Metric: portal.MetricViews, N: 7},
			{Day: "2020-12-30", Metric: portal.MetricBotViews, N: 3},
			{Day: "2020-12-30", Metric: portal.MetricDevice, Item: portal.DevicePhone, N: 2},
			{Day: "2020-12-30", Metric: portal.MetricReferrer, Item: "google.com.vn", N: 4},
			{Day: "2020-12-30", Metric: portal.MetricReferrer, Item: "facebook.com", N: 1},
		}
		// Two instances flush the same rows: they add up.
		for range 2 {
			if err := db.AddStats(ctx, batch); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.AddVisits(ctx, "2020-12-30", 6); err != nil {
			t.Fatal(err)
		}
		got, err := db.DailyStats(ctx, "2020-12-30", "2020-12-31")
		if err != nil {
			t.Fatal(err)
		}
		want := []portal.StatCount{
			{Day: "2020-12-30", Metric: portal.MetricBotViews, N: 6},
			{Day: "2020-12-30", Metric: portal.MetricDevice, Item: portal.DevicePhone, N: 4},
			{Day: "2020-12-30", Metric: portal.MetricViews, N: 14},
			{Day: "2020-12-30", Metric: portal.MetricVisits, N: 6},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("DailyStats (-want +got):\n%s", diff)
		}
		refs, err := db.TopItems(ctx, portal.MetricReferrer, "2020-12-01", 1)
		if err != nil || len(refs) != 1 || refs[0] != (portal.StatItem{Item: "google.com.vn", N: 8}) {
			t.Errorf("TopItems = %v, %v; want google.com.vn 8", refs, err)
		}
	})
}

func TestTopArticles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		day := time.Date(2020, 12, 30, 3, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return day }
		c := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		a := newArticle(t, db, c.ID, "Tin một", portal.StatusPublished, day)
		b := newArticle(t, db, c.ID, "Tin hai", portal.StatusDraft, time.Time{})
		if err := db.AddViews(ctx, map[int64]int64{a.ID: 2, b.ID: 5}); err != nil {
			t.Fatal(err)
		}
		got, err := db.TopArticles(ctx, "2020-12-01", 20)
		if err != nil {
			t.Fatal(err)
		}
		want := []portal.ArticleViews{
			{ID: b.ID, Title: "Tin hai", CategorySlug: "chinh-tri", Slug: b.Slug, Views: 5},
			{ID: a.ID, Title: "Tin một", CategorySlug: "chinh-tri", Slug: a.Slug, Views: 2},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("TopArticles (-want +got):\n%s", diff)
		}
		if got, _ := db.TopArticles(ctx, "2020-12-31", 20); len(got) != 0 {
			t.Errorf("TopArticles since the next day = %v; want none", got)
		}
	})
}
