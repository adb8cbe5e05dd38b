package store_test

import (
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// BenchmarkSiteList measures what narrowing to a site costs the lists a
// page is built from: the newest 20 published articles of every category
// (the home page's list), through the store as a whole and through the main
// site's view, over 20 000 generated articles (CONG_BENCH_ARTICLES,
// CONG_BENCH_DSN as for BenchmarkSearch).
func BenchmarkSiteList(b *testing.B) {
	n := 20000
	if v, err := strconv.Atoi(os.Getenv("CONG_BENCH_ARTICLES")); err == nil {
		n = v
	}
	dsn := os.Getenv("CONG_BENCH_DSN")
	if dsn == "" {
		dsn = storetest.SQLiteDSN(b)
	}
	db := storetest.Open(b, dsn)
	now := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	if have, err := db.CountArticles(ctx, portal.ArticleFilter{}); err != nil || have < 2 {
		if err := demo.Generate(ctx, db, b.TempDir(), n, now, rand.New(rand.NewPCG(1, 2))); err != nil {
			b.Fatal(err)
		}
	}
	for _, c := range []struct {
		name string
		site int64
	}{{"whole", 0}, {"site", portal.MainSite}} {
		view := db.ForSite(c.site)
		b.Run(c.name, func(b *testing.B) {
			f := portal.ReaderFilter(now)
			f.Limit = 20
			for b.Loop() {
				if list, err := view.Articles(ctx, f); err != nil || len(list) != 20 {
					b.Fatalf("%d articles, %v", len(list), err)
				}
			}
		})
	}
}
