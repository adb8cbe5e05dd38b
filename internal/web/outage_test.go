package web_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/counter"
	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/web"
)

// downDB is a real database whose reads and writes of articles, categories,
// search and questions fail, while down is set, with the error a
// PostgreSQL server that stopped answering gives.
type downDB struct {
	*store.DB
	down *atomic.Bool
	err  error
}

func (d downDB) fail() error {
	if d.down.Load() {
		return d.err
	}
	return nil
}

func (d downDB) ArticleBySlug(ctx context.Context, slug string) (*portal.Article, error) {
	if err := d.fail(); err != nil {
		return nil, err
	}
	return d.DB.ArticleBySlug(ctx, slug)
}

func (d downDB) Categories(ctx context.Context) ([]portal.Category, error) {
	if err := d.fail(); err != nil {
		return nil, err
	}
	return d.DB.Categories(ctx)
}

func (d downDB) Search(ctx context.Context, q portal.SearchQuery) (*portal.SearchResults, error) {
	if err := d.fail(); err != nil {
		return nil, err
	}
	return d.DB.Search(ctx, q)
}

func (d downDB) SubmitQuestion(ctx context.Context, who portal.Actor, q *portal.Question, gap time.Duration, perHour int) error {
	if err := d.fail(); err != nil {
		return err
	}
	return d.DB.SubmitQuestion(ctx, who, q, gap, perHour)
}

// refusedError is what connecting to a PostgreSQL server nobody runs gives.
func refusedError(t *testing.T) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	db, err := sql.Open("pgx", "postgres://cong@"+addr+"/cong?sslmode=disable&connect_timeout=2")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Ping()
	if err == nil {
		t.Fatal("a server answered on a free port")
	}
	return err
}

// TestOutage: while the database is down, pages built before are served
// stale with their Age and live counters, pages never built and forms
// answer 503 in Vietnamese with the reader's text kept, search says it is
// unavailable; a missing page is still 404 once the database is back.
func TestOutage(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	media := t.TempDir()
	if _, err := demo.Seed(ctx, db, media, time.Now()); err != nil {
		t.Fatal(err)
	}
	var down atomic.Bool
	d := downDB{DB: db, down: &down, err: refusedError(t)}
	var offset atomic.Int64 // the clock, ahead of time.Now
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c := counter.New(db, 30*time.Minute, 20*time.Minute, log)
	c.Now = func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	if err := c.Visits.Load(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	h, err := web.New(web.Config{MediaDir: media, CacheTTL: time.Minute, CacheBytes: 8 << 20, VisitorTTL: 30 * time.Minute,
		BaseURL: origin}, web.Services{Categories: d, Articles: d, Side: db, Schedule: db, Search: d, Comments: db, Questions: d,
		Ready: db.Ping, Fault: store.Fault}, c, log)
	if err != nil {
		t.Fatal(err)
	}
	s := &site{db: db, h: h, counters: c}

	if w := s.get(t, seedURL); w.Code != 200 || w.Header().Get("Age") != "" {
		t.Fatalf("GET %s = %d, Age %q; want 200, fresh", seedURL, w.Code, w.Header().Get("Age"))
	}
	offset.Store(int64(3 * time.Minute)) // the page and the site around it expired
	down.Store(true)
	var views []string
	for range 2 {
		w := s.get(t, seedURL)
		if w.Code != 200 || w.Header().Get("Age") != "180" {
			t.Fatalf("down: GET %s = %d, Age %q; want 200 served stale, Age 180", seedURL, w.Code, w.Header().Get("Age"))
		}
		views = append(views, text(parse(t, w), "article .article-meta"))
	}
	if views[0] == views[1] {
		t.Errorf("down: the view count did not move between two visitors: %q", views[0])
	}

	missing := "/" + demo.SeedCategory + "/khong-co-bai-nay"
	if w := s.get(t, missing); w.Code != 503 || !strings.Contains(w.Body.String(), "tạm gián đoạn") {
		t.Errorf("down: GET %s = %d; want 503 saying the system is interrupted", missing, w.Code)
	}
	search := parse(t, assertCode(t, s.get(t, "/tim-kiem?q=h%E1%BB%99i+ngh%E1%BB%8B"), 503, "down: search"))
	if q, _ := search.Find(`#tk-q`).Attr("value"); q != "hội nghị" || !strings.Contains(search.Text(), "tìm kiếm tạm thời không dùng được") {
		t.Errorf("down: search page keeps %q and says %q; want the query kept and search unavailable", q, text(search, "main"))
	}

	comment := url.Values{"name": {"Nguyễn Văn An"}, "email": {"an@example.vn"}, "body": {"Ý kiến viết lúc hệ thống gián đoạn."},
		"consent": {"1"}, "t": {"1"}}
	kept := parse(t, assertCode(t, s.postComment(t, comment, "10.0.0.7"), 503, "down: comment"))
	if !strings.Contains(kept.Text(), "tạm gián đoạn") {
		t.Errorf("down: the kept comment form does not say the system is interrupted: %q", text(kept, "main"))
	}
	checkKept(t, kept, "comment", map[string]string{"name": "Nguyễn Văn An", "email": "an@example.vn", "body": "Ý kiến viết lúc hệ thống gián đoạn."})
	if action, _ := kept.Find("form#gui-lai").Attr("action"); action != seedURL {
		t.Errorf("kept comment form posts to %q; want %q", action, seedURL)
	}
	q := &qaSite{site: s}
	settings, _ := db.Settings(ctx)
	token := strconv.FormatInt(web.FormToken(settings["forms.secret"], time.Now().Add(-time.Minute)), 10)
	question := url.Values{"name": {"Lê Văn Cường"}, "email": {"cuong@example.vn"}, "topic": {"3"},
		"title": {"Tách thửa"}, "content": {"Xin hỏi diện tích tối thiểu?"}, "consent": {"1"}, "t": {token}}
	keptQ := parse(t, assertCode(t, q.postQuestion(t, question, "10.0.0.8", "", nil), 503, "down: question"))
	checkKept(t, keptQ, "question", map[string]string{"name": "Lê Văn Cường", "topic": "3", "title": "Tách thửa",
		"content": "Xin hỏi diện tích tối thiểu?"})

	down.Store(false)
	offset.Store(int64(3*time.Minute + 2*time.Second)) // past the pause before asking the database again
	if w := s.get(t, seedURL); w.Code != 200 || w.Header().Get("Age") != "" {
		t.Errorf("back: GET %s = %d, Age %q; want 200, rebuilt", seedURL, w.Code, w.Header().Get("Age"))
	}
	if w := s.get(t, missing); w.Code != 404 {
		t.Errorf("back: GET %s = %d; want 404", missing, w.Code)
	}
}

func assertCode(t *testing.T, w *httptest.ResponseRecorder, want int, what string) *httptest.ResponseRecorder {
	t.Helper()
	if w.Code != want {
		t.Errorf("%s: status %d; want %d", what, w.Code, want)
	}
	return w
}

// checkKept checks a form kept during an outage holds what the reader typed.
func checkKept(t *testing.T, doc *goquery.Document, what string, want map[string]string) {
	t.Helper()
	for name, v := range want {
		f := doc.Find(`form#gui-lai [name=` + name + `]`)
		got, _ := f.Attr("value")
		if f.Is("textarea") {
			got = f.Text()
		}
		if got != v {
			t.Errorf("kept %s form: %s = %q; want %q", what, name, got, v)
		}
	}
	if doc.Find(`form#gui-lai input[name=t]`).Length() != 1 {
		t.Errorf("kept %s form: no token field", what)
	}
}
