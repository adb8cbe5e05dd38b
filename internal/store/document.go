package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// documentFrom joins a document to the names of its lookup values.
const documentFrom = ` FROM documents d JOIN document_types t ON t.id = d.type_id
	JOIN document_bodies b ON b.id = d.body_id LEFT JOIN document_fields fl ON fl.id = d.field_id`

const documentColumns = `d.id, d.number, d.slug, d.type_id, d.body_id, COALESCE(d.field_id, 0), d.signer,
	d.issued_on, COALESCE(d.effective_on, ''), d.abstract, d.published, d.created_at, d.updated_at,
	t.name, b.name, COALESCE(fl.name, ''), t.slug`

// dayLayout is how calendar days are stored: text that sorts as dates.
const dayLayout = "2006-01-02"

func scanDocument(row scanner, d *portal.Document) error {
	var issued, effective string
	err := row.Scan(&d.ID, &d.Number, &d.Slug, &d.TypeID, &d.BodyID, &d.FieldID, &d.Signer, &issued, &effective,
		&d.Abstract, &d.Published, &d.CreatedAt, &d.UpdatedAt, &d.Type, &d.Body, &d.Field, &d.TypeSlug)
	d.IssuedOn = parseDay(issued)
	d.EffectiveOn = parseDay(effective)
	return err
}

func parseDay(s string) time.Time {
	t, _ := time.ParseInLocation(dayLayout, s, viet.Location)
	return t
}

func formatDay(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: t.In(viet.Location).Format(dayLayout), Valid: true}
}

// DocumentTerms returns the lookup lists, each in its order, then by name.
func (s *DB) DocumentTerms(ctx context.Context) (*portal.DocumentTerms, error) {
	var terms portal.DocumentTerms
	for table, dest := range map[string]*[]portal.DocumentTerm{
		"document_types": &terms.Types, "document_bodies": &terms.Bodies, "document_fields": &terms.Fields,
	} {
		list, err := query(ctx, s.db, func(row scanner, t *portal.DocumentTerm) error {
			return row.Scan(&t.ID, &t.Name, &t.Slug, &t.Position)
		}, `SELECT id, name, slug, position FROM `+table)
		if err != nil {
			return nil, err
		}
		byPosition(list, termKey)
		*dest = list
	}
	return &terms, nil
}

// Document returns a document with its files.
func (s *DB) Document(ctx context.Context, id int64) (*portal.Document, error) {
	return s.documentWhere(ctx, "d.id = $1", id)
}

// DocumentBySlug returns a document with its files, published or not:
// callers serving readers check Published.
func (s *DB) DocumentBySlug(ctx context.Context, slug string) (*portal.Document, error) {
	return s.documentWhere(ctx, "d.slug = $1", slug)
}

func (s *DB) documentWhere(ctx context.Context, cond string, arg any) (*portal.Document, error) {
	var d portal.Document
	err := scanDocument(s.db.QueryRowContext(ctx, `SELECT `+documentColumns+documentFrom+` WHERE `+cond, arg), &d)
	if err != nil {
		return nil, notFound(err, "văn bản")
	}
	d.Files, err = query(ctx, s.db, scanDocumentFile, `SELECT id, document_id, file, name, mime, size, position
		FROM document_files WHERE document_id = $1 ORDER BY position, id`, d.ID)
	return &d, err
}

func scanDocumentFile(row scanner, f *portal.DocumentFile) error {
	return row.Scan(&f.ID, &f.DocumentID, &f.File, &f.Name, &f.MIME, &f.Size, &f.Position)
}

// normalizeDocument brings every text to NFC and validates.
func normalizeDocument(d *portal.Document) error {
	for _, p := range []*string{&d.Number, &d.Signer, &d.Abstract} {
		*p = viet.NFC(*p)
	}
	return d.Validate()
}

// CreateDocument saves a new document and its files in one transaction,
// with a slug made from its number and abstract.
func (s *DB) CreateDocument(ctx context.Context, who portal.Actor, d *portal.Document) error {
	if err := normalizeDocument(d); err != nil {
		return err
	}
	c := &change{action: "document.create", detail: d.Number, public: d.Published}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		folded, err := checkTerms(ctx, tx, d)
		if err != nil {
			return err
		}
		if d.Slug, err = freeDocumentSlug(ctx, tx, d); err != nil {
			return err
		}
		d.CreatedAt, d.UpdatedAt = s.now(), s.now()
		err = tx.QueryRowContext(ctx, `INSERT INTO documents (number, slug, type_id, body_id, field_id, signer,
			issued_on, issue_year, effective_on, abstract, published, search_folded, created_at, updated_at)
			VALUES ($1, $2, $3, $4, NULLIF($5, 0), $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
			d.Number, d.Slug, d.TypeID, d.BodyID, d.FieldID, d.Signer, formatDay(d.IssuedOn),
			d.IssuedOn.In(viet.Location).Year(), formatDay(d.EffectiveOn), d.Abstract, d.Published, folded,
			d.CreatedAt).Scan(&d.ID)
		if err != nil {
			return err
		}
		c.object = documentObject(d.ID)
		return insertDocumentFiles(ctx, tx, d, s.now())
	})
}

// documentObject names a document in the audit log.
func documentObject(id int64) string { return object("document", id) }

// UpdateDocument saves a document's fields and adds its new files. The slug
// stays: shared links keep working.
func (s *DB) UpdateDocument(ctx context.Context, who portal.Actor, d *portal.Document) error {
	if err := normalizeDocument(d); err != nil {
		return err
	}
	c := &change{action: "document.edit", object: documentObject(d.ID), detail: d.Number, public: true}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		folded, err := checkTerms(ctx, tx, d)
		if err != nil {
			return err
		}
		d.UpdatedAt = s.now()
		res, err := tx.ExecContext(ctx, `UPDATE documents SET number = $1, type_id = $2, body_id = $3,
			field_id = NULLIF($4, 0), signer = $5, issued_on = $6, issue_year = $7, effective_on = $8, abstract = $9,
			search_folded = $10, updated_at = $11 WHERE id = $12`,
			d.Number, d.TypeID, d.BodyID, d.FieldID, d.Signer, formatDay(d.IssuedOn), d.IssuedOn.In(viet.Location).Year(),
			formatDay(d.EffectiveOn), d.Abstract, folded, d.UpdatedAt, d.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy văn bản.")
		}
		return insertDocumentFiles(ctx, tx, d, d.UpdatedAt)
	})
}

// checkTerms refuses lookup values that do not exist, and returns the
// folded text the register's word search matches.
func checkTerms(ctx context.Context, tx *sql.Tx, d *portal.Document) (string, error) {
	var typ, body, field string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM document_types WHERE id = $1`, d.TypeID).Scan(&typ); err != nil {
		return "", termError(err, "type", "Loại văn bản không có.")
	}
	if err := tx.QueryRowContext(ctx, `SELECT name FROM document_bodies WHERE id = $1`, d.BodyID).Scan(&body); err != nil {
		return "", termError(err, "body", "Cơ quan ban hành không có.")
	}
	if d.FieldID != 0 {
		if err := tx.QueryRowContext(ctx, `SELECT name FROM document_fields WHERE id = $1`, d.FieldID).Scan(&field); err != nil {
			return "", termError(err, "field", "Lĩnh vực không có.")
		}
	}
	return foldedWords(d.Number, typ, body, field, d.Signer, d.Abstract), nil
}

func termError(err error, field, msg string) error {
	if err == sql.ErrNoRows {
		return portal.Invalid(field, msg)
	}
	return err
}

// freeDocumentSlug makes a slug from the number and the abstract's first
// words, numbered when another document has it.
func freeDocumentSlug(ctx context.Context, tx *sql.Tx, d *portal.Document) (string, error) {
	words := strings.Fields(d.Abstract)
	base := viet.Slug(d.Number + " " + strings.Join(words[:min(len(words), 10)], " "))
	if len(base) > 100 {
		base = strings.TrimRight(base[:100], "-")
	}
	if base == "" {
		base = "van-ban"
	}
	return freeSlugOf(base, func(slug string) (bool, error) {
		return counted(ctx, tx, `SELECT COUNT(*) FROM documents WHERE slug = $1`, slug)
	}, "number", "văn bản này")
}

// insertDocumentFiles adds the files of d that have no id yet, after those
// it has.
func insertDocumentFiles(ctx context.Context, tx *sql.Tx, d *portal.Document, now time.Time) error {
	var next int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) FROM document_files WHERE document_id = $1`,
		d.ID).Scan(&next); err != nil {
		return err
	}
	for i := range d.Files {
		f := &d.Files[i]
		if f.ID != 0 {
			continue
		}
		next++
		f.DocumentID, f.Position = d.ID, next
		err := tx.QueryRowContext(ctx, `INSERT INTO document_files (document_id, file, name, mime, size, position,
			created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			f.DocumentID, f.File, viet.NFC(f.Name), f.MIME, f.Size, f.Position, now).Scan(&f.ID)
		if err != nil {
			return err
		}
	}
	return nil
}

// RemoveDocumentFile takes a file off a document and returns it.
func (s *DB) RemoveDocumentFile(ctx context.Context, who portal.Actor, documentID, fileID int64) (*portal.DocumentFile, error) {
	var f portal.DocumentFile
	c := &change{action: "document.file.remove", object: documentObject(documentID), public: true}
	err := s.write(ctx, who, c, func(tx *sql.Tx) error {
		err := scanDocumentFile(tx.QueryRowContext(ctx, `DELETE FROM document_files WHERE id = $1 AND document_id = $2
			RETURNING id, document_id, file, name, mime, size, position`, fileID, documentID), &f)
		c.detail = f.Name
		return notFound(err, "tệp")
	})
	return &f, err
}

// SetDocumentPublished shows a document to readers or takes it down.
func (s *DB) SetDocumentPublished(ctx context.Context, who portal.Actor, id int64, published bool) error {
	c := &change{action: "document.unpublish", object: documentObject(id), public: true}
	if published {
		c.action = "document.publish"
	}
	return s.write(ctx, who, c, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE documents SET published = $1, updated_at = $2 WHERE id = $3`,
			published, s.now(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return portal.Errorf(portal.ENOTFOUND, "Không tìm thấy văn bản.")
		}
		return tx.QueryRowContext(ctx, `SELECT number FROM documents WHERE id = $1`, id).Scan(&c.detail)
	})
}
