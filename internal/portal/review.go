package portal

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"cong/internal/viet"
)

// The yearly review checks the portal against the duties of a state
// agency's portal under the decree in force, each with what the portal
// holds, a link to the evidence and what is missing. The duties are this
// file's table: when the decree changes, this is what changes.

// ReviewDecree names the decree the review follows.
const ReviewDecree = "Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ quy định về việc cung cấp thông tin " +
	"và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng"

// Review windows: how recent news, the work schedule, consultations and
// backups must be, and how long a question may wait for its answer.
const (
	ReviewNewsDays       = 30
	ReviewScheduleDays   = 30
	ReviewBackupDays     = 7
	ReviewQuestionDays   = 15
	ReviewConsultationYr = 1
)

// ReviewStatus is how a duty stands.
type ReviewStatus string

// The statuses of a duty.
const (
	ReviewMet     ReviewStatus = "dat"
	ReviewMissing ReviewStatus = "chua-dat"
	ReviewByHand  ReviewStatus = "kiem-tra" // the portal cannot tell: someone must look
)

// Name is the status in Vietnamese.
func (s ReviewStatus) Name() string {
	switch s {
	case ReviewMet:
		return "Đạt"
	case ReviewMissing:
		return "Chưa đạt"
	}
	return "Cần kiểm tra"
}

// ReviewFacts are what the review reads from the store at a moment now.
type ReviewFacts struct {
	IntroPages      int       // published Vietnamese introduction pages
	EnglishPages    int       // published English pages
	Contacts        int       // contact officials named on published pages
	Leaders         int       // leaders in office
	RecentArticles  int       // articles published in the last ReviewNewsDays days
	LastArticle     time.Time // the newest published article; zero if none
	Documents       int       // published documents
	LastDocument    time.Time // the issue date of the newest; zero if none
	Answers         int       // questions answered and published
	Waiting         int       // questions not yet answered after ReviewQuestionDays days
	Consultations   int       // published consultations opened in the last year
	ScheduleEntries int       // published entries of the schedule within ReviewScheduleDays either side
}

// ReviewEnv is what the review learns outside the database.
type ReviewEnv struct {
	BaseURL string // the portal's public address (--base-url); "" when not set
	// IPv6 are the IPv6 addresses the public host name resolves to, when
	// LookupErr is nil.
	IPv6      []string
	LookupErr error
	// LastBackup is the last backup that succeeded, if HasBackup.
	LastBackup Backup
	HasBackup  bool
}

// ReviewCheck is one duty and how the portal meets it.
type ReviewCheck struct {
	Duty     string // what the decree asks, in Vietnamese
	Status   ReviewStatus
	Found    string // what the portal holds
	Missing  string // what to do; empty when met
	Evidence string // an address on the portal that shows it
	Fix      string // where in the back office to do it; may be empty
}

// Review checks the duties against facts, the settings and env.
func Review(f ReviewFacts, settings map[string]string, env ReviewEnv, now time.Time) []ReviewCheck {
	count := func(n int, what string) string { return viet.Number(int64(n)) + " " + what }
	var out []ReviewCheck
	add := func(c ReviewCheck, met bool) {
		if met {
			c.Status, c.Missing = ReviewMet, ""
		} else if c.Status == "" {
			c.Status = ReviewMissing
		}
		out = append(out, c)
	}

	add(ReviewCheck{Duty: "Giới thiệu cơ quan: chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức",
		Found:    count(f.IntroPages, "trang giới thiệu đã đăng"),
		Missing:  "Đăng trang giới thiệu chức năng, nhiệm vụ và cơ cấu tổ chức của cơ quan.",
		Evidence: "/gioi-thieu", Fix: "/quan-tri/trang"}, f.IntroPages > 0)

	var lacks []string
	if f.Leaders == 0 {
		lacks = append(lacks, "danh sách lãnh đạo")
	}
	for _, s := range []struct{ key, name string }{
		{SettingFooterAddress, "địa chỉ"}, {SettingFooterPhone, "điện thoại"}, {SettingFooterEmail, "thư điện tử"},
	} {
		if strings.TrimSpace(settings[s.key]) == "" {
			lacks = append(lacks, s.name+" của cơ quan")
		}
	}
	add(ReviewCheck{Duty: "Thông tin lãnh đạo và đầu mối liên hệ (địa chỉ, điện thoại, thư điện tử)",
		Found:   count(f.Leaders, "lãnh đạo; ") + count(f.Contacts, "người liên hệ trên trang giới thiệu"),
		Missing: "Còn thiếu: " + strings.Join(lacks, ", ") + ".", Evidence: "/gioi-thieu", Fix: "/quan-tri/cai-dat"},
		len(lacks) == 0)

	found := count(f.RecentArticles, "bài đăng trong "+strconv.Itoa(ReviewNewsDays)+" ngày qua")
	if !f.LastArticle.IsZero() {
		found += "; bài mới nhất ngày " + viet.Date(f.LastArticle)
	}
	add(ReviewCheck{Duty: "Tin tức, sự kiện về hoạt động của cơ quan", Found: found,
		Missing:  "Không có bài nào được đăng trong " + strconv.Itoa(ReviewNewsDays) + " ngày qua.",
		Evidence: "/", Fix: "/quan-tri/bai-viet"}, f.RecentArticles > 0)

	found = count(f.Documents, "văn bản đã công bố")
	if !f.LastDocument.IsZero() {
		found += "; văn bản mới nhất ban hành ngày " + viet.Date(f.LastDocument)
	}
	add(ReviewCheck{Duty: "Văn bản quy phạm pháp luật, văn bản chỉ đạo, điều hành", Found: found,
		Missing: "Chưa công bố văn bản nào.", Evidence: "/van-ban", Fix: "/quan-tri/van-ban"}, f.Documents > 0)

	c := ReviewCheck{Duty: "Hỏi – Đáp: tiếp nhận và trả lời câu hỏi của tổ chức, cá nhân",
		Found:    count(f.Answers, "câu trả lời đã đăng; ") + count(f.Waiting, "câu hỏi chờ quá "+strconv.Itoa(ReviewQuestionDays)+" ngày"),
		Evidence: "/hoi-dap", Fix: "/quan-tri/hoi-dap"}
	switch {
	case f.Waiting > 0:
		c.Missing = "Trả lời " + count(f.Waiting, "câu hỏi đã chờ quá "+strconv.Itoa(ReviewQuestionDays)+" ngày.")
	case f.Answers == 0:
		c.Status, c.Missing = ReviewByHand, "Chưa có câu trả lời nào được đăng: kiểm tra Hỏi – Đáp có được giới thiệu tới người dân."
	}
	add(c, f.Waiting == 0 && f.Answers > 0)

	add(ReviewCheck{Duty: "Lấy ý kiến về dự thảo văn bản quy phạm pháp luật, chính sách",
		Found:  count(f.Consultations, "dự thảo lấy ý kiến trong 12 tháng qua"),
		Status: ReviewByHand,
		Missing: "Không có dự thảo nào trong 12 tháng qua: nếu cơ quan soạn thảo văn bản, đăng dự thảo để lấy ý kiến " +
			"(cơ quan không soạn thảo văn bản thì không cần).",
		Evidence: "/gop-y-du-thao", Fix: "/quan-tri/gop-y-du-thao"}, f.Consultations > 0)

	add(ReviewCheck{Duty: "Lịch làm việc của lãnh đạo cơ quan",
		Found:   count(f.ScheduleEntries, "buổi làm việc đã đăng trong "+strconv.Itoa(ReviewScheduleDays)+" ngày trước và sau hôm nay"),
		Missing: "Đăng lịch làm việc của lãnh đạo.", Evidence: "/lich-lam-viec", Fix: "/quan-tri/lich-lam-viec"},
		f.ScheduleEntries > 0)

	lacks = lacks[:0]
	if f.EnglishPages == 0 {
		lacks = append(lacks, "trang tiếng Anh đã đăng")
	}
	if strings.TrimSpace(settings[SettingSiteNameEN]) == "" {
		lacks = append(lacks, "tên cổng bằng tiếng Anh")
	}
	add(ReviewCheck{Duty: "Thông tin cơ bản bằng tiếng Anh", Found: count(f.EnglishPages, "trang tiếng Anh đã đăng"),
		Missing: "Còn thiếu: " + strings.Join(lacks, ", ") + ".", Evidence: "/en", Fix: "/quan-tri/trang"}, len(lacks) == 0)

	licence := strings.TrimSpace(settings[SettingFooterLicence])
	add(ReviewCheck{Duty: "Thông tin về cơ quan chủ quản, người chịu trách nhiệm, giấy phép (chân trang)",
		Found:   orNone(licence),
		Missing: "Nhập dòng giấy phép và người chịu trách nhiệm ở chân trang.", Evidence: "/", Fix: "/quan-tri/cai-dat"},
		licence != "")

	add(ReviewCheck{Duty: "Sơ đồ cổng thông tin",
		Found:    "Trang Sơ đồ cổng và sitemap.xml cho máy tìm kiếm, tạo tự động từ chuyên mục và bài viết",
		Evidence: "/so-do-trang"}, true)

	add(ReviewCheck{Duty: "Hỗ trợ người khuyết tật tiếp cận (WCAG 2.1 mức AA)",
		Found: "Giao diện được kiểm thử tự động trên trình duyệt ở mỗi lần phát hành (axe-core, thứ tự tiêu đề, " +
			"bàn phím, màn hình 320 px). Ảnh trong bài cần có chú thích thay thế do biên tập viên nhập.",
		Evidence: "/"}, true)

	host, https := PublicHost(env.BaseURL)
	c = ReviewCheck{Duty: "Hỗ trợ IPv6", Evidence: "/"}
	switch {
	case host == "":
		c.Status, c.Found = ReviewByHand, "Chưa đặt địa chỉ công khai"
		c.Missing = "Đặt --base-url để biết tên miền cần kiểm tra, hoặc kiểm tra bằng tay bản ghi AAAA (IPv6) của tên miền."
	case env.LookupErr != nil:
		c.Status, c.Found = ReviewByHand, "Không tra được tên miền "+host+" từ máy chủ"
		c.Missing = "Kiểm tra bằng tay tên miền có bản ghi AAAA (IPv6) và máy chủ nhận kết nối IPv6."
	case len(env.IPv6) == 0:
		c.Found, c.Missing = "Tên miền "+host+" chưa có địa chỉ IPv6", "Thêm bản ghi AAAA cho "+host+" và mở cổng IPv6 ở máy chủ."
	default:
		c.Found = host + " có địa chỉ IPv6 " + strings.Join(env.IPv6, ", ")
	}
	add(c, host != "" && env.LookupErr == nil && len(env.IPv6) > 0)

	c = ReviewCheck{Duty: "Kết nối an toàn HTTPS", Evidence: "/"}
	switch {
	case host == "":
		c.Found, c.Missing = "Chưa đặt địa chỉ công khai", "Đặt --base-url https://… và cấu hình chứng chỉ ở máy chủ web."
	case https:
		c.Found = env.BaseURL
	default:
		c.Found, c.Missing = env.BaseURL, "Dùng HTTPS: chứng chỉ ở máy chủ web và --base-url https://…"
	}
	add(c, https)

	c = ReviewCheck{Duty: "Sao lưu dữ liệu định kỳ (bản sao lưu trong " + strconv.Itoa(ReviewBackupDays) + " ngày qua)",
		Found: "Chưa có bản sao lưu nào", Evidence: "/quan-tri/cai-dat", Fix: "/quan-tri/cai-dat",
		Missing: "Chạy cong backup (hoặc đặt lịch sao lưu) và kiểm tra bản sao lưu."}
	recent := env.HasBackup && now.Sub(env.LastBackup.At) <= ReviewBackupDays*24*time.Hour
	if env.HasBackup {
		c.Found = "Bản sao lưu gần nhất lúc " + viet.DateTime(env.LastBackup.At)
	}
	add(c, recent)
	return out
}

func orNone(s string) string {
	if s == "" {
		return "Chưa có"
	}
	return s
}

// PublicHost is the host name of base, and whether base is https.
func PublicHost(base string) (host string, https bool) {
	u, err := url.Parse(base)
	if base == "" || err != nil {
		return "", false
	}
	return u.Hostname(), u.Scheme == "https"
}
