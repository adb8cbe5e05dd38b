package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"cong/internal/portal"
)

func init() {
	funcs["facet"] = func(id, name, label, all string, values []portal.FacetCount) DocumentFacet {
		return DocumentFacet{ID: id, Name: name, Label: label, All: all, Values: values}
	}
	funcs["fileSize"] = fileSize
}

// DocumentFacet is one select of the register's filter form.
type DocumentFacet struct {
	ID, Name, Label, All string
	Values               []portal.FacetCount
}

// fileSize writes a size as people read it: "85 KB", "1,4 MB".
func fileSize(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt((n+1023)/1024, 10) + " KB"
	}
	return strings.Replace(strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64), ".", ",", 1) + " MB"
}

// DocumentsPage is the public register: the filter form with facet counts,
// a page of documents, newest issued first.
type DocumentsPage struct {
	Base
	Form    DocumentsForm
	List    *portal.DocumentList
	Message string // what is wrong with the query, for the reader
	Pager   SearchPager
}

// DocumentsForm is the filter as the reader set it, in the address's terms.
type DocumentsForm struct {
	Q, Type, Body, Field, Year string
}

// Filtered reports whether anything narrows the list.
func (f DocumentsForm) Filtered() bool { return f != DocumentsForm{} }

// url is the address of page n of the register under f.
func (f DocumentsForm) url(n int) string {
	v := url.Values{}
	for k, s := range map[string]string{"q": f.Q, "loai": f.Type, "co-quan": f.Body, "linh-vuc": f.Field, "nam": f.Year} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if n > 1 {
		v.Set("trang", strconv.Itoa(n))
	}
	if len(v) == 0 {
		return "/van-ban"
	}
	return "/van-ban?" + v.Encode()
}

// DocumentPage is one document of the register.
type DocumentPage struct {
	Base
	Document *portal.Document
	Articles []portal.Article
}

// showDocuments serves /van-ban?q=…&loai=…&co-quan=…&linh-vuc=…&nam=…&trang=….
// Facet choices are few and cached like other pages under their canonical
// address; word queries are too many to keep, as in search.
func (h *Handler) showDocuments(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Documents == nil {
		return errNotFound
	}
	values := r.URL.Query()
	page, ok := pageNumber(values["trang"])
	if !ok {
		return errNotFound
	}
	form := DocumentsForm{Q: strings.TrimSpace(values.Get("q")), Type: values.Get("loai"), Body: values.Get("co-quan"),
		Field: values.Get("linh-vuc"), Year: values.Get("nam")}
	f, msg := documentFilter(form, page)
	if form.Q != "" || msg != "" {
		return h.documentsPage(w, r, form, f, msg)
	}
	return h.cached(w, r, form.url(page), func(r *http.Request, s *site) (*entry, error) {
		data, err := h.documentsData(r, s, form, f, page)
		if err != nil {
			return nil, err
		}
		p, err := h.render.Render("documents", data)
		return &entry{page: p}, err
	})
}

// documentsPage renders the register for this request alone: a word query,
// or a filter the reader must correct (400, the form kept).
func (h *Handler) documentsPage(w http.ResponseWriter, r *http.Request, form DocumentsForm, f portal.DocumentFilter, msg string) error {
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	status := http.StatusOK
	if msg != "" {
		status, f = http.StatusBadRequest, portal.DocumentFilter{}
	}
	data, err := h.documentsData(r, s, form, f, max(f.Page, 1))
	if err != nil {
		return err
	}
	data.Message = msg
	p, err := h.render.Render("documents", data)
	if err != nil {
		return err
	}
	h.writePage(w, r, p, status)
	return nil
}

func (h *Handler) documentsData(r *http.Request, s *site, form DocumentsForm, f portal.DocumentFilter, page int) (*DocumentsPage, error) {
	list, err := h.svc.Documents.Documents(r.Context(), f)
	if err != nil {
		return nil, err
	}
	pages := max(1, (list.Total+portal.DocumentPageSize-1)/portal.DocumentPageSize)
	if page > pages {
		return nil, errNotFound
	}
	data := &DocumentsPage{Base: s.base("van-ban"), Form: form, List: list, Pager: SearchPager{Page: page, Pages: pages}}
	if page > 1 {
		data.Pager.PrevURL = form.url(page - 1)
	}
	if page < pages {
		data.Pager.NextURL = form.url(page + 1)
	}
	data.Canonical = form.url(page)
	data.Description = "Tra cứu văn bản của " + s.info.Name + ": nghị quyết, quyết định, chỉ thị, kế hoạch, thông báo theo số ký hiệu, loại, cơ quan ban hành, lĩnh vực và năm." + pageSuffix(page)
	return data, nil
}

// documentFilter checks the form; msg says what is wrong for the reader.
// A lookup value that does not exist simply finds nothing.
func documentFilter(form DocumentsForm, page int) (f portal.DocumentFilter, msg string) {
	f = portal.DocumentFilter{Query: form.Q, Type: form.Type, Body: form.Body, Field: form.Field, Page: page}
	for _, slug := range []string{form.Type, form.Body, form.Field} {
		if slug != "" && !portal.IsSlug(slug) {
			return f, "Bộ lọc không hợp lệ, xin chọn lại."
		}
	}
	if utf8.RuneCountInString(form.Q) > 200 || portal.HasControl(form.Q) {
		return f, "Từ khóa quá dài hoặc có ký tự không hợp lệ."
	}
	if form.Year != "" {
		y, err := strconv.Atoi(form.Year)
		if err != nil || y < 1945 || y > 2200 {
			return f, "Năm ban hành không hợp lệ."
		}
		f.Year = y
	}
	return f, ""
}

// showDocument is a document's page. Unpublished documents do not exist
// for readers.
func (h *Handler) showDocument(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if h.svc.Documents == nil || !portal.IsSlug(slug) {
		return errNotFound
	}
	return h.cached(w, r, r.URL.Path, func(r *http.Request, s *site) (*entry, error) {
		d, err := h.readerDocument(r, slug)
		if err != nil {
			return nil, err
		}
		linked, err := h.svc.Documents.DocumentArticles(r.Context(), d.ID, 20)
		if err != nil {
			return nil, err
		}
		data := DocumentPage{Base: s.base("van-ban"), Document: d}
		for _, a := range linked {
			if cat := s.tree.ByID(a.CategoryID); a.Visible(h.now()) && cat != nil && s.tree.Shown(cat.ID) {
				data.Articles = append(data.Articles, a)
			}
		}
		data.Canonical, data.Description = d.URL(), d.Number+": "+d.Abstract
		p, err := h.render.Render("document", data)
		return &entry{page: p}, err
	})
}

// readerDocument returns the published document with slug.
func (h *Handler) readerDocument(r *http.Request, slug string) (*portal.Document, error) {
	d, err := h.svc.Documents.DocumentBySlug(r.Context(), slug)
	if portal.ErrorCode(err) == portal.ENOTFOUND || err == nil && !d.Published {
		return nil, errNotFound
	}
	return d, err
}
