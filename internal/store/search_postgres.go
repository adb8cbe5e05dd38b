package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"cong/internal/portal"
	"cong/internal/search"
)

// PostgreSQL's search keeps, in the narrow table article_search, each
// article's words and pairs of words (search.Doc.TSVector) with a GIN index,
// and beside them what the reader filter reads — status, category, publish
// and expiry times — so finding candidates never touches the wide articles
// table until their bodies are read for ranking.
//
// A GIN index gives every article holding the words, in no order: asking it
// for the newest thousand holding a word found in half the articles would
// visit half a million rows. So each document also carries the lexeme of
// its bucket of ids ("#122" for ids 999 424 to 1 007 615), and the search
// asks for the words in the newest buckets first, widening the window by
// the density found so far until it has enough: the index intersects the
// words with the buckets itself, and each step visits about as many rows
// as it keeps.

// searchBucket is how many ids one bucket lexeme covers.
const searchBucket = 8192

// maxBucketWindow is the most buckets one step names; a wider window asks
// for everything older than it instead.
const maxBucketWindow = 32

func bucketLexeme(id int64) string { return "'#" + strconv.FormatInt(id/searchBucket, 10) + "'" }

var postgresSearch = searchDialect{
	migration: "0014_search_table.sql",
	index: func(ctx context.Context, tx *sql.Tx, as []*portal.Article, docs []*search.Doc) error {
		for start := 0; start < len(as); start += indexBatch {
			end := min(start+indexBatch, len(as))
			var b strings.Builder
			b.WriteString(`INSERT INTO article_search (id, status, category_id, published_at, expires_at, doc) VALUES `)
			args := make([]any, 0, (end-start)*6)
			for i := start; i < end; i++ {
				if i > start {
					b.WriteString(", ")
				}
				n := len(args)
				b.WriteString("(" + placeholders(n+1, 5) + ", $" + strconv.Itoa(n+6) + "::tsvector)")
				a := as[i]
				args = append(args, a.ID, string(a.Status), a.CategoryID, nullTime(a.PublishedAt), nullTime(a.ExpiresAt),
					docs[i].TSVector()+" "+bucketLexeme(a.ID))
			}
			b.WriteString(` ON CONFLICT (id) DO UPDATE SET status = excluded.status, category_id = excluded.category_id,
				published_at = excluded.published_at, expires_at = excluded.expires_at, doc = excluded.doc`)
			if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
				return err
			}
		}
		return nil
	},
	unindex: func(ctx context.Context, tx *sql.Tx, ids []int64) error {
		return inBatches(ids, func(ids []int64) error {
			_, err := tx.ExecContext(ctx, "DELETE FROM article_search WHERE id IN ("+placeholders(1, len(ids))+")",
				int64Args(ids)...)
			return err
		})
	},
	// clear leaves the entries a rebuild is about to overwrite.
	clear: func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM article_search WHERE id IN
			(SELECT id FROM articles WHERE status NOT IN ('published', 'scheduled'))`)
		return err
	},
	candidates: postgresCandidates,
	query:      (*search.Query).TSQuery,
	ownTx:      true,
	// Under READ COMMITTED a row read for a rebuild could otherwise be
	// changed, and indexed by its own transaction, before the rebuild
	// writes the old words over the new.
	lockRows: " FOR UPDATE",
}

// searchSettings are those of the transaction a search reads its
// candidates in. A plan made for this query's words: a generic plan (the
// driver prepares statements, and PostgreSQL switches to one after five
// runs) cannot tell a word in half the articles from one in ten. No JIT and
// no parallel workers: both cost more than a search. And bitmap scans only:
// walking the primary key newest first and testing each row's words looks
// cheap to the planner, but reads every document it passes.
const searchSettings = `set_config('plan_cache_mode', 'force_custom_plan', true), set_config('jit', 'off', true),
	set_config('max_parallel_workers_per_gather', '0', true), set_config('work_mem', '32MB', true),
	set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true)`

// postgresCandidates finds the newest matches of q a window of buckets at a
// time, the conditions w applying to article_search's own columns, then
// reads the candidates from articles.
func postgresCandidates(ctx context.Context, db queryer, w string, args []any, q string, limit int) (*sql.Rows, error) {
	// The settings of this transaction, and the newest id, in one round
	// trip. The newest id is read from the primary key: the statement is
	// planned before its settings take effect.
	tops, err := query(ctx, db, scanID, `SELECT (SELECT COALESCE(MAX(id), 0) FROM article_search) FROM (SELECT `+
		searchSettings+`) s`)
	if err != nil {
		return nil, err
	}
	n := len(args)
	ph := func(i int) string { return "$" + strconv.Itoa(n+i) }
	from := `SELECT a.id FROM article_search a` + w + ` AND a.doc @@ ` + ph(1) + `::tsquery`
	order := ` ORDER BY a.id DESC LIMIT ` + ph(2)
	var ids []int64
	newest := tops[0]
	top := newest / searchBucket
	width := int64(1)
	for hi := top; hi >= 0 && len(ids) < limit; {
		lo := max(hi-width+1, 0)
		var got []int64
		if width > maxBucketWindow {
			// Far back: everything older than the windows so far.
			lo = 0
			got, err = query(ctx, db, scanID, from+` AND a.id < `+ph(3)+order,
				append(slices.Clip(args), q, limit-len(ids), (hi+1)*searchBucket)...)
		} else {
			got, err = query(ctx, db, scanID, from+order, append(slices.Clip(args), q+" & "+buckets(lo, hi),
				limit-len(ids))...)
		}
		if err != nil {
			return nil, err
		}
		ids = append(ids, got...)
		// Aim the next window at what is missing, at the density so far,
		// counted in ids: the newest bucket is only partly filled.
		seen := newest - lo*searchBucket + 1
		if len(ids) == 0 {
			width *= 8
		} else {
			want := int64(limit-len(ids)) * seen / int64(len(ids))
			width = max(width*2, (want+want/4)/searchBucket+1)
		}
		hi = lo - 1
	}
	return db.QueryContext(ctx, `SELECT `+candidateColumns+` FROM articles a WHERE a.id = ANY($1)`, ids)
}

// buckets is the tsquery of any bucket from lo to hi.
func buckets(lo, hi int64) string {
	var b strings.Builder
	b.WriteString("(")
	for i := hi; i >= lo; i-- {
		if i < hi {
			b.WriteString(" | ")
		}
		b.WriteString(bucketLexeme(i * searchBucket))
	}
	b.WriteString(")")
	return b.String()
}

func scanID(row scanner, id *int64) error { return row.Scan(id) }
