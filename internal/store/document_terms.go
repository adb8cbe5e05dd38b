package store

import (
	"context"
	"database/sql"

	"cong/internal/portal"
	"cong/internal/viet"
)

// termTables are the tables of the kinds of document terms.
var termTables = map[string]string{
	portal.TermType: "document_types", portal.TermBody: "document_bodies", portal.TermField: "document_fields",
}

// SaveDocumentTerm adds a type, issuing body or field, or renames or moves
// one. A new term's slug comes from its name; a renamed one keeps its slug,
// so readers' filtered addresses keep working.
func (s *DB) SaveDocumentTerm(ctx context.Context, who portal.Actor, kind string, t *portal.DocumentTerm) error {
	table, ok := termTables[kind]
	if !ok {
		return portal.Errorf(portal.ENOTFOUND, "Không có danh mục này.")
	}
	t.Name = viet.NFC(t.Name)
	if err := t.Validate(); err != nil {
		return err
	}
	if t.ID == 0 {
		if t.Slug = viet.Slug(t.Name); t.Slug == "" {
			return portal.Invalid("name", "Tên cần có chữ hoặc số.")
		}
	}
	// Documents' word search holds the names of their terms.
	refold := func(tx *sql.Tx) error {
		return refoldDocuments(ctx, tx, termColumns[kind]+" = $1", t.ID)
	}
	c := &change{action: "document_term.save", detail: t.Name}
	return s.saveEntry(ctx, who, c, "document_"+kind, table, &t.ID, t.Name, t.Slug, t.Position,
		"Tên này đã có trong danh mục.", refold)
}

// termColumns are the columns of documents that name a term of each kind.
var termColumns = map[string]string{portal.TermType: "type_id", portal.TermBody: "body_id", portal.TermField: "field_id"}

// refoldDocuments makes again the folded text of the documents cond picks.
func refoldDocuments(ctx context.Context, tx *sql.Tx, cond string, args ...any) error {
	docs, err := query(ctx, tx, func(row scanner, d *portal.Document) error {
		var field sql.NullInt64
		err := row.Scan(&d.ID, &d.Number, &d.TypeID, &d.BodyID, &field, &d.Signer, &d.Abstract)
		d.FieldID = field.Int64
		return err
	}, `SELECT id, number, type_id, body_id, field_id, signer, abstract FROM documents WHERE `+cond, args...)
	if err != nil {
		return err
	}
	for i := range docs {
		folded, err := checkTerms(ctx, tx, &docs[i])
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE documents SET search_folded = $1 WHERE id = $2", folded, docs[i].ID); err != nil {
			return err
		}
	}
	return nil
}
