package portal

import "slices"

// Permission is one kind of action in the back office. Every back-office
// route names the permission it needs, and RolePermissions says which roles
// hold it: this file is the one place that says who may do what.
//
// Some rights also depend on the object: which categories an editor edits
// (User.Edits), and where an article stands in the workflow (CanView,
// CanEdit and Can in workflow.go). Those rules ask for permissions too, never
// for roles.
type Permission string

// The back office's permissions.
const (
	// EnterBackOffice is what every member of staff holds: the dashboard and
	// their own account's security.
	EnterBackOffice Permission = "back-office"

	// ReadArticles opens the newsroom: the queues and the articles the
	// workflow lets one see; what one may do to an article there depends on
	// its state and the three permissions below.
	ReadArticles    Permission = "read-articles"
	WriteArticles   Permission = "write-articles"   // new drafts; one's own drafts, submitted for editing
	EditArticles    Permission = "edit-articles"    // submitted articles of the categories one edits
	PublishArticles Permission = "publish-articles" // every category, every step, publishing included; royalties

	UseLibrary           Permission = "use-library"
	KeepSchedule         Permission = "keep-schedule" // entries follow the articles' workflow
	WriteDocuments       Permission = "write-documents"
	PublishDocuments     Permission = "publish-documents"
	ModerateComments     Permission = "moderate-comments"
	HandleErrorReports   Permission = "handle-error-reports" // readers' reports on the categories one edits
	AnswerQuestions      Permission = "answer-questions"
	ManageConsultations  Permission = "manage-consultations"
	PublishConsultations Permission = "publish-consultations"
	ReadStats            Permission = "read-stats"
	// ReadContactMessages reads the messages readers send to the departments
	// one is assigned to (Department.StaffIDs, see User.ReadsDepartment).
	ReadContactMessages Permission = "read-contact"
	ManagePolls         Permission = "manage-polls" // create, edit, open, close and delete polls
	// ManageThreads keeps event threads and curated groups (chuyên đề), and
	// the hand order of Tin nổi bật; an article joins a thread through its
	// own save, by whoever may edit it.
	ManageThreads Permission = "manage-threads"

	ManageLists      Permission = "manage-lists" // topics, units, document terms, leaders, banned words
	ManageCategories Permission = "manage-categories"
	ManagePages      Permission = "manage-pages"
	ManageBlocks     Permission = "manage-blocks" // image links, ads, urgent notices
	ManageSettings   Permission = "manage-settings"
	ManageMap        Permission = "manage-map"
	ManageContact    Permission = "manage-contact" // departments, their addresses and staff; every message
	ManagePenNames   Permission = "manage-pen-names"
	ManageUsers      Permission = "manage-users"
	// ManageSites keeps the sites of the install (see Site) and the staff's
	// roles on each.
	ManageSites Permission = "manage-sites"
	// ManageMembers keeps readers' accounts (đảng viên), their groups and
	// the categories restricted to each group.
	ManageMembers Permission = "manage-members"
	ReadAudit     Permission = "read-audit"
)

// Permissions lists every permission, in the order pages show them.
var Permissions = []Permission{
	EnterBackOffice, ReadArticles, WriteArticles, EditArticles, PublishArticles,
	UseLibrary, KeepSchedule, WriteDocuments, PublishDocuments,
	ModerateComments, HandleErrorReports, AnswerQuestions, ManageConsultations, PublishConsultations, ReadStats,
	ReadContactMessages, ManagePolls, ManageThreads, ManageLists, ManageCategories, ManagePages, ManageBlocks, ManageSettings,
	ManageMap, ManageContact, ManagePenNames, ManageUsers, ManageSites, ManageMembers, ReadAudit,
}

// PermissionNames say in Vietnamese what each permission lets one do.
var PermissionNames = map[Permission]string{
	EnterBackOffice:      "Vào trang quản trị: bàn làm việc, bảo mật tài khoản của mình",
	ReadArticles:         "Xem danh sách bài và mở các bài được phép theo quy trình",
	WriteArticles:        "Viết bài mới, sửa bài nháp của mình, gửi biên tập",
	EditArticles:         "Biên tập, chuyển duyệt hoặc trả lại bài của chuyên mục được giao",
	PublishArticles:      "Sửa, duyệt, xuất bản, hẹn giờ, gỡ và lưu trữ bài mọi chuyên mục; chấm và xem nhuận bút",
	UseLibrary:           "Xem và tải ảnh, tệp lên thư viện",
	KeepSchedule:         "Soạn lịch làm việc (biên tập và duyệt như bài viết)",
	WriteDocuments:       "Nhập văn bản, sửa văn bản chưa công bố",
	PublishDocuments:     "Công bố, gỡ và sửa văn bản đã công bố",
	ModerateComments:     "Duyệt, trả lời và sửa lỗi chính tả ý kiến bạn đọc",
	HandleErrorReports:   "Xem và xử lý báo lỗi của bạn đọc về bài của chuyên mục được giao",
	AnswerQuestions:      "Chuyển, trả lời và đăng câu hỏi Hỏi – Đáp",
	ManageConsultations:  "Soạn dự thảo lấy ý kiến, tệp đính kèm, duyệt và xuất góp ý",
	PublishConsultations: "Đăng hoặc gỡ dự thảo lấy ý kiến",
	ReadStats:            "Xem thống kê truy cập",
	ReadContactMessages:  "Đọc thư liên hệ gửi đến phòng ban được giao",
	ManagePolls:          "Tạo, sửa, mở, đóng và xóa cuộc bình chọn",
	ManageThreads:        "Quản lý dòng sự kiện, chuyên đề và thứ tự tin nổi bật trên trang chủ",
	ManageLists:          "Quản lý danh mục: lĩnh vực, đơn vị trả lời, loại, cơ quan, lĩnh vực văn bản, lãnh đạo, từ cấm, người gửi bị chặn",
	ManageCategories:     "Quản lý chuyên mục",
	ManagePages:          "Quản lý trang giới thiệu",
	ManageBlocks:         "Quản lý ảnh liên kết, quảng cáo, thông báo khẩn",
	ManageSettings:       "Sửa cài đặt cổng",
	ManageMap:            "Quản lý bản đồ hành chính",
	ManageContact:        "Quản lý phòng ban nhận thư liên hệ (địa chỉ thư, cán bộ) và đọc mọi thư liên hệ",
	ManagePenNames:       "Quản lý bút danh và người dùng bút danh",
	ManageUsers:          "Quản lý người dùng và vai trò, bắt buộc xác thực hai bước",
	ManageSites:          "Quản lý các trang của cổng (cổng huyện, xã) và vai trò của cán bộ trên từng trang",
	ManageMembers:        "Quản lý tài khoản thành viên (đảng viên), nhóm và chuyên mục dành riêng cho nhóm",
	ReadAudit:            "Xem nhật ký hệ thống",
}

// RolePermissions is the table of rights: what each role may do. A user
// holds the union of their roles' permissions. Administrators hold the
// whole newsroom too, so no page or button they see leads to a refusal.
var RolePermissions = map[Role][]Permission{
	RoleReporter: {
		EnterBackOffice, ReadArticles, WriteArticles, UseLibrary, KeepSchedule, WriteDocuments, ReadContactMessages,
	},
	RoleEditor: {
		EnterBackOffice, ReadArticles, WriteArticles, EditArticles, UseLibrary, KeepSchedule, WriteDocuments,
		PublishDocuments, ModerateComments, HandleErrorReports, AnswerQuestions, ManageConsultations, ReadContactMessages,
		ManageThreads,
	},
	RoleApprover: {
		EnterBackOffice, ReadArticles, WriteArticles, PublishArticles, UseLibrary, KeepSchedule, WriteDocuments,
		PublishDocuments, ModerateComments, HandleErrorReports, AnswerQuestions, ManageConsultations, PublishConsultations,
		ReadStats, ReadContactMessages, ManagePolls, ManagePenNames, ManageThreads,
	},
	RoleAdmin: {
		EnterBackOffice, ReadArticles, WriteArticles, PublishArticles, UseLibrary, KeepSchedule, WriteDocuments,
		PublishDocuments, ModerateComments, HandleErrorReports, AnswerQuestions, ManageConsultations, PublishConsultations,
		ReadStats, ReadContactMessages, ManagePolls, ManageThreads, ManageLists, ManageCategories, ManagePages, ManageBlocks,
		ManageSettings, ManageMap, ManageContact, ManagePenNames, ManageUsers, ManageSites, ManageMembers, ReadAudit,
	},
}

// Valid reports whether p is a known permission.
func (p Permission) Valid() bool { return PermissionNames[p] != "" }

// May reports whether role r holds p.
func (r Role) May(p Permission) bool { return slices.Contains(RolePermissions[r], p) }

// May reports whether u, signed in and not disabled, holds p through one
// of their roles on their site; on a site other than the main one no one
// holds what the main site alone keeps (MainSitePermission).
func (u *User) May(p Permission) bool {
	if u == nil || u.Disabled || u.SiteID > MainSite && MainSitePermission(p) {
		return false
	}
	for _, r := range u.Roles {
		if r.May(p) {
			return true
		}
	}
	return false
}
