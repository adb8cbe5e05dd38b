package store_test

import (
	"testing"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// BenchmarkSiteList measures what narrowing to a site costs the lists a
// page is built from: the newest 20 published articles (the home page's
// list) over 20 000 generated articles (CONG_BENCH_ARTICLES, CONG_BENCH_DSN
// as for BenchmarkSearch), through the store as a whole and through the
// main site's view, with every category named (as reader pages do) and with
// none; then the same through the views of two sites sharing the database,
// the second holding a new category of its own.
func BenchmarkSiteList(b *testing.B) {
	db, now := benchStore(b)
	cats, err := db.Categories(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var all []int64
	for _, c := range cats {
		all = append(all, c.ID)
	}
	run := func(name string, view *store.DB, ids []int64) {
		b.Run(name, func(b *testing.B) {
			f := portal.ReaderFilter(now)
			f.Limit, f.CategoryIDs = 20, ids
			for b.Loop() {
				if list, err := view.Articles(ctx, f); err != nil || len(list) != 20 {
					b.Fatalf("%d articles, %v", len(list), err)
				}
			}
		})
	}
	main := db.ForSite(portal.MainSite)
	run("whole/named", db, all)
	run("whole/none", db, nil)
	run("one-site/named", main, all)
	run("one-site/none", main, nil)
	district := portal.Site{Name: "Huyện thử", BaseURL: "https://huyen.example.vn"}
	if err := db.CreateSite(ctx, storetest.Actor, &district); err != nil {
		b.Fatal(err)
	}
	c := portal.Category{Name: "Tin huyện", Slug: "tin-huyen-bench", Visible: true}
	if err := db.ForSite(district.ID).CreateCategory(ctx, storetest.Actor, &c); err != nil {
		b.Fatal(err)
	}
	run("two-sites/named", main, all)
	run("two-sites/none", main, nil)
}
