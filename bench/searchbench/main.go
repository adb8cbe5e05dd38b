// Command searchbench times store.Search on the same articles in SQLite and
// PostgreSQL (see bench/search.sh and bench/README.md): it prints the size
// of each engine's search index, draws queries from the articles' own words
// (common and rare words, two-word phrases, each with the marks as written
// and without them), runs the same queries on every engine given and prints
// p50/p95/p99 per engine and per class of query.
//
//	go run ./bench/searchbench -sqlite DATA/cong.db -pg postgres://… -queries 1000
package main

import (
	"cmp"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/search"
	"cong/internal/store"
)

func main() {
	sqlitePath := flag.String("sqlite", "", "SQLite file")
	pgDSN := flag.String("pg", "", "postgres:// URL")
	replicaDSN := flag.String("pg-replica", "", "postgres:// URL of a standby of -pg: the same queries run on it too")
	coldCmd := flag.String("cold-cmd", "", "shell command run after the first pass (restart PostgreSQL, drop the OS cache); "+
		"the same queries then run again on -pg, cold; its output is printed")
	nq := flag.Int("queries", 1000, "measured queries")
	warm := flag.Int("warmup", 0, "queries run first on each engine, not measured (drawn apart from the measured ones)")
	sample := flag.Int("sample", 3000, "articles read to draw the words from")
	seed := flag.Uint64("seed", 1, "seed for drawing the queries")
	sizes := flag.Bool("sizes", true, "print the index sizes")
	queriesOut := flag.String("queries-out", "", "write the queries, one a line (class TAB text), to this file")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the measured queries to this file")
	flag.Parse()
	ctx := context.Background()
	if *sqlitePath == "" && *pgDSN == "" {
		fail(fmt.Errorf("give -sqlite or -pg"))
	}
	if (*replicaDSN != "" || *coldCmd != "") && *pgDSN == "" {
		fail(fmt.Errorf("-pg-replica and -cold-cmd need -pg"))
	}
	var engines []*engine
	for _, e := range []*engine{{name: "sqlite", dsn: *sqlitePath}, {name: "postgres", dsn: *pgDSN},
		{name: "replica", dsn: *replicaDSN, standby: true}} {
		if e.dsn == "" {
			continue
		}
		if err := e.open(ctx); err != nil {
			fail(err)
		}
		engines = append(engines, e)
	}
	if *sizes {
		for _, e := range engines {
			if e.standby {
				continue
			}
			t := time.Now()
			var err error
			if e.name == "sqlite" {
				err = sqliteSizes(ctx, e.dsn)
			} else {
				err = postgresSizes(ctx, e.dsn)
			}
			if err != nil {
				fmt.Printf("%s sizes: %v\n", e.name, err)
			}
			fmt.Printf("  (sizes read in %.1f s)\n", time.Since(t).Seconds())
		}
	}

	// The words come from the first engine's articles; the data are the same.
	rnd := rand.New(rand.NewPCG(*seed, 7))
	t := time.Now()
	pool, err := drawPool(ctx, engines[0].dsn, *sample, rnd)
	if err != nil {
		fail(err)
	}
	qs := pool.queries(*nq+*warm, rnd)
	warmQs, qs := qs[:*warm], qs[*warm:]
	fmt.Printf("\nqueries: %d measured (+%d warm-up) drawn from %d sampled articles in %.1f s: %d common words (in ≥ %d%% of them), %d rare (in ≤ %d), %d phrases; %d distinct words\n",
		len(qs), len(warmQs), pool.docs, time.Since(t).Seconds(), len(pool.common), commonPct, len(pool.rare), pool.rareDF,
		len(pool.phrases), pool.vocab)
	for _, c := range classes {
		var ex []string
		for _, q := range qs {
			if q.class == c && len(ex) < 4 {
				ex = append(ex, q.text)
			}
		}
		fmt.Printf("  %-14s e.g. %s\n", c, strings.Join(ex, " | "))
	}
	if *queriesOut != "" {
		var b strings.Builder
		for _, q := range qs {
			b.WriteString(q.class + "\t" + q.text + "\n")
		}
		if err := os.WriteFile(*queriesOut, []byte(b.String()), 0o644); err != nil {
			fail(err)
		}
	}

	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fail(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fail(err)
		}
		defer pprof.StopCPUProfile()
	}
	// Each engine's first pass: every measured query once, after the
	// warm-up queries (none by default), which are other queries.
	var passes []*pass
	for _, e := range engines {
		for _, q := range warmQs {
			if _, err := e.db.Search(ctx, portal.SearchQuery{Text: q.text}); err != nil {
				fail(fmt.Errorf("%s: %q: %w", e.name, q.text, err))
			}
		}
		passes = append(passes, run(ctx, e, e.name, qs))
	}
	if *coldCmd != "" {
		for _, e := range engines {
			if e.name == "postgres" {
				e.db.Close()
			}
		}
		fmt.Printf("\ncold: %s\n", *coldCmd)
		cmd := exec.Command("sh", "-c", *coldCmd)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			fail(fmt.Errorf("-cold-cmd: %w", err))
		}
		for _, e := range engines {
			if e.name == "postgres" {
				if err := e.open(ctx); err != nil {
					fail(err)
				}
				passes = append(passes, run(ctx, e, "pg-cold", qs))
			}
		}
	}

	fmt.Printf("\nfirst pass: each query once; pg-cold: the same queries again after the cold command\n")
	fmt.Printf("%-9s %-14s %5s %9s %9s %9s %9s %9s\n", "engine", "class", "n", "hits-p50", "p50_ms", "p95_ms", "p99_ms", "max_ms")
	for _, p := range passes {
		rs := p.results
		for _, c := range append([]string{"all"}, classes...) {
			var ds []time.Duration
			var hits []int
			for i, q := range qs {
				if c == "all" || q.class == c {
					ds = append(ds, rs[i].took)
					hits = append(hits, rs[i].total)
				}
			}
			if len(ds) == 0 {
				continue
			}
			slices.Sort(ds)
			slices.Sort(hits)
			fmt.Printf("%-9s %-14s %5d %9d %9.2f %9.2f %9.2f %9.2f\n", p.name, c, len(ds), hits[len(hits)/2],
				ms(pct(ds, 0.50)), ms(pct(ds, 0.95)), ms(pct(ds, 0.99)), ms(ds[len(ds)-1]))
		}
	}
	if len(passes) > 1 {
		fmt.Println()
		a := passes[0]
		for _, b := range passes[1:] {
			diff := 0
			for i := range qs {
				x, y := a.results[i], b.results[i]
				if x.total != y.total || x.more != y.more || !slices.Equal(x.slugs, y.slugs) {
					if diff < 5 {
						fmt.Printf("differ: %q: %s %d hits %v, %s %d hits %v\n", qs[i].text, a.name, x.total, x.slugs,
							b.name, y.total, y.slugs)
					}
					diff++
				}
			}
			fmt.Printf("same results (count, more, first page's articles in order) on %s and %s: %d of %d queries\n",
				a.name, b.name, len(qs)-diff, len(qs))
		}
	}
	var slowest []string
	for _, p := range passes {
		rs := p.results
		order := make([]int, len(qs))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(x, y int) int { return cmp.Compare(rs[y].took, rs[x].took) })
		for _, i := range order[:min(3, len(order))] {
			slowest = append(slowest, fmt.Sprintf("%s %.1f ms %s %q (%d hits)", p.name, ms(rs[i].took), qs[i].class, qs[i].text, rs[i].total))
		}
	}
	fmt.Println("slowest:\n  " + strings.Join(slowest, "\n  "))
	for _, e := range engines {
		e.db.Close()
	}
	pprof.StopCPUProfile()
}

type engine struct {
	name    string
	dsn     string
	standby bool // read only: not migrated
	db      *store.DB
}

func (e *engine) open(ctx context.Context) error {
	db, err := store.Open(ctx, e.dsn)
	if err != nil {
		return err
	}
	if !e.standby {
		if err := db.Migrate(ctx); err != nil {
			return err
		}
	}
	e.db = db
	return nil
}

// pass is the results of the measured queries, each run once, on an engine.
type pass struct {
	name    string
	results []result
}

func run(ctx context.Context, e *engine, name string, qs []query) *pass {
	t := time.Now()
	rs := make([]result, len(qs))
	for i, q := range qs {
		start := time.Now()
		res, err := e.db.Search(ctx, portal.SearchQuery{Text: q.text})
		rs[i].took = time.Since(start)
		if err != nil {
			fail(fmt.Errorf("%s: %q: %w", name, q.text, err))
		}
		rs[i].total, rs[i].more = res.Total, res.More
		for _, h := range res.Hits {
			rs[i].slugs = append(rs[i].slugs, h.Article.Slug)
		}
	}
	fmt.Printf("\n%s: %d queries in %.1f s\n", name, len(qs), time.Since(t).Seconds())
	return &pass{name: name, results: rs}
}

type result struct {
	took  time.Duration
	total int
	more  bool
	// slugs are the first page's articles: the same content has the same
	// slug on both engines, while a PostgreSQL sequence may leave a gap
	// (a value taken by a statement that then failed) that SQLite does not.
	slugs []string
}

func pct(ds []time.Duration, p float64) time.Duration {
	i := int(p*float64(len(ds)) + 0.5)
	return ds[min(max(i-1, 0), len(ds)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "searchbench:", err)
	os.Exit(1)
}

// --- index sizes -------------------------------------------------------------

func sqliteSizes(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var pageSize, pages int64
	if err := db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize); err != nil {
		return err
	}
	if err := db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		return err
	}
	fmt.Printf("sqlite: file %s (%d pages of %d B)\n", mib(pages*pageSize), pages, pageSize)
	// dbstat's aggregate form, table by table: it reads only their pages.
	var fts int64
	for _, name := range []string{"article_search_data", "article_search_idx", "article_search_docsize",
		"article_search_config"} {
		var size int64
		err := db.QueryRowContext(ctx, `SELECT coalesce(sum(pgsize), 0) FROM dbstat('main', 1) WHERE name = ?`, name).Scan(&size)
		if err != nil {
			return fmt.Errorf("dbstat: %w", err)
		}
		if strings.HasPrefix(name, "article_search") {
			fts += size
			fmt.Printf("  %-28s %s\n", name, mib(size))
		}
	}
	var articles int64
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&articles); err != nil {
		return err
	}
	fmt.Printf("  FTS5 index (article_search*) %s = %.1f%% of the file; %.0f B per article (%d articles)\n", mib(fts),
		100*float64(fts)/float64(pages*pageSize), float64(fts)/float64(max(articles, 1)), articles)
	return nil
}

func postgresSizes(ctx context.Context, dsn string) error {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var gin, table, pkey, docs, indexed, articles, body, total int64
	err = db.QueryRowContext(ctx, `SELECT pg_relation_size('article_search_doc'), pg_table_size('article_search'),
		pg_relation_size('article_search_pkey'), pg_total_relation_size('articles')`).Scan(&gin, &table, &pkey, &total)
	if err != nil {
		return err
	}
	err = db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(pg_column_size(doc)), 0) FROM article_search`).
		Scan(&indexed, &docs)
	if err != nil {
		return err
	}
	err = db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(pg_column_size(body)), 0) FROM articles`).
		Scan(&articles, &body)
	if err != nil {
		return err
	}
	fmt.Printf("postgres: %d articles, %d indexed; GIN index article_search_doc %s; table article_search %s with its "+
		"TOAST (documents %s after compression); articles %s with indexes and TOAST (bodies %s); database %s\n",
		articles, indexed, mib(gin), mib(table), mib(docs), mib(total), mib(body), dbSize(ctx, db))
	per := float64(max(indexed, 1))
	fmt.Printf("  per indexed article: GIN index %.0f B + table article_search %.0f B + its primary key %.0f B = %.0f B\n",
		float64(gin)/per, float64(table)/per, float64(pkey)/per, float64(gin+table+pkey)/per)
	return nil
}

func dbSize(ctx context.Context, db *sql.DB) string {
	var n int64
	if err := db.QueryRowContext(ctx, `SELECT pg_database_size(current_database())`).Scan(&n); err != nil {
		return "?"
	}
	return mib(n)
}

func mib(n int64) string { return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB" }

// --- queries ----------------------------------------------------------------

// The classes of query, each drawn as often.
var classes = []string{"common", "common-nomark", "rare", "rare-nomark", "phrase", "phrase-nomark"}

// commonPct: a common word is in at least this share of the sampled articles.
const commonPct = 10

type query struct{ class, text string }

// pool is what queries are drawn from: words as written (lower case) with
// their folded form, and phrases of two words next to each other.
type pool struct {
	docs    int
	common  []wordForms
	rare    []wordForms
	phrases [][2]wordForms
	rareDF  int // a rare word is in at most this many sampled articles
	vocab   int
}

type wordForms struct{ exact, folded string }

// drawPool reads about n published articles picked at random and collects
// their words.
func drawPool(ctx context.Context, dsn string, n int, rnd *rand.Rand) (*pool, error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	raw, err := rawDB(dsn)
	if err != nil {
		return nil, err
	}
	defer raw.Close()
	var maxID int64
	if err := raw.QueryRowContext(ctx, "SELECT max(id) FROM articles").Scan(&maxID); err != nil {
		return nil, err
	}
	ids := map[int64]bool{}
	for len(ids) < min(n, int(maxID)) {
		ids[1+rnd.Int64N(maxID)] = true
	}
	list := make([]int64, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	slices.Sort(list)
	df := map[string]int{}               // folded word → articles it is in
	forms := map[string]map[string]int{} // folded → exact form → count
	p := &pool{}
	for start := 0; start < len(list); start += 500 {
		batch := list[start:min(start+500, len(list))]
		var in []string
		for _, id := range batch {
			in = append(in, strconv.FormatInt(id, 10))
		}
		rows, err := raw.QueryContext(ctx, "SELECT title, summary, body FROM articles WHERE status = 'published' AND id IN ("+
			strings.Join(in, ",")+") ORDER BY id")
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var title, summary, body string
			if err := rows.Scan(&title, &summary, &body); err != nil {
				rows.Close()
				return nil, err
			}
			p.docs++
			seen := map[string]bool{}
			for k, text := range []string{title, summary, search.Text(body)} {
				f := search.NewField(text, search.MaxDocWords)
				var prev wordForms
				for i := range f.Words() {
					w := wordForms{exact: strings.ToLower(f.Original(i)), folded: f.Word(i)}
					if forms[w.folded] == nil {
						forms[w.folded] = map[string]int{}
					}
					forms[w.folded][w.exact]++
					if !seen[w.folded] {
						seen[w.folded] = true
						df[w.folded]++
					}
					// One phrase in 50 pairs of the body's words, so the pool
					// spreads over many articles.
					if k == 2 && i > 0 && rnd.IntN(50) == 0 && isWord(prev.folded) && isWord(w.folded) {
						p.phrases = append(p.phrases, [2]wordForms{prev, w})
					}
					prev = w
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	words := make([]string, 0, len(df))
	for w := range df {
		words = append(words, w)
	}
	slices.Sort(words)
	// Rare: the words in fewest articles, the tenth of the vocabulary (not
	// numbers) that is least used.
	var letters []string
	for _, w := range words {
		if isWord(w) {
			letters = append(letters, w)
		}
	}
	slices.SortStableFunc(letters, func(a, b string) int { return cmp.Compare(df[a], df[b]) })
	rareDF := 0
	if len(letters) > 0 {
		rareDF = df[letters[len(letters)/10]]
	}
	p.rareDF = rareDF
	for _, w := range words {
		// The form most written, marks and all (lower case).
		var best string
		for e, c := range forms[w] {
			if best == "" || c > forms[w][best] || c == forms[w][best] && e < best {
				best = e
			}
		}
		wf := wordForms{exact: best, folded: w}
		switch {
		case df[w]*100 >= commonPct*p.docs:
			p.common = append(p.common, wf)
		case df[w] <= rareDF && isWord(w):
			p.rare = append(p.rare, wf)
		}
	}
	p.vocab = len(words)
	if len(p.common) == 0 || len(p.rare) == 0 || len(p.phrases) == 0 {
		return nil, fmt.Errorf("too few articles to draw queries from (%d)", p.docs)
	}
	return p, nil
}

// isWord: letters, at least two of them (not a number or a lone letter).
func isWord(folded string) bool {
	if len(folded) < 2 {
		return false
	}
	for _, r := range folded {
		if r >= '0' && r <= '9' {
			return false
		}
	}
	return true
}

// queries draws n queries, the classes in turn, shuffled.
func (p *pool) queries(n int, rnd *rand.Rand) []query {
	qs := make([]query, 0, n)
	for i := 0; i < n; i++ {
		c := classes[i%len(classes)]
		var text string
		switch c {
		case "common", "common-nomark":
			text = pickForm(drawMarked(p.common, rnd), c)
		case "rare", "rare-nomark":
			text = pickForm(drawMarked(p.rare, rnd), c)
		default:
			ph := p.phrases[rnd.IntN(len(p.phrases))]
			text = `"` + pickForm(ph[0], c) + " " + pickForm(ph[1], c) + `"`
		}
		qs = append(qs, query{class: c, text: text})
	}
	rnd.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	return qs
}

// drawMarked draws a word, one written with marks when it can: without
// them, the marked and the unmarked query would be the same.
func drawMarked(ws []wordForms, rnd *rand.Rand) wordForms {
	w := ws[rnd.IntN(len(ws))]
	for try := 0; try < 20 && w.exact == w.folded; try++ {
		w = ws[rnd.IntN(len(ws))]
	}
	return w
}

func pickForm(w wordForms, class string) string {
	if strings.HasSuffix(class, "-nomark") {
		return w.folded
	}
	return w.exact
}

func rawDB(dsn string) (*sql.DB, error) {
	if store.IsPostgres(dsn) {
		return sql.Open("pgx", dsn)
	}
	return sql.Open("sqlite", "file:"+dsn+"?mode=ro")
}
