package admin

import (
	"fmt"
	"net/http"
	"strings"

	"cong/internal/portal"
)

// gate says who reaches a route before its permission is asked.
type gate int

const (
	// staff: a complete session (and a second factor, when the portal
	// requires one); others are sent to the login page.
	staff gate = iota
	// hidden: as staff, but to anyone not signed in the page does not
	// exist (404), so drafts cannot be probed by id or preview address.
	hidden
	// enrolling: signed-in staff who may still have to set up the second
	// factor the portal requires: the security pages.
	enrolling
	// anyone: no session needed and no permission named — the login and
	// second-factor forms, static files, and the "not found" page.
	anyone
)

// route is one address of the back office: its method and path under
// Prefix, its gate, the permission it needs, and its handler. The guard
// checks the permission; the handler never asks for a role, only for the
// rights that depend on the object itself (an article's state, a
// document's publication).
type route struct {
	pattern string // "METHOD /path", or "/path" for every method
	gate    gate
	need    portal.Permission // "" for anyone, and only for anyone
	serve   pageHandler
}

// muxPattern is rt's pattern as the ServeMux reads it, under Prefix.
func (rt route) muxPattern() string {
	if method, path, ok := strings.Cut(rt.pattern, " "); ok {
		return method + " " + Prefix + path
	}
	return Prefix + rt.pattern
}

// routeTable lists the whole back office, each route with the permission
// it needs (portal/rights.go says which roles hold it). Routes on one
// article name ReadArticles: what a user may do to that article depends on
// its state, which the workflow's rules decide (portal/workflow.go).
func (h *Handler) routeTable() []route {
	files := h.static()
	return []route{
		{"GET /dang-nhap", anyone, "", h.showLogin},
		{"POST /dang-nhap", anyone, "", h.login},
		{"POST /dang-xuat", anyone, "", h.logout},
		{"GET /xac-thuc", anyone, "", h.showFactor},
		{"POST /xac-thuc", anyone, "", h.checkFactor},
		{"GET /bao-mat", enrolling, portal.EnterBackOffice, h.showSecurity},
		{"POST /bao-mat/mat-khau", enrolling, portal.EnterBackOffice, h.changePassword},
		{"POST /bao-mat/hai-buoc", enrolling, portal.EnterBackOffice, h.enableFactor},
		{"POST /bao-mat/tat-hai-buoc", enrolling, portal.EnterBackOffice, h.disableFactor},
		{"POST /bao-mat/bat-buoc", staff, portal.ManageUsers, h.requireFactor},

		{"GET /{$}", staff, portal.EnterBackOffice, h.showDashboard},
		{"GET /bai-viet", staff, portal.ReadArticles, h.showQueue},
		{"GET /bai-viet/moi", staff, portal.WriteArticles, h.showNewArticle},
		{"POST /bai-viet/moi", staff, portal.WriteArticles, h.createArticle},
		{"GET /bai-viet/{id}", hidden, portal.ReadArticles, h.showArticle},
		{"POST /bai-viet/trong-luong-anh", staff, portal.WriteArticles, h.weighImages},
		{"POST /bai-viet/{id}", staff, portal.ReadArticles, h.saveArticle},
		{"POST /bai-viet/{id}/chuyen", staff, portal.ReadArticles, h.transition},
		{"POST /bai-viet/{id}/tu-luu", staff, portal.ReadArticles, h.autosave},
		{"GET /bai-viet/{id}/xem-truoc", hidden, portal.ReadArticles, h.previewArticle},
		{"GET /bai-viet/{id}/phien-ban/{rev}", hidden, portal.ReadArticles, h.showRevision},
		{"POST /bai-viet/{id}/phien-ban/{rev}", staff, portal.ReadArticles, h.restoreRevision},
		{"GET /bai-viet/{id}/so-sanh", hidden, portal.ReadArticles, h.compareRevisions},
		{"POST /bai-viet/{id}/van-ban", staff, portal.ReadArticles, h.saveArticleDocuments},
		{"POST /bai-viet/{id}/nhuan-but", staff, portal.PublishArticles, h.gradeArticle},
		{"GET /nhuan-but", staff, portal.PublishArticles, h.showRoyalties},
		{"GET /nhuan-but.csv", staff, portal.PublishArticles, h.exportRoyalties},
		{"GET /thanh-vien", staff, portal.ManageMembers, h.showMembers},
		{"POST /thanh-vien", staff, portal.ManageMembers, h.createMember},
		{"GET /thanh-vien/{id}", staff, portal.ManageMembers, h.showMember},
		{"POST /thanh-vien/{id}", staff, portal.ManageMembers, h.saveMember},
		{"POST /thanh-vien/nhom", staff, portal.ManageMembers, h.createMemberGroup},
		{"GET /thanh-vien/nhom/{id}", staff, portal.ManageMembers, h.showMemberGroup},
		{"POST /thanh-vien/nhom/{id}", staff, portal.ManageMembers, h.saveMemberGroup},
		{"GET /but-danh", staff, portal.ManagePenNames, h.showPenNames},
		{"POST /but-danh", staff, portal.ManagePenNames, h.createPenName},
		{"GET /but-danh/{id}", staff, portal.ManagePenNames, h.showPenName},
		{"POST /but-danh/{id}", staff, portal.ManagePenNames, h.savePenName},
		{"POST /but-danh/{id}/xoa", staff, portal.ManagePenNames, h.deletePenName},

		{"GET /van-ban", staff, portal.WriteDocuments, h.showDocuments},
		{"GET /van-ban/moi", staff, portal.WriteDocuments, h.showNewDocument},
		{"GET /van-ban/danh-muc", staff, portal.ManageLists, h.showDocumentTerms},
		{"POST /van-ban/danh-muc", staff, portal.ManageLists, h.saveDocumentTerm},
		{"POST /van-ban/moi", staff, portal.WriteDocuments, h.createDocument},
		{"GET /van-ban/{id}", staff, portal.WriteDocuments, h.showDocument},
		{"POST /van-ban/{id}", staff, portal.WriteDocuments, h.saveDocument},
		{"POST /van-ban/{id}/cong-bo", staff, portal.PublishDocuments, h.publishDocument},
		{"POST /van-ban/{id}/tep/{file}/xoa", staff, portal.WriteDocuments, h.removeDocumentFile},

		{"GET /thu-vien", staff, portal.UseLibrary, h.showLibrary},
		{"POST /thu-vien", staff, portal.UseLibrary, h.upload},
		{"GET /thu-vien/anh.json", staff, portal.UseLibrary, h.imageList},

		{"GET /y-kien", staff, portal.ModerateComments, h.showComments},
		{"POST /y-kien/{id}", staff, portal.ModerateComments, h.moderate},
		{"POST /y-kien/{id}/tra-loi", staff, portal.ModerateComments, h.reply},
		{"POST /y-kien/{id}/sua", staff, portal.ModerateComments, h.editComment},
		{"POST /y-kien/hang-loat", staff, portal.ModerateComments, h.moderateMany},
		{"POST /y-kien/danh-sach", staff, portal.ManageLists, h.saveCommentLists},
		{"GET /bao-loi", staff, portal.HandleErrorReports, h.showReports},
		{"POST /bao-loi/{id}", staff, portal.HandleErrorReports, h.setReportStatus},

		{"GET /hoi-dap", staff, portal.AnswerQuestions, h.showQuestions},
		{"GET /hoi-dap/danh-muc", staff, portal.ManageLists, h.showQuestionLists},
		{"POST /hoi-dap/linh-vuc", staff, portal.ManageLists, h.saveTopic},
		{"POST /hoi-dap/don-vi", staff, portal.ManageLists, h.saveUnit},
		{"GET /hoi-dap/{id}", staff, portal.AnswerQuestions, h.showQuestion},
		{"GET /hoi-dap/{id}/tep", staff, portal.AnswerQuestions, h.questionAttachment},
		{"POST /hoi-dap/{id}/chuyen", staff, portal.AnswerQuestions, h.assignQuestion},
		{"POST /hoi-dap/{id}/tra-loi", staff, portal.AnswerQuestions, h.answerQuestion},
		{"POST /hoi-dap/{id}/trang-thai", staff, portal.AnswerQuestions, h.setQuestionStatus},
		{"GET /lien-he", staff, portal.ReadContactMessages, h.showContactMessages},
		{"GET /lien-he/phong-ban", staff, portal.ManageContact, h.showDepartments},
		{"POST /lien-he/phong-ban", staff, portal.ManageContact, h.saveDepartment},
		{"GET /lien-he/{id}", staff, portal.ReadContactMessages, h.showContactMessage},
		{"GET /gop-y-du-thao", staff, portal.ManageConsultations, h.showConsultations},
		{"GET /gop-y-du-thao/moi", staff, portal.ManageConsultations, h.showNewConsultation},
		{"POST /gop-y-du-thao/moi", staff, portal.ManageConsultations, h.createConsultation},
		{"GET /gop-y-du-thao/{id}", staff, portal.ManageConsultations, h.showConsultation},
		{"POST /gop-y-du-thao/{id}", staff, portal.ManageConsultations, h.saveConsultation},
		{"POST /gop-y-du-thao/{id}/dang", staff, portal.PublishConsultations, h.publishConsultation},
		{"POST /gop-y-du-thao/{id}/tep", staff, portal.ManageConsultations, h.uploadConsultationFile},
		{"POST /gop-y-du-thao/{id}/tep/{media}/go", staff, portal.ManageConsultations, h.removeConsultationFile},
		{"GET /gop-y-du-thao/{id}/y-kien", staff, portal.ManageConsultations, h.showConsultationComments},
		{"GET /gop-y-du-thao/{id}/y-kien.csv", staff, portal.ManageConsultations, h.exportConsultationComments},
		{"POST /gop-y/{id}", staff, portal.ManageConsultations, h.moderateConsultationComment},
		{"GET /binh-chon", staff, portal.ManagePolls, h.showPolls},
		{"GET /binh-chon/moi", staff, portal.ManagePolls, h.showNewPoll},
		{"POST /binh-chon/moi", staff, portal.ManagePolls, h.createPoll},
		{"GET /binh-chon/{id}", staff, portal.ManagePolls, h.showPoll},
		{"POST /binh-chon/{id}", staff, portal.ManagePolls, h.savePoll},
		{"POST /binh-chon/{id}/mo", staff, portal.ManagePolls, h.openPoll},
		{"POST /binh-chon/{id}/dong", staff, portal.ManagePolls, h.closePoll},
		{"POST /binh-chon/{id}/xoa", staff, portal.ManagePolls, h.deletePoll},
		{"GET /dong-su-kien", staff, portal.ManageThreads, h.showThreads},
		{"GET /dong-su-kien/moi", staff, portal.ManageThreads, h.showNewThread},
		{"POST /dong-su-kien/moi", staff, portal.ManageThreads, h.createThread},
		{"GET /dong-su-kien/{id}", staff, portal.ManageThreads, h.showThread},
		{"POST /dong-su-kien/{id}", staff, portal.ManageThreads, h.saveThread},
		{"POST /dong-su-kien/{id}/xoa", staff, portal.ManageThreads, h.deleteThread},
		{"GET /chuyen-de", staff, portal.ManageThreads, h.showCollections},
		{"GET /chuyen-de/moi", staff, portal.ManageThreads, h.showNewCollection},
		{"POST /chuyen-de/moi", staff, portal.ManageThreads, h.createCollection},
		{"GET /chuyen-de/{id}", staff, portal.ManageThreads, h.showCollection},
		{"POST /chuyen-de/{id}", staff, portal.ManageThreads, h.saveCollection},
		{"POST /chuyen-de/{id}/xoa", staff, portal.ManageThreads, h.deleteCollection},
		{"POST /chuyen-de/{id}/bai", staff, portal.ManageThreads, h.addToCollection},
		{"POST /chuyen-de/{id}/thu-tu", staff, portal.ManageThreads, h.orderCollection},
		{"GET /lich-lam-viec", staff, portal.KeepSchedule, h.showScheduleWeek},
		{"GET /lich-lam-viec/moi", staff, portal.KeepSchedule, h.showNewScheduleEntry},
		{"POST /lich-lam-viec/moi", staff, portal.KeepSchedule, h.createScheduleEntry},
		{"GET /lich-lam-viec/{id}", staff, portal.KeepSchedule, h.showScheduleEntry},
		{"POST /lich-lam-viec/{id}", staff, portal.KeepSchedule, h.saveScheduleEntry},
		{"POST /lich-lam-viec/{id}/chuyen", staff, portal.KeepSchedule, h.scheduleTransition},
		{"POST /lich-lam-viec/{id}/hoan-huy", staff, portal.KeepSchedule, h.cancelScheduleEntry},
		{"GET /lanh-dao", staff, portal.ManageLists, h.showLeaders},
		{"POST /lanh-dao", staff, portal.ManageLists, h.saveLeader},
		{"POST /lanh-dao/{id}", staff, portal.ManageLists, h.saveLeader},

		{"GET /chuyen-muc", staff, portal.ManageCategories, h.showCategories},
		{"POST /chuyen-muc", staff, portal.ManageCategories, h.createCategory},
		{"GET /nguoi-dung", staff, portal.ManageUsers, h.showUsers},
		{"POST /nguoi-dung", staff, portal.ManageUsers, h.createUser},
		{"GET /nguoi-dung/{id}", staff, portal.ManageUsers, h.showUser},
		{"POST /nguoi-dung/{id}", staff, portal.ManageUsers, h.saveUser},
		{"GET /cac-trang", staff, portal.ManageSites, h.showSites},
		{"POST /cac-trang", staff, portal.ManageSites, h.createSite},
		{"GET /cac-trang/{id}", staff, portal.ManageSites, h.showSite},
		{"POST /cac-trang/{id}", staff, portal.ManageSites, h.saveSite},
		{"GET /cac-trang/{id}/nguoi-dung/{user}", staff, portal.ManageSites, h.showSiteUser},
		{"POST /cac-trang/{id}/nguoi-dung/{user}", staff, portal.ManageSites, h.saveSiteUser},
		{"GET /nhat-ky", staff, portal.ReadAudit, h.showAudit},
		{"GET /ban-do", staff, portal.ManageMap, h.showMap},
		{"POST /ban-do", staff, portal.ManageMap, h.uploadMap},
		{"GET /ban-do/{id}", staff, portal.ManageMap, h.showMapUnit},
		{"POST /ban-do/{id}", staff, portal.ManageMap, h.saveMapUnit},

		{"GET /anh-lien-ket", staff, portal.ManageBlocks, h.showLinks},
		{"POST /anh-lien-ket", staff, portal.ManageBlocks, h.saveLink},
		{"GET /anh-lien-ket/{id}", staff, portal.ManageBlocks, h.showLink},
		{"POST /anh-lien-ket/{id}", staff, portal.ManageBlocks, h.saveLink},
		{"POST /anh-lien-ket/{id}/xoa", staff, portal.ManageBlocks, h.deleteLink},
		{"GET /quang-cao", staff, portal.ManageBlocks, h.showAds},
		{"POST /quang-cao", staff, portal.ManageBlocks, h.saveAd},
		{"GET /quang-cao/{id}", staff, portal.ManageBlocks, h.showAd},
		{"POST /quang-cao/{id}", staff, portal.ManageBlocks, h.saveAd},
		{"GET /quang-cao/{id}/bao-cao", staff, portal.ManageBlocks, h.showAdReport},
		{"GET /thong-bao-khan", staff, portal.ManageBlocks, h.showNotices},
		{"POST /thong-bao-khan", staff, portal.ManageBlocks, h.saveNotice},
		{"GET /thong-bao-khan/{id}", staff, portal.ManageBlocks, h.showNotice},
		{"POST /thong-bao-khan/{id}", staff, portal.ManageBlocks, h.saveNotice},
		{"POST /thong-bao-khan/{id}/xoa", staff, portal.ManageBlocks, h.deleteNotice},
		{"GET /cai-dat", staff, portal.ManageSettings, h.showSettings},
		{"POST /cai-dat", staff, portal.ManageSettings, h.saveSettings},
		{"GET /thong-ke", staff, portal.ReadStats, h.showStats},
		{"GET /ra-soat", staff, portal.ManageSettings, h.showReview},
		{"GET /trang", staff, portal.ManagePages, h.showIntros},
		{"GET /trang/moi", staff, portal.ManagePages, h.showNewIntro},
		{"POST /trang/moi", staff, portal.ManagePages, h.saveIntro},
		{"GET /trang/{id}", staff, portal.ManagePages, h.showIntro},
		{"POST /trang/{id}", staff, portal.ManagePages, h.saveIntro},
		{"POST /trang/{id}/xoa", staff, portal.ManagePages, h.deleteIntro},

		{"GET /static/", anyone, "", func(w http.ResponseWriter, r *http.Request) error {
			files.ServeHTTP(w, r)
			return nil
		}},
		{"/", anyone, "", func(w http.ResponseWriter, r *http.Request) error {
			return portal.Errorf(portal.ENOTFOUND, "")
		}},
	}
}

// routes serves the route table. A route that names no valid permission
// stops the back office from starting: no address is open by omission.
func (h *Handler) routes() (*http.ServeMux, error) {
	mux := http.NewServeMux()
	for _, rt := range h.routeTable() {
		if (rt.gate == anyone) != (rt.need == "") || rt.need != "" && !rt.need.Valid() {
			return nil, fmt.Errorf("admin: route %q names permission %q", rt.pattern, rt.need)
		}
		mux.Handle(rt.muxPattern(), h.guard(rt))
	}
	return mux, nil
}
