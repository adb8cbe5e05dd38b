package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"cong/internal/portal"
	"cong/internal/search"
)

// maxDocumentWords bounds the words of a register query: each is a scan
// condition.
const maxDocumentWords = 10

// docWhere builds the WHERE clause of f, leaving out the facet named skip
// ("type", "body", "field" or "year") so that its counts show the
// alternatives. Words match whole folded words, each one required.
func docWhere(f portal.DocumentFilter, skip string) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, arg any) {
		args = append(args, arg)
		conds = append(conds, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if !f.All {
		conds = append(conds, "d.published")
	}
	if f.Type != "" && skip != "type" {
		add("t.slug = ?", f.Type)
	}
	if f.Body != "" && skip != "body" {
		add("b.slug = ?", f.Body)
	}
	if f.Field != "" && skip != "field" {
		add("fl.slug = ?", f.Field)
	}
	if f.Year != 0 && skip != "year" {
		add("d.issue_year = ?", f.Year)
	}
	for _, w := range documentWords(f.Query) {
		add("d.search_folded LIKE ?", "% "+w+" %")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// documentWords folds a query into at most maxDocumentWords distinct words.
func documentWords(q string) []string {
	var out []string
	for _, w := range strings.Fields(search.NewField(q, 100).Folded) {
		if len(out) < maxDocumentWords && !containsString(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Documents lists a page of the register, newest issued first, with the
// count of every facet value under the filter.
func (s *DB) Documents(ctx context.Context, f portal.DocumentFilter) (*portal.DocumentList, error) {
	page := max(f.Page, 1)
	w, args := docWhere(f, "")
	list := &portal.DocumentList{}
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*)`+documentFrom+w, args...).Scan(&list.Total); err != nil {
		return nil, err
	}
	var err error
	list.Documents, err = query(ctx, s.db, scanDocument, `SELECT `+documentColumns+documentFrom+w+
		fmt.Sprintf(` ORDER BY d.issued_on DESC, d.id DESC LIMIT %d OFFSET %d`, portal.DocumentPageSize,
			(page-1)*portal.DocumentPageSize), args...)
	if err != nil {
		return nil, err
	}
	for _, facet := range []struct {
		name, term string
		dest       *[]portal.FacetCount
		selected   string
	}{
		{"type", "t", &list.Types, f.Type},
		{"body", "b", &list.Bodies, f.Body},
		{"field", "fl", &list.Fields, f.Field},
	} {
		if *facet.dest, err = s.termCounts(ctx, f, facet.name, facet.term, facet.selected); err != nil {
			return nil, err
		}
	}
	list.Years, err = s.yearCounts(ctx, f)
	return list, err
}

// termCounts counts documents per value of one lookup list.
func (s *DB) termCounts(ctx context.Context, f portal.DocumentFilter, name, t, selected string) ([]portal.FacetCount, error) {
	w, args := docWhere(f, name)
	if name == "field" {
		w = strings.Replace(w, " WHERE ", " WHERE fl.id IS NOT NULL AND ", 1)
		if w == "" {
			w = " WHERE fl.id IS NOT NULL"
		}
	}
	type term struct {
		portal.FacetCount
		position int
		id       int64
	}
	terms, err := query(ctx, s.db, func(row scanner, c *term) error {
		err := row.Scan(&c.Name, &c.Slug, &c.Count, &c.position, &c.id)
		c.Selected = c.Slug == selected
		return err
	}, `SELECT `+t+`.name, `+t+`.slug, COUNT(*), `+t+`.position, `+t+`.id`+documentFrom+w+` GROUP BY `+t+`.id, `+
		t+`.name, `+t+`.slug, `+t+`.position`, args...)
	byPosition(terms, func(c *term) (int, string, int64) { return c.position, c.Name, c.id })
	out := make([]portal.FacetCount, len(terms))
	for i, c := range terms {
		out[i] = c.FacetCount
	}
	return out, err
}

// yearCounts counts documents per year of issue, latest first.
func (s *DB) yearCounts(ctx context.Context, f portal.DocumentFilter) ([]portal.FacetCount, error) {
	w, args := docWhere(f, "year")
	return query(ctx, s.db, func(row scanner, c *portal.FacetCount) error {
		err := row.Scan(&c.Year, &c.Count)
		c.Name, c.Slug, c.Selected = strconv.Itoa(c.Year), strconv.Itoa(c.Year), c.Year == f.Year
		return err
	}, `SELECT d.issue_year, COUNT(*)`+documentFrom+w+` GROUP BY d.issue_year ORDER BY d.issue_year DESC`, args...)
}

// ResolveDocuments finds the documents refs name: a number alone is an id,
// anything else a number and symbol, compared without regard to case.
func (s *DB) ResolveDocuments(ctx context.Context, refs []string) ([]portal.Document, error) {
	var out []portal.Document
	for _, ref := range refs {
		cond, arg := "lower(d.number) = lower($1)", any(ref)
		if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
			cond, arg = "d.id = $1", id
		}
		found, err := query(ctx, s.db, scanDocument, `SELECT `+documentColumns+documentFrom+` WHERE `+cond+
			` ORDER BY d.id LIMIT 2`, arg)
		switch {
		case err != nil:
			return nil, err
		case len(found) == 0:
			return nil, portal.Invalid("documents", "Không có văn bản “"+ref+"” trong sổ văn bản.")
		case len(found) > 1:
			return nil, portal.Invalid("documents", "Có nhiều văn bản số “"+ref+
				"”: xin ghi mã văn bản (số ở cột Mã trong danh sách văn bản) thay cho số, ký hiệu.")
		}
		out = append(out, found[0])
	}
	return out, nil
}

// SetArticleDocuments replaces the documents an article links to, in order.
func (s *DB) SetArticleDocuments(ctx context.Context, who portal.Actor, articleID int64, documentIDs []int64) error {
	ids := make([]string, len(documentIDs))
	for i, id := range documentIDs {
		ids[i] = documentObject(id)
	}
	c := &change{action: "article.documents", object: articleObject(articleID), detail: strings.Join(ids, ", "),
		public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM article_documents WHERE article_id = $1`, articleID); err != nil {
			return err
		}
		for i, id := range documentIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO article_documents (article_id, document_id, position)
				VALUES ($1, $2, $3) ON CONFLICT (article_id, document_id) DO NOTHING`, articleID, id, i+1); err != nil {
				return err
			}
		}
		return nil
	})
}

// LinkedDocuments lists the documents an article links to, published or not.
func (s *DB) LinkedDocuments(ctx context.Context, articleID int64) ([]portal.Document, error) {
	return s.articleDocuments(ctx, articleID, "")
}

// ArticleDocuments lists the published documents an article links to.
func (s *DB) ArticleDocuments(ctx context.Context, articleID int64) ([]portal.Document, error) {
	return s.articleDocuments(ctx, articleID, " AND d.published")
}

func (s *DB) articleDocuments(ctx context.Context, articleID int64, cond string) ([]portal.Document, error) {
	return query(ctx, s.db, scanDocument, `SELECT `+documentColumns+documentFrom+`
		JOIN article_documents ad ON ad.document_id = d.id WHERE ad.article_id = $1`+cond+` ORDER BY ad.position, d.id`,
		articleID)
}

// DocumentArticles lists the published articles linking to a document,
// newest first.
func (s *DB) DocumentArticles(ctx context.Context, documentID int64, limit int) ([]portal.Article, error) {
	return query(ctx, s.db, scanArticleRow, `SELECT `+articleColumns+` FROM article_documents ad
		JOIN articles a ON a.id = ad.article_id JOIN categories c ON c.id = a.category_id
		WHERE ad.document_id = $1 AND a.status = 'published' AND a.members_only = $3
		ORDER BY a.published_at DESC, a.id DESC LIMIT $2`,
		documentID, max(limit, 1), false)
}
