package admin_test

import (
	"net/url"
	"strconv"
	"testing"
	"time"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/storetest"
	"cong/internal/xsstest"
)

// TestStoredXSSInQuestions sends every vector through every field of the
// question form and through the staff answer, publishes what was taken,
// and checks every page that shows it.
func TestStoredXSSInQuestions(t *testing.T) {
	clock := newFormTime()
	n := newNewsroomAt(t, storetest.Open(t, storetest.SQLiteDSN(t)), clock.now)
	tok := n.token(t, "/hoi-dap/gui-cau-hoi")
	clock.advance(10 * time.Second)
	topics, err := n.db.Topics(ctx)
	if err != nil || len(topics) == 0 {
		t.Fatalf("topics = %v, %v", topics, err)
	}
	topic := strconv.FormatInt(topics[0].ID, 10)
	vectors := xsstest.Vectors()
	fields := []string{"name", "email", "phone", "address", "title", "content"}
	for i, v := range vectors {
		for j, field := range fields {
			k := strconv.Itoa(i*len(fields) + j)
			form := url.Values{"name": {"Người hỏi " + k}, "email": {"hoi" + k + "@example.vn"}, "phone": {"0293 3870 000"},
				"address": {"Vị Thanh"}, "topic": {topic}, "title": {"Câu hỏi số " + k}, "content": {"Nội dung câu hỏi số " + k},
				"consent": {"1"}, "t": {tok}}
			form.Set(field, v)
			w := n.post(t, "/hoi-dap/gui-cau-hoi", form, "10.8."+strconv.Itoa(i)+"."+strconv.Itoa(j+1))
			if w.Code >= 500 {
				t.Fatalf("%s=%q: %d", field, v, w.Code)
			}
			if w.Code != 303 {
				checkPage(t, "question form shown again with "+field+"="+v, w.Body.Bytes())
			}
		}
	}
	counts, err := n.db.QuestionCounts(ctx)
	if err != nil || counts[portal.QuestionPending] < len(vectors) {
		t.Fatalf("questions waiting = %d, %v; want at least one per vector", counts[portal.QuestionPending], err)
	}
	t.Logf("%d vectors, %d questions accepted", len(vectors), counts[portal.QuestionPending])
	checkPage(t, "question queue", n.do(t, "editor", "GET", admin.Prefix+"/hoi-dap", nil).Body.Bytes())
	for answered := 0; answered < len(vectors); {
		waiting, err := n.db.Questions(ctx, portal.QuestionPending, 100)
		if err != nil || len(waiting) == 0 {
			t.Fatalf("waiting = %d, %v", len(waiting), err)
		}
		for _, q := range waiting {
			if answered == len(vectors) {
				break
			}
			answerAndCheck(t, n, q.ID, vectors[answered])
			answered++
		}
	}
	counts, _ = n.db.QuestionCounts(ctx)
	if counts[portal.QuestionPublished] < len(vectors)/2 {
		t.Errorf("%d questions published with their answers; want most of the %d", counts[portal.QuestionPublished], len(vectors))
	}
	t.Logf("%d published", counts[portal.QuestionPublished])
	n.site.ClearCache()
	for page := 1; page <= 8; page++ {
		checkPage(t, "question list", n.do(t, "anonymous", "GET", "/hoi-dap?trang="+strconv.Itoa(page), nil).Body.Bytes())
	}
	checkPage(t, "question search", n.do(t, "anonymous", "GET", "/hoi-dap?q=alert", nil).Body.Bytes())
}

// TestStoredXSSInConsultations does the same for comments on a draft.
func TestStoredXSSInConsultations(t *testing.T) {
	clock := newFormTime()
	n := newNewsroomAt(t, storetest.Open(t, storetest.SQLiteDSN(t)), clock.now)
	open, err := n.db.Consultations(ctx, portal.ConsultationFilter{Phase: portal.PhaseOpen, Now: clock.now(), PublishedOnly: true})
	if err != nil || len(open) == 0 {
		t.Fatalf("open consultations = %v, %v; want the demo's", open, err)
	}
	c := open[0]
	c.PublicComments = true
	if err := n.db.UpdateConsultation(ctx, storetest.Actor, &c); err != nil {
		t.Fatal(err)
	}
	path := "/gop-y-du-thao/" + c.Slug
	n.site.ClearCache()
	tok := n.token(t, path)
	clock.advance(10 * time.Second)
	for i, v := range xsstest.Vectors() {
		for j, field := range []string{"name", "email", "body"} {
			k := strconv.Itoa(i*3 + j)
			form := url.Values{"name": {"Người góp ý " + k}, "email": {"gy" + k + "@example.vn"}, "body": {"Góp ý số " + k},
				"consent": {"1"}, "t": {tok}}
			form.Set(field, v)
			w := n.post(t, path, form, "10.7."+strconv.Itoa(i)+"."+strconv.Itoa(j+1))
			if w.Code >= 500 {
				t.Fatalf("%s=%q: %d", field, v, w.Code)
			}
			if w.Code != 303 {
				checkPage(t, "consultation form shown again with "+field+"="+v, w.Body.Bytes())
			}
		}
	}
	pending, err := n.db.ConsultationComments(ctx, c.ID, portal.CommentPending, 1000)
	if err != nil || len(pending) < len(xsstest.Vectors()) {
		t.Fatalf("pending = %d, %v; want at least one per vector", len(pending), err)
	}
	admin := admin.Prefix + "/gop-y-du-thao/" + strconv.FormatInt(c.ID, 10)
	checkPage(t, "staff comments", n.do(t, "editor", "GET", admin+"/y-kien", nil).Body.Bytes())
	for _, p := range pending {
		if _, err := n.db.ModerateConsultationComment(ctx, storetest.Actor, p.ID, portal.CommentApproved, clock.now()); err != nil {
			t.Fatal(err)
		}
	}
	n.site.ClearCache()
	checkPage(t, "consultation page", n.do(t, "anonymous", "GET", path, nil).Body.Bytes())
	checkPage(t, "staff comments, approved", n.do(t, "editor", "GET", admin+"/y-kien?trang-thai=approved", nil).Body.Bytes())
}

// answerAndCheck answers question id with answer, publishes it and checks
// the pages that show it to staff, to its asker and to readers.
func answerAndCheck(t *testing.T, n *newsroom, id int64, answer string) {
	t.Helper()
	path := admin.Prefix + "/hoi-dap/" + strconv.FormatInt(id, 10)
	units, err := n.db.Units(ctx)
	if err != nil || len(units) == 0 {
		t.Fatalf("units = %v, %v", units, err)
	}
	if w := n.do(t, "editor", "POST", path+"/chuyen", url.Values{"unit": {strconv.FormatInt(units[0].ID, 10)}}); w.Code != 303 {
		t.Fatalf("assign: %d", w.Code)
	}
	if w := n.do(t, "editor", "POST", path+"/tra-loi", url.Values{"answer": {"<p>Xin trả lời như sau.</p>" + answer}}); w.Code >= 500 {
		t.Fatalf("answer %q: %d", answer, w.Code)
	}
	if w := n.do(t, "editor", "POST", path+"/trang-thai", url.Values{"action": {"publish"}}); w.Code >= 500 {
		t.Fatalf("publish: %d", w.Code)
	}
	checkPage(t, "staff question page", n.do(t, "editor", "GET", path, nil).Body.Bytes())
	q, err := n.db.Question(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if q.Status != portal.QuestionPublished {
		// An answer with nothing left once sanitized is refused; the
		// question waits, shown to no reader.
		if q.Status == portal.QuestionPending {
			if err := n.db.SetQuestionStatus(ctx, storetest.Actor, id, portal.QuestionRejected); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	checkPage(t, "lookup", n.do(t, "anonymous", "GET", "/hoi-dap/tra-cuu?ma="+q.Code, nil).Body.Bytes())
	checkPage(t, "question page", n.do(t, "anonymous", "GET", "/hoi-dap/"+strconv.FormatInt(id, 10), nil).Body.Bytes())
}

// TestStoredXSSInErrorReports sends every vector through every field of
// the "Báo lỗi" form and checks the form shown again and the editors' list.
func TestStoredXSSInErrorReports(t *testing.T) {
	clock := newFormTime()
	n := newNewsroomAt(t, storetest.Open(t, storetest.SQLiteDSN(t)), clock.now)
	path := "/bao-loi/" + strconv.FormatInt(n.article["published"].ID, 10)
	tok := n.token(t, path)
	clock.advance(10 * time.Second)
	vectors := xsstest.Vectors()
	fields := []string{"name", "email", "quote", "body"}
	for i, v := range vectors {
		for j, field := range fields {
			k := strconv.Itoa(i*len(fields) + j)
			form := url.Values{"name": {"Bạn đọc " + k}, "email": {"bao" + k + "@example.vn"}, "quote": {"Đoạn " + k},
				"body": {"Lỗi số " + k}, "consent": {"1"}, "t": {tok}}
			form.Set(field, v)
			w := n.post(t, path, form, "10.7."+strconv.Itoa(i)+"."+strconv.Itoa(j+1))
			if w.Code >= 500 {
				t.Fatalf("%s=%q: %d", field, v, w.Code)
			}
			if w.Code != 303 {
				checkPage(t, "report form shown again with "+field+"="+v, w.Body.Bytes())
			}
		}
	}
	reports, err := n.db.ErrorReports(ctx, portal.ReportFilter{Status: portal.ReportNew, Limit: 500})
	if err != nil || len(reports) < len(vectors) {
		t.Fatalf("reports = %d, %v; want at least one per vector", len(reports), err)
	}
	checkPage(t, "editors' reports", n.do(t, "editor", "GET", admin.Prefix+"/bao-loi", nil).Body.Bytes())
}
