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
func (s *DB) SaveDocumentTerm(ctx context.Context, kind string, t *portal.DocumentTerm) error {
	table, ok := termTables[kind]
	if !ok {
		return portal.Errorf(portal.ENOTFOUND, "Không có danh mục này.")
	}
	t.Name = viet.NFC(t.Name)
	if err := t.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if t.ID == 0 {
			t.Slug = viet.Slug(t.Name)
			if t.Slug == "" {
				return portal.Invalid("name", "Tên cần có chữ hoặc số.")
			}
			err = tx.QueryRowContext(ctx, "INSERT INTO "+table+" (name, slug, position) VALUES ($1, $2, $3) RETURNING id",
				t.Name, t.Slug, t.Position).Scan(&t.ID)
		} else {
			var res sql.Result
			res, err = tx.ExecContext(ctx, "UPDATE "+table+" SET name = $1, position = $2 WHERE id = $3", t.Name,
				t.Position, t.ID)
			if n, _ := rowsAffected(res); err == nil && n != 1 {
				return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy.")
			}
		}
		if s.dialect.isUnique(err) {
			return portal.Invalid("name", "Tên này đã có trong danh mục.")
		}
		if err != nil {
			return err
		}
		return bumpContentVersion(ctx, tx)
	})
}
