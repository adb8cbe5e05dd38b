package web

import (
	"net/http"
	"strconv"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// ListPage is a paged list of articles: a tag, an archive month.
type ListPage struct {
	Base
	Heading  string
	Intro    string
	Articles []portal.Article
	Pager    Pager
}

// showList serves a paged list of the articles f selects.
func (h *Handler) showList(w http.ResponseWriter, r *http.Request, path, heading string, f portal.ArticleFilter) error {
	page, ok := pageNumber(r.URL.Query()["trang"])
	if !ok {
		return errNotFound
	}
	key := path + "?trang=" + strconv.Itoa(page)
	return h.cached(w, r, key, func(r *http.Request, s *site) (*entry, error) {
		if f.CategoryIDs == nil {
			f.CategoryIDs = h.readerFilter(s).CategoryIDs
		}
		total, err := h.svc.Articles.CountArticles(r.Context(), f)
		if err != nil {
			return nil, err
		}
		pages := max((total+perPage-1)/perPage, 1)
		if page > pages || total == 0 && page > 1 {
			return nil, errNotFound
		}
		f.Limit, f.Offset = perPage, (page-1)*perPage
		list, err := h.svc.Articles.Articles(r.Context(), f)
		if err != nil {
			return nil, err
		}
		data := ListPage{Base: s.base(""), Heading: heading, Articles: list, Pager: pager(path, page, pages)}
		data.Canonical = data.Pager.URL(page)
		p, err := h.render.Render("list", data)
		return &entry{page: p}, err
	})
}

func pager(path string, page, pages int) Pager {
	p := Pager{Path: path, Page: page, Pages: pages}
	if page > 1 {
		p.Prev = page - 1
	}
	if page < pages {
		p.Next = page + 1
	}
	return p
}

// showTag lists the articles with a tag.
func (h *Handler) showTag(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("tag")
	if !portal.IsSlug(slug) {
		return errNotFound
	}
	f := portal.ReaderFilter(h.now())
	f.TagSlugs = []string{slug}
	return h.showList(w, r, "/tu-khoa/"+slug, "Từ khóa: "+slug, f)
}

// showArchive lists the articles of one month: /luu-tru/2020/12.
func (h *Handler) showArchive(w http.ResponseWriter, r *http.Request) error {
	year, err1 := strconv.Atoi(r.PathValue("year"))
	month, err2 := strconv.Atoi(r.PathValue("month"))
	if err1 != nil || err2 != nil || year < 1990 || year > 9999 || month < 1 || month > 12 ||
		len(r.PathValue("year")) != 4 || len(r.PathValue("month")) > 2 {
		return errNotFound
	}
	from := time.Date(year, time.Month(month), 1, 0, 0, 0, 0, viet.Location)
	if from.After(h.now()) {
		return errNotFound
	}
	to := from.AddDate(0, 1, 0)
	f := portal.ReaderFilter(h.now())
	f.PublishedFrom, f.PublishedBefore = &from, &to
	path := "/luu-tru/" + strconv.Itoa(year) + "/" + strconv.Itoa(month)
	return h.showList(w, r, path, "Lưu trữ tháng "+strconv.Itoa(month)+"/"+strconv.Itoa(year), f)
}

// PopularPage lists the most read articles.
type PopularPage struct {
	Base
	Week, All []portal.Article
}

// popularCount is how many articles each most-read list shows.
const popularCount = 10

// showMostRead lists the articles read most this week and in all.
func (h *Handler) showMostRead(w http.ResponseWriter, r *http.Request) error {
	return h.cached(w, r, "/doc-nhieu", func(r *http.Request, s *site) (*entry, error) {
		data := PopularPage{Base: s.base("")}
		var err error
		if data.Week, err = h.mostReadWeek(r, s); err != nil {
			return nil, err
		}
		f := h.readerFilter(s)
		f.MostRead, f.Limit = true, popularCount
		if data.All, err = h.svc.Articles.Articles(r.Context(), f); err != nil {
			return nil, err
		}
		p, err := h.render.Render("popular", data)
		return &entry{page: p}, err
	})
}

// mostReadWeek lists the articles of shown categories read most in the
// last seven days.
func (h *Handler) mostReadWeek(r *http.Request, s *site) ([]portal.Article, error) {
	if h.svc.Popular == nil {
		return nil, nil
	}
	now := h.now()
	list, err := h.svc.Popular.MostReadSince(r.Context(), viet.Day(now.AddDate(0, 0, -6)), now, 2*popularCount)
	out := list[:0]
	for _, a := range list {
		if s.tree.Shown(a.CategoryID) && len(out) < popularCount {
			out = append(out, a)
		}
	}
	return out, err
}
