package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"runtime"
	"slices"
	"strconv"
	"time"

	"cong/internal/portal"
	"cong/internal/search"
)

// snippetWords is about how long a result's snippet is.
const snippetWords = 32

// Search finds the articles readers may see that match q. The index gives
// the matching articles, newest first (by id, the order it keeps), at most
// portal.SearchMaxResults of them; search.Scorer ranks those here, so both
// engines give the same results in the same order, and the cost of a search
// is bounded however common its words.
func (s *DB) Search(ctx context.Context, q portal.SearchQuery) (*portal.SearchResults, error) {
	pq, err := search.Parse(q.Text)
	switch {
	case errors.Is(err, search.ErrTooLong):
		return nil, portal.Invalid("q", "Từ khóa tìm kiếm dài quá "+strconv.Itoa(portal.SearchMaxQuery)+" ký tự.")
	case errors.Is(err, search.ErrEmpty):
		return nil, portal.Invalid("q", "Xin nhập từ khóa tìm kiếm có chữ hoặc số.")
	case err != nil:
		return nil, err
	}
	found, more, err := s.searchCandidates(ctx, pq, q)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(found, func(a, b *ranked) int {
		switch {
		case a.score.Better(b.score):
			return -1
		case b.score.Better(a.score):
			return 1
		}
		return newestFirst(a, b)
	})
	res := &portal.SearchResults{Total: len(found), More: more}
	start := (max(q.Page, 1) - 1) * portal.SearchPerPage
	if start >= len(found) {
		return res, nil
	}
	page := found[start:min(start+portal.SearchPerPage, len(found))]
	return res, s.searchHits(ctx, pq, page, res)
}

// ranked is a candidate: what orders it.
type ranked struct {
	id        int64
	published time.Time
	score     search.Score
}

// newestFirst orders candidates by publish time, then id, newest first.
func newestFirst(a, b *ranked) int {
	if c := b.published.Compare(a.published); c != 0 {
		return c
	}
	return cmp.Compare(b.id, a.id)
}

// searchCandidates reads the newest articles (by id) matching pq that readers
// may see, scoring each as it comes and keeping those every word and phrase
// of pq is found in. more reports that the cap left some out.
func (s *DB) searchCandidates(ctx context.Context, pq *search.Query, q portal.SearchQuery) ([]*ranked, bool, error) {
	f := portal.ReaderFilter(s.now())
	// Members-only articles are never in the index (indexArticles), and
	// PostgreSQL's index holds no column telling them.
	f.Public = false
	f.CategoryIDs = q.CategoryIDs
	if !q.From.IsZero() {
		f.PublishedFrom = &q.From
	}
	if !q.To.IsZero() {
		f.PublishedBefore = &q.To
	}
	w, args, err := s.where(ctx, f)
	if err != nil {
		return nil, false, err
	}
	d := s.searchDialect()
	var db queryer = s.db
	if d.ownTx {
		tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return nil, false, err
		}
		defer tx.Rollback()
		db = tx
	}
	rows, err := d.candidates(ctx, db, w, args, d.query(pq), portal.SearchMaxResults+1)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	// Reading a row (the driver's work) and scoring one (the body's words)
	// take about as long: goroutines score, one per core, while the next
	// rows are read. The order they finish in does not matter: the ranking
	// orders the candidates fully.
	workers := min(runtime.GOMAXPROCS(0), maxScorers)
	batches, scored := make(chan []candidateRow, 4), make(chan scoredRows, workers)
	for range workers {
		go func() {
			scorer := pq.NewScorer()
			var out scoredRows
			for batch := range batches {
				for i := range batch {
					r := &batch[i]
					c := &ranked{id: r.id, published: r.published}
					var ok bool
					c.score, ok = scorer.ScoreHTML(r.title, r.summary, r.author, r.body)
					out.all, out.matched = append(out.all, c), append(out.matched, ok)
				}
			}
			scored <- out
		}()
	}
	var batch []candidateRow
	var scanErr error
	for rows.Next() {
		var r candidateRow
		if scanErr = rows.Scan(&r.id, &r.published, &r.title, &r.summary, &r.author, &r.body); scanErr != nil {
			break
		}
		if batch = append(batch, r); len(batch) == candidateBatch {
			batches <- batch
			batch = nil
		}
	}
	if len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	var out scoredRows
	for range workers {
		part := <-scored
		out.all, out.matched = append(out.all, part.all...), append(out.matched, part.matched...)
	}
	if scanErr != nil {
		return nil, false, scanErr
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	all, matched := out.all, out.matched
	return capCandidates(all, matched)
}

// maxScorers bounds the goroutines scoring one search's candidates.
const maxScorers = 4

// candidateBatch is how many candidates the reading goroutine hands the
// scoring one at a time.
const candidateBatch = 32

// candidateRow is a candidate as read, before it is scored.
type candidateRow struct {
	id                           int64
	published                    time.Time
	title, summary, author, body string
}

type scoredRows struct {
	all     []*ranked
	matched []bool
}

// capCandidates drops the candidate past the cap, then those the
// scorer found no match in (none, unless the index and the scorer disagree).
func capCandidates(all []*ranked, matched []bool) ([]*ranked, bool, error) {
	more := len(all) > portal.SearchMaxResults
	if more {
		oldest := 0
		for i := range all {
			if all[i].id < all[oldest].id {
				oldest = i
			}
		}
		all = slices.Delete(all, oldest, oldest+1)
		matched = slices.Delete(matched, oldest, oldest+1)
	}
	out := all[:0]
	for i, c := range all {
		if matched[i] {
			out = append(out, c)
		}
	}
	return out, more, nil
}

// searchHits fills res.Hits from page: titles with the words found marked,
// and a snippet of each body (or summary) around them. An article taken
// down since the candidates were read is left out.
func (s *DB) searchHits(ctx context.Context, pq *search.Query, page []*ranked, res *portal.SearchResults) error {
	ids := make([]int64, len(page))
	for i, c := range page {
		ids[i] = c.id
	}
	articles, err := s.articlesByID(ctx, ids)
	if err != nil {
		return err
	}
	now := s.now()
	for _, c := range page {
		a, ok := articles[c.id]
		if !ok || !a.Visible(now) {
			continue
		}
		snippet, ok := pq.Snippet(search.Text(a.Body), snippetWords)
		if !ok || snippet.Text == "" {
			if sum, ok := pq.Snippet(a.Summary, snippetWords); ok || snippet.Text == "" {
				snippet = sum
			}
		}
		a.Body = ""
		title := pq.Highlight(a.Title)
		res.Hits = append(res.Hits, portal.SearchHit{Article: *a,
			Title:   portal.Marked{Text: title.Text, Marks: title.Marks},
			Snippet: portal.Marked{Text: snippet.Text, Marks: snippet.Marks}})
	}
	return nil
}

// articlesByID reads articles ids, with their bodies.
func (s *DB) articlesByID(ctx context.Context, ids []int64) (map[int64]*portal.Article, error) {
	out := make(map[int64]*portal.Article, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+articleColumns+`, a.body FROM articles a
		JOIN categories c ON c.id = a.category_id WHERE a.id IN (`+placeholders(1, len(ids))+")", int64Args(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		a := new(portal.Article)
		if err := scanArticle(rows, a, &a.Body); err != nil {
			return nil, err
		}
		out[a.ID] = a
	}
	return out, rows.Err()
}
