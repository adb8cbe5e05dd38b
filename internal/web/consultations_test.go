package web_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"cong/internal/counter"
	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// clock is a settable clock shared by the site and the store.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// consultSite is a site over db whose handler reads clk; the store reads
// storeNow. Its cache keeps pages a minute, so a phase change inside that
// minute must bound them.
type consultSite struct {
	*site
	clk    *clock
	secret string
	c      *portal.Consultation
}

const closesAt = "2026-03-31T10:00:00Z" // 17:00 in Hà Nội

func newConsultSite(t *testing.T, db *store.DB, public bool) *consultSite {
	t.Helper()
	closes, _ := time.Parse(time.RFC3339, closesAt)
	clk := &clock{t: closes.Add(-time.Hour)}
	db.Now = clk.Now
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cnt := counter.New(db, 30*time.Minute, 20*time.Minute, log)
	cnt.Now = clk.Now
	h, err := web.New(web.Config{MediaDir: t.TempDir(), CacheTTL: time.Minute, CacheBytes: 8 << 20, VisitorTTL: time.Hour},
		web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Comments: db, Consultations: db, Ready: db.Ping}, cnt, log)
	if err != nil {
		t.Fatal(err)
	}
	c := &portal.Consultation{Title: "Dự thảo Quy định về phí tham quan", Issuer: "Sở Tài chính",
		Summary: "Tóm tắt dự thảo.\n\nĐoạn thứ hai.", OpensAt: closes.Add(-30 * 24 * time.Hour), ClosesAt: closes,
		ReceiverAddress: "Số 1 Lê Lợi, Vị Thanh", ReceiverEmail: "stc@haugiang.gov.vn", PublicComments: public, Published: true}
	if err := db.CreateConsultation(ctx, storetest.Actor, c); err != nil {
		t.Fatal(err)
	}
	settings, _ := db.Settings(ctx)
	return &consultSite{site: &site{db: db, h: h, counters: cnt}, clk: clk, secret: settings["forms.secret"], c: c}
}

func (s *consultSite) url() string { return "/gop-y-du-thao/" + s.c.Slug }

// form is a good comment whose form was shown ten seconds before now.
func (s *consultSite) form(ip string) url.Values {
	tok := web.FormToken(s.secret, s.clk.Now().Add(-10*time.Second))
	return url.Values{"name": {"Lê Thị Hoa"}, "email": {ip + "@example.vn"}, "body": {"Đề nghị giảm phí cho học sinh " + ip},
		"consent": {"1"}, "t": {strconv.FormatInt(tok, 10)}}
}

func (s *consultSite) post(t *testing.T, form url.Values, ip string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("POST", s.url(), strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("User-Agent", browserUA)
	r.RemoteAddr = ip + ":5000"
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	return w
}

func (s *consultSite) stored(t *testing.T) int {
	t.Helper()
	all, err := s.db.ConsultationComments(ctx, s.c.ID, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(all)
}

func TestConsultationClosesAtItsMinute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newConsultSite(t, db, false)
		closes := s.c.ClosesAt
		s.clk.Set(closes.Add(-30 * time.Second))
		doc := parse(t, s.get(t, s.url())) // cached for a minute from here
		if doc.Find("form.comment-form").Length() != 1 || text(doc, ".consultation-phase strong") != "Đang lấy ý kiến" {
			t.Fatal("an open consultation shows no form")
		}
		if got := text(doc, ".consultation-facts dd:nth-of-type(2)"); got != "Từ 01/03/2026 17:00 đến 31/03/2026 17:00" {
			t.Errorf("times = %q", got)
		}
		if !strings.Contains(text(parse(t, s.get(t, "/gop-y-du-thao")), ".consultation-list"), s.c.Title) {
			t.Error("the open list does not show it")
		}
		s.clk.Set(closes.Add(-time.Second))
		if w := s.post(t, s.form("10.0.0.1"), "10.0.0.1"); w.Code != 303 || w.Header().Get("Location") != "/gop-y-da-gui" {
			t.Fatalf("comment at closes_at-1s = %d %q; want 303", w.Code, w.Header().Get("Location"))
		}
		s.clk.Set(closes.Add(time.Second))
		w := s.post(t, s.form("10.0.0.2"), "10.0.0.2")
		doc = parse(t, w)
		if w.Code != 403 || !strings.Contains(text(doc, ".error-summary"), "hết thời gian lấy ý kiến") ||
			!strings.Contains(doc.Find("textarea").Text(), "Đề nghị giảm phí cho học sinh 10.0.0.2") {
			t.Errorf("comment at closes_at+1s = %d, %q; want 403 with the text kept", w.Code, text(doc, ".error-summary"))
		}
		if n := s.stored(t); n != 1 {
			t.Errorf("%d comments stored; want the one sent in time", n)
		}
		doc = parse(t, s.get(t, s.url()))
		if doc.Find("form.comment-form").Length() != 0 || text(doc, ".consultation-phase strong") != "Đã kết thúc" {
			t.Error("the page cached before closing still shows the form after closing")
		}
		if strings.Contains(text(parse(t, s.get(t, "/gop-y-du-thao")), "main"), s.c.Title) ||
			!strings.Contains(text(parse(t, s.get(t, "/gop-y-du-thao/da-ket-thuc")), ".consultation-list"), s.c.Title) {
			t.Error("the cached lists did not move it to Đã kết thúc")
		}
	})
}

func TestConsultationStoreClockDecides(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newConsultSite(t, db, false)
		s.clk.Set(s.c.ClosesAt.Add(-time.Second)) // the site still sees it open
		db.Now = func() time.Time { return s.c.ClosesAt.Add(time.Second) }
		if w := s.post(t, s.form("10.0.0.1"), "10.0.0.1"); w.Code != 403 || s.stored(t) != 0 {
			t.Errorf("post refused by the store's clock = %d, %d stored; want 403, none", w.Code, s.stored(t))
		}
	})
}

func TestConsultationOpensAtItsMinute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newConsultSite(t, db, false)
		opens := s.c.OpensAt
		s.clk.Set(opens.Add(-20 * time.Second))
		doc := parse(t, s.get(t, s.url()))
		if doc.Find("form.comment-form").Length() != 0 || text(doc, ".consultation-phase strong") != "Sắp lấy ý kiến" {
			t.Fatal("an upcoming consultation shows a form")
		}
		if w := s.post(t, s.form("10.0.0.1"), "10.0.0.1"); w.Code != 403 {
			t.Errorf("comment before opening = %d; want 403", w.Code)
		}
		s.clk.Set(opens)
		if parse(t, s.get(t, s.url())).Find("form.comment-form").Length() != 1 {
			t.Error("the page cached before opening shows no form at the opening minute")
		}
	})
}

func TestConsultationFormBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newConsultSite(t, db, true)
		token := func(age time.Duration) string {
			return strconv.FormatInt(web.FormToken(s.secret, s.clk.Now().Add(-age)), 10)
		}
		with := func(k, v string) url.Values { f := s.form("10.0.0.9"); f.Set(k, v); return f }
		long := strings.Repeat("ý", portal.MaxCommentBody+1)
		for _, tc := range []struct {
			name     string
			form     url.Values
			want     int
			sel, msg string
			keep     string
		}{
			{"empty name", with("name", " "), 400, ".field-error", "họ tên", "Đề nghị giảm phí"},
			{"empty body", with("body", ""), 400, ".field-error", "Xin nhập", "Lê Thị Hoa"},
			{"too long", with("body", long), 400, ".field-error", "2000 ký tự", long},
			{"wrong e-mail", with("email", "hoa@"), 400, ".field-error", "thư điện tử", "hoa@"},
			{"no consent", with("consent", ""), 400, ".field-error", "đồng ý", "Đề nghị giảm phí"},
			{"too fast", with("t", token(time.Second)), 400, ".error-summary", "quá nhanh", "Đề nghị giảm phí"},
			{"forged token", with("t", strconv.FormatInt(s.clk.Now().Add(-time.Minute).Unix()<<32, 10)), 400, ".error-summary", "quá hạn", "Lê Thị Hoa"},
			{"honeypot", with("website", "http://spam.example"), 303, "", "", ""},
		} {
			w := s.post(t, tc.form, "10.0.0.9")
			if w.Code != tc.want {
				t.Errorf("%s: %d; want %d", tc.name, w.Code, tc.want)
				continue
			}
			if tc.sel == "" {
				continue
			}
			doc := parse(t, w)
			if got := text(doc, tc.sel); !strings.Contains(strings.ToLower(got), strings.ToLower(tc.msg)) {
				t.Errorf("%s: message %q; want %q", tc.name, got, tc.msg)
			}
			kept, _ := doc.Find("form.comment-form").Html()
			if !strings.Contains(doc.Find("#c-body").Text()+kept, tc.keep) && !strings.Contains(w.Body.String(), tc.keep) {
				t.Errorf("%s: the input %.30q is not kept", tc.name, tc.keep)
			}
		}
		if n := s.stored(t); n != 0 {
			t.Fatalf("%d comments stored from refused posts; want none", n)
		}
		if w := s.post(t, s.form("10.0.0.10"), "10.0.0.10"); w.Code != 303 {
			t.Fatalf("good comment = %d", w.Code)
		}
		flood := s.form("10.0.0.10")
		flood.Set("body", "Ý kiến thứ hai ngay sau.")
		if w := s.post(t, flood, "10.0.0.10"); w.Code != 429 || !strings.Contains(text(parse(t, w), ".error-summary"), "Xin đợi") {
			t.Errorf("flood = %d; want 429 with a message", w.Code)
		}
		s.clk.Set(s.clk.Now().Add(2 * time.Minute))
		if w := s.post(t, s.form("10.0.0.10"), "10.0.0.10"); w.Code != 409 {
			t.Errorf("the same text again = %d; want 409", w.Code)
		}
		if n := s.stored(t); n != 1 {
			t.Errorf("%d comments stored; want 1", n)
		}
	})
}

func TestConsultationVisibility(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newConsultSite(t, db, false)
		db.CreateConsultationComment(ctx, storetest.Actor, &portal.ConsultationComment{ConsultationID: s.c.ID, Name: "Phạm Văn Kiên",
			Email: "kien@example.vn", Body: "Ý kiến riêng gửi cơ quan soạn thảo.", Status: portal.CommentApproved})
		body := s.get(t, s.url()).Body.String()
		if strings.Contains(body, "Ý kiến riêng") || !strings.Contains(body, "không công bố trên cổng") {
			t.Error("an approved comment on a private consultation is shown")
		}
		s.c.PublicComments = true
		if err := db.UpdateConsultation(ctx, storetest.Actor, s.c); err != nil {
			t.Fatal(err)
		}
		db.CreateConsultationComment(ctx, storetest.Actor, &portal.ConsultationComment{ConsultationID: s.c.ID, Name: "Chờ",
			Email: "cho@example.vn", Body: "Ý kiến chưa duyệt.", Status: portal.CommentPending})
		s.h.ClearCache()
		doc := parse(t, s.get(t, s.url()))
		if got := text(doc, ".comment-list"); !strings.Contains(got, "Ý kiến riêng") || strings.Contains(got, "chưa duyệt") {
			t.Errorf("public comments = %q; want the approved one only", got)
		}
		if strings.Contains(doc.Text(), "kien@example.vn") {
			t.Error("a reader's e-mail is shown")
		}
		if err := db.SetConsultationPublished(ctx, storetest.Actor, s.c.ID, false); err != nil {
			t.Fatal(err)
		}
		s.h.ClearCache()
		if w := s.get(t, s.url()); w.Code != 404 {
			t.Errorf("unpublished consultation = %d; want 404", w.Code)
		}
		if w := s.post(t, s.form("10.0.0.1"), "10.0.0.1"); w.Code != 404 || s.stored(t) != 2 {
			t.Errorf("comment on an unpublished consultation = %d; want 404, nothing stored", w.Code)
		}
		if strings.Contains(s.get(t, "/gop-y-du-thao").Body.String(), s.c.Title) {
			t.Error("the list shows an unpublished consultation")
		}
		for _, p := range []string{"/gop-y-du-thao/khong-co", "/gop-y-du-thao?trang=9"} {
			if w := s.get(t, p); w.Code != 404 {
				t.Errorf("GET %s = %d; want 404", p, w.Code)
			}
		}
	})
}

func TestDemoConsultations(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	media := t.TempDir()
	if _, err := demo.Seed(ctx, db, media, time.Now()); err != nil {
		t.Fatal(err)
	}
	s := newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Consultations: db, Ready: db.Ping}, media)
	if w := s.get(t, "/media/"+"demo/du-thao-phi-tham-quan-di-tich.pdf"); w.Code != 200 || !strings.HasPrefix(w.Body.String(), "%PDF") {
		t.Errorf("the demo draft's PDF = %d", w.Code)
	}
	doc := parse(t, s.get(t, "/gop-y-du-thao"))
	if n := doc.Find(".consultation-item").Length(); n != 1 || text(doc, ".tabs [aria-current]") != "Đang lấy ý kiến (1)" {
		t.Fatalf("open list: %d items, tab %q", n, text(doc, ".tabs [aria-current]"))
	}
	if n := parse(t, s.get(t, "/gop-y-du-thao/da-ket-thuc")).Find(".consultation-item").Length(); n != 1 {
		t.Errorf("finished list: %d items; want 1", n)
	}
	href, _ := doc.Find(".consultation-item h2 a").Attr("href")
	page := parse(t, s.get(t, href))
	if page.Find(".comment-list .comment").Length() != 2 || page.Find(".consultation-files a").Length() != 1 ||
		page.Find("form.comment-form").Length() != 1 {
		t.Error("the open demo draft lacks its comments, its file or the form")
	}
	if nav := text(doc, `nav.nav a[href="/gop-y-du-thao"]`); nav != "Góp ý dự thảo" {
		t.Errorf("menu link = %q", nav)
	}
}
