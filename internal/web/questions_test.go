package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// qaSite is a portal that takes questions, and its media folder.
type qaSite struct {
	*site
	media string
	token func(age time.Duration) string
	topic string // the id of "Đất đai"
}

func newQASite(t *testing.T, db *store.DB) *qaSite {
	t.Helper()
	media := t.TempDir()
	if _, err := demo.Seed(ctx, db, media, time.Now()); err != nil {
		t.Fatal(err)
	}
	qs := &qaSite{site: newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Comments: db,
		Search: db, Questions: db, Ready: db.Ping}, media), media: media}
	settings, _ := db.Settings(ctx)
	qs.token = func(age time.Duration) string {
		return strconv.FormatInt(web.FormToken(settings["forms.secret"], time.Now().Add(-age)), 10)
	}
	topics, _ := db.Topics(ctx)
	for _, tp := range topics {
		if tp.Name == "Đất đai" {
			qs.topic = strconv.FormatInt(tp.ID, 10)
		}
	}
	return qs
}

// goodQuestion is a form that passes every check.
func (s *qaSite) goodQuestion() url.Values {
	return url.Values{"name": {"Lê Văn Cường"}, "email": {"cuong@example.vn"}, "phone": {"0912 345 678"},
		"address": {"Số 5, đường Trần Hưng Đạo, Vị Thanh"}, "topic": {s.topic},
		"title": {"Thủ tục tách thửa đất nông nghiệp"}, "content": {"Xin hỏi diện tích tối thiểu để tách thửa?"},
		"consent": {"1"}, "t": {s.token(time.Minute)}}
}

// postQuestion sends the question form as a browser does, multipart, with
// an optional file.
func (s *qaSite) postQuestion(t *testing.T, form url.Values, ip, fileName string, file []byte) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range form {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if fileName != "" {
		fw, _ := mw.CreateFormFile("file", fileName)
		fw.Write(file)
	}
	mw.Close()
	r := httptest.NewRequest("POST", "/hoi-dap/gui-cau-hoi", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("User-Agent", browserUA)
	r.RemoteAddr = ip + ":5000"
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	return w
}

func TestQuestionFormBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newQASite(t, db)
		before, _ := db.QuestionCounts(ctx) // the demo's
		page := parse(t, s.get(t, "/hoi-dap/gui-cau-hoi"))
		if page.Find(`form#gui-cau-hoi input[name=t]`).Length() != 1 || page.Find(`form#gui-cau-hoi input[name=consent]`).Length() != 1 ||
			page.Find(`form#gui-cau-hoi[enctype="multipart/form-data"] input[type=file]`).Length() != 1 {
			t.Fatal("the form lacks its token, consent box or file field")
		}
		if v, _ := page.Find(`input[name=t]`).Attr("value"); v == "" || v == "0" {
			t.Errorf("form token = %q; want a signed time", v)
		}
		with := func(k, v string) url.Values { f := s.goodQuestion(); f.Set(k, v); return f }
		html := `<p>hello</p><script>alert(1)</script>`
		for _, tc := range []struct {
			name      string
			form      url.Values
			file      string
			data      []byte
			want      int
			keep, msg string
		}{
			{"empty", url.Values{"consent": {"1"}, "t": {s.token(time.Minute)}}, "", nil, 400, "", "Xin nhập họ tên."},
			{"too long", with("content", strings.Repeat("ữ", 4001)), "", nil, 400, strings.Repeat("ữ", 4001), "4000 ký tự"},
			{"title too long", with("title", strings.Repeat("a", 251)), "", nil, 400, "Xin hỏi diện tích", "250 ký tự"},
			{"wrong e-mail", with("email", "cuong@"), "", nil, 400, "Thủ tục tách thửa", "thư điện tử"},
			{"wrong phone", with("phone", "gọi tôi"), "", nil, 400, "gọi tôi", "Số điện thoại"},
			{"no topic", with("topic", "999999"), "", nil, 400, "Thủ tục tách thửa", "Lĩnh vực"},
			{"missing consent", with("consent", ""), "", nil, 400, "Lê Văn Cường", "đồng ý"},
			{"too fast", with("t", s.token(0)), "", nil, 400, "Xin hỏi diện tích", "quá nhanh"},
			{"forged token", with("t", strconv.FormatInt(time.Now().Add(-time.Minute).Unix()<<32, 10)), "", nil, 400, "", "quá hạn"},
			{"HTML named .pdf", s.goodQuestion(), "giay-to.pdf", []byte(html), 400, "Thủ tục tách thửa", ""},
			{"honeypot", with("website", "http://spam.example"), "", nil, 303, "", ""},
		} {
			w := s.postQuestion(t, tc.form, "10.0.0.9", tc.file, tc.data)
			body := w.Body.String()
			if w.Code != tc.want || tc.keep != "" && !strings.Contains(body, tc.keep) || tc.msg != "" && !strings.Contains(body, tc.msg) {
				t.Errorf("%s: %d; want %d keeping %.30q with %q", tc.name, w.Code, tc.want, tc.keep, tc.msg)
			}
			if tc.file != "" && parse(t, w).Find("#q-file-loi").Length() != 1 {
				t.Errorf("%s: no message next to the file field", tc.name)
			}
		}
		if n, _ := db.QuestionCounts(ctx); n[portal.QuestionPending] != before[portal.QuestionPending] {
			t.Fatalf("questions saved from refused posts: %v, before %v", n, before)
		}
		if files := countFiles(t, filepath.Join(s.media, "hoi-dap")); files != 0 {
			t.Errorf("%d files left behind by refused posts", files)
		}
		w := s.postQuestion(t, s.goodQuestion(), "10.0.0.10", "", nil)
		if w.Code != 303 || !strings.HasPrefix(w.Header().Get("Location"), "/hoi-dap/da-gui?ma=") {
			t.Fatalf("good question = %d to %q", w.Code, w.Header().Get("Location"))
		}
		flood := s.postQuestion(t, with("title", "Câu hỏi thứ hai ngay sau"), "10.0.0.10", "", nil)
		if flood.Code != 429 || !strings.Contains(flood.Body.String(), "Câu hỏi thứ hai ngay sau") {
			t.Errorf("a second question within a minute = %d; want 429 with the input kept", flood.Code)
		}
		if n, _ := db.QuestionCounts(ctx); n[portal.QuestionPending] != before[portal.QuestionPending]+1 {
			t.Errorf("pending = %v, before %v; want the one good question more", n, before)
		}
	})
}

func countFiles(t *testing.T, dir string) int {
	n := 0
	filepath.Walk(dir, func(path string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n++
		}
		return nil
	})
	return n
}

const testPDF = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"

func TestQuestionPublicPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newQASite(t, db)
		form := s.goodQuestion()
		form.Set("name", `Bình <script>alert("name")</script>`)
		form.Set("title", `Đất đai <img src=x onerror=alert(1)> ở Vị Thanh`)
		form.Set("content", "Dòng một <script>alert(2)</script>\nDòng hai")
		w := s.postQuestion(t, form, "10.0.0.20", "don.pdf", []byte(testPDF))
		if w.Code != 303 {
			t.Fatalf("question with a PDF = %d: %s", w.Code, w.Body.String())
		}
		code := strings.TrimPrefix(w.Header().Get("Location"), "/hoi-dap/da-gui?ma=")
		sent := parse(t, s.get(t, w.Header().Get("Location")))
		if got := text(sent, ".qa-code"); got != code {
			t.Errorf("thank-you page shows code %q; want %q", got, code)
		}
		q, err := db.QuestionByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		full, _ := db.Question(ctx, q.ID)
		if full.Attachment == nil || !strings.HasPrefix(full.Attachment.File, "hoi-dap/") || full.Attachment.MIME != "application/pdf" {
			t.Fatalf("attachment = %+v; want a PDF kept under hoi-dap/", full.Attachment)
		}
		if w := s.get(t, "/media/"+full.Attachment.File); w.Code != 404 {
			t.Errorf("the attachment is public: GET = %d", w.Code)
		}
		path := "/hoi-dap/" + strconv.FormatInt(q.ID, 10) + "-x"
		if w := s.get(t, path); w.Code != 404 {
			t.Errorf("pending question page = %d; want 404", w.Code)
		}
		lookup := parse(t, s.get(t, "/hoi-dap/tra-cuu?ma="+strings.ToLower(code[:5])+"-"+code[5:]))
		if got := text(lookup, ".qa-state"); got != "Chờ xử lý" {
			t.Errorf("lookup status = %q; want Chờ xử lý", got)
		}
		for _, bad := range []struct {
			code string
			want int
		}{{"ABCDEFGHJK", 404}, {"<script>", 400}, {"ABC", 400}} {
			w := s.get(t, "/hoi-dap/tra-cuu?ma="+url.QueryEscape(bad.code))
			if w.Code != bad.want || parse(t, w).Find("#tc-loi").Length() != 1 {
				t.Errorf("lookup %q = %d; want %d with a message", bad.code, w.Code, bad.want)
			}
		}
		units, _ := db.Units(ctx)
		db.AssignQuestion(ctx, storetest.Actor, q.ID, units[0].ID)
		db.AnswerQuestion(ctx, storetest.Actor, q.ID, "<p>Diện tích tối thiểu là 500 m².</p>")
		if err := db.SetQuestionStatus(ctx, storetest.Actor, q.ID, portal.QuestionPublished); err != nil {
			t.Fatal(err)
		}
		s.h.ClearCache()
		w = s.get(t, path)
		if w.Code != 301 {
			t.Fatalf("question under a wrong slug = %d; want 301", w.Code)
		}
		w = s.get(t, w.Header().Get("Location"))
		body := w.Body.String()
		doc := parse(t, w)
		if w.Code != 200 || !strings.Contains(text(doc, ".qa-answer"), "500 m²") || text(doc, ".qa-answer h2") != "Trả lời của "+units[0].Name {
			t.Fatalf("published question = %d, answer %q", w.Code, text(doc, ".qa-answer"))
		}
		if doc.Find("main script, main img").Length() != 0 || strings.Contains(body, "<script>alert") {
			t.Error("a field of the question reached the page as HTML")
		}
		for _, private := range []string{"cuong@example.vn", "0912 345 678", "Trần Hưng Đạo", "don.pdf", full.Attachment.File} {
			if strings.Contains(body, private) {
				t.Errorf("the public page shows %q", private)
			}
		}
		lookup = parse(t, s.get(t, "/hoi-dap/tra-cuu?ma="+code))
		if !strings.Contains(text(lookup, ".qa-answer"), "500 m²") || strings.Contains(lookup.Text(), "cuong@example.vn") {
			t.Error("lookup of a published question lacks the answer or shows the e-mail")
		}
		for _, tc := range []struct {
			query string
			want  int
		}{{"/hoi-dap", 4}, {"/hoi-dap?q=dat+dai", 1}, {"/hoi-dap?q=%C4%90%E1%BA%A4T", 2}, {"/hoi-dap?q=giao+duc", 0},
			{"/hoi-dap?linh-vuc=dat-dai", 2}, {"/hoi-dap?linh-vuc=y-te", 0}} { // 3 of the demo, 1 here
			w := s.get(t, tc.query)
			doc := parse(t, w)
			if n := doc.Find(".qa-item").Length(); w.Code != 200 || n != tc.want {
				t.Errorf("%s = %d with %d questions; want %d", tc.query, w.Code, n, tc.want)
			}
		}
		if got := text(parse(t, s.get(t, "/hoi-dap?q=dat+dai")), ".qa-item h2"); !strings.Contains(got, "Vị Thanh") {
			t.Errorf("dat dai finds %q; want the question about Đất đai", got)
		}
		for _, bad := range []string{"/hoi-dap?linh-vuc=khong-co", "/hoi-dap?trang=9", "/hoi-dap/abc"} {
			if w := s.get(t, bad); w.Code != 404 {
				t.Errorf("%s = %d; want 404", bad, w.Code)
			}
		}
		if w := s.get(t, "/hoi-dap?q=%21%21"); w.Code != 400 {
			t.Errorf("a query without words = %d; want 400", w.Code)
		}
		if parse(t, s.get(t, "/")).Find(`nav a[href="/hoi-dap"]`).Length() != 1 {
			t.Error("the menu has no Hỏi – Đáp link")
		}
	})
}
