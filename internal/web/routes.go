package web

import "net/http"

// routes lists the whole public surface. Files live under their own
// prefixes on an outer mux, because the reader routes below claim every
// one- and two-segment path.
func (h *Handler) routes() http.Handler {
	pages := http.NewServeMux()
	pages.Handle("GET /{$}", h.page(h.showHome))
	pages.Handle("GET /{category}", h.page(h.showCategory))
	pages.Handle("GET /{category}/{slug}", h.page(h.showArticle))
	pages.Handle("GET /in/{category}/{slug}", h.page(h.showPrint))
	pages.Handle("POST /{category}/{slug}", http.NewCrossOriginProtection().Handler(h.page(h.postComment)))
	pages.Handle("GET /y-kien-da-gui", h.page(h.showCommentSent))
	pages.Handle("GET /tu-khoa/{tag}", h.page(h.showTag))
	pages.Handle("GET /luu-tru/{year}/{month}", h.page(h.showArchive))
	pages.Handle("GET /doc-nhieu", h.page(h.showMostRead))
	pages.Handle("GET /ban-do-hanh-chinh", h.page(h.showMap))
	pages.Handle("GET /lich-lam-viec", h.page(h.showSchedule))
	pages.Handle("GET /tim-kiem", h.page(h.showSearch))
	pages.Handle("GET /so-do-trang", h.page(h.showSitemapPage))
	pages.Handle("GET /gioi-thieu", h.page(h.showIntro))
	pages.Handle("GET /gioi-thieu/{slug}", h.page(h.showIntro))
	pages.Handle("GET /en", h.page(h.showEnglish))
	pages.Handle("GET /en/{slug}", h.page(h.showEnglish))
	pages.Handle("GET /rss", h.page(h.showRSS))
	pages.Handle("GET /rss/{category}", h.page(h.showCategoryRSS))
	pages.Handle("GET /atom", h.page(h.showAtom))
	pages.Handle("GET /atom/{category}", h.page(h.showCategoryAtom))
	pages.Handle("GET /sitemap.xml", h.page(h.showSitemapIndex))
	pages.Handle("GET /sitemap/{name}", h.page(h.showSitemap))
	pages.HandleFunc("GET /robots.txt", h.showRobots)
	pages.Handle("GET /favicon.ico", http.RedirectHandler("/static/favicon.svg", http.StatusMovedPermanently))
	pages.HandleFunc("GET /healthz", h.healthz)
	pages.HandleFunc("GET /readyz", h.readyz)
	pages.Handle("/", h.page(h.notFound))

	root := http.NewServeMux()
	root.Handle("GET /static/", h.static())
	root.Handle("GET /media/", h.media())
	root.Handle("/", pages)
	return root
}
