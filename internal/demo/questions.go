package demo

import (
	"context"
	"strconv"
	"time"

	"cong/internal/media"
	"cong/internal/portal"
)

// demoQuestion is a citizen's question of the demo portal and, when it is
// published, the answer of the unit in charge.
type demoQuestion struct {
	name, topic, unit, title, content, answer string
}

var demoQuestions = []demoQuestion{
	{"Nguyễn Văn Hùng", "Đất đai", "Sở Tài nguyên và Môi trường", "Điều kiện tách thửa đất ở tại thành phố Vị Thanh",
		"Gia đình tôi có thửa đất ở 180 m² tại phường 5. Xin hỏi diện tích tối thiểu để tách thửa và hồ sơ cần chuẩn bị?",
		"<p>Theo quy định của Ủy ban nhân dân tỉnh, diện tích tối thiểu được tách thửa đối với đất ở tại các phường là 40 m², chiều rộng mặt tiền không nhỏ hơn 4 m.</p><p>Hồ sơ gồm: đơn đề nghị tách thửa, bản gốc Giấy chứng nhận quyền sử dụng đất và bản vẽ sơ đồ thửa đất. Ông nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả của thành phố.</p>"},
	{"Trần Thị Mai", "Giáo dục", "Sở Giáo dục và Đào tạo", "Chế độ miễn học phí cho con hộ nghèo",
		"Con tôi học lớp 8, gia đình thuộc hộ nghèo. Xin hỏi cháu có được miễn học phí không và cần giấy tờ gì?",
		"<p>Học sinh thuộc hộ nghèo được miễn học phí theo Nghị định số 81/2021/NĐ-CP của Chính phủ.</p><p>Bà nộp đơn đề nghị miễn học phí kèm bản sao Giấy chứng nhận hộ nghèo do Ủy ban nhân dân cấp xã cấp cho nhà trường nơi cháu học.</p>"},
	{"Lê Minh Tuấn", "Thủ tục hành chính", "Văn phòng", "Nộp hồ sơ trực tuyến có phải đến nhận kết quả không?",
		"Tôi nộp hồ sơ cấp phiếu lý lịch tư pháp trên Cổng dịch vụ công. Xin hỏi có thể nhận kết quả qua bưu điện không?",
		"<p>Có. Khi nộp hồ sơ trực tuyến, ông chọn hình thức nhận kết quả qua dịch vụ bưu chính công ích; phí chuyển phát do người nhận trả theo giá cước của bưu điện.</p>"},
	{"Võ Thị Lan", "Y tế", "", "Thẻ bảo hiểm y tế học sinh hết hạn giữa năm học",
		"Thẻ bảo hiểm y tế của con tôi hết hạn tháng 12. Xin hỏi gia hạn ở đâu?", ""},
}

// seedQuestions adds a few answered and published questions and one still
// waiting, when the store takes questions.
func seedQuestions(ctx context.Context, s Store, _ media.Storage, _ time.Time) error {
	qs, ok := s.(portal.QuestionService)
	if !ok {
		return nil
	}
	topics, err := qs.Topics(ctx)
	if err != nil {
		return err
	}
	units, err := qs.Units(ctx)
	if err != nil {
		return err
	}
	for i, d := range demoQuestions {
		q := &portal.Question{Name: d.name, Email: "ban-doc-" + strconv.Itoa(i) + "@example.vn", IP: "demo-" + strconv.Itoa(i),
			TopicID: byName(topics, d.topic), Title: d.title, Content: d.content}
		if err := qs.SubmitQuestion(ctx, demoActor, q, 0, 100); err != nil {
			return err
		}
		if d.answer == "" {
			continue
		}
		if err := qs.AssignQuestion(ctx, demoActor, q.ID, byName(units, d.unit)); err != nil {
			return err
		}
		if err := qs.AnswerQuestion(ctx, demoActor, q.ID, d.answer); err != nil {
			return err
		}
		if err := qs.SetQuestionStatus(ctx, demoActor, q.ID, portal.QuestionPublished); err != nil {
			return err
		}
	}
	return nil
}

// byName finds a topic or unit of the migration's seed by name.
func byName(list []portal.Topic, name string) int64 {
	for _, t := range list {
		if t.Name == name {
			return t.ID
		}
	}
	return 0
}
