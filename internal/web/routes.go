package web

import (
	"net/http"

	"cong/internal/httplog"
	"cong/internal/portal"
)

// routes lists the whole public surface. Files live under their own
// prefixes on an outer mux, because the reader routes below claim every
// one- and two-segment path.
func (h *Handler) routes() http.Handler {
	pages := http.NewServeMux()
	pages.Handle("GET /{$}", h.page(h.showHome))
	pages.Handle("GET /{category}", h.page(h.showCategory))
	pages.Handle("GET /{category}/{slug}", h.page(h.showArticle))
	pages.Handle("GET /in/{category}/{slug}", h.page(h.showPrint))
	pages.Handle("GET /bai/{id}", h.page(h.showPermalink))
	pages.Handle("POST /{category}/{slug}", h.sameOrigin(h.page(h.keepWhenDown(commentKept, h.postComment))))
	pages.Handle("GET /y-kien-da-gui", h.page(h.showCommentSent))
	pages.Handle("GET /bao-loi/da-gui", h.page(h.showReportSent))
	pages.Handle("GET /bao-loi/{id}", h.page(h.showReportForm))
	pages.Handle("POST /bao-loi/{id}", h.sameOrigin(h.page(h.keepWhenDown(reportKept, h.postReport))))
	pages.Handle("GET /tu-khoa/{tag}", h.page(h.showTag))
	pages.Handle("GET /tac-gia/{slug}", h.page(h.showAuthor))
	pages.Handle("GET /luu-tru/{year}/{month}", h.page(h.showArchive))
	pages.Handle("GET /doc-nhieu", h.page(h.showMostRead))
	pages.Handle("GET /ban-do-hanh-chinh", h.page(h.showMap))
	pages.Handle("GET /ban-do-hanh-chinh/{slug}", h.page(h.showMapUnit))
	pages.Handle("GET /lich-lam-viec", h.page(h.showSchedule))
	pages.Handle("GET /in/lich-lam-viec", h.page(h.showSchedulePrint))
	pages.Handle("GET /lich-lam-viec.ics", h.page(h.showCalendar))
	pages.Handle("GET /lich-lam-viec/{file}", h.page(h.showLeaderCalendar))
	pages.Handle("GET /tim-kiem", h.page(h.showSearch))
	pages.Handle("GET /so-do-trang", h.page(h.showSitemapPage))
	pages.Handle("GET /hoi-dap", h.page(h.showQuestions))
	pages.Handle("GET /hoi-dap/gui-cau-hoi", h.page(h.showQuestionForm))
	pages.Handle("POST /hoi-dap/gui-cau-hoi", h.sameOrigin(h.page(h.keepWhenDown(questionKept, h.postQuestion))))
	pages.Handle("GET /hoi-dap/da-gui", h.page(ownWrite(h.showQuestionSent)))
	pages.Handle("GET /hoi-dap/tra-cuu", h.page(ownWrite(h.showLookup)))
	pages.Handle("GET /hoi-dap/{ref}", h.page(h.showQuestion))
	pages.Handle("GET /lien-he", h.page(h.showContactForm))
	pages.Handle("POST /lien-he", h.sameOrigin(h.page(h.keepWhenDown(contactKept, h.postContact))))
	pages.Handle("GET /lien-he/da-gui", h.page(h.showContactSent))
	pages.Handle("GET /gop-y-du-thao", h.page(h.showOpenConsultations))
	pages.Handle("GET /gop-y-du-thao/sap-toi", h.page(h.showUpcomingConsultations))
	pages.Handle("GET /gop-y-du-thao/da-ket-thuc", h.page(h.showClosedConsultations))
	pages.Handle("GET /gop-y-du-thao/{slug}", h.page(h.showConsultation))
	pages.Handle("POST /gop-y-du-thao/{slug}", h.sameOrigin(h.page(h.keepWhenDown(commentKept, h.postConsultationComment))))
	pages.Handle("GET /gop-y-da-gui", h.page(h.showConsultationSent))
	pages.Handle("GET /thanh-vien", h.page(h.showMemberArticles))
	pages.Handle("GET /thanh-vien/dang-nhap", h.page(h.showMemberLogin))
	pages.Handle("POST /thanh-vien/dang-nhap", h.sameOrigin(h.page(h.memberLogin)))
	pages.Handle("POST /thanh-vien/dang-xuat", h.sameOrigin(h.page(h.memberLogout)))
	pages.Handle("POST /thanh-vien/mat-khau", h.sameOrigin(h.page(h.changeMemberPassword)))
	pages.Handle("GET /binh-chon", h.page(h.showPolls))
	pages.Handle("GET /binh-chon/{id}", h.page(h.showPoll))
	pages.Handle("POST /binh-chon/{id}", h.sameOrigin(h.page(h.postVote)))
	pages.Handle("GET /dong-su-kien", h.page(h.showThreads))
	pages.Handle("GET /dong-su-kien/{slug}", h.page(h.showThread))
	pages.Handle("GET /chuyen-de", h.page(h.showCollections))
	pages.Handle("GET /chuyen-de/{slug}", h.page(h.showCollection))
	pages.Handle("GET /van-ban", h.page(h.showDocuments))
	pages.Handle("GET /van-ban/{slug}", h.page(h.showDocument))
	pages.Handle("GET /van-ban/{slug}/tep/{id}", h.page(h.serveDocumentFile))
	pages.Handle("GET "+audioPrefix+"{file}", h.page(h.serveAudio))
	pages.Handle("GET /qc/{id}", h.page(h.followAd))
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
	pages.Handle("GET /luot-xem", h.beaconRoute())
	pages.Handle("POST /luot-xem", h.beaconRoute())
	pages.HandleFunc("GET /robots.txt", h.showRobots)
	pages.Handle("GET /favicon.ico", http.RedirectHandler("/static/favicon.svg", http.StatusMovedPermanently))
	pages.HandleFunc("GET /healthz", h.healthz)
	pages.HandleFunc("GET /readyz", h.readyz)
	pages.Handle("/", h.page(h.notFound))

	root := http.NewServeMux()
	root.Handle("GET /static/", h.static())
	root.Handle("GET /media/", h.media())
	root.Handle("/", httplog.Route(bodyLimits.Handler(pages, h.tooLarge)))
	return httplog.Route(root)
}

// sameOrigin lets through only forms posted from the portal's own pages; a
// post from another site gets the Vietnamese 403 page and changes nothing.
func (h *Handler) sameOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.showError(w, r, errCrossOrigin)
	}))
	return cop.Handler(next)
}

var errCrossOrigin = portal.Errorf(portal.EFORBIDDEN,
	"Biểu mẫu phải được gửi từ chính trang của cổng thông tin. Xin mở lại trang, điền và gửi lại.")
