package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"cong/internal/portal"
	"cong/internal/search"
)

// indexable reports whether an article with status st belongs in the search
// index: readers may see it once its time comes, which searches check.
func indexable(st portal.Status) bool {
	return st == portal.StatusPublished || st == portal.StatusScheduled
}

// searchDialect is what differs between the engines' full-text search.
type searchDialect struct {
	// migration is the one that gives the index its present shape; the
	// store fills the index after it, in the same transaction (see apply),
	// since folding is Go, not SQL.
	migration string
	// index adds or replaces the words of articles as[i], docs[i].
	index func(ctx context.Context, tx *sql.Tx, as []*portal.Article, docs []*search.Doc) error
	// unindex takes articles out of the index.
	unindex func(ctx context.Context, tx *sql.Tx, ids []int64) error
	// clear empties the index before a rebuild.
	clear func(ctx context.Context, tx *sql.Tx) error
	// candidates reads the newest articles (by id: so a common word costs
	// no more than a rare one) matching the index query q, with conditions
	// w on articles a (their arguments args), at most limit of them: their
	// candidateColumns. query makes q.
	candidates func(ctx context.Context, db queryer, w string, args []any, q string, limit int) (*sql.Rows, error)
	query      func(q *search.Query) string
	// ownTx: the candidates are read in a read-only transaction of their
	// own, whose settings they may change.
	ownTx bool
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
	migration: "0003_search.sql",
	index: func(ctx context.Context, tx *sql.Tx, as []*portal.Article, docs []*search.Doc) error {
		ids := make([]int64, len(as))
		for i, a := range as {
			ids[i] = a.ID
		}
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
	candidates: func(ctx context.Context, db queryer, w string, args []any, q string, limit int) (*sql.Rows, error) {
		param := "$" + strconv.Itoa(len(args)+1)
		return db.QueryContext(ctx, `SELECT `+candidateColumns+`
			FROM (SELECT rowid AS id FROM article_search WHERE article_search MATCH `+param+`) s
			CROSS JOIN articles a ON a.id = s.id`+w+` ORDER BY s.id DESC LIMIT `+strconv.Itoa(limit), append(args, q)...)
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

// indexArticles brings the articles' restriction to members (see
// restrictArticles) in line with their groups and categories, puts those
// every reader may see by their status in the search index and takes the
// others out (members-only articles are never in it), and asks for the
// audio of the ones it puts in (wantAudio). Every save of an article comes
// here, so neither the restriction nor the audio is ever stale. Their ids
// must be set.
func (s *DB) indexArticles(ctx context.Context, tx *sql.Tx, as []portal.Article) error {
	if err := s.restrict(ctx, tx, as); err != nil {
		return err
	}
	in, err := s.indexPublic(ctx, tx, as)
	if err != nil {
		return err
	}
	return s.wantAudio(ctx, tx, in)
}

// restrict sets each article's MembersOnly, and its column, from its groups
// and its category's (restrictArticles).
func (s *DB) restrict(ctx context.Context, tx *sql.Tx, as []portal.Article) error {
	ids := make([]int64, len(as))
	for i := range as {
		ids[i] = as[i].ID
	}
	restricted, err := restrictArticles(ctx, tx, ids)
	if err != nil {
		return err
	}
	for i := range as {
		as[i].MembersOnly = restricted[as[i].ID]
	}
	return nil
}

// reindexRestricted is indexArticles without the audio, for a rebuild of
// the index (`cong reindex`, a restore), which changes no text.
func (s *DB) reindexRestricted(ctx context.Context, tx *sql.Tx, as []portal.Article) error {
	if err := s.restrict(ctx, tx, as); err != nil {
		return err
	}
	_, err := s.indexPublic(ctx, tx, as)
	return err
}

// reindexPublic is the rebuild of the index by the migration that gives it
// its shape: older than members and audio, whose tables do not exist yet,
// so every article is public and none asks for audio.
func (s *DB) reindexPublic(ctx context.Context, tx *sql.Tx, as []portal.Article) error {
	_, err := s.indexPublic(ctx, tx, as)
	return err
}

// indexPublic puts the articles every reader may see by their status, and
// that are not members-only (as[i].MembersOnly, as the caller found it), in
// the search index, and takes the others out; it returns those it put in.
func (s *DB) indexPublic(ctx context.Context, tx *sql.Tx, as []portal.Article) ([]*portal.Article, error) {
	var gone []int64
	var in []*portal.Article
	var docs []*search.Doc
	for i := range as {
		a := &as[i]
		if !indexable(a.Status) || a.MembersOnly {
			gone = append(gone, a.ID)
			continue
		}
		in = append(in, a)
		docs = append(docs, search.NewDoc(a.Title, a.Summary, a.Author, search.Text(a.Body)))
	}
	d := s.searchDialect()
	if err := d.unindex(ctx, tx, gone); err != nil {
		return nil, err
	}
	return in, d.index(ctx, tx, in, docs)
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
	rows, err := tx.QueryContext(ctx, `SELECT id, status, category_id, published_at, expires_at, title, summary, author,
		body FROM articles WHERE `+cond+s.searchDialect().lockRows, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var as []portal.Article
	for rows.Next() {
		var a portal.Article
		var published, expires sql.NullTime
		if err := rows.Scan(&a.ID, &a.Status, &a.CategoryID, &published, &expires, &a.Title, &a.Summary, &a.Author,
			&a.Body); err != nil {
			return nil, err
		}
		a.PublishedAt, a.ExpiresAt = published.Time, expires.Time
		as = append(as, a)
	}
	return as, rows.Err()
}

// reindexBatch is how many articles a rebuild reads at a time, bounding its
// memory.
const reindexBatch = 500

// Reindex rebuilds the search index from the articles, in one transaction:
// searches see the old index until it commits.
func (s *DB) Reindex(ctx context.Context, who portal.Actor) error {
	c := &change{action: "search.reindex", object: "search", public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error { return s.reindex(ctx, tx, s.reindexRestricted) })
}

// reindex fills the emptied index with index, a batch at a time.
func (s *DB) reindex(ctx context.Context, tx *sql.Tx, index func(context.Context, *sql.Tx, []portal.Article) error) error {
	if err := s.searchDialect().clear(ctx, tx); err != nil {
		return err
	}
	for after := int64(0); ; {
		as, err := s.indexSource(ctx, tx, "status IN ('published', 'scheduled') AND id > $1 ORDER BY id LIMIT "+
			strconv.Itoa(reindexBatch), after)
		if err != nil || len(as) == 0 {
			return err
		}
		if err := index(ctx, tx, as); err != nil {
			return err
		}
		after = as[len(as)-1].ID
	}
}
