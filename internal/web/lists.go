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

// listNames names a list page from its first articles: its heading and its
// meta description; an error such as errNotFound refuses the page.
type listNames func(r *http.Request, s *site, list []portal.Article) (heading, description string, err error)

// showList serves a paged list of the articles f selects.
func (h *Handler) showList(w http.ResponseWriter, r *http.Request, path string, f portal.ArticleFilter, names listNames) error {
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
		data := ListPage{Base: s.base(""), Articles: list, Pager: pager(path, page, pages)}
		if data.Heading, data.Description, err = names(r, s, list); err != nil {
			return nil, err
		}
		data.Description += pageSuffix(page)
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

// showTag lists the articles with a tag, under the tag's name as the
// articles hold it ("lễ hội", not "le-hoi"). A tag no article readers see
// carries does not exist.
func (h *Handler) showTag(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("tag")
	if !portal.IsSlug(slug) {
		return errNotFound
	}
	f := portal.ReaderFilter(h.now())
	f.TagSlugs = []string{slug}
	return h.showList(w, r, "/tu-khoa/"+slug, f, func(r *http.Request, s *site, list []portal.Article) (string, string, error) {
		name, err := h.tagName(r, list, slug)
		if err != nil {
			return "", "", err
		}
		return "Từ khóa: " + name, "Các bài viết có từ khóa “" + name + "” trên " + s.info.Name + ".", nil
	})
}

// showAuthor lists the articles readers see under a pen name, newest
// first, named as their bylines name it. A pen name no article readers see
// carries has no page, so drafts never reveal one.
func (h *Handler) showAuthor(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if !portal.IsSlug(slug) {
		return errNotFound
	}
	f := portal.ReaderFilter(h.now())
	f.PenNameSlug = slug
	return h.showList(w, r, "/tac-gia/"+slug, f, func(r *http.Request, s *site, list []portal.Article) (string, string, error) {
		if len(list) == 0 {
			return "", "", errNotFound
		}
		name := list[0].Author
		return "Tác giả: " + name, "Các bài viết của tác giả “" + name + "” trên " + s.info.Name + ".", nil
	})
}

// tagName finds the name of the tag slug among the tags of the first
// article listed, which carries it.
func (h *Handler) tagName(r *http.Request, list []portal.Article, slug string) (string, error) {
	if len(list) == 0 {
		return "", errNotFound
	}
	a, err := h.svc.Articles.Article(r.Context(), list[0].ID)
	if err != nil {
		return "", err
	}
	for _, t := range a.Tags {
		if viet.Slug(t) == slug {
			return t, nil
		}
	}
	return slug, nil
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
	when := strconv.Itoa(month) + "/" + strconv.Itoa(year)
	return h.showList(w, r, path, f, func(r *http.Request, s *site, list []portal.Article) (string, string, error) {
		return "Lưu trữ tháng " + when, "Các bài viết đăng trong tháng " + when + " trên " + s.info.Name + ".", nil
	})
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
		data.Canonical = "/doc-nhieu"
		data.Description = "Các bài viết được đọc nhiều nhất trong tuần và từ trước đến nay trên " + s.info.Name + "."
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
