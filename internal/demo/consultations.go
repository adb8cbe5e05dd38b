package demo

import (
	"context"
	"fmt"
	"time"

	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/viet"
)

// draftFile is the demo draft's full text, a one-page PDF.
const draftFile = "demo/du-thao-phi-tham-quan-di-tich.pdf"

const draftPDF = "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n" +
	"2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n" +
	"3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R " +
	"/Resources <</Font <</F1 5 0 R>>>>>> endobj\n" +
	"4 0 obj <</Length 70>> stream\nBT /F1 16 Tf 72 760 Td (Du thao Nghi quyet - ban de lay y kien) Tj ET\nendstream endobj\n" +
	"5 0 obj <</Type /Font /Subtype /Type1 /BaseFont /Helvetica>> endobj\n" +
	"trailer <</Root 1 0 R>>\n%%EOF\n"

// seedConsultations adds two drafts put to the public: one taking comments
// for three more weeks, with two approved comments shown, and one finished.
func seedConsultations(ctx context.Context, s Store, files media.Storage, now time.Time) error {
	at := func(days, hour int) time.Time {
		d := now.In(viet.Location)
		return time.Date(d.Year(), d.Month(), d.Day()+days, hour, 0, 0, 0, viet.Location)
	}
	open := &portal.Consultation{
		Title:  "Dự thảo Nghị quyết quy định mức thu, chế độ thu, nộp phí tham quan di tích trên địa bàn tỉnh Hậu Giang",
		Issuer: "Sở Tài chính tỉnh Hậu Giang",
		Summary: "Dự thảo quy định mức thu phí tham quan Khu di tích lịch sử Chiến thắng Chương Thiện và các di tích cấp tỉnh, " +
			"đối tượng được miễn, giảm và việc quản lý, sử dụng tiền phí thu được.\n\n" +
			"Cơ quan, tổ chức và nhân dân góp ý trực tiếp trên cổng hoặc gửi văn bản về đơn vị tiếp nhận trước thời hạn.",
		OpensAt: at(-7, 7), ClosesAt: at(21, 17), PublicComments: true, Published: true,
		ReceiverAddress: "Sở Tài chính tỉnh Hậu Giang, số 09 đường Trần Hưng Đạo, phường I, thành phố Vị Thanh",
		ReceiverEmail:   "stc@haugiang.gov.vn",
	}
	closed := &portal.Consultation{
		Title:  "Dự thảo Kế hoạch chuyển đổi số tỉnh Hậu Giang giai đoạn 2026 - 2030",
		Issuer: "Sở Khoa học và Công nghệ tỉnh Hậu Giang",
		Summary: "Dự thảo kế hoạch đặt mục tiêu đưa dịch vụ công trực tuyến toàn trình lên trên 80% hồ sơ và " +
			"số hóa kết quả giải quyết thủ tục hành chính.",
		OpensAt: at(-60, 7), ClosesAt: at(-30, 17), Published: true,
		ReceiverAddress: "Sở Khoa học và Công nghệ tỉnh Hậu Giang, thành phố Vị Thanh",
		ReceiverEmail:   "skhcn@haugiang.gov.vn",
	}
	for _, c := range []*portal.Consultation{closed, open} {
		if err := s.CreateConsultation(ctx, demoActor, c); err != nil {
			return fmt.Errorf("consultation %q: %w", c.Title, err)
		}
	}
	size, err := writeMissing(ctx, files, draftFile, func() ([]byte, error) { return []byte(draftPDF), nil })
	if err != nil {
		return err
	}
	m := &portal.Media{File: draftFile, MIME: "application/pdf", Caption: "Toàn văn dự thảo Nghị quyết", Size: size}
	if err := s.CreateMedia(ctx, demoActor, m); err != nil {
		return err
	}
	if err := s.AddConsultationFile(ctx, demoActor, open.ID, m.ID); err != nil {
		return err
	}
	for _, c := range []portal.ConsultationComment{
		{Name: "Nguyễn Thị Mai", Email: "mai@example.vn", Body: "Đề nghị miễn phí tham quan cho học sinh, sinh viên đi theo đoàn của nhà trường."},
		{Name: "Trần Văn Hùng", Email: "hung@example.vn", Body: "Nên công khai mức phí tại cổng di tích và cho phép thanh toán không dùng tiền mặt."},
	} {
		c.ConsultationID, c.Status = open.ID, portal.CommentApproved
		if err := s.CreateConsultationComment(ctx, demoActor, &c); err != nil {
			return err
		}
	}
	return nil
}
