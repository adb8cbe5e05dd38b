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

	mux.Handle("GET "+p+"/thu-vien", h.staff(h.showLibrary))
	mux.Handle("POST "+p+"/thu-vien", h.staff(h.upload))
	mux.Handle("GET "+p+"/thu-vien/anh.json", h.staff(h.imageList))

	mux.Handle("GET "+p+"/y-kien", h.staff(h.showComments))
	mux.Handle("POST "+p+"/y-kien/{id}", h.staff(h.moderate))
	mux.Handle("POST "+p+"/y-kien/{id}/tra-loi", h.staff(h.reply))
	mux.Handle("POST "+p+"/y-kien/{id}/sua", h.staff(h.editComment))
	mux.Handle("POST "+p+"/y-kien/hang-loat", h.staff(h.moderateMany))
	mux.Handle("POST "+p+"/y-kien/danh-sach", h.role(h.saveCommentLists, portal.RoleAdmin))

	mux.Handle("GET "+p+"/chuyen-muc", h.role(h.showCategories, portal.RoleAdmin))
	mux.Handle("POST "+p+"/chuyen-muc", h.role(h.createCategory, portal.RoleAdmin))
	mux.Handle("GET "+p+"/nguoi-dung", h.role(h.showUsers, portal.RoleAdmin))
	mux.Handle("POST "+p+"/nguoi-dung", h.role(h.createUser, portal.RoleAdmin))
	mux.Handle("GET "+p+"/nguoi-dung/{id}", h.role(h.showUser, portal.RoleAdmin))
	mux.Handle("POST "+p+"/nguoi-dung/{id}", h.role(h.saveUser, portal.RoleAdmin))
	mux.Handle("GET "+p+"/nhat-ky", h.role(h.showAudit, portal.RoleAdmin))
	mux.Handle("GET "+p+"/thong-ke", h.role(h.showStats, portal.RoleAdmin, portal.RoleApprover))
	mux.Handle("GET "+p+"/trang", h.role(h.showIntros, portal.RoleAdmin))
	mux.Handle("GET "+p+"/trang/moi", h.role(h.showNewIntro, portal.RoleAdmin))
	mux.Handle("POST "+p+"/trang/moi", h.role(h.saveIntro, portal.RoleAdmin))
	mux.Handle("GET "+p+"/trang/{id}", h.role(h.showIntro, portal.RoleAdmin))
	mux.Handle("POST "+p+"/trang/{id}", h.role(h.saveIntro, portal.RoleAdmin))
	mux.Handle("POST "+p+"/trang/{id}/xoa", h.role(h.deleteIntro, portal.RoleAdmin))

	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET "+p+"/static/", http.StripPrefix(p+"/static/", http.FileServerFS(static)))
	mux.Handle("/", h.public(func(w http.ResponseWriter, r *http.Request) error {
		return portal.Errorf(portal.ENOTFOUND, "")
	}))
	return mux
}
