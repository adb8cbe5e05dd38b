package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
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

// postComment sends the comment form of the seed article from ip.
func (s *site) postComment(t *testing.T, form url.Values, ip string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("POST", seedURL, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("User-Agent", browserUA)
	r.RemoteAddr = ip + ":5000"
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	return w
}

func TestReaderComments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db)
		page := parse(t, s.get(t, seedURL))
		if page.Find(`form.comment-form input[name=t]`).Length() != 1 || page.Find(`form.comment-form input[name=consent]`).Length() != 1 {
			t.Fatal("the article has no comment form with a token and a consent box")
		}
		if v, _ := page.Find(`input[name=t]`).Attr("value"); v == "" || v == "0" {
			t.Errorf("form token = %q; want a signed time", v)
		}
		settings, _ := db.Settings(ctx)
		secret := settings["forms.secret"]
		token := func(age time.Duration) string {
			return strconv.FormatInt(web.FormToken(secret, time.Now().Add(-age)), 10)
		}
		good := func() url.Values {
			return url.Values{"name": {"Nguyễn Văn An"}, "email": {"an@example.vn"}, "body": {"Bài viết rất bổ ích."},
				"consent": {"1"}, "t": {token(10 * time.Second)}}
		}
		with := func(k, v string) url.Values { f := good(); f.Set(k, v); return f }
		for _, tc := range []struct {
			name string
			form url.Values
			want int
			keep string
		}{
			{"empty name", with("name", "  "), 400, "Bài viết rất bổ ích."},
			{"empty body", with("body", ""), 400, "Nguyễn Văn An"},
			{"too fast", with("t", token(0)), 400, "Bài viết rất bổ ích."},
			{"forged token", with("t", strconv.FormatInt(time.Now().Add(-time.Minute).Unix()<<32, 10)), 400, ""},
			{"no consent", with("consent", ""), 400, "Nguyễn Văn An"},
			{"bad e-mail", with("email", "an@"), 400, ""},
			{"too long", with("body", strings.Repeat("ý", 2001)), 400, strings.Repeat("ý", 2001)},
			{"links", with("body", "http://a.vn http://b.vn http://c.vn"), 400, ""},
			{"honeypot", with("website", "http://spam.example"), 303, ""},
		} {
			w := s.postComment(t, tc.form, "10.0.0.9")
			if w.Code != tc.want || tc.keep != "" && !strings.Contains(w.Body.String(), tc.keep) {
				t.Errorf("%s: %d; want %d keeping %.30q", tc.name, w.Code, tc.want, tc.keep)
			}
		}
		if list, _ := db.Comments(ctx, portal.CommentPending, 10); len(list) != 0 {
			t.Fatalf("%d comments saved from refused posts; want none", len(list))
		}
		w := s.postComment(t, good(), "10.0.0.10")
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/y-kien-da-gui" {
			t.Fatalf("good comment = %d to %q", w.Code, w.Header().Get("Location"))
		}
		if got := text(parse(t, s.get(t, "/y-kien-da-gui")), "main p"); !strings.Contains(got, "đang chờ duyệt") {
			t.Errorf("thank-you page = %q", got)
		}
		if w := s.postComment(t, with("body", "Ý kiến thứ hai ngay sau."), "10.0.0.10"); w.Code != http.StatusTooManyRequests {
			t.Errorf("second comment within 15 s = %d; want 429", w.Code)
		}
		if w := s.postComment(t, good(), "10.0.0.11", "Sec-Fetch-Site", "cross-site"); w.Code != 403 {
			t.Errorf("cross-site post = %d; want 403", w.Code)
		}
		pending, _ := db.Comments(ctx, portal.CommentPending, 10)
		if len(pending) != 1 || pending[0].Email != "an@example.vn" {
			t.Fatalf("pending = %+v; want the one good comment", pending)
		}
		s.h.ClearCache()
		if strings.Contains(s.get(t, seedURL).Body.String(), "Bài viết rất bổ ích.") {
			t.Error("a comment is shown before moderation")
		}
		if _, err := db.Moderate(ctx, storetest.Actor, pending[0].ID, portal.CommentApproved, time.Now()); err != nil {
			t.Fatal(err)
		}
		s.h.ClearCache()
		body := s.get(t, seedURL).Body.String()
		if !strings.Contains(body, "Bài viết rất bổ ích.") || strings.Contains(body, "an@example.vn") {
			t.Error("the approved comment is missing, or shows the e-mail")
		}
	})
}

func TestClosedComments(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSite(t, db)
	a, _ := db.ArticleBySlug(ctx, demo.SeedSlug)
	a.CommentsClosed = true
	if err := db.UpdateArticle(ctx, storetest.Actor, a); err != nil {
		t.Fatal(err)
	}
	s.h.ClearCache()
	doc := parse(t, s.get(t, seedURL))
	if doc.Find("form.comment-form").Length() != 0 || !strings.Contains(text(doc, ".comments"), "đã đóng ý kiến") {
		t.Error("a closed article still shows the comment form")
	}
	settings, _ := db.Settings(ctx)
	form := url.Values{"name": {"A"}, "email": {"a@b.vn"}, "body": {"x"}, "consent": {"1"},
		"t": {strconv.FormatInt(web.FormToken(settings["forms.secret"], time.Now().Add(-time.Minute)), 10)}}
	if w := s.postComment(t, form, "10.0.0.1"); w.Code != 403 {
		t.Errorf("comment on a closed article = %d; want 403", w.Code)
	}
	// Closing the category closes its articles.
	a, _ = db.ArticleBySlug(ctx, demo.SeedSlug)
	a.CommentsClosed = false
	db.UpdateArticle(ctx, storetest.Actor, a)
	cats, _ := db.Categories(ctx)
	c := *portal.NewCategoryTree(cats).BySlug("chinh-tri")
	c.CommentsClosed = true
	if err := db.UpdateCategory(ctx, storetest.Actor, &c); err != nil {
		t.Fatal(err)
	}
	s.h.ClearCache()
	if w := s.postComment(t, form, "10.0.0.2"); w.Code != 403 {
		t.Errorf("comment in a closed category = %d; want 403", w.Code)
	}
}

func TestBannedWordsAndBlockedSenders(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSite(t, db)
	db.SaveSettings(ctx, storetest.Actor, map[string]string{portal.SettingBannedWords: "lừa đảo\nquảng cáo thuốc",
		portal.SettingBlocked: "spam@example.vn\n10.6.6.6"})
	s.h.ClearCache()
	settings, _ := db.Settings(ctx)
	tok := strconv.FormatInt(web.FormToken(settings["forms.secret"], time.Now().Add(-time.Minute)), 10)
	form := func(email, body string) url.Values {
		return url.Values{"name": {"Bạn đọc"}, "email": {email}, "body": {body}, "consent": {"1"}, "t": {tok}}
	}
	for _, tc := range []struct {
		name, email, body, ip string
		want                  int
	}{
		{"banned words without tone marks", "a@b.vn", "Trang này LUA DAO người dân", "10.0.0.1", 400},
		{"blocked e-mail", "Spam@example.vn", "Xin chào", "10.0.0.2", 403},
		{"blocked IP", "c@d.vn", "Xin chào", "10.6.6.6", 403},
		{"a word that only contains a banned one", "e@f.vn", "Không lừa đảoxyz", "10.0.0.3", 303},
	} {
		if w := s.postComment(t, form(tc.email, tc.body), tc.ip); w.Code != tc.want {
			t.Errorf("%s: %d; want %d", tc.name, w.Code, tc.want)
		}
	}
}
