package portal

// Actor is who makes a change, as the audit log names them: a member of
// staff, a reader (known only by address) or the portal itself.
type Actor struct {
	ID   int64  // the staff member's id; 0 for readers and the system
	Name string // username, or one of ReaderName, SystemName
	IP   string
}

// Names the audit log gives those who are not staff.
const (
	ReaderName = "bạn đọc"
	SystemName = "hệ thống"
)

// Actor names u, acting from ip.
func (u *User) Actor(ip string) Actor { return Actor{ID: u.ID, Name: u.Username, IP: ip} }

// Reader is a reader acting from ip (a comment, a question).
func Reader(ip string) Actor { return Actor{Name: ReaderName, IP: ip} }

// System is the portal acting by itself: the publishing clock, the demo
// content, importers and the command line.
func System(what string) Actor {
	if what == "" {
		return Actor{Name: SystemName}
	}
	return Actor{Name: SystemName + " (" + what + ")"}
}

// AuditActionNames are the Vietnamese names of the actions the audit log
// records, as its page shows them. An action "kind.verb" with no name of its
// own falls back to the name of "kind.*".
var AuditActionNames = map[string]string{
	"login":             "Đăng nhập",
	"login.password":    "Đăng nhập (đúng mật khẩu, chờ mã hai bước)",
	"login.failed":      "Đăng nhập sai",
	"login.factor":      "Nhập sai mã xác thực hai bước",
	"login.locked":      "Đăng nhập bị tạm khóa",
	"logout":            "Đăng xuất",
	"permission.denied": "Bị từ chối vì không có quyền",

	"user.create":   "Tạo người dùng",
	"user.save":     "Sửa người dùng",
	"user.password": "Đổi mật khẩu",
	"user.totp":     "Bật/tắt xác thực hai bước",

	"article.create":    "Tạo bài viết",
	"article.edit":      "Sửa bài viết",
	"article.autosave":  "Tự lưu bài viết",
	"article.restore":   "Khôi phục phiên bản bài viết",
	"article.bulk":      "Nạp hàng loạt bài viết",
	"article.media":     "Gắn ảnh vào bài viết",
	"article.documents": "Gắn văn bản liên quan",
	"article.submit":    "Gửi bài biên tập",
	"article.forward":   "Chuyển bài duyệt",
	"article.return":    "Trả lại bài",
	"article.publish":   "Xuất bản bài",
	"article.unpublish": "Gỡ bài xuống",
	"article.archive":   "Lưu trữ bài",
	"article.audio":     "Tạo bản nghe đọc bài",
	"article.*":         "Bài viết",

	"category.create": "Tạo chuyên mục",
	"category.save":   "Sửa chuyên mục",
	"media.upload":    "Tải tệp lên thư viện",

	"comment.submit":   "Bạn đọc gửi ý kiến",
	"comment.create":   "Thêm ý kiến",
	"comment.approved": "Duyệt ý kiến",
	"comment.rejected": "Từ chối ý kiến",
	"comment.spam":     "Đánh dấu ý kiến là thư rác",
	"comment.pending":  "Đưa ý kiến về chờ duyệt",
	"comment.reply":    "Trả lời ý kiến",
	"comment.edit":     "Sửa lỗi chính tả ý kiến",
	"comment.*":        "Ý kiến bạn đọc",

	"error_report.submit": "Bạn đọc báo lỗi trong bài",
	"error_report.new":    "Đưa báo lỗi về chưa xử lý",
	"error_report.done":   "Đánh dấu báo lỗi đã xử lý",
	"error_report.*":      "Báo lỗi của bạn đọc",

	"question.submit":               "Công dân gửi câu hỏi",
	"question.assign":               "Chuyển câu hỏi cho đơn vị",
	"question.answer":               "Trả lời câu hỏi",
	"question.publish":              "Đăng câu hỏi",
	"question.unpublish":            "Gỡ câu hỏi (về đã trả lời)",
	"question.reject":               "Từ chối câu hỏi",
	"question.spam":                 "Đánh dấu câu hỏi là thư rác",
	"question.*":                    "Hỏi – Đáp",
	"question_topic.save":           "Lưu lĩnh vực hỏi – đáp",
	"question_unit.save":            "Lưu đơn vị trả lời",
	"question.attachment":           "Tải tệp đính kèm câu hỏi",
	"contact.submit":                "Bạn đọc gửi thư liên hệ",
	"contact_department.save":       "Lưu phòng ban nhận thư liên hệ",
	"document.create":               "Tạo văn bản",
	"document.edit":                 "Sửa văn bản",
	"document.publish":              "Công bố văn bản",
	"document.unpublish":            "Gỡ văn bản",
	"document.file.remove":          "Gỡ tệp văn bản",
	"document_term.save":            "Lưu danh mục văn bản",
	"consultation.create":           "Tạo dự thảo lấy ý kiến",
	"consultation.update":           "Sửa dự thảo lấy ý kiến",
	"consultation.publish":          "Đăng dự thảo lấy ý kiến",
	"consultation.unpublish":        "Gỡ dự thảo lấy ý kiến",
	"consultation.file_add":         "Thêm tệp dự thảo",
	"consultation.file_remove":      "Gỡ tệp dự thảo",
	"consultation.export":           "Xuất góp ý ra CSV",
	"consultation_comment.submit":   "Bạn đọc góp ý dự thảo",
	"poll.create":                   "Tạo cuộc bình chọn",
	"poll.update":                   "Sửa cuộc bình chọn",
	"poll.open":                     "Mở cuộc bình chọn",
	"poll.close":                    "Đóng cuộc bình chọn",
	"poll.delete":                   "Xóa cuộc bình chọn",
	"poll.vote":                     "Bạn đọc bình chọn",
	"member.create":                 "Tạo tài khoản thành viên",
	"member.save":                   "Sửa tài khoản thành viên",
	"member.password":               "Thành viên đổi mật khẩu",
	"member_group.create":           "Tạo nhóm thành viên",
	"member_group.save":             "Sửa nhóm thành viên",
	"member.login.failed":           "Thành viên đăng nhập sai",
	"thread.create":                 "Tạo dòng sự kiện",
	"thread.update":                 "Sửa dòng sự kiện",
	"thread.delete":                 "Xóa dòng sự kiện",
	"collection.create":             "Tạo chuyên đề",
	"collection.update":             "Sửa chuyên đề",
	"collection.delete":             "Xóa chuyên đề",
	"collection.add":                "Thêm bài vào chuyên đề",
	"collection.move":               "Đổi thứ tự bài trong chuyên đề",
	"collection.remove":             "Bỏ bài khỏi chuyên đề",
	"consultation_comment.create":   "Thêm góp ý dự thảo",
	"consultation_comment.approved": "Duyệt góp ý dự thảo",
	"consultation_comment.rejected": "Từ chối góp ý dự thảo",
	"consultation_comment.spam":     "Đánh dấu góp ý là thư rác",
	"consultation_comment.*":        "Góp ý dự thảo",

	"schedule.create":    "Tạo lịch làm việc",
	"schedule.save":      "Sửa lịch làm việc",
	"schedule.postponed": "Hoãn lịch làm việc",
	"schedule.cancelled": "Hủy lịch làm việc",
	"schedule.*":         "Lịch làm việc",
	"leader.save":        "Lưu lãnh đạo",
	"penname.save":       "Lưu bút danh",
	"penname.delete":     "Xóa bút danh",
	"penname.backfill":   "Gắn bút danh cho tên tác giả của bài cũ",
	"article.royalty":    "Chấm nhuận bút",

	"imagelink.save":   "Lưu ảnh liên kết",
	"imagelink.delete": "Xóa ảnh liên kết",
	"ad.save":          "Lưu quảng cáo",
	"notice.save":      "Lưu thông báo khẩn",
	"notice.delete":    "Xóa thông báo khẩn",
	"settings.save":    "Lưu cài đặt",
	"page.save":        "Lưu trang giới thiệu",
	"page.delete":      "Xóa trang giới thiệu",
	"map.upload":       "Nạp bản đồ hành chính",
	"map.unit.save":    "Sửa trang đơn vị hành chính",
	"article.import":   "Nhập bài viết từ cổng cũ",
	"category.import":  "Nhập chuyên mục từ cổng cũ",
	"media.import":     "Nhập tệp từ cổng cũ",
	"page.import":      "Nhập trang từ cổng cũ",
	"comment.import":   "Nhập ý kiến từ cổng cũ",
	"legacy.paths":     "Ghi địa chỉ cũ chuyển hướng",
	"search.reindex":   "Dựng lại chỉ mục tìm kiếm",
	"audit.seal":       "Bắt đầu ký chuỗi nhật ký bằng khóa",
	"backup.create":    "Sao lưu dữ liệu",
	"backup.restore":   "Phục hồi dữ liệu từ bản sao lưu",

	"content.fix_encoding": "Chuyển văn bản bảng mã cũ (TCVN3, VNI) sang Unicode",
}
