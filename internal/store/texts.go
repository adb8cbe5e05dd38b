package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"cong/internal/portal"
	"cong/internal/search"
	"cong/internal/viet"
)

// TextField is a text column of a kind of object.
type TextField struct {
	Name string // the column, as the audit entry names it
	HTML bool   // rich text from the editor: only the text between its tags is text
}

// TextKind is a kind of object whose texts people typed or imported, which
// may hold text in a legacy encoding: what `cong fix-encoding` reads with
// Texts and corrects with FixTexts.
type TextKind struct {
	Name   string // as the audit log names its objects: "article"
	Fields []TextField

	table string
	// stamp is set to the time of the correction, when the kind keeps one.
	stamp string
	// after brings into line, inside the correction's transaction, what
	// is made from the texts: a search index, folded words, a revision.
	after func(ctx context.Context, s *DB, tx *sql.Tx, id int64, who portal.Actor, now time.Time) error
}

// textKinds are the kinds Texts reads, in the order fix-encoding walks them.
// Left out: tags and the lists of terms and topics (their names are unique
// keys, which a correction could make collide), schedule entries (a change
// readers have seen is an adjustment with a note), settings and users.
var textKinds = []TextKind{
	{Name: "article", table: "articles", stamp: "updated_at", after: articleTextsFixed,
		Fields: fields("title", "summary", "<body", "author", "source")},
	{Name: "category", table: "categories", Fields: fields("name")},
	{Name: "page", table: "pages", stamp: "updated_at", Fields: fields("title", "<body")},
	{Name: "comment", table: "comments", Fields: fields("name", "body")},
	{Name: "question", table: "questions", after: questionTextsFixed,
		Fields: fields("name", "address", "title", "content", "<answer")},
	{Name: "document", table: "documents", stamp: "updated_at", after: documentTextsFixed,
		Fields: fields("signer", "abstract")},
	{Name: "consultation", table: "consultations", stamp: "updated_at", Fields: fields("title", "issuer", "summary")},
	{Name: "consultation_comment", table: "consultation_comments", Fields: fields("name", "body")},
	{Name: "media", table: "media", Fields: fields("caption", "alt")},
	{Name: "leader", table: "leaders", Fields: fields("name", "title")},
	{Name: "map_unit", table: "map_units", stamp: "updated_at", Fields: fields("name", "intro", "leaders", "address")},
	{Name: "imagelink", table: "image_links", Fields: fields("title")},
	{Name: "ad", table: "ads", Fields: fields("title", "body")},
	{Name: "notice", table: "notices", Fields: fields("body")},
}

// fields names text columns; "<" marks one that holds HTML.
func fields(names ...string) []TextField {
	out := make([]TextField, len(names))
	for i, n := range names {
		name, html := strings.CutPrefix(n, "<")
		out[i] = TextField{Name: name, HTML: html}
	}
	return out
}

// TextKinds lists the kinds of objects whose texts Texts reads and FixTexts
// corrects.
func TextKinds() []TextKind {
	return slices.Clone(textKinds)
}

func textKind(name string) (*TextKind, error) {
	for i := range textKinds {
		if textKinds[i].Name == name {
			return &textKinds[i], nil
		}
	}
	return nil, fmt.Errorf("store: no kind of text %q", name)
}

// TextRow is one object's texts, in the order of its kind's Fields.
type TextRow struct {
	ID    int64
	Texts []string
}

// Texts reads the texts of at most limit objects of kind whose ids follow
// after, in the order of their ids: a batch of a walk over every object
// that never holds more than a batch.
func (s *DB) Texts(ctx context.Context, kind string, after int64, limit int) ([]TextRow, error) {
	k, err := textKind(kind)
	if err != nil {
		return nil, err
	}
	cols := make([]string, len(k.Fields))
	for i, f := range k.Fields {
		cols[i] = f.Name
	}
	return query(ctx, s.db, func(row scanner, t *TextRow) error {
		t.Texts = make([]string, len(cols))
		dest := []any{&t.ID}
		for i := range t.Texts {
			dest = append(dest, &t.Texts[i])
		}
		return row.Scan(dest...)
	}, `SELECT id, `+strings.Join(cols, ", ")+` FROM `+k.table+` WHERE id > $1 ORDER BY id LIMIT `+strconv.Itoa(limit), after)
}

// TextFix is one field's text converted from a legacy encoding.
type TextFix struct {
	Field         string
	Before, After string
	Encoding      viet.Encoding // what Before was typed in
}

// FixTexts saves the converted texts of one object through the write path,
// as one change audited as "content.fix_encoding" that readers see. Each
// field is written only if it still holds its Before text: when someone
// saved the object since it was read, nothing is written and changed is
// false, so a correction never overwrites newer work. What depends on the
// texts follows in the same transaction: an article gets a new version and
// revision and its search entry, a question or document its folded words.
func (s *DB) FixTexts(ctx context.Context, who portal.Actor, kind string, id int64, fixes []TextFix) (changed bool, err error) {
	k, err := textKind(kind)
	if err != nil {
		return false, err
	}
	var set, where []string
	var args []any
	for _, f := range fixes {
		if !slices.ContainsFunc(k.Fields, func(tf TextField) bool { return tf.Name == f.Field }) {
			return false, fmt.Errorf("store: %s has no text field %q", kind, f.Field)
		}
		args = append(args, viet.NFC(f.After), f.Before)
		set = append(set, fmt.Sprintf("%s = $%d", f.Field, len(args)-1))
		where = append(where, fmt.Sprintf("%s = $%d", f.Field, len(args)))
	}
	if len(fixes) == 0 {
		return false, nil
	}
	now := s.now()
	if k.stamp != "" {
		args = append(args, now)
		set = append(set, fmt.Sprintf("%s = $%d", k.stamp, len(args)))
	}
	if k.Name == "article" {
		set = append(set, "version = version + 1") // an editor's open form is now out of date
	}
	args = append(args, id)
	q := "UPDATE " + k.table + " SET " + strings.Join(set, ", ") + " WHERE id = $" + strconv.Itoa(len(args)) +
		" AND " + strings.Join(where, " AND ")
	c := &change{action: "content.fix_encoding", object: object(k.Name, id), public: true, detail: fixDetail(k, fixes)}
	err = s.write(ctx, who, c, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			c.none = true // saved meanwhile, or gone
			return err
		}
		changed = true
		if k.after != nil {
			return k.after(ctx, s, tx, id, who, now)
		}
		return nil
	})
	return changed && err == nil, err
}

// fixDetail is the audit entry's account of a correction: each field with
// its encoding, and the text before of short fields.
func fixDetail(k *TextKind, fixes []TextFix) string {
	parts := make([]string, len(fixes))
	for i, f := range fixes {
		parts[i] = f.Field + " (" + f.Encoding.String() + ")"
		if j := slices.IndexFunc(k.Fields, func(tf TextField) bool { return tf.Name == f.Field }); !k.Fields[j].HTML {
			parts[i] += ": " + strconv.Quote(clip(f.Before, 120))
		}
	}
	return "chuyển sang Unicode: " + strings.Join(parts, "; ")
}

// clip cuts s to at most n characters, marking the cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// articleTextsFixed keeps a revision of the corrected article under its new
// version and brings its search entry into line.
func articleTextsFixed(ctx context.Context, s *DB, tx *sql.Tx, id int64, who portal.Actor, now time.Time) error {
	a := portal.Article{ID: id, EditorID: who.ID, EditorName: who.Name, UpdatedAt: now}
	err := tx.QueryRowContext(ctx, `SELECT category_id, title, summary, author, source, body, version FROM articles
		WHERE id = $1`, id).Scan(&a.CategoryID, &a.Title, &a.Summary, &a.Author, &a.Source, &a.Body, &a.Version)
	if err != nil {
		return err
	}
	// A byline read in a legacy encoding named a pen name of its own:
	// the corrected one names the right one.
	if err := s.nameByline(ctx, tx, &a, nil); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE articles SET author = $1, pen_name_id = NULLIF($2, 0) WHERE id = $3",
		a.Author, a.PenNameID, id); err != nil {
		return err
	}
	if err := saveRevision(ctx, tx, &a); err != nil {
		return err
	}
	return s.reindexArticle(ctx, tx, id)
}

// questionTextsFixed makes again the folded words readers' searches match.
func questionTextsFixed(ctx context.Context, s *DB, tx *sql.Tx, id int64, who portal.Actor, now time.Time) error {
	var title, content, answer string
	err := tx.QueryRowContext(ctx, "SELECT title, content, answer FROM questions WHERE id = $1", id).
		Scan(&title, &content, &answer)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "UPDATE questions SET search_folded = $1 WHERE id = $2",
		foldedWords(title, content, search.Text(answer)), id)
	return err
}

// documentTextsFixed makes again the folded text the register's search
// matches.
func documentTextsFixed(ctx context.Context, s *DB, tx *sql.Tx, id int64, who portal.Actor, now time.Time) error {
	return refoldDocuments(ctx, tx, "id = $1", id)
}
