package portal

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Document is an entry of the legal-document register ("Văn bản"): a
// resolution, directive, decision, plan… with its number and symbol, who
// issued and signed it, when, and the files of its text. Readers see only
// published documents.
type Document struct {
	ID     int64
	Number string // number and symbol, e.g. "15-NQ/TU"
	Slug   string // made once from the number and abstract, then kept
	TypeID int64
	BodyID int64
	// FieldID is the field the document belongs to; 0: none stated.
	FieldID int64
	Signer  string
	// IssuedOn and EffectiveOn are calendar days, at midnight in Vietnam;
	// EffectiveOn is zero when the document does not state one.
	IssuedOn    time.Time
	EffectiveOn time.Time
	Abstract    string // trích yếu, plain text
	Published   bool
	Files       []DocumentFile
	CreatedAt   time.Time
	UpdatedAt   time.Time

	// Names of the lookup values, and the type's slug, filled when read.
	Type, Body, Field string
	TypeSlug          string
}

// DocumentFile is one file of a document's text: a PDF, DOC or DOCX checked
// by content. File is its path in the media storage, named by the server.
type DocumentFile struct {
	ID         int64
	DocumentID int64
	File       string
	Name       string // the name it was uploaded with, for staff
	MIME       string
	Size       int64
	Position   int
}

// Kind is what people call the file's format.
func (f *DocumentFile) Kind() string {
	switch f.MIME {
	case "application/pdf":
		return "PDF"
	case "application/msword":
		return "DOC"
	}
	return "DOCX"
}

// DocumentTerm is one value of a lookup list: a type, an issuing body or a
// field. Slug names it in the addresses of the public register.
type DocumentTerm struct {
	ID       int64
	Name     string
	Slug     string
	Position int
}

// The kinds of DocumentTerm, as the back office names them.
const (
	TermType  = "type"
	TermBody  = "body"
	TermField = "field"
)

// Validate checks a term an administrator adds or renames.
func (t *DocumentTerm) Validate() error { return validateEntry(&t.Name, t.Position) }

// DocumentTerms are the lookup lists documents are classified by.
type DocumentTerms struct {
	Types, Bodies, Fields []DocumentTerm
}

// Limits of a document's fields.
const (
	MaxDocumentNumber   = 50
	MaxDocumentSigner   = 100
	MaxDocumentAbstract = 2000
	// DocumentPageSize is how many documents one page of the register lists.
	DocumentPageSize = 20
)

// URL is the document's page.
func (d *Document) URL() string { return "/van-ban/" + d.Slug }

// FileURL is where readers download file f of d.
func (d *Document) FileURL(f DocumentFile) string {
	return d.URL() + "/tep/" + strconv.FormatInt(f.ID, 10)
}

// Validate checks and tidies a document before it is saved.
func (d *Document) Validate() error {
	d.Number = strings.TrimSpace(d.Number)
	d.Signer = strings.TrimSpace(d.Signer)
	d.Abstract = strings.TrimSpace(d.Abstract)
	switch {
	case d.Number == "":
		return Invalid("number", "Xin nhập số, ký hiệu văn bản.")
	case utf8.RuneCountInString(d.Number) > MaxDocumentNumber:
		return Invalid("number", "Số, ký hiệu dài quá 50 ký tự.")
	case HasControl(d.Number) || strings.ContainsAny(d.Number, "\t\r\n"):
		return Invalid("number", "Số, ký hiệu có ký tự không hợp lệ.")
	case d.TypeID <= 0:
		return Invalid("type", "Xin chọn loại văn bản.")
	case d.BodyID <= 0:
		return Invalid("body", "Xin chọn cơ quan ban hành.")
	case d.FieldID < 0:
		return Invalid("field", "Lĩnh vực không hợp lệ.")
	case utf8.RuneCountInString(d.Signer) > MaxDocumentSigner:
		return Invalid("signer", "Người ký dài quá 100 ký tự.")
	case HasControl(d.Signer) || strings.ContainsAny(d.Signer, "\t\r\n"):
		return Invalid("signer", "Người ký có ký tự không hợp lệ.")
	case d.IssuedOn.IsZero():
		return Invalid("issued_on", "Xin nhập ngày ban hành (ngày/tháng/năm).")
	case !d.EffectiveOn.IsZero() && d.EffectiveOn.Before(d.IssuedOn):
		return Invalid("effective_on", "Ngày có hiệu lực không thể trước ngày ban hành.")
	case d.Abstract == "":
		return Invalid("abstract", "Xin nhập trích yếu nội dung.")
	case utf8.RuneCountInString(d.Abstract) > MaxDocumentAbstract:
		return Invalid("abstract", "Trích yếu dài quá 2000 ký tự.")
	case HasControl(d.Abstract):
		return Invalid("abstract", "Trích yếu có ký tự không hợp lệ.")
	}
	return nil
}

// CanEditDocument reports whether u may change d: those who publish
// documents always, those who write them only while it is unpublished.
func (u *User) CanEditDocument(d *Document) bool {
	return u.CanPublishDocuments() || u.May(WriteDocuments) && !d.Published
}

// CanPublishDocuments reports whether u may publish or take down documents.
func (u *User) CanPublishDocuments() bool { return u.May(PublishDocuments) }

// DocumentFilter selects documents of the register, newest issued first.
// Lookup values are named by slug, as in the public addresses.
type DocumentFilter struct {
	Type, Body, Field string
	Year              int
	Query             string // words, every one required, tone marks ignored
	// All includes unpublished documents (the back office).
	All  bool
	Page int // from 1
}

// FacetCount is how many documents a lookup value or a year has under the
// current filter (its own facet left out, so alternatives stay countable).
type FacetCount struct {
	Name, Slug string
	Year       int
	Count      int
	Selected   bool
}

// DocumentList is a page of the register with its facets.
type DocumentList struct {
	Documents []Document
	Total     int
	Types     []FacetCount
	Bodies    []FacetCount
	Fields    []FacetCount
	Years     []FacetCount
}

// ParseDocumentRefs reads the "Văn bản liên quan" field: one document a
// line, by number and symbol or by id. Blank lines are skipped, repeats
// dropped.
func ParseDocumentRefs(s string) ([]string, error) {
	var refs []string
	seen := map[string]bool{}
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || seen[line]:
			continue
		case utf8.RuneCountInString(line) > MaxDocumentNumber || HasControl(line):
			return nil, Invalid("documents", "Dòng “"+truncate(line, 60)+"” không phải số, ký hiệu văn bản.")
		}
		seen[line] = true
		refs = append(refs, line)
	}
	if len(refs) > 20 {
		return nil, Invalid("documents", "Mỗi bài viết liên kết tối đa 20 văn bản.")
	}
	return refs, nil
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// DocumentReader is what the public site reads of the register.
type DocumentReader interface {
	DocumentTerms(ctx context.Context) (*DocumentTerms, error)
	// Documents lists a page of documents with facet counts.
	Documents(ctx context.Context, f DocumentFilter) (*DocumentList, error)
	// DocumentBySlug returns a document with its files, published or not.
	DocumentBySlug(ctx context.Context, slug string) (*Document, error)
	// ArticleDocuments lists the published documents an article links to.
	ArticleDocuments(ctx context.Context, articleID int64) ([]Document, error)
	// DocumentArticles lists the published articles that link to a
	// document, newest first; readers' checks (time, category) still apply.
	DocumentArticles(ctx context.Context, documentID int64, limit int) ([]Article, error)
}

// DocumentService keeps the register.
type DocumentService interface {
	DocumentReader
	// SaveDocumentTerm adds a term of kind (TermType, TermBody, TermField),
	// or renames or moves the one t.ID names; its slug, in readers'
	// addresses, stays.
	SaveDocumentTerm(ctx context.Context, who Actor, kind string, t *DocumentTerm) error
	Document(ctx context.Context, id int64) (*Document, error)
	// CreateDocument saves d with its files, in one transaction.
	CreateDocument(ctx context.Context, who Actor, d *Document) error
	// UpdateDocument saves d's fields and adds the files of d.Files that
	// have no id yet.
	UpdateDocument(ctx context.Context, who Actor, d *Document) error
	// RemoveDocumentFile takes a file off a document and returns it, so its
	// stored file can be removed.
	RemoveDocumentFile(ctx context.Context, who Actor, documentID, fileID int64) (*DocumentFile, error)
	SetDocumentPublished(ctx context.Context, who Actor, id int64, published bool) error
	// ResolveDocuments finds the documents refs name (numbers or ids), in
	// order; an unknown or ambiguous ref is EINVALID on field "documents".
	ResolveDocuments(ctx context.Context, refs []string) ([]Document, error)
	// SetArticleDocuments replaces the documents an article links to.
	SetArticleDocuments(ctx context.Context, who Actor, articleID int64, documentIDs []int64) error
	// LinkedDocuments lists the documents an article links to, published or not.
	LinkedDocuments(ctx context.Context, articleID int64) ([]Document, error)
}
