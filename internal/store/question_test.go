package store_test

import (
	"strings"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// newQuestion is a valid question from ip in the topic named topic.
func newQuestion(t *testing.T, db *store.DB, topic, ip, title, content string) *portal.Question {
	t.Helper()
	q := &portal.Question{Name: "Trần Thị Bình", Email: ip + "@example.vn", Phone: "0909 123 456", Address: "Vị Thanh",
		IP: ip, TopicID: topicID(t, db, topic), Title: title, Content: content}
	return q
}

func topicID(t *testing.T, db *store.DB, name string) int64 {
	t.Helper()
	topics, err := db.Topics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range topics {
		if tp.Name == name {
			return tp.ID
		}
	}
	t.Fatalf("no topic %q in %v", name, topics)
	return 0
}

func TestQuestionWorkflow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		u := &portal.User{Username: "bientap", Name: "Biên tập viên", PasswordHash: "-", Roles: []portal.Role{portal.RoleEditor}}
		if err := db.CreateUser(ctx, storetest.Actor, u); err != nil {
			t.Fatal(err)
		}
		q := newQuestion(t, db, "Đất đai", "10.0.0.1", "Cấp giấy chứng nhận quyền sử dụng đất",
			"Thủ tục cấp đổi sổ đỏ cần những giấy tờ gì?")
		if err := db.SubmitQuestion(ctx, storetest.Actor, q, time.Minute, 5); err != nil {
			t.Fatal(err)
		}
		if len(q.Code) != portal.LookupCodeLen || q.Status != portal.QuestionPending {
			t.Fatalf("code %q, status %q; want a %d-letter code, pending", q.Code, q.Status, portal.LookupCodeLen)
		}
		got, err := db.QuestionByCode(ctx, q.Code)
		if err != nil || got.ID != q.ID || got.TopicName != "Đất đai" || got.Phone != "0909 123 456" {
			t.Fatalf("QuestionByCode = %+v, %v", got, err)
		}
		if _, err := db.PublishedQuestion(ctx, q.ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("a pending question is public: %v", err)
		}
		if err := db.SetQuestionStatus(ctx, u.Actor(""), q.ID, portal.QuestionPublished); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("publishing without an answer = %v; want EINVALID", err)
		}
		if err := db.AnswerQuestion(ctx, u.Actor(""), q.ID, "<p>Trả lời</p>"); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("answering before a unit is assigned = %v; want EINVALID", err)
		}
		units, _ := db.Units(ctx)
		if err := db.AssignQuestion(ctx, u.Actor(""), q.ID, units[2].ID); err != nil {
			t.Fatal(err)
		}
		if err := db.AssignQuestion(ctx, u.Actor(""), q.ID, 987654); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("assigning to a unit that does not exist = %v", err)
		}
		if err := db.AnswerQuestion(ctx, u.Actor(""), q.ID, "<p>Hồ sơ gồm đơn đề nghị và bản gốc giấy chứng nhận.</p>"); err != nil {
			t.Fatal(err)
		}
		if err := db.SetQuestionStatus(ctx, u.Actor(""), q.ID, portal.QuestionPublished); err != nil {
			t.Fatal(err)
		}
		pub, err := db.PublishedQuestion(ctx, q.ID)
		if err != nil || pub.UnitName != units[2].Name || pub.AnswererName != "Biên tập viên" || pub.PublishedAt.IsZero() {
			t.Fatalf("PublishedQuestion = %+v, %v", pub, err)
		}
		counts, _ := db.QuestionCounts(ctx)
		if counts[portal.QuestionPublished] != 1 {
			t.Errorf("counts = %v", counts)
		}
		if err := db.SetQuestionStatus(ctx, u.Actor(""), q.ID, portal.QuestionAnswered); err != nil {
			t.Fatal(err)
		}
		if _, err := db.PublishedQuestion(ctx, q.ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("an unpublished question is still public: %v", err)
		}
		if err := db.SetQuestionStatus(ctx, u.Actor(""), q.ID, portal.QuestionSpam); err != nil {
			t.Fatal(err)
		}
		if err := db.AnswerQuestion(ctx, u.Actor(""), q.ID, "<p>x</p>"); portal.ErrorCode(err) != portal.ECONFLICT {
			t.Errorf("answering spam = %v; want ECONFLICT", err)
		}
		if list, _ := db.Questions(ctx, portal.QuestionSpam, 10); len(list) != 1 || list[0].Email != "10.0.0.1@example.vn" {
			t.Errorf("spam queue = %+v", list)
		}
	})
}

func TestQuestionLimits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		submit := func(ip, title string) error {
			return db.SubmitQuestion(ctx, storetest.Actor, newQuestion(t, db, "Y tế", ip, title, "Nội dung "+title), time.Minute, 3)
		}
		if err := submit("10.0.0.2", "Một"); err != nil {
			t.Fatal(err)
		}
		if err := submit("10.0.0.2", "Hai"); portal.ErrorCode(err) != portal.ELIMIT {
			t.Errorf("second question within a minute = %v; want ELIMIT", err)
		}
		now = now.Add(2 * time.Minute)
		if err := submit("10.0.0.2", "Một"); portal.ErrorCode(err) != portal.ECONFLICT {
			t.Errorf("the same question again = %v; want ECONFLICT", err)
		}
		for _, title := range []string{"Hai", "Ba"} {
			now = now.Add(2 * time.Minute)
			if err := submit("10.0.0.2", title); err != nil {
				t.Fatalf("%s: %v", title, err)
			}
		}
		now = now.Add(2 * time.Minute)
		if err := submit("10.0.0.2", "Bốn"); portal.ErrorCode(err) != portal.ELIMIT {
			t.Errorf("a fourth question within the hour = %v; want ELIMIT", err)
		}
		if err := submit("10.0.0.3", "Khác"); err != nil {
			t.Errorf("another sender is refused: %v", err)
		}
		bad := newQuestion(t, db, "Y tế", "10.0.0.4", "Tiêu đề", strings.Repeat("ư", portal.MaxQuestionContent+1))
		if err := db.SubmitQuestion(ctx, storetest.Actor, bad, time.Minute, 3); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("too long = %v; want EINVALID", err)
		}
		bad = newQuestion(t, db, "Y tế", "10.0.0.4", "Tiêu đề", "Nội dung")
		bad.TopicID = 999999
		if err := db.SubmitQuestion(ctx, storetest.Actor, bad, time.Minute, 3); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("unknown topic = %v; want EINVALID", err)
		}
		if n, _ := db.QuestionCounts(ctx); n[portal.QuestionPending] != 4 {
			t.Errorf("pending = %d; want 4", n[portal.QuestionPending])
		}
	})
}

func TestPublishedQuestionsSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		units, _ := db.Units(ctx)
		publish := func(topic, ip, title, content string) int64 {
			q := newQuestion(t, db, topic, ip, title, content)
			if err := db.SubmitQuestion(ctx, storetest.Actor, q, time.Minute, 5); err != nil {
				t.Fatal(err)
			}
			db.AssignQuestion(ctx, storetest.Actor, q.ID, units[0].ID)
			db.AnswerQuestion(ctx, storetest.Actor, q.ID, "<p>Trả lời về "+title+"</p>")
			if err := db.SetQuestionStatus(ctx, storetest.Actor, q.ID, portal.QuestionPublished); err != nil {
				t.Fatal(err)
			}
			return q.ID
		}
		land := publish("Đất đai", "10.1.0.1", "Tranh chấp đất đai giữa hộ liền kề", "Xin hỏi thủ tục hòa giải.")
		school := publish("Giáo dục", "10.1.0.2", "Tuyển sinh lớp 10", "Điều kiện cộng điểm ưu tiên?")
		pending := newQuestion(t, db, "Đất đai", "10.1.0.3", "Đất đai chưa đăng", "Đất đai")
		db.SubmitQuestion(ctx, storetest.Actor, pending, time.Minute, 5)
		for _, tc := range []struct {
			name string
			f    portal.QuestionFilter
			want []int64
		}{
			{"all", portal.QuestionFilter{}, []int64{school, land}},
			{"tone marks off", portal.QuestionFilter{Text: "dat dai"}, []int64{land}},
			{"upper case and đ", portal.QuestionFilter{Text: "ĐẤT"}, []int64{land}},
			{"in the answer", portal.QuestionFilter{Text: "tra loi tuyen sinh"}, []int64{school}},
			{"every word must match", portal.QuestionFilter{Text: "dat tuyen"}, nil},
			{"topic", portal.QuestionFilter{TopicID: topicID(t, db, "Giáo dục")}, []int64{school}},
			{"like syntax is text", portal.QuestionFilter{Text: "d_t%"}, nil},
		} {
			res, err := db.PublishedQuestions(ctx, tc.f)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			var got []int64
			for _, q := range res.Questions {
				got = append(got, q.ID)
			}
			if len(got) != len(tc.want) || res.Total != len(tc.want) || len(got) > 0 && got[0] != tc.want[0] {
				t.Errorf("%s: %v (total %d); want %v", tc.name, got, res.Total, tc.want)
			}
		}
		if _, err := db.PublishedQuestions(ctx, portal.QuestionFilter{Text: "!!!"}); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("a query without words = %v; want EINVALID", err)
		}
	})
}

func TestTopicsAndUnits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tp := &portal.Topic{Name: "Giao thông", Position: 7}
		if err := db.SaveTopic(ctx, storetest.Actor, tp); err != nil || tp.ID == 0 {
			t.Fatalf("SaveTopic = %v, id %d", err, tp.ID)
		}
		if err := db.SaveTopic(ctx, storetest.Actor, &portal.Topic{Name: "Đất đai"}); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("a second Đất đai = %v; want EINVALID", err)
		}
		tp.Name = "Giao thông vận tải"
		if err := db.SaveTopic(ctx, storetest.Actor, tp); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveUnit(ctx, storetest.Actor, &portal.Unit{ID: 99999, Name: "Không có"}); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("saving a missing unit = %v; want ENOTFOUND", err)
		}
		if err := db.SaveUnit(ctx, storetest.Actor, &portal.Unit{Name: "  "}); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("an empty name = %v; want EINVALID", err)
		}
	})
}
