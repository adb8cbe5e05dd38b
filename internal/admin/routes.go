package admin

import (
	"io/fs"
	"net/http"

	"cong/internal/portal"
)

// routes lists the whole back office.
func (h *Handler) routes() http.Handler {
	mux := http.NewServeMux()
	p := Prefix
	mux.Handle("GET "+p+"/dang-nhap", h.public(h.showLogin))
	mux.Handle("POST "+p+"/dang-nhap", h.public(h.login))
	mux.Handle("POST "+p+"/dang-xuat", h.public(h.logout))
	mux.Handle("GET "+p+"/xac-thuc", h.public(h.showFactor))
	mux.Handle("POST "+p+"/xac-thuc", h.public(h.checkFactor))
	mux.Handle("GET "+p+"/bao-mat", h.enrolling(h.showSecurity))
	mux.Handle("POST "+p+"/bao-mat/mat-khau", h.enrolling(h.changePassword))
	mux.Handle("POST "+p+"/bao-mat/hai-buoc", h.enrolling(h.enableFactor))
	mux.Handle("POST "+p+"/bao-mat/tat-hai-buoc", h.enrolling(h.disableFactor))
	mux.Handle("POST "+p+"/bao-mat/bat-buoc", h.role(h.requireFactor, portal.RoleAdmin))

	mux.Handle("GET "+p+"/{$}", h.staff(h.showDashboard))
	mux.Handle("GET "+p+"/bai-viet", h.staff(h.showQueue))
	mux.Handle("GET "+p+"/bai-viet/moi", h.staff(h.showNewArticle))
	mux.Handle("POST "+p+"/bai-viet/moi", h.staff(h.createArticle))
	mux.Handle("GET "+p+"/bai-viet/{id}", h.hidden(h.showArticle))
	mux.Handle("POST "+p+"/bai-viet/{id}", h.staff(h.saveArticle))
	mux.Handle("POST "+p+"/bai-viet/{id}/chuyen", h.staff(h.transition))
	mux.Handle("POST "+p+"/bai-viet/{id}/tu-luu", h.staff(h.autosave))
	mux.Handle("GET "+p+"/bai-viet/{id}/xem-truoc", h.hidden(h.previewArticle))
	mux.Handle("GET "+p+"/bai-viet/{id}/phien-ban/{rev}", h.hidden(h.showRevision))
	mux.Handle("POST "+p+"/bai-viet/{id}/phien-ban/{rev}", h.staff(h.restoreRevision))
	mux.Handle("GET "+p+"/bai-viet/{id}/so-sanh", h.hidden(h.compareRevisions))
	mux.Handle("POST "+p+"/bai-viet/{id}/van-ban", h.staff(h.saveArticleDocuments))

	mux.Handle("GET "+p+"/van-ban", h.staff(h.showDocuments))
	mux.Handle("GET "+p+"/van-ban/moi", h.staff(h.showNewDocument))
	mux.Handle("POST "+p+"/van-ban/moi", h.staff(h.createDocument))
	mux.Handle("GET "+p+"/van-ban/{id}", h.staff(h.showDocument))
	mux.Handle("POST "+p+"/van-ban/{id}", h.staff(h.saveDocument))
	mux.Handle("POST "+p+"/van-ban/{id}/cong-bo", h.staff(h.publishDocument))
	mux.Handle("POST "+p+"/van-ban/{id}/tep/{file}/xoa", h.staff(h.removeDocumentFile))

	mux.Handle("GET "+p+"/thu-vien", h.staff(h.showLibrary))
	mux.Handle("POST "+p+"/thu-vien", h.staff(h.upload))
	mux.Handle("GET "+p+"/thu-vien/anh.json", h.staff(h.imageList))

	mux.Handle("GET "+p+"/y-kien", h.staff(h.showComments))
	mux.Handle("POST "+p+"/y-kien/{id}", h.staff(h.moderate))
	mux.Handle("POST "+p+"/y-kien/{id}/tra-loi", h.staff(h.reply))
	mux.Handle("POST "+p+"/y-kien/{id}/sua", h.staff(h.editComment))
	mux.Handle("POST "+p+"/y-kien/hang-loat", h.staff(h.moderateMany))
	mux.Handle("POST "+p+"/y-kien/danh-sach", h.role(h.saveCommentLists, portal.RoleAdmin))

	mux.Handle("GET "+p+"/hoi-dap", h.staff(h.showQuestions))
	mux.Handle("GET "+p+"/hoi-dap/danh-muc", h.role(h.showQuestionLists, portal.RoleAdmin))
	mux.Handle("POST "+p+"/hoi-dap/linh-vuc", h.role(h.saveTopic, portal.RoleAdmin))
	mux.Handle("POST "+p+"/hoi-dap/don-vi", h.role(h.saveUnit, portal.RoleAdmin))
	mux.Handle("GET "+p+"/hoi-dap/{id}", h.staff(h.showQuestion))
	mux.Handle("GET "+p+"/hoi-dap/{id}/tep", h.staff(h.questionAttachment))
	mux.Handle("POST "+p+"/hoi-dap/{id}/chuyen", h.staff(h.assignQuestion))
	mux.Handle("POST "+p+"/hoi-dap/{id}/tra-loi", h.staff(h.answerQuestion))
	mux.Handle("POST "+p+"/hoi-dap/{id}/trang-thai", h.staff(h.setQuestionStatus))
	mux.Handle("GET "+p+"/gop-y-du-thao", h.staff(h.showConsultations))
	mux.Handle("GET "+p+"/gop-y-du-thao/moi", h.staff(h.showNewConsultation))
	mux.Handle("POST "+p+"/gop-y-du-thao/moi", h.staff(h.createConsultation))
	mux.Handle("GET "+p+"/gop-y-du-thao/{id}", h.staff(h.showConsultation))
	mux.Handle("POST "+p+"/gop-y-du-thao/{id}", h.staff(h.saveConsultation))
	mux.Handle("POST "+p+"/gop-y-du-thao/{id}/dang", h.staff(h.publishConsultation))
	mux.Handle("POST "+p+"/gop-y-du-thao/{id}/tep", h.staff(h.uploadConsultationFile))
	mux.Handle("POST "+p+"/gop-y-du-thao/{id}/tep/{media}/go", h.staff(h.removeConsultationFile))
	mux.Handle("GET "+p+"/gop-y-du-thao/{id}/y-kien", h.staff(h.showConsultationComments))
	mux.Handle("GET "+p+"/gop-y-du-thao/{id}/y-kien.csv", h.staff(h.exportConsultationComments))
	mux.Handle("POST "+p+"/gop-y/{id}", h.staff(h.moderateConsultationComment))
	mux.Handle("GET "+p+"/lich-lam-viec", h.staff(h.showScheduleWeek))
	mux.Handle("GET "+p+"/lich-lam-viec/moi", h.staff(h.showNewScheduleEntry))
	mux.Handle("POST "+p+"/lich-lam-viec/moi", h.staff(h.createScheduleEntry))
	mux.Handle("GET "+p+"/lich-lam-viec/{id}", h.staff(h.showScheduleEntry))
	mux.Handle("POST "+p+"/lich-lam-viec/{id}", h.staff(h.saveScheduleEntry))
	mux.Handle("POST "+p+"/lich-lam-viec/{id}/chuyen", h.staff(h.scheduleTransition))
	mux.Handle("POST "+p+"/lich-lam-viec/{id}/hoan-huy", h.staff(h.cancelScheduleEntry))
	mux.Handle("GET "+p+"/lanh-dao", h.role(h.showLeaders, portal.RoleAdmin))
	mux.Handle("POST "+p+"/lanh-dao", h.role(h.saveLeader, portal.RoleAdmin))
	mux.Handle("POST "+p+"/lanh-dao/{id}", h.role(h.saveLeader, portal.RoleAdmin))

	mux.Handle("GET "+p+"/chuyen-muc", h.role(h.showCategories, portal.RoleAdmin))
	mux.Handle("POST "+p+"/chuyen-muc", h.role(h.createCategory, portal.RoleAdmin))
	mux.Handle("GET "+p+"/nguoi-dung", h.role(h.showUsers, portal.RoleAdmin))
	mux.Handle("POST "+p+"/nguoi-dung", h.role(h.createUser, portal.RoleAdmin))
	mux.Handle("GET "+p+"/nguoi-dung/{id}", h.role(h.showUser, portal.RoleAdmin))
	mux.Handle("POST "+p+"/nguoi-dung/{id}", h.role(h.saveUser, portal.RoleAdmin))
	mux.Handle("GET "+p+"/nhat-ky", h.role(h.showAudit, portal.RoleAdmin))

	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET "+p+"/static/", http.StripPrefix(p+"/static/", http.FileServerFS(static)))
	mux.Handle("/", h.public(func(w http.ResponseWriter, r *http.Request) error {
		return portal.Errorf(portal.ENOTFOUND, "")
	}))
	return mux
}
