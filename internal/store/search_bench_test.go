package store_test

import (
	"database/sql"
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
	db, _ := benchStore(b)
	times := searchTimes(b, db)
	slices.Sort(times)
	pct := func(p float64) float64 {
		return float64(times[int(p*float64(len(times)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.5), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(0, "ns/op")
}

// benchStore is the database of the store's benchmarks: 20 000 generated
// articles on SQLite, CONG_BENCH_ARTICLES for another number, CONG_BENCH_DSN
// for another database (a PostgreSQL one, or a file kept between runs),
// which is used as it is when it holds articles already. Its clock stands
// at the returned time.
func benchStore(b *testing.B) (*store.DB, time.Time) {
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
	if have, err := db.CountArticles(ctx, portal.ArticleFilter{}); err != nil || have < 2 {
		if err := demo.Generate(ctx, db, b.TempDir(), n, now, rand.New(rand.NewPCG(1, 2))); err != nil {
			b.Fatal(err)
		}
	}
	return db, now
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

// BenchmarkSearchIndexCost measures what the search index adds to a write:
// saving a new published article (CreateArticle) and editing one
// (UpdateArticle), each a generated article of the demo's size, through the
// whole write path, with the index as it is and without it — on
// PostgreSQL the GIN index dropped (article_search still written), on
// SQLite the FTS5 table swapped for a plain table of the same columns.
// Reports ms per article.
func BenchmarkSearchIndexCost(b *testing.B) {
	for name, dsn := range storetest.Engines(b) {
		for _, index := range []bool{true, false} {
			label := name + "/index"
			if !index {
				label = name + "/no-index"
			}
			b.Run(label, func(b *testing.B) {
				d := dsn(b)
				db := storetest.Open(b, d)
				now := time.Now()
				if err := demo.Generate(ctx, db, b.TempDir(), 1, now, rand.New(rand.NewPCG(1, 2))); err != nil {
					b.Fatal(err)
				}
				list, err := db.Articles(ctx, portal.ArticleFilter{Limit: 1000})
				if err != nil || len(list) == 0 {
					b.Fatalf("ListArticles = %d, %v", len(list), err)
				}
				var model *portal.Article
				for _, a := range list {
					if a.Status != portal.StatusPublished {
						continue
					}
					if full, err := db.Article(ctx, a.ID); err == nil && (model == nil || len(full.Body) > len(model.Body)) {
						model = full
					}
				}
				if !index {
					dropSearchIndex(b, d)
				}
				b.Run("create", func(b *testing.B) {
					for i := 0; b.Loop(); i++ {
						a := *model
						a.ID, a.Slug, a.Title = 0, "", model.Title+" "+strconv.Itoa(i)
						if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/article")
				})
				b.Run("update", func(b *testing.B) {
					a, err := db.Article(ctx, model.ID) // as the last run left it
					if err != nil {
						b.Fatal(err)
					}
					for i := 0; b.Loop(); i++ {
						a.Title = model.Title + " " + strconv.Itoa(i)
						if err := db.UpdateArticle(ctx, storetest.Actor, a); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/article")
				})
			})
		}
	}
}

// dropSearchIndex takes the inverted index out of the database dsn, leaving
// a table the write path still writes the same rows to.
func dropSearchIndex(b *testing.B, dsn string) {
	var raw *sql.DB
	var err error
	stmts := []string{"DROP INDEX article_search_doc"}
	if store.IsPostgres(dsn) {
		raw, err = sql.Open("pgx", dsn)
	} else {
		raw, err = sql.Open("sqlite", "file:"+dsn+"?_pragma=busy_timeout(5000)")
		stmts = []string{"DROP TABLE article_search",
			"CREATE TABLE article_search (rowid INTEGER PRIMARY KEY, title TEXT, summary TEXT, author TEXT, body TEXT)"}
	}
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	for _, q := range stmts {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}
