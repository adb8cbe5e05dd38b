package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"cong/internal/demo"
	"cong/internal/pgtest"
	"cong/internal/store"
	"cong/internal/storetest"
)

const browserUA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"

// TestPostgresOutage runs cong on a PostgreSQL server of its own, warms a
// few pages, stops the server for 20 s while readers keep reading, and
// starts it again: no page seen before answers 5xx meanwhile, a page never
// seen and a comment answer 503, and afterwards, without restarting cong,
// new pages and writes work and every view and visit counted during the
// outage reaches the database.
func TestPostgresOutage(t *testing.T) {
	if testing.Short() {
		t.Skip("a 20-second outage")
	}
	pg := pgtest.Start(t)
	dsn := pg.CreateDB(t, "cong")
	addr := freeAddr(t)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	var log bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--db", dsn, "--data", t.TempDir(), "--log-level", "error",
			"--cache-ttl", "2s", "--flush-interval", "500ms"}, noenv, &log, &log)
	}()
	base := "http://" + addr
	if code := waitFor(t, base+"/"); code != 200 {
		t.Fatalf("GET / = %d; want 200", code)
	}
	db := storetest.Open(t, dsn)
	day := time.Now().In(time.FixedZone("ICT", 7*3600)).Format("2006-01-02")
	views0, visits0 := pgCounts(t, db, day)

	r := &reader{base: base}
	article := "/" + demo.SeedCategory + "/" + demo.SeedSlug
	warm := []string{"/", article, "/" + demo.SeedCategory, "/rss", "/sitemap.xml", "/hoi-dap", "/van-ban"}
	for _, p := range warm {
		if code, _ := r.get(p); code != 200 {
			t.Fatalf("warming %s: %d", p, code)
		}
	}
	token := r.formToken(t, article)

	pg.Ctl(t, "stop", "-m", "fast")
	outageEnd := time.Now().Add(20 * time.Second)
	var fives sync.Map // path → statuses ≥ 500
	var stale atomic.Int64
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := g; time.Now().Before(outageEnd); i++ {
				p := warm[i%len(warm)]
				code, age := r.get(p)
				if code >= 500 {
					fives.Store(p, code)
				}
				if age != "" {
					stale.Add(1)
				}
				time.Sleep(20 * time.Millisecond)
			}
		})
	}
	time.Sleep(3 * time.Second)
	if code, _ := r.get("/tu-khoa/chua-ai-xem"); code != 503 {
		t.Errorf("down: a page never built = %d; want 503", code)
	}
	if code := r.postComment(article, token, "Ý kiến gửi lúc cơ sở dữ liệu ngừng."); code != 503 {
		t.Errorf("down: a comment = %d; want 503", code)
	}
	wg.Wait()
	fives.Range(func(p, code any) bool {
		t.Errorf("down: GET %s = %d, a page seen before", p, code)
		return true
	})
	if stale.Load() == 0 {
		t.Error("down: no page was served stale (with an Age)")
	}
	pg.Ctl(t, "start", "-w", "-t", "20")

	deadline := time.Now().Add(15 * time.Second)
	for code := 0; code != 200; time.Sleep(200 * time.Millisecond) {
		if code, _ = r.get("/doc-nhieu"); code != 200 && time.Now().After(deadline) {
			t.Fatalf("back: a new page = %d 15 s after the restart; want 200", code)
		}
	}
	if code := r.postComment(article, token, "Ý kiến gửi sau khi cơ sở dữ liệu chạy lại."); code != http.StatusSeeOther {
		t.Errorf("back: a comment = %d; want 303", code)
	}
	wantViews, wantVisits := views0+r.views.Load(), visits0+r.visits.Load()
	var views, visits int64
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if views, visits = pgCounts(t, db, day); views == wantViews && visits == wantVisits {
			break
		}
	}
	if views != wantViews || visits != wantVisits {
		t.Errorf("back: views %d, visits %d in the database; want %d and %d (%d views, %d visits counted by this test)",
			views, visits, wantViews, wantVisits, r.views.Load(), r.visits.Load())
	}
	t.Logf("%d requests during the outage, %d served stale", r.requests.Load(), stale.Load())
	stop()
	if err := <-done; err != nil {
		t.Errorf("cong: %v\n%s", err, log.String())
	}
}

// pgCounts reads the seed article's views and the visits of all days.
func pgCounts(t *testing.T, db *store.DB, day string) (views, visits int64) {
	t.Helper()
	a, err := db.ArticleBySlug(context.Background(), demo.SeedSlug)
	if err != nil {
		t.Fatal(err)
	}
	_, visits, err = db.Visits(context.Background(), day)
	if err != nil {
		t.Fatal(err)
	}
	return a.ViewCount, visits
}

// reader fetches pages as browsers without cookies would, counting the
// views and visits its requests make.
type reader struct {
	base                    string
	views, visits, requests atomic.Int64
}

var noRedirect = &http.Client{Timeout: 10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// get returns the status of GET path and its Age header.
func (r *reader) get(path string) (int, string) {
	code, age, _ := r.do("GET", path, "", nil)
	return code, age
}

func (r *reader) do(method, path, ctype string, body io.Reader) (int, string, []byte) {
	req, err := http.NewRequest(method, r.base+path, body)
	if err != nil {
		return 0, "", nil
	}
	req.Header.Set("User-Agent", browserUA)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
		req.Header.Set("Origin", r.base)
	}
	r.requests.Add(1)
	resp, err := noRedirect.Do(req)
	if err != nil {
		return 0, "", nil
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	for _, c := range resp.Cookies() {
		if c.Name == "cong_v" {
			r.visits.Add(1) // a new visitor: one visit
			if resp.StatusCode == 200 && strings.HasPrefix(path, "/"+demo.SeedCategory+"/") {
				r.views.Add(1)
			}
		}
	}
	return resp.StatusCode, resp.Header.Get("Age"), page
}

var tokenField = regexp.MustCompile(`name="t" value="(\d+)"`)

// formToken reads the signed time of the comment form on path.
func (r *reader) formToken(t *testing.T, path string) string {
	_, _, page := r.do("GET", path, "", nil)
	m := tokenField.FindSubmatch(page)
	if m == nil {
		t.Fatalf("no form token on %s", path)
	}
	return string(m[1])
}

// postComment sends a comment on the article at path.
func (r *reader) postComment(path, token, body string) int {
	form := url.Values{"name": {"Bạn đọc"}, "email": {"bandoc@example.vn"}, "body": {body}, "consent": {"1"}, "t": {token}}
	code, _, _ := r.do("POST", path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	return code
}
