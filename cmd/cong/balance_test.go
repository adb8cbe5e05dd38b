package main

import (
	"bytes"
	"context"
	"crypto/x509"
	"database/sql"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"cong/internal/s3test"
	"cong/internal/storetest"
	"cong/internal/viet"
)

// balanceFlush is the instances' --flush-interval: the most views a killed
// instance can lose is what it counted in its last two intervals (the one
// since its last flush, and the one a flush cut short was writing).
const balanceFlush = time.Second

// TestLoadBalancer runs deploy/nginx/cong.conf in front of three cong
// processes sharing one PostgreSQL database and one S3 bucket (versitygw),
// each with a data folder of its own, with readers reading all the
// while and a staff member uploading a picture and scheduling an article.
// One instance is killed with SIGKILL just before the article's minute and
// started again. Readers must get no error at all (nginx sends the GETs the
// dead instance failed to the next one); the article is published exactly
// once; views counted by every instance add up exactly while all run, and
// after the kill short of at most what the killed one held unflushed; the
// picture uploaded through one instance is served by every instance.
func TestLoadBalancer(t *testing.T) {
	nginxPath(t)
	if testing.Short() {
		t.Skip("skipping the load-balancer test in -short mode")
	}
	dsn := storetest.PostgresDSN(t)
	s3 := s3test.Start(t)
	_, bucket := s3.Bucket(t)
	bin := buildCong(t)
	addrs := []string{freeAddr(t), freeAddr(t), freeAddr(t)}
	site := startNginx(t, addrs...)
	base := "https://localhost:" + portOf(site.https)
	lb := newBalanced(t, bin, dsn, base, addrs, "CONG_MEDIA="+s3.URL(bucket),
		"CONG_S3_ACCESS_KEY="+s3.AccessKey, "CONG_S3_SECRET_KEY="+s3.SecretKey)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	staff := client(t, site.cert)
	staffLogin(t, staff, base)
	picture := lb.upload(t, staff, base, db)
	article, path := lb.readerArticle(t, db)
	scheduled, minute := lb.schedule(t, staff, base, db)
	pages := []string{"/", path, "/doc-nhieu", "/rss", picture}
	readers := &readers{t: t, client: cookieless(t, site.cert), base: base, pages: pages, count: path}

	t.Run("views add up across instances", func(t *testing.T) {
		before := viewCount(t, db, article)
		n := readers.run(3*time.Second, nil)
		waitViews(t, db, article, before+n, 15*time.Second)
	})

	top := t // the instances started again live as long as the test
	t.Run("an instance killed and started again", func(t *testing.T) {
		before := viewCount(t, db, article)
		// Kill it a second before the scheduled minute, so that the
		// publishing clock's tick falls while it is gone.
		if wait := time.Until(minute.Add(-3 * time.Second)); wait > 0 {
			time.Sleep(wait)
		}
		var killed time.Time
		relaunched := false
		n := readers.run(8*time.Second, func(elapsed time.Duration) {
			switch {
			case killed.IsZero() && elapsed >= 2*time.Second:
				lb.procs[1].kill(t)
				killed = time.Now()
			case !killed.IsZero() && !relaunched && elapsed >= 4*time.Second:
				lb.procs[1].launch(top) // it answers within the run
				relaunched = true
			}
		})
		if !lb.procs[1].answers() {
			waitFor(t, "http://"+addrs[1]+"/healthz")
		}
		lost := readers.countedBetween(killed.Add(-2*balanceFlush-500*time.Millisecond), killed)
		for _, p := range lb.procs {
			p.stop(t) // each writes its last counts
		}
		got := viewCount(t, db, article)
		t.Logf("%d views read, %d counted; at most %d held by the killed instance", n, got-before, lost)
		if got > before+n || got < before+n-lost {
			t.Errorf("views after the kill = %d; want between %d and %d", got-before, n-lost, n)
		}
		for _, p := range lb.procs {
			p.start(top)
		}
	})

	t.Run("scheduled article published once", func(t *testing.T) {
		deadline := minute.Add(75 * time.Second)
		for time.Now().Before(deadline) && articleStatus(t, db, scheduled) != "published" {
			time.Sleep(200 * time.Millisecond)
		}
		var n int
		err := db.QueryRow(`SELECT count(*) FROM article_transitions
			WHERE article_id = $1 AND to_status = 'published'`, scheduled).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Fatalf("the scheduled article was published %d times; want once (status %s)", n, articleStatus(t, db, scheduled))
		}
		for _, addr := range addrs {
			if code := getStatus(t, "http://"+addr+"/bai/"+strconv.FormatInt(scheduled, 10)); code != http.StatusMovedPermanently {
				t.Errorf("GET /bai/%d from %s = %d; want 301 to the published article", scheduled, addr, code)
			}
		}
	})

	t.Run("upload served by every instance", func(t *testing.T) {
		for _, addr := range addrs {
			if code := getStatus(t, "http://"+addr+picture); code != 200 {
				t.Errorf("GET %s from %s = %d; want 200", picture, addr, code)
			}
		}
	})
}

// balanced is the instances behind the balancer.
type balanced struct {
	procs []*congProcess
}

// newBalanced prepares the shared database (migrated, demo content, an
// administrator) and starts an instance at each of addrs, each with a data
// folder of its own, as on machines of their own: they share the
// database, the media store (settings in env) and the audit key.
func newBalanced(t *testing.T, bin, dsn, base string, addrs []string, env ...string) *balanced {
	t.Helper()
	key := filepath.Join(t.TempDir(), "audit.key")
	lb := &balanced{}
	for _, addr := range addrs {
		lb.procs = append(lb.procs, &congProcess{bin: bin, data: t.TempDir(), addr: addr, base: base, extra: append([]string{
			"CONG_DB=" + dsn, "CONG_DEMO=false", "CONG_FLUSH_INTERVAL=" + balanceFlush.String(),
			"CONG_AUDIT_KEY_FILE=" + key,
		}, env...)})
	}
	lb.procs[0].run(t, "demo")
	lb.procs[0].run(t, "user", "add", "--name", deployAdmin, "--role", "admin", "--role", "approver", "--password", deployPassword)
	for _, p := range lb.procs {
		p.start(t)
	}
	return lb
}

// upload sends a picture through the balancer and returns its address.
func (lb *balanced) upload(t *testing.T, staff *http.Client, base string, db *sql.DB) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := range 64 {
		img.Set(x, x%48, color.RGBA{200, 30, 30, 255})
	}
	var pic, body bytes.Buffer
	if err := png.Encode(&pic, img); err != nil {
		t.Fatal(err)
	}
	mw := multipart.NewWriter(&body)
	mw.WriteField("caption", "Ảnh thử cân bằng tải")
	mw.WriteField("alt", "Một đường chéo màu đỏ")
	fw, _ := mw.CreateFormFile("file", "can-bang.png")
	fw.Write(pic.Bytes())
	mw.Close()
	resp, err := staff.Post(base+"/quan-tri/thu-vien", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload = %d; want 303", resp.StatusCode)
	}
	var file string
	if err := db.QueryRow("SELECT file FROM media ORDER BY id DESC LIMIT 1").Scan(&file); err != nil {
		t.Fatal(err)
	}
	return "/media/" + file
}

// readerArticle picks a published article and returns its id and address.
func (lb *balanced) readerArticle(t *testing.T, db *sql.DB) (int64, string) {
	t.Helper()
	var id int64
	if err := db.QueryRow("SELECT id FROM articles WHERE status = 'published' ORDER BY id LIMIT 1").Scan(&id); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get("http://" + lb.procs[0].addr + "/bai/" + strconv.FormatInt(id, 10))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	u, err := url.Parse(resp.Request.URL.String())
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /bai/%d = %d; want the article", id, resp.StatusCode)
	}
	return id, u.Path
}

// schedule has the administrator write an article and publish it at the
// next minute at least 15 s away; it returns the article and the minute.
func (lb *balanced) schedule(t *testing.T, staff *http.Client, base string, db *sql.DB) (int64, time.Time) {
	t.Helper()
	var cat int64
	if err := db.QueryRow("SELECT id FROM categories ORDER BY id LIMIT 1").Scan(&cat); err != nil {
		t.Fatal(err)
	}
	loc := post(t, staff, base+"/quan-tri/bai-viet/moi", url.Values{
		"title": {"Bài hẹn giờ qua cân bằng tải"}, "summary": {"Xuất bản đúng một lần."},
		"body": {"<p>Nội dung bài hẹn giờ.</p>"}, "category": {strconv.FormatInt(cat, 10)}, "author": {"Phóng viên"},
	})
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.Split(loc, "?")[0], "/quan-tri/bai-viet/"), 10, 64)
	if err != nil {
		t.Fatalf("after creating the article, redirect to %q", loc)
	}
	minute := time.Now().Add(15 * time.Second).Truncate(time.Minute).Add(time.Minute)
	move := base + "/quan-tri/bai-viet/" + strconv.FormatInt(id, 10) + "/chuyen"
	post(t, staff, move, url.Values{"action": {"submit"}})
	post(t, staff, move, url.Values{"action": {"publish"}, "publish_at": {minute.In(viet.Location).Format("2006-01-02T15:04")}})
	if s := articleStatus(t, db, id); s != "scheduled" {
		t.Fatalf("after publishing at %s, the article is %s; want scheduled", minute.In(viet.Location).Format("15:04"), s)
	}
	return id, minute
}

// staffLogin signs the administrator in through the balancer at base.
func staffLogin(t *testing.T, staff *http.Client, base string) {
	t.Helper()
	post(t, staff, base+"/quan-tri/dang-nhap", url.Values{"username": {deployAdmin}, "password": {deployPassword}})
}

// post sends a form, wants 303, and returns where it leads.
func post(t *testing.T, c *http.Client, u string, form url.Values) string {
	t.Helper()
	resp, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST %s = %d; want 303\n%.2000s", u, resp.StatusCode, body)
	}
	return resp.Header.Get("Location")
}

// cookieless is a browser-like client without cookies: each page view is a new
// visitor's, so each one counts.
func cookieless(t *testing.T, cert *x509.Certificate) *http.Client {
	c := client(t, cert)
	c.Jar = nil
	return c
}

// readers read pages through the balancer from several goroutines.
type readers struct {
	t      *testing.T
	client *http.Client
	base   string
	pages  []string
	count  string // the page whose views are counted

	mu   sync.Mutex
	read []time.Time // when each view of count ended
}

// run reads for d, calling tick every 100 ms with the time since the start,
// and returns how many views of r.count it made. Any answer but 200 fails
// the test.
func (r *readers) run(d time.Duration, tick func(elapsed time.Duration)) int64 {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var n int64
	var failures []string
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				path := r.pages[i%len(r.pages)]
				code, err := r.get(path)
				mu.Lock()
				switch {
				case err != nil && ctx.Err() == nil:
					failures = append(failures, fmt.Sprintf("GET %s: %v", path, err))
				case err == nil && code != 200:
					failures = append(failures, fmt.Sprintf("GET %s = %d", path, code))
				case err == nil && path == r.count:
					n++
					r.mu.Lock()
					r.read = append(r.read, time.Now())
					r.mu.Unlock()
				}
				mu.Unlock()
			}
		}()
	}
	start := time.Now()
	for ctx.Err() == nil {
		if tick != nil {
			tick(time.Since(start))
		}
		select {
		case <-ctx.Done():
		case <-time.After(100 * time.Millisecond):
		}
	}
	wg.Wait()
	if len(failures) > 0 {
		r.t.Errorf("%d of the readers' requests failed, first: %s", len(failures), failures[0])
	}
	return n
}

// get reads one page to its end. A request cut by the end of the run is
// not a view: it reports an error.
func (r *readers) get(path string) (int, error) {
	req, _ := http.NewRequest("GET", r.base+path, nil)
	req.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36")
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := r.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, err
}

// countedBetween is how many views of r.count ended between from and to.
func (r *readers) countedBetween(from, to time.Time) int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	var n int64
	for _, at := range r.read {
		if !at.Before(from) && !at.After(to) {
			n++
		}
	}
	return n
}

// kill ends the process with SIGKILL and waits for it.
func (p *congProcess) kill(t *testing.T) {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.exited
}

func viewCount(t *testing.T, db *sql.DB, id int64) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow("SELECT view_count FROM articles WHERE id = $1", id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// waitViews waits until the article's stored views reach want, and fails
// if they pass it or do not reach it within d.
func waitViews(t *testing.T, db *sql.DB, id, want int64, d time.Duration) {
	t.Helper()
	got := viewCount(t, db, id)
	for deadline := time.Now().Add(d); got < want && time.Now().Before(deadline); got = viewCount(t, db, id) {
		time.Sleep(100 * time.Millisecond)
	}
	if got != want {
		t.Errorf("stored views = %d; want exactly %d", got, want)
	}
}

func articleStatus(t *testing.T, db *sql.DB, id int64) string {
	t.Helper()
	var s string
	if err := db.QueryRow("SELECT status FROM articles WHERE id = $1", id).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// getStatus asks one instance directly, without following redirects.
func getStatus(t *testing.T, u string) int {
	t.Helper()
	c := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}
