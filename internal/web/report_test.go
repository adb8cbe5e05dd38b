package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// postReport sends the "Báo lỗi" form of article id from ip.
func (s *site) postReport(t *testing.T, id int64, form url.Values, ip string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("POST", "/bao-loi/"+strconv.FormatInt(id, 10), strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("User-Agent", browserUA)
	r.RemoteAddr = ip + ":5000"
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	return w
}

// TestErrorReportForm checks "Báo lỗi": the link under an article, the form
// on its own page, the guards of comments (token, fill time, hidden field,
// consent, sizes, the sender's pace), and that drafts take no reports.
func TestErrorReportForm(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		id := seedID(t, s)
		form := "/bao-loi/" + strconv.FormatInt(id, 10)
		if href, _ := parse(t, s.get(t, seedURL)).Find("a.report-link").Attr("href"); href != form {
			t.Errorf("report link = %q; want %q", href, form)
		}
		page := parse(t, s.get(t, form))
		for _, sel := range []string{`form#bao-loi input[name=t]`, `textarea[name=quote]`, `textarea[name=body]`,
			`input[name=consent]`, `input[name=website]`} {
			if page.Find(sel).Length() != 1 {
				t.Errorf("the report form lacks %s", sel)
			}
		}
		settings, _ := db.Settings(ctx)
		token := func(age time.Duration) string {
			return strconv.FormatInt(web.FormToken(settings["forms.secret"], time.Now().Add(-age)), 10)
		}
		good := func() url.Values {
			return url.Values{"name": {"Trần Thị Bình"}, "email": {"binh@example.vn"}, "quote": {"Hội nghi học tập"},
				"body": {"Thiếu dấu: Hội nghị."}, "consent": {"1"}, "t": {token(10 * time.Second)}}
		}
		with := func(k, v string) url.Values { f := good(); f.Set(k, v); return f }
		for _, tc := range []struct {
			name string
			form url.Values
			want int
			keep string
		}{
			{"empty body", with("body", " "), 400, "Hội nghi học tập"},
			{"too fast", with("t", token(0)), 400, "Thiếu dấu: Hội nghị."},
			{"no consent", with("consent", ""), 400, "Trần Thị Bình"},
			{"quote too long", with("quote", strings.Repeat("a", 501)), 400, "Thiếu dấu: Hội nghị."},
			{"body too long", with("body", strings.Repeat("ý", 2001)), 400, ""},
			{"honeypot", with("website", "http://spam.example"), 303, ""},
		} {
			w := s.postReport(t, id, tc.form, "10.0.0.9")
			if w.Code != tc.want || tc.keep != "" && !strings.Contains(w.Body.String(), tc.keep) {
				t.Errorf("%s: %d; want %d keeping %.30q", tc.name, w.Code, tc.want, tc.keep)
			}
		}
		if list, _ := db.ErrorReports(ctx, portal.ReportFilter{Status: portal.ReportNew}); len(list) != 0 {
			t.Fatalf("%d reports saved from refused posts; want none", len(list))
		}
		w := s.postReport(t, id, good(), "10.0.0.10")
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/bao-loi/da-gui" {
			t.Fatalf("good report = %d to %q", w.Code, w.Header().Get("Location"))
		}
		if w := s.get(t, "/bao-loi/da-gui"); w.Code != 200 {
			t.Errorf("thank-you page = %d", w.Code)
		}
		list, _ := db.ErrorReports(ctx, portal.ReportFilter{Status: portal.ReportNew})
		if len(list) != 1 || list[0].Quote != "Hội nghi học tập" || list[0].IP != "10.0.0.10" || list[0].ArticleID != id {
			t.Errorf("saved reports = %+v", list)
		}
		if w := s.postReport(t, id, with("body", "Lỗi khác."), "10.0.0.10"); w.Code != http.StatusTooManyRequests {
			t.Errorf("a second report at once = %d; want 429", w.Code)
		}
		draft := portal.Article{CategoryID: list[0].CategoryID, Title: "Bản nháp", Body: "<p>x</p>", Status: portal.StatusDraft}
		if err := db.CreateArticle(ctx, storetest.Actor, &draft); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/bao-loi/" + strconv.FormatInt(draft.ID, 10), "/bao-loi/0", "/bao-loi/01", "/bao-loi/x"} {
			if w := s.get(t, path); w.Code != 404 {
				t.Errorf("GET %s = %d; want 404", path, w.Code)
			}
		}
		if w := s.postReport(t, draft.ID, good(), "10.0.0.11"); w.Code != 404 {
			t.Errorf("a report on a draft = %d; want 404", w.Code)
		}
		big := good()
		big.Set("body", strings.Repeat("x", 40<<10))
		if w := s.postReport(t, id, big, "10.0.0.12"); w.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("a 40 KB report = %d; want 413", w.Code)
		}
	})
}
