package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// maxDocumentFiles is how many files one save of a document takes; its body
// cap is in limits.go.
const maxDocumentFiles = 5

// DocumentsPage lists the register for staff, unpublished documents too.
type DocumentsPage struct {
	Base
	Query, Type, Year string
	Page              int
	PrevURL, NextURL  string
	List              *portal.DocumentList
	Terms             *portal.DocumentTerms
}

// DocumentPage is the form of one document.
type DocumentPage struct {
	Base
	Document   *portal.Document
	Form       DocumentDates // the dates as typed
	Terms      *portal.DocumentTerms
	Errors     map[string]string
	IsNew      bool
	CanEdit    bool
	CanPublish bool
}

// DocumentDates are a document form's dates as staff typed them.
type DocumentDates struct{ IssuedOn, EffectiveOn string }

func documentURL(id int64) string { return Prefix + "/van-ban/" + strconv.FormatInt(id, 10) }

func documentObject(id int64) string { return "document:" + itoa(id) }

func (h *Handler) showDocuments(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	data := &DocumentsPage{Query: strings.TrimSpace(v.Get("q")), Type: v.Get("loai"), Year: v.Get("nam")}
	data.Page, _ = strconv.Atoi(v.Get("trang"))
	data.Page = min(max(data.Page, 1), 10000)
	if len(data.Query) > 200 {
		data.Query = data.Query[:200]
	}
	f := portal.DocumentFilter{Query: data.Query, Type: data.Type, All: true, Page: data.Page}
	f.Year, _ = strconv.Atoi(data.Year)
	var err error
	if data.Base, err = h.base(r, "Văn bản"); err != nil {
		return err
	}
	if data.List, err = h.store.Documents(r.Context(), f); err != nil {
		return err
	}
	if data.Terms, err = h.store.DocumentTerms(r.Context()); err != nil {
		return err
	}
	at := func(n int) string {
		return Prefix + "/van-ban?" + url.Values{"q": {data.Query}, "loai": {data.Type}, "nam": {data.Year},
			"trang": {strconv.Itoa(n)}}.Encode()
	}
	if data.Page > 1 {
		data.PrevURL = at(data.Page - 1)
	}
	if data.Page*portal.DocumentPageSize < data.List.Total {
		data.NextURL = at(data.Page + 1)
	}
	return h.page(w, r, http.StatusOK, "documents", data)
}

func (h *Handler) showNewDocument(w http.ResponseWriter, r *http.Request) error {
	return h.documentForm(w, r, http.StatusOK, &portal.Document{}, DocumentDates{}, nil)
}

// documentForm renders the form for d, with errors next to their fields.
func (h *Handler) documentForm(w http.ResponseWriter, r *http.Request, status int, d *portal.Document, dates DocumentDates, err error) error {
	u := userOf(r)
	title := "Thêm văn bản"
	if d.ID != 0 {
		title = "Văn bản " + d.Number
	}
	b, berr := h.base(r, title)
	if berr != nil {
		return berr
	}
	terms, terr := h.store.DocumentTerms(r.Context())
	if terr != nil {
		return terr
	}
	data := &DocumentPage{Base: b, Document: d, Form: dates, Terms: terms, Errors: fieldErrors(err), IsNew: d.ID == 0,
		CanEdit: d.ID == 0 || u.CanEditDocument(d), CanPublish: d.ID != 0 && u.CanPublishDocuments()}
	return h.page(w, r, status, "document", data)
}

// loadDocument reads the document of the {id} path value.
func (h *Handler) loadDocument(r *http.Request) (*portal.Document, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	d, err := h.store.Document(r.Context(), id)
	if portal.ErrorCode(err) == portal.ENOTFOUND {
		return nil, errNotFound
	}
	return d, err
}

func (h *Handler) showDocument(w http.ResponseWriter, r *http.Request) error {
	d, err := h.loadDocument(r)
	if err != nil {
		return err
	}
	return h.documentForm(w, r, http.StatusOK, d, DocumentDates{IssuedOn: dayInput(d.IssuedOn), EffectiveOn: dayInput(d.EffectiveOn)}, nil)
}

func (h *Handler) createDocument(w http.ResponseWriter, r *http.Request) error {
	d := &portal.Document{}
	return h.saveDocumentForm(w, r, d, h.store.CreateDocument)
}

func (h *Handler) saveDocument(w http.ResponseWriter, r *http.Request) error {
	d, err := h.loadDocument(r)
	if err != nil {
		return err
	}
	if !userOf(r).CanEditDocument(d) {
		return errForbidden
	}
	return h.saveDocumentForm(w, r, d, h.store.UpdateDocument)
}

// saveDocumentForm reads the form onto d, checks it, stores the files sent
// with it and saves: a refusal at any step shows the form again with what
// was typed, and leaves no file behind.
func (h *Handler) saveDocumentForm(w http.ResponseWriter, r *http.Request, d *portal.Document,
	save func(context.Context, portal.Actor, *portal.Document) error) error {
	if err := parseUpload(r, 8<<20); err != nil {
		return h.documentForm(w, r, uploadStatus(err), d, DocumentDates{},
			portal.Invalid("files", "Tệp quá lớn (tối đa 20 MB mỗi tệp, 5 tệp mỗi lần) hoặc gửi lên không trọn vẹn."))
	}
	dates := readDocumentForm(r, d)
	err := parseDocumentDates(d, dates)
	if err == nil {
		err = d.Validate()
	}
	var stored []string
	if err == nil {
		stored, err = h.storeDocumentFiles(r, d)
	}
	if err == nil {
		err = save(r.Context(), h.actor(r), d)
	}
	if err != nil {
		h.media.RemoveStored(r.Context(), stored)
		d.Files = savedFiles(d.Files)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.documentForm(w, r, http.StatusBadRequest, d, dates, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, documentURL(d.ID), flashSaved)
	return nil
}

// readDocumentForm copies the fields staff may set onto d; publication,
// slug and files never come from these fields.
func readDocumentForm(r *http.Request, d *portal.Document) DocumentDates {
	f := r.PostForm
	d.Number, d.Signer, d.Abstract = f.Get("number"), f.Get("signer"), f.Get("abstract")
	d.TypeID, _ = strconv.ParseInt(f.Get("type"), 10, 64)
	d.BodyID, _ = strconv.ParseInt(f.Get("body"), 10, 64)
	d.FieldID, _ = strconv.ParseInt(f.Get("field"), 10, 64)
	return DocumentDates{IssuedOn: strings.TrimSpace(f.Get("issued_on")), EffectiveOn: strings.TrimSpace(f.Get("effective_on"))}
}

// parseDocumentDates reads the dates, typed dd/mm/yyyy.
func parseDocumentDates(d *portal.Document, dates DocumentDates) error {
	d.IssuedOn, d.EffectiveOn = timeZero, timeZero
	if dates.IssuedOn != "" {
		t, err := viet.ParseDate(dates.IssuedOn)
		if err != nil {
			return portal.Invalid("issued_on", "Ngày ban hành không hợp lệ (ngày/tháng/năm).")
		}
		d.IssuedOn = t
	}
	if dates.EffectiveOn != "" {
		t, err := viet.ParseDate(dates.EffectiveOn)
		if err != nil {
			return portal.Invalid("effective_on", "Ngày có hiệu lực không hợp lệ (ngày/tháng/năm).")
		}
		d.EffectiveOn = t
	}
	return nil
}

// dayInput shows a calendar day in the form, dd/mm/yyyy; empty for none.
func dayInput(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return viet.Date(t)
}

// publishDocument shows a document to readers or takes it down.
func (h *Handler) publishDocument(w http.ResponseWriter, r *http.Request) error {
	d, err := h.loadDocument(r)
	if err != nil {
		return err
	}
	publish := r.PostFormValue("action") == "publish"
	if err := h.store.SetDocumentPublished(r.Context(), h.actor(r), d.ID, publish); err != nil {
		return err
	}
	redirect(w, r, documentURL(d.ID), flashSaved)
	return nil
}

var timeZero time.Time
