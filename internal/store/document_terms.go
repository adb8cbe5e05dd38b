package store

import (
	"context"

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
func (s *DB) SaveDocumentTerm(ctx context.Context, kind string, t *portal.DocumentTerm) error {
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
	return s.saveEntry(ctx, table, &t.ID, t.Name, t.Slug, t.Position, "Tên này đã có trong danh mục.")
}
