package admin

import (
	"net/http"
	"strconv"

	"cong/internal/portal"
)

// DocumentTermsPage manages the lists documents are classified by: types,
// issuing bodies and fields.
type DocumentTermsPage struct {
	Base
	Lists  []TermList
	Kind   string // the list Form and Errors belong to
	Form   portal.DocumentTerm
	Errors map[string]string
}

// TermList is one list of the page.
type TermList struct {
	Kind, Title, Label string
	Terms              []portal.DocumentTerm
}

func (h *Handler) showDocumentTerms(w http.ResponseWriter, r *http.Request) error {
	return h.documentTermsPage(w, r, http.StatusOK, "", portal.DocumentTerm{}, nil)
}

func (h *Handler) documentTermsPage(w http.ResponseWriter, r *http.Request, status int, kind string, form portal.DocumentTerm, err error) error {
	b, berr := h.base(r, "Danh mục văn bản")
	if berr != nil {
		return berr
	}
	terms, terr := h.store.DocumentTerms(r.Context())
	if terr != nil {
		return terr
	}
	data := &DocumentTermsPage{Base: b, Kind: kind, Form: form, Errors: fieldErrors(err), Lists: []TermList{
		{portal.TermType, "Loại văn bản", "loại văn bản", terms.Types},
		{portal.TermBody, "Cơ quan ban hành", "cơ quan ban hành", terms.Bodies},
		{portal.TermField, "Lĩnh vực", "lĩnh vực", terms.Fields},
	}}
	return h.page(w, r, status, "document-terms", data)
}

// saveDocumentTerm adds or renames a type, issuing body or field.
func (h *Handler) saveDocumentTerm(w http.ResponseWriter, r *http.Request) error {
	kind := r.PostFormValue("kind")
	t := portal.DocumentTerm{Name: r.PostFormValue("name")}
	t.ID, _ = strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	var err error
	if p := r.PostFormValue("position"); p != "" {
		if t.Position, err = strconv.Atoi(p); err != nil {
			err = portal.Invalid("position", "Thứ tự là một số từ 0 đến 9999.")
		}
	}
	if err == nil {
		err = h.store.SaveDocumentTerm(r.Context(), h.actor(r), kind, &t)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.documentTermsPage(w, r, http.StatusBadRequest, kind, t, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, Prefix+"/van-ban/danh-muc", flashSaved)
	return nil
}
