package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"cong/internal/portal"
	"cong/internal/render"
	"cong/internal/viet"
)

// SearchPage is the search form and, for a query, a page of its results.
type SearchPage struct {
	Base
	Form       SearchForm
	Categories []CategoryOption
	Message    string // what is wrong with the query, for the reader
	Searched   bool   // a search ran: show its count and results
	Count      string // "Tìm thấy 1.234 bài viết"
	Hits       []SearchHit
	Pager      SearchPager
}

// SearchForm is the query as typed, shown back in the form.
type SearchForm struct {
	Q, Category, From, To string
}

// CategoryOption is a category in the search form's list.
type CategoryOption struct {
	Slug, Label string
	Selected    bool
}

// SearchHit is one result, its title and snippet with the words found in
// <mark>.
type SearchHit struct {
	URL       string
	Title     template.HTML
	Snippet   template.HTML
	Category  string
	Published time.Time
}

// SearchPager links the pages of results, keeping the query.
type SearchPager struct {
	Page, Pages      int
	PrevURL, NextURL string
}

// showSearch serves /tim-kiem?q=…&chuyen-muc=…&tu=…&den=…&trang=…. Results
// are not cached: queries are too many to keep, and a search's cost is
// bounded by the store.
func (h *Handler) showSearch(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Search == nil {
		return errNotFound
	}
	values := r.URL.Query()
	page, ok := pageNumber(values["trang"])
	if !ok {
		return errNotFound
	}
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	form := SearchForm{Q: strings.TrimSpace(values.Get("q")), Category: values.Get("chuyen-muc"),
		From: strings.TrimSpace(values.Get("tu")), To: strings.TrimSpace(values.Get("den"))}
	data := SearchPage{Base: s.base(""), Form: form, Categories: categoryOptions(s.tree, form.Category)}
	data.Description = "Tìm kiếm tin tức, bài viết trên " + s.info.Name + " theo từ khóa, chuyên mục và thời gian."
	status := http.StatusOK
	switch q, msg := h.searchQuery(s, form, page); {
	case form.Q == "":
		// The form and tips, nothing searched.
	case msg != "":
		data.Message, status = msg, http.StatusBadRequest
	case !hasWord(form.Q):
		data.Message = "Từ khóa cần có ít nhất một chữ hoặc chữ số."
	default:
		res, err := h.svc.Search.Search(r.Context(), q)
		switch {
		case portal.ErrorCode(err) == portal.EINVALID:
			data.Message, status = portal.ErrorMessage(err), http.StatusBadRequest
		case isDown(h.fault(err)):
			h.log.Warn("search unavailable", "err", err)
			data.Message, status = "Chức năng tìm kiếm tạm thời không dùng được vì hệ thống đang gián đoạn. "+
				"Xin thử lại sau ít phút.", http.StatusServiceUnavailable
		case err != nil:
			return err
		case page > res.Pages():
			return errNotFound
		default:
			h.fillResults(&data, s, res, page)
		}
	}
	p, err := h.render.Render("search", data)
	if err != nil {
		return err
	}
	h.writePage(w, r, p, status)
	return nil
}

// searchQuery checks the form; msg says what is wrong for the reader.
func (h *Handler) searchQuery(s *site, form SearchForm, page int) (q portal.SearchQuery, msg string) {
	q = portal.SearchQuery{Text: form.Q, Page: page, CategoryIDs: h.readerFilter(s).CategoryIDs}
	if utf8.RuneCountInString(form.Q) > portal.SearchMaxQuery {
		return q, "Từ khóa tìm kiếm dài quá " + strconv.Itoa(portal.SearchMaxQuery) + " ký tự, xin rút gọn lại."
	}
	if form.Category != "" {
		c := s.tree.BySlug(form.Category)
		if c == nil || !s.tree.Shown(c.ID) {
			return q, "Không có chuyên mục này, xin chọn chuyên mục khác."
		}
		q.CategoryIDs = s.tree.Subtree(c.ID)
	}
	var err error
	if form.From != "" {
		if q.From, err = viet.ParseDate(form.From); err != nil {
			return q, "Ngày bắt đầu không hợp lệ, xin nhập theo dạng ngày/tháng/năm, ví dụ 30/12/2020."
		}
	}
	if form.To != "" {
		if q.To, err = viet.ParseDate(form.To); err != nil {
			return q, "Ngày kết thúc không hợp lệ, xin nhập theo dạng ngày/tháng/năm, ví dụ 30/12/2020."
		}
		q.To = q.To.AddDate(0, 0, 1) // the whole of that day
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		return q, "Ngày bắt đầu phải trước ngày kết thúc."
	}
	return q, ""
}

// hasWord reports whether s holds a letter or digit, which every word has.
func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0
}

func (h *Handler) fillResults(data *SearchPage, s *site, res *portal.SearchResults, page int) {
	data.Searched = true
	data.Count = "Tìm thấy " + viet.Number(int64(res.Total)) + " bài viết"
	if res.More {
		data.Count = "Tìm thấy hơn " + viet.Number(int64(res.Total)) + " bài viết; xếp theo độ phù hợp trong " +
			viet.Number(int64(res.Total)) + " bài mới nhất. Thêm từ khóa hoặc chọn chuyên mục để thu hẹp kết quả"
	}
	for _, hit := range res.Hits {
		a := hit.Article
		sh := SearchHit{URL: a.URL(), Title: marked(hit.Title), Snippet: marked(hit.Snippet), Published: a.PublishedAt}
		if c := s.tree.ByID(a.CategoryID); c != nil {
			sh.Category = c.Name
		}
		data.Hits = append(data.Hits, sh)
	}
	data.Pager = SearchPager{Page: page, Pages: res.Pages()}
	if page > 1 {
		data.Pager.PrevURL = data.Form.url(page - 1)
	}
	if page < data.Pager.Pages {
		data.Pager.NextURL = data.Form.url(page + 1)
	}
}

// url is the address of page n of the form's results.
func (f SearchForm) url(n int) string {
	v := url.Values{"q": {f.Q}}
	for k, s := range map[string]string{"chuyen-muc": f.Category, "tu": f.From, "den": f.To} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if n > 1 {
		v.Set("trang", strconv.Itoa(n))
	}
	return "/tim-kiem?" + v.Encode()
}

// marked escapes m's text and wraps its marked ranges in <mark>.
func marked(m portal.Marked) template.HTML {
	var b strings.Builder
	last := 0
	for _, r := range m.Marks {
		if r[0] < last || r[1] <= r[0] || r[1] > len(m.Text) {
			continue // not in order: leave it unmarked rather than garble the text
		}
		b.WriteString(template.HTMLEscapeString(m.Text[last:r[0]]))
		b.WriteString("<mark>" + template.HTMLEscapeString(m.Text[r[0]:r[1]]) + "</mark>")
		last = r[1]
	}
	b.WriteString(template.HTMLEscapeString(m.Text[last:]))
	return template.HTML(b.String())
}

// categoryOptions lists the categories readers see, each under its parent,
// indented by depth.
func categoryOptions(t *portal.CategoryTree, selected string) []CategoryOption {
	var out []CategoryOption
	var walk func(parent int64, depth int)
	walk = func(parent int64, depth int) {
		for _, c := range t.Children(parent) {
			out = append(out, CategoryOption{Slug: c.Slug, Label: strings.Repeat("— ", depth) + c.Name,
				Selected: c.Slug == selected})
			if depth < 8 {
				walk(c.ID, depth+1)
			}
		}
	}
	walk(0, 0)
	return out
}

// writePage writes a page built for this request alone, with its status,
// counting the visitor as every reader page does.
func (h *Handler) writePage(w http.ResponseWriter, r *http.Request, p *render.Page, status int) {
	now := h.now()
	h.identify(w, r, now)
	values := h.counterValues(now)
	hdr := w.Header()
	hdr["Content-Type"] = htmlType
	hdr["Cache-Control"] = noCache
	if h.cfg.SharedTTL > 0 {
		hdr.Set("Cache-Control", "private, no-cache") // made for this request: never for a shared cache
	}
	p.Write(w, status, &values)
}
