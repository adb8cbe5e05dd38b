package web

import "net/http"

// SitemapPage is the sitemap for people: every category readers see, as a
// tree, and the fixed pages and feeds.
type SitemapPage struct {
	Base
	Categories []CategoryNode
	Pages      []Link
	Feeds      []Link
}

// CategoryNode is a category with its visible children.
type CategoryNode struct {
	Name, Slug string
	Children   []CategoryNode
}

// Link is a named address.
type Link struct {
	Name, Path string
}

// fixedPages are the site's pages that are no category, after the home
// page; the schedule and the map only where the site has them.
var (
	schedulePage = Link{"Lịch làm việc", "/lich-lam-viec"}
	mapPage      = Link{"Bản đồ hành chính", "/ban-do-hanh-chinh"}
	fixedPages   = []Link{{"Sơ đồ trang", "/so-do-trang"}}
)

// siteFeeds are the feeds of the whole site.
var siteFeeds = []Link{
	{"Tin mới (RSS)", "/rss"},
	{"Tin mới (Atom)", "/atom"},
}

// sections are the site's pages that are no category, after the home page:
// the introduction pages, the portal's own sections, the English pages.
func (h *Handler) sections(s *site) []Link {
	var out []Link
	for i := range s.intro {
		out = append(out, Link{s.intro[i].Title, pageURL(&s.intro[i])})
	}
	if h.svc.Documents != nil {
		out = append(out, Link{"Văn bản", "/van-ban"})
	}
	if h.svc.Questions != nil {
		out = append(out, Link{"Hỏi – Đáp", "/hoi-dap"}, Link{"Gửi câu hỏi", "/hoi-dap/gui-cau-hoi"})
	}
	if h.svc.Consultations != nil {
		out = append(out, Link{"Góp ý dự thảo", "/gop-y-du-thao"})
	}
	if h.svc.Threads != nil {
		out = append(out, Link{"Dòng sự kiện", threadsPath}, Link{"Chuyên đề", collectionsPath})
	}
	if h.svc.Schedule != nil {
		out = append(out, schedulePage)
	}
	if h.hasMap(s) {
		out = append(out, mapPage)
	}
	out = append(out, fixedPages...)
	for i := range s.introEN {
		out = append(out, Link{s.introEN[i].Title + " (English)", pageURL(&s.introEN[i])})
	}
	return out
}

func (h *Handler) showSitemapPage(w http.ResponseWriter, r *http.Request) error {
	return h.cached(w, r, "/so-do-trang", func(r *http.Request, s *site) (*entry, error) {
		data := SitemapPage{Base: s.base(""), Categories: categoryNodes(s, 0), Feeds: siteFeeds,
			Pages: append([]Link{{"Trang chủ", "/"}}, h.sections(s)...)}
		data.Canonical = "/so-do-trang"
		data.Description = "Sơ đồ trang của " + s.info.Name + ": các chuyên mục, trang và nguồn tin."
		p, err := h.render.Render("sitemap", data)
		return &entry{page: p}, err
	})
}

// categoryNodes builds the visible tree below parent; a hidden category
// hides what is under it.
func categoryNodes(s *site, parent int64) []CategoryNode {
	var nodes []CategoryNode
	for _, c := range s.tree.Children(parent) {
		nodes = append(nodes, CategoryNode{Name: c.Name, Slug: c.Slug, Children: categoryNodes(s, c.ID)})
	}
	return nodes
}
