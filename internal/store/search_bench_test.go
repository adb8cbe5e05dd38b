package store_test

import (
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// benchQueries mix what readers type: common words (thousands of matches,
// capped), rare ones, phrases, with and without marks.
var benchQueries = []string{
	"hội nghị", "dang bo", "tỉnh ủy", "đường", // common
	"phụng hiệp", "ngã bảy", "xyzzy", "trường long tây", // rare
	`"nông thôn mới"`, `"hau giang"`, `"nghị quyết" đại hội`, // phrases
}

// BenchmarkSearch searches 20 000 generated articles on SQLite (set
// CONG_BENCH_ARTICLES for another number; CONG_BENCH_DSN for another database,
// a PostgreSQL one or a file kept between runs) and reports the median and
// 95th percentile of a search's time over the mix of queries above.
func BenchmarkSearch(b *testing.B) {
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
	db.Now = func() time.Time { return now }
	// A database given that has articles already is searched as it is.
	if have, err := db.CountArticles(ctx, portal.ArticleFilter{}); err != nil || have < 2 {
		if err := demo.Generate(ctx, db, b.TempDir(), n, now, rand.New(rand.NewPCG(1, 2))); err != nil {
			b.Fatal(err)
		}
	}
	times := searchTimes(b, db)
	slices.Sort(times)
	pct := func(p float64) float64 {
		return float64(times[int(p*float64(len(times)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.5), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(0, "ns/op")
}

func searchTimes(b *testing.B, db *store.DB) []time.Duration {
	var times []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := portal.SearchQuery{Text: benchQueries[i%len(benchQueries)]}
		i++
		start := time.Now()
		if _, err := db.Search(ctx, q); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	return times
}
