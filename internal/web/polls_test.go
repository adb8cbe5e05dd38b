package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"cong/internal/counter"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// pollSite is a site with one poll, open for an hour around the clock.
type pollSite struct {
	*site
	clk    *clock
	secret string
	p      *portal.Poll
}

func newPollSite(t *testing.T, db *store.DB, max int, after string) *pollSite {
	t.Helper()
	now := time.Date(2026, 5, 19, 2, 0, 0, 0, time.UTC)
	clk := &clock{t: now}
	db.Now = clk.Now
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cnt := counter.New(db, 30*time.Minute, 20*time.Minute, log)
	cnt.Now = clk.Now
	h, err := web.New(web.Config{MediaDir: t.TempDir(), CacheTTL: time.Minute, CacheBytes: 8 << 20, VisitorTTL: time.Hour},
		web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Polls: db, Ready: db.Ping}, cnt, log)
	if err != nil {
		t.Fatal(err)
	}
	p := &portal.Poll{Question: "Bạn thường làm thủ tục hành chính bằng cách nào?", MaxChoices: max,
		ResultsAfter: after, OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(time.Hour), Published: true,
		Options: []portal.PollOption{{Label: "Trực tuyến"}, {Label: "Tại bộ phận một cửa"}, {Label: "Qua bưu điện"}}}
	if err := db.CreatePoll(ctx, storetest.Actor, p); err != nil {
		t.Fatal(err)
	}
	settings, _ := db.Settings(ctx)
	return &pollSite{site: &site{db: db, h: h, counters: cnt}, clk: clk, secret: settings["forms.secret"], p: p}
}

func (s *pollSite) url() string { return "/binh-chon/" + strconv.FormatInt(s.p.ID, 10) }

// form picks options (by index) on a form shown shownAgo before now.
func (s *pollSite) form(shownAgo time.Duration, picks ...int) url.Values {
	tok := web.FormToken(s.secret, s.clk.Now().Add(-shownAgo))
	f := url.Values{"t": {strconv.FormatInt(tok, 10)}}
	for _, i := range picks {
		f.Add("chon", strconv.FormatInt(s.p.Options[i].ID, 10))
	}
	return f
}

func (s *pollSite) post(t testing.TB, f url.Values, ip, ua, cookie string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("POST", s.url(), strings.NewReader(f.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("User-Agent", ua)
	if cookie != "" {
		r.Header.Set("Cookie", cookie)
	}
	r.RemoteAddr = ip + ":5000"
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	return w
}

func (s *pollSite) votes(t testing.TB) string {
	t.Helper()
	p, err := s.db.Poll(ctx, s.p.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, o := range p.Options {
		out = append(out, strconv.Itoa(o.Votes))
	}
	return strings.Join(out, " ")
}

// voterCookie returns the cookie a response set, as a request sends it.
func voterCookie(w *httptest.ResponseRecorder) string {
	for _, c := range w.Result().Cookies() {
		if c.Name == "cong_bc" {
			return c.Name + "=" + c.Value
		}
	}
	return ""
}

func TestPollVote(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newPollSite(t, db, 1, portal.ResultsAfterVote)
		doc := parse(t, s.get(t, s.url()))
		if doc.Find("#bc-form input[name=chon][type=radio]").Length() != 3 || doc.Find(".poll-table").Length() != 0 {
			t.Fatal("an open poll shows no form, or shows figures before a vote")
		}
		if doc.Find(".block-poll").Length() != 0 {
			t.Error("the poll's own page repeats it in the side block")
		}
		if parse(t, s.get(t, "/binh-chon")).Find(".block-poll form[action='"+s.url()+"']").Length() != 1 {
			t.Error("the side block does not show the open poll")
		}
		w := s.post(t, s.form(10*time.Second, 1), "10.0.0.1", browserUA, "")
		cookie := voterCookie(w)
		if w.Code != 303 || cookie == "" {
			t.Fatalf("vote = %d, cookie %q; want 303 and a voter cookie", w.Code, cookie)
		}
		w = s.get(t, s.url(), "Cookie", cookie)
		doc = parse(t, w)
		if w.Header().Get("Cache-Control") != "private, no-store" || doc.Find(".poll-voted").Length() != 1 {
			t.Errorf("the voter's page: Cache-Control %q, voted note %d", w.Header().Get("Cache-Control"), doc.Find(".poll-voted").Length())
		}
		if got := text(doc, ".poll-table tbody tr:nth-child(2)"); got != "Tại bộ phận một cửa 1 100%" {
			t.Errorf("figures = %q", got)
		}
		if n := doc.Find("svg.poll-chart rect.poll-bar").Length(); n != 3 {
			t.Errorf("%d bars; want 3", n)
		}
		if doc.Find("#bc-form").Length() != 0 {
			t.Error("the voter is shown the form again")
		}
		doc = parse(t, s.get(t, s.url()))
		if doc.Find(".poll-table").Length() != 0 || doc.Find("#bc-form").Length() != 1 {
			t.Error("another reader gets the voter's page from the cache")
		}

		bad := []struct {
			name   string
			w      *httptest.ResponseRecorder
			status int
			says   string
		}{
			{"again", s.post(t, s.form(10*time.Second, 0), "10.0.0.1", browserUA, cookie), 409, "đã bình chọn"},
			{"a robot", s.post(t, s.form(10*time.Second, 0), "10.0.0.2", botUA, ""), 403, "không được bình chọn"},
			{"a forged cookie", s.post(t, s.form(10*time.Second, 0), "10.0.0.3", browserUA,
				"cong_bc=0123456789abcdef0123456789abcdef.00000000000000000000000000000000"), 400, "không hợp lệ"},
			{"an expired form", s.post(t, s.form(7*time.Hour, 0), "10.0.0.4", browserUA, ""), 400, "quá hạn"},
			{"a forged form", s.post(t, url.Values{"t": {"123456789"}, "chon": {"1"}}, "10.0.0.5", browserUA, ""), 400, "quá hạn"},
			{"no choice", s.post(t, s.form(10*time.Second), "10.0.0.6", browserUA, ""), 400, "Xin chọn một phương án"},
			{"too many choices", s.post(t, s.form(10*time.Second, 0, 2), "10.0.0.7", browserUA, ""), 400, "tối đa 1 phương án"},
		}
		for _, c := range bad {
			if c.w.Code != c.status || !strings.Contains(c.w.Body.String(), c.says) {
				t.Errorf("%s: %d, %q; want %d saying %q", c.name, c.w.Code, text(parse(t, c.w), ".error-summary, main"), c.status, c.says)
			}
		}
		if got := s.votes(t); got != "0 1 0" {
			t.Errorf("votes = %s; want only the first ballot", got)
		}

		s.clk.Set(s.p.OpensAt.Add(-time.Minute))
		if w := s.post(t, s.form(10*time.Second, 0), "10.0.0.8", browserUA, ""); w.Code != 403 ||
			!strings.Contains(w.Body.String(), "chưa mở") {
			t.Errorf("before opening: %d; want 403 chưa mở", w.Code)
		}
		s.clk.Set(s.p.ClosesAt)
		if w := s.post(t, s.form(10*time.Second, 0), "10.0.0.8", browserUA, ""); w.Code != 403 ||
			!strings.Contains(w.Body.String(), "đã kết thúc") {
			t.Errorf("at closing: %d; want 403 đã kết thúc", w.Code)
		}
		doc = parse(t, s.get(t, s.url()))
		if doc.Find("#bc-form").Length() != 0 || text(doc, ".poll-table tbody tr:nth-child(2) td") != "1" {
			t.Error("the page cached before closing still shows the form, or not the figures, after closing")
		}
		if parse(t, s.get(t, "/binh-chon")).Find(".block-poll").Length() != 0 {
			t.Error("the side block of a page cached before closing still shows the poll after closing")
		}
	})
}

func TestPollResultsAfterClosing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newPollSite(t, db, 2, portal.ResultsAfterClose)
		w := s.post(t, s.form(5*time.Second, 0, 2), "10.0.0.1", browserUA, "")
		if w.Code != 303 {
			t.Fatalf("vote = %d", w.Code)
		}
		doc := parse(t, s.get(t, s.url(), "Cookie", voterCookie(w)))
		if doc.Find(".poll-voted").Length() != 1 || doc.Find(".poll-table, svg.poll-chart").Length() != 0 ||
			!strings.Contains(text(doc, ".poll-results"), "khi cuộc bình chọn kết thúc") {
			t.Error("a voter sees figures of a poll that shows them only after closing")
		}
		s.post(t, s.form(5*time.Second, 1), "10.0.0.2", browserUA, "")
		s.clk.Set(s.p.ClosesAt.Add(time.Second))
		doc = parse(t, s.get(t, s.url()))
		// two voters; "Trực tuyến" 1 of 2, "Qua bưu điện" 1 of 2: shares of voters.
		if got := text(doc, ".poll-table tbody"); got != "Trực tuyến 1 50% Tại bộ phận một cửa 1 50% Qua bưu điện 1 50%" {
			t.Errorf("figures after closing = %q", got)
		}
		if got := text(doc, ".poll-voters strong"); got != "2" {
			t.Errorf("voters = %q; want 2", got)
		}
	})
}

// TestPollConcurrentVotesOverHTTP: 200 readers posting at once through the
// handler are counted exactly.
func TestPollConcurrentVotesOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newPollSite(t, db, 1, portal.ResultsAfterVote)
		const voters = 200
		c, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		var wg sync.WaitGroup
		codes := make(chan int, voters)
		for i := range voters {
			wg.Add(1)
			go func() {
				defer wg.Done()
				f := s.form(10*time.Second, i%3)
				r := httptest.NewRequestWithContext(c, "POST", s.url(), strings.NewReader(f.Encode()))
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				r.Header.Set("User-Agent", browserUA)
				r.RemoteAddr = fmt.Sprintf("10.2.%d.%d:5000", i/250, i%250)
				w := httptest.NewRecorder()
				s.h.ServeHTTP(w, r)
				codes <- w.Code
			}()
		}
		wg.Wait()
		close(codes)
		for code := range codes {
			if code != http.StatusSeeOther {
				t.Errorf("a vote answered %d", code)
			}
		}
		if got := s.votes(t); got != "67 67 66" {
			t.Errorf("votes = %s; want 67 67 66", got)
		}
	})
}

// TestPollPurgePaths: a shared cache is told to drop a poll's page and the
// list when the poll changes.
func TestPollPurgePaths(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newPollSite(t, db, 1, portal.ResultsAfterVote)
	paths := strings.Join(s.h.PurgePaths(ctx, []string{"poll:7"}), " ")
	for _, want := range []string{" /binh-chon ", " /binh-chon/7"} {
		if !strings.Contains(paths+" ", want) {
			t.Errorf("purge paths %q lack %q", paths, want)
		}
	}
}
