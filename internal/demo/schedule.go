package demo

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// demoLeaders are the province's leaders, in the order the schedule lists them.
var demoLeaders = []portal.Leader{
	{Name: "Nghiêm Xuân Thành", Title: "Bí thư Tỉnh ủy", Slug: "bi-thu-tinh-uy"},
	{Name: "Lê Công Đỉnh", Title: "Phó Bí thư Thường trực Tỉnh ủy", Slug: "pho-bi-thu-thuong-truc"},
	{Name: "Đồng Văn Thanh", Title: "Chủ tịch UBND tỉnh", Slug: "chu-tich-ubnd-tinh"},
	{Name: "Trương Cảnh Tuyên", Title: "Phó Chủ tịch UBND tỉnh", Slug: "pho-chu-tich-ubnd-tinh"},
}

// scheduleItem is an entry of the work schedule, placed by weekday and time.
type scheduleItem struct {
	day          int // 0 is Monday of this week; 7 of the next
	hour, minute int
	leaders      []int  // indexes into demoLeaders
	leader       string // free text besides them
	content      string // "{năm}" stands for the year under review
	location     string
	attendees    string
	preparer     string
	adjustment   string // made after publishing
}

var weekSchedule = []scheduleItem{
	{0, 7, 30, []int{0}, "", "Dự Hội nghị tổng kết công tác xây dựng Đảng năm {năm}", "Hội trường Tỉnh ủy", "Ủy viên Ban Thường vụ Tỉnh ủy; trưởng các ban đảng", "Ban Tổ chức Tỉnh ủy", ""},
	{0, 14, 0, []int{1}, "", "Làm việc với Ban Thường vụ Thành ủy Vị Thanh về tình hình thực hiện nghị quyết", "Thành ủy Vị Thanh", "Lãnh đạo Văn phòng Tỉnh ủy", "Thành ủy Vị Thanh", ""},
	{1, 8, 0, []int{2}, "", "Chủ trì phiên họp thường kỳ của Ủy ban nhân dân tỉnh", "Phòng họp UBND tỉnh", "Thành viên UBND tỉnh; thủ trưởng các sở, ngành", "Văn phòng UBND tỉnh", "Chuyển sang 8 giờ 00 (trước đây 7 giờ 30) để các đại biểu kịp dự"},
	{2, 7, 30, []int{0}, "", "Tiếp xúc cử tri huyện Phụng Hiệp trước kỳ họp Hội đồng nhân dân tỉnh", "Hội trường UBND huyện Phụng Hiệp", "Tổ đại biểu HĐND tỉnh đơn vị huyện Phụng Hiệp", "Huyện ủy Phụng Hiệp", ""},
	{2, 14, 0, []int{3}, "", "Kiểm tra tiến độ thi công các công trình giao thông trọng điểm", "Huyện Châu Thành A", "Sở Giao thông vận tải; Ban Quản lý dự án", "Sở Giao thông vận tải", ""},
	{3, 14, 0, []int{1}, "", "Dự Lễ trao Huy hiệu Đảng cho đảng viên cao tuổi Đảng", "Hội trường Thị ủy Long Mỹ", "", "Thị ủy Long Mỹ", ""},
	{4, 8, 0, []int{0, 1}, "Thường trực Tỉnh ủy", "Họp Ban Thường vụ Tỉnh ủy cho ý kiến các đề án trình Ban Chấp hành Đảng bộ tỉnh", "Phòng họp Ban Thường vụ Tỉnh ủy", "Ủy viên Ban Thường vụ Tỉnh ủy", "Văn phòng Tỉnh ủy", ""},
	{7, 8, 0, []int{0, 1, 2}, "", "Dự Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ mười", "Hội trường Tỉnh ủy", "Ủy viên Ban Chấp hành Đảng bộ tỉnh", "Văn phòng Tỉnh ủy", ""},
	{8, 14, 0, []int{2}, "", "Đối thoại với doanh nghiệp về cải cách thủ tục hành chính", "Trung tâm Hội nghị tỉnh", "Sở Kế hoạch và Đầu tư; Hiệp hội Doanh nghiệp tỉnh", "Sở Kế hoạch và Đầu tư", ""},
	{9, 19, 30, []int{1}, "", "Dự chương trình nghệ thuật chào mừng ngày thành lập tỉnh", "Quảng trường Hậu Giang", "", "Sở Văn hóa, Thể thao và Du lịch", ""},
}

// seedSchedule adds the leaders and fills the week that contains now and
// the next, so the block is never empty on the day the demo starts; one
// entry carries an adjustment made after it was published.
func seedSchedule(ctx context.Context, s Store, now time.Time) error {
	leaders := make([]portal.Leader, len(demoLeaders))
	for i, l := range demoLeaders {
		l.Position, l.Active = i+1, true
		if err := s.SaveLeader(ctx, demoActor, &l); err != nil {
			return fmt.Errorf("leader %s: %w", l.Slug, err)
		}
		leaders[i] = l
	}
	monday := viet.WeekStart(now)
	// Year-end reviews run into January, when the year under review is the last.
	year := strconv.Itoa(monday.AddDate(0, -1, 0).Year())
	for _, it := range weekSchedule {
		e := portal.ScheduleEntry{
			StartsAt: monday.AddDate(0, 0, it.day).Add(time.Duration(it.hour)*time.Hour + time.Duration(it.minute)*time.Minute),
			Leader:   it.leader, Content: strings.ReplaceAll(it.content, "{năm}", year), Location: it.location,
			Attendees: it.attendees, Preparer: it.preparer,
			Status: portal.StatusPublished, PublishedAt: monday.AddDate(0, 0, -3),
		}
		for _, i := range it.leaders {
			e.Leaders = append(e.Leaders, leaders[i])
		}
		if it.adjustment != "" {
			e.Sequence, e.AdjustNote, e.AdjustedAt = 1, it.adjustment, monday.AddDate(0, 0, -1).Add(16*time.Hour)
		}
		if err := s.CreateScheduleEntry(ctx, demoActor, &e); err != nil {
			return fmt.Errorf("schedule entry: %w", err)
		}
	}
	return nil
}
