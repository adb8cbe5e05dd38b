package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"cong/internal/portal"
	"cong/internal/search"
)

// searchMigration creates the search index; the store fills it in the same
// transaction (see apply), since folding is Go, not SQL.
const searchMigration = "0003_search.sql"

// indexable reports whether an article with status st belongs in the search
// index: readers may see it once its time comes, which searches check.
func indexable(st portal.Status) bool {
	return st == portal.StatusPublished || st == portal.StatusScheduled
}

// searchDialect is what differs between the engines' full-text search.
type searchDialect struct {
	// index adds or replaces the words of articles ids[i], docs[i].
	index func(ctx context.Context, tx *sql.Tx, ids []int64, docs []*search.Doc) error
	// unindex takes articles out of the index.
	unindex func(ctx context.Context, tx *sql.Tx, ids []int64) error
	// clear empties the index before a rebuild.
	clear func(ctx context.Context, tx *sql.Tx) error
	// candidates is the query of the newest articles (by id: the order the
	// index keeps, so a common word costs no more than a rare one) matching
	// the query in param, with conditions w on articles a, at most limit of
	// them: their id, published_at, title, summary, author and body. query
	// makes param's value.
	candidates func(w, param string, limit int) string
	query      func(q *search.Query) string
	// settings, when set, is run in the read-only transaction the
	// candidates are read in, before them.
	settings string
	// lockRows, after a SELECT in a transaction, keeps the rows read from
	// changing until it ends, so an index rebuilt from them is current.
	lockRows string
}

func (s *DB) searchDialect() searchDialect {
	if s.dialect.name == postgresDialect.name {
		return postgresSearch
	}
	return sqliteSearch
}

// candidateColumns are what ranking reads of a candidate.
const candidateColumns = "a.id, a.published_at, a.title, a.summary, a.author, a.body"

// indexBatch is how many articles one statement indexes: 5 parameters each
// stay under SQLite's limit.
const indexBatch = 200

var sqliteSearch = searchDialect{
	index: func(ctx context.Context, tx *sql.Tx, ids []int64, docs []*search.Doc) error {
		if err := sqliteUnindex(ctx, tx, ids); err != nil {
			return err
		}
		for start := 0; start < len(ids); start += indexBatch {
			end := min(start+indexBatch, len(ids))
			var b strings.Builder
			b.WriteString("INSERT INTO article_search (rowid, title, summary, author, body) VALUES ")
			args := make([]any, 0, (end-start)*5)
			for i := start; i < end; i++ {
				if i > start {
					b.WriteString(", ")
				}
				n := len(args)
				b.WriteString("(" + placeholders(n+1, 5) + ")")
				f := &docs[i].Fields
				args = append(args, ids[i], f[search.FieldTitle].Folded, f[search.FieldSummary].Folded,
					f[search.FieldAuthor].Folded, f[search.FieldBody].Folded)
			}
			if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
				return err
			}
		}
		return nil
	},
	unindex: sqliteUnindex,
	clear: func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM article_search")
		return err
	},
	// FTS5 walks its matches newest first, and CROSS JOIN keeps it the outer
	// loop: it stops at the limit instead of sorting every match.
	candidates: func(w, param string, limit int) string {
		return `SELECT ` + candidateColumns + `
			FROM (SELECT rowid AS id FROM article_search WHERE article_search MATCH ` + param + `) s
			CROSS JOIN articles a ON a.id = s.id` + w + ` ORDER BY s.id DESC LIMIT ` + strconv.Itoa(limit)
	},
	query: (*search.Query).FTS5,
}

func sqliteUnindex(ctx context.Context, tx *sql.Tx, ids []int64) error {
	return inBatches(ids, func(ids []int64) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM article_search WHERE rowid IN ("+placeholders(1, len(ids))+")",
			int64Args(ids)...)
		return err
	})
}

var postgresSearch = searchDialect{
	index: func(ctx context.Context, tx *sql.Tx, ids []int64, docs []*search.Doc) error {
		for start := 0; start < len(ids); start += indexBatch {
			end := min(start+indexBatch, len(ids))
			var b strings.Builder
			b.WriteString("UPDATE articles AS a SET search_folded = v.doc::tsvector FROM (VALUES ")
			args := make([]any, 0, (end-start)*2)
			for i := start; i < end; i++ {
				if i > start {
					b.WriteString(", ")
				}
				n := strconv.Itoa(len(args) + 1)
				b.WriteString("($" + n + "::bigint, $" + strconv.Itoa(len(args)+2) + "::text)")
				args = append(args, ids[i], docs[i].TSVector())
			}
			b.WriteString(") AS v (id, doc) WHERE a.id = v.id")
			if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
				return err
			}
		}
		return nil
	},
	unindex: func(ctx context.Context, tx *sql.Tx, ids []int64) error {
		return inBatches(ids, func(ids []int64) error {
			_, err := tx.ExecContext(ctx, "UPDATE articles SET search_folded = NULL WHERE search_folded IS NOT NULL AND id IN ("+
				placeholders(1, len(ids))+")", int64Args(ids)...)
			return err
		})
	},
	// clear leaves the entries a rebuild is about to overwrite.
	clear: func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE articles SET search_folded = NULL
			WHERE search_folded IS NOT NULL AND status NOT IN ('published', 'scheduled')`)
		return err
	},
	// The ids first, so the sort does not carry bodies.
	candidates: func(w, param string, limit int) string {
		return `SELECT ` + candidateColumns + ` FROM articles a WHERE a.id IN (SELECT a.id FROM articles a` + w +
			` AND a.search_folded @@ ` + param + `::tsquery ORDER BY a.id DESC LIMIT ` + strconv.Itoa(limit) + `)`
	},
	query: (*search.Query).TSQuery,
	// A plan made for this query's words: a generic plan (the driver
	// prepares statements, and PostgreSQL switches to one after five runs)
	// cannot tell a word in half the articles from one in ten, and may
	// recheck the words of every match of a phrase. No JIT: compiling costs
	// more than a search. A bitmap of many matches stays exact (no recheck).
	settings: `SELECT set_config('plan_cache_mode', 'force_custom_plan', true), set_config('jit', 'off', true),
		set_config('work_mem', '32MB', true)`,
	// Under READ COMMITTED a row read for a rebuild could otherwise be
	// changed, and indexed by its own transaction, before the rebuild
	// writes the old words over the new.
	lockRows: " FOR UPDATE",
}

// placeholders returns "$first, $first+1, …", n of them.
func placeholders(first, n int) string {
	ph := make([]string, n)
	for i := range ph {
		ph[i] = "$" + strconv.Itoa(first+i)
	}
	return strings.Join(ph, ", ")
}

func int64Args(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

// inBatches calls fn with ids a batch at a time.
func inBatches(ids []int64, fn func(ids []int64) error) error {
	for start := 0; start < len(ids); start += indexBatch {
		if err := fn(ids[start:min(start+indexBatch, len(ids))]); err != nil {
			return err
		}
	}
	return nil
}

// indexArticles puts the articles readers may see by their status in the
// search index, and takes the others out. Their ids must be set.
func (s *DB) indexArticles(ctx context.Context, tx *sql.Tx, as []portal.Article) error {
	var ids, gone []int64
	var docs []*search.Doc
	for i := range as {
		a := &as[i]
		if !indexable(a.Status) {
			gone = append(gone, a.ID)
			continue
		}
		ids = append(ids, a.ID)
		docs = append(docs, search.NewDoc(a.Title, a.Summary, a.Author, search.Text(a.Body)))
	}
	d := s.searchDialect()
	if err := d.unindex(ctx, tx, gone); err != nil {
		return err
	}
	return d.index(ctx, tx, ids, docs)
}

// indexArticle is indexArticles for one article.
func (s *DB) indexArticle(ctx context.Context, tx *sql.Tx, a *portal.Article) error {
	return s.indexArticles(ctx, tx, []portal.Article{*a})
}

// unindexArticle takes an article out of the search index.
func (s *DB) unindexArticle(ctx context.Context, tx *sql.Tx, id int64) error {
	return s.searchDialect().unindex(ctx, tx, []int64{id})
}

// reindexArticle brings an article's entry in the search index in line with
// what the database holds for it now, inside tx.
func (s *DB) reindexArticle(ctx context.Context, tx *sql.Tx, id int64) error {
	as, err := s.indexSource(ctx, tx, "id = $1", id)
	if err != nil {
		return err
	}
	if len(as) == 0 {
		return s.unindexArticle(ctx, tx, id)
	}
	return s.indexArticles(ctx, tx, as)
}

// indexSource reads what the index is made of for the articles cond picks.
func (s *DB) indexSource(ctx context.Context, tx *sql.Tx, cond string, args ...any) ([]portal.Article, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, status, title, summary, author, body FROM articles WHERE `+cond+
		s.searchDialect().lockRows, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var as []portal.Article
	for rows.Next() {
		var a portal.Article
		if err := rows.Scan(&a.ID, &a.Status, &a.Title, &a.Summary, &a.Author, &a.Body); err != nil {
			return nil, err
		}
		as = append(as, a)
	}
	return as, rows.Err()
}

// reindexBatch is how many articles a rebuild reads at a time, bounding its
// memory.
const reindexBatch = 500

// Reindex rebuilds the search index from the articles, in one transaction:
// searches see the old index until it commits.
func (s *DB) Reindex(ctx context.Context) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.reindex(ctx, tx) })
}

func (s *DB) reindex(ctx context.Context, tx *sql.Tx) error {
	if err := s.searchDialect().clear(ctx, tx); err != nil {
		return err
	}
	for after := int64(0); ; {
		as, err := s.indexSource(ctx, tx, "status IN ('published', 'scheduled') AND id > $1 ORDER BY id LIMIT "+
			strconv.Itoa(reindexBatch), after)
		if err != nil || len(as) == 0 {
			return err
		}
		if err := s.indexArticles(ctx, tx, as); err != nil {
			return err
		}
		after = as[len(as)-1].ID
	}
}
