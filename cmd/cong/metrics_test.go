package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"cong/internal/storetest"
)

// syncBuffer is a log the server's goroutines write to while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs `cong serve` with args on a fresh data folder, without
// the demo content, until the test ends; it returns the portal's address.
func startServe(t *testing.T, out io.Writer, args ...string) string {
	t.Helper()
	addr := freeAddr(t)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", addr, "--data", t.TempDir(), "--demo=false"}, args...), noenv, out, out)
	}()
	t.Cleanup(func() {
		stop()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Error("no shutdown within 20 s")
		}
	})
	waitFor(t, "http://"+addr+"/healthz")
	return addr
}

func get(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// scrape reads the metrics as "name{labels}" → value.
func scrape(t *testing.T, url string) map[string]float64 {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d", url, resp.StatusCode)
	}
	series := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		i := strings.LastIndexByte(line, ' ')
		if strings.HasPrefix(line, "#") || i < 0 {
			continue
		}
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("metrics line %q: %v", line, err)
		}
		series[line[:i]] = v
	}
	return series
}

// TestMetrics serves the portal with --metrics-addr on each engine, makes
// requests of every kind the metrics count, and scrapes them.
func TestMetrics(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testMetrics(t) })
	t.Run("postgres", func(t *testing.T) { testMetrics(t, "--db", storetest.PostgresDSN(t)) })
}

func testMetrics(t *testing.T, args ...string) {
	var out syncBuffer
	maddr := freeAddr(t)
	addr := startServe(t, &out, append(args, "--metrics-addr", maddr, "--flush-interval", "100ms")...)
	base := "http://" + addr
	for _, path := range []string{"/", "/", "/tim-kiem?q=tin", "/quan-tri/dang-nhap", "/readyz"} {
		get(t, base+path)
	}
	// Five wrong passwords lock the account; the sixth attempt is refused.
	for i, want := range []int{401, 401, 401, 401, 401, 429} {
		req, _ := http.NewRequest("POST", base+"/quan-tri/dang-nhap", strings.NewReader(url.Values{
			"username": {"khong-co"}, "password": {"sai mat khau"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Body.Close(); resp.StatusCode != want {
			t.Errorf("bad login %d = %d; want %d", i+1, resp.StatusCode, want)
		}
	}
	checks := []struct {
		series   string
		min, max float64
	}{
		{`cong_http_requests_total{code="2xx",method="GET",route="GET /{$}"}`, 2, 2},
		{`cong_http_requests_total{code="2xx",method="GET",route="GET /tim-kiem"}`, 1, 1},
		{`cong_http_requests_total{code="2xx",method="GET",route="GET /quan-tri/dang-nhap"}`, 1, 1},
		{`cong_http_requests_total{code="4xx",method="POST",route="POST /quan-tri/dang-nhap"}`, 6, 6},
		{`cong_http_request_duration_seconds_count{method="GET",route="GET /{$}"}`, 2, 2},
		{`cong_http_request_duration_seconds_sum{method="GET",route="GET /{$}"}`, 1e-6, 10},
		{`cong_http_request_duration_seconds_bucket{method="GET",route="GET /{$}",le="+Inf"}`, 2, 2},
		{`cong_page_cache_hits_total{site="chinh"}`, 1, 100},
		{`cong_page_cache_misses_total{site="chinh"}`, 1, 100},
		{`cong_page_cache_entries{site="chinh"}`, 1, 100},
		{`cong_page_cache_bytes{site="chinh"}`, 1000, 64 << 20},
		{"cong_search_duration_seconds_count", 1, 1},
		{"cong_login_failures_total", 5, 5},
		{"cong_login_lockouts_total", 1, 1},
		{"cong_counter_flushes_total", 1, 1000},
		{"cong_counter_last_flush_seconds", 1e-9, 10},
		{`cong_counter_pending{kind="views"}`, 0, 10},
		{`cong_counter_pending{kind="visits"}`, 0, 10},
		{"cong_schedule_runs_total", 1, 10},
		{"cong_schedule_errors_total", 0, 0},
		{"cong_db_max_open_connections", 1, 1000},
		{"cong_db_open_connections", 1, 1000},
		{"go_goroutines", 5, 10000},
		{"process_resident_memory_bytes", 1 << 20, 1 << 34},
	}
	// A request is counted once answered, which its client may see first:
	// scrape until every series is right, for at most 10 s.
	var wrong []string
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		m := scrape(t, "http://"+maddr+"/metrics")
		wrong = wrong[:0]
		for _, c := range checks {
			if v, ok := m[c.series]; !ok || v < c.min || v > c.max {
				wrong = append(wrong, fmt.Sprintf("%s = %v (present: %t); want %v to %v", c.series, v, ok, c.min, c.max))
			}
		}
		if len(wrong) == 0 || time.Now().After(deadline) {
			break
		}
	}
	for _, w := range wrong {
		t.Error(w)
	}
	if !logged(&out, func(log string) bool { return strings.Contains(log, `method=GET route="GET /{$}" status=200`) }) {
		t.Error("no request line for GET / in the log")
	}
	if get(t, base+"/metrics") != 404 || get(t, "http://"+maddr+"/") != 404 {
		t.Error("metrics served on the portal's address, or more than /metrics on their own")
	}
}

// TestRouteLabelsBounded asks for 1 000 random addresses: the route label
// takes a few pattern values, never the paths.
func TestRouteLabelsBounded(t *testing.T) {
	maddr := freeAddr(t)
	addr := startServe(t, io.Discard, "--metrics-addr", maddr, "--log-requests=false")
	rnd := rand.New(rand.NewPCG(12, 1))
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	methods := []string{"GET", "GET", "GET", "POST", "HEAD", "PUT", "BREW"}
	for i := range 1000 {
		var path strings.Builder
		for range 1 + rnd.IntN(4) {
			fmt.Fprintf(&path, "/r%x", rnd.Uint64())
		}
		if i%3 == 0 {
			path.WriteString("?q=" + strconv.Itoa(i))
		}
		prefix := ""
		if i%4 == 0 {
			prefix = "/quan-tri"
		}
		req, _ := http.NewRequest(methods[i%len(methods)], "http://"+addr+prefix+path.String(), nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	label := regexp.MustCompile(`^cong_http_requests_total\{code="[1-5]xx",method="([^"]*)",route="([^"]*)"\}$`)
	var routes, methodsSeen map[string]bool
	var total float64
	// Each request is counted once answered, which its client may see first.
	for deadline := time.Now().Add(10 * time.Second); total != 1000 && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		routes, methodsSeen, total = map[string]bool{}, map[string]bool{}, 0
		for series, v := range scrape(t, "http://"+maddr+"/metrics") {
			if m := label.FindStringSubmatch(series); m != nil && m[2] != "GET /healthz" { // startServe's
				methodsSeen[m[1]], routes[m[2]] = true, true
				total += v
			}
		}
	}
	if total != 1000 {
		t.Errorf("%v requests counted; want 1000", total)
	}
	if len(routes) > 12 || len(methodsSeen) > 5 {
		t.Errorf("1 000 random requests made %d routes and %d methods: %v %v", len(routes), len(methodsSeen), routes, methodsSeen)
	}
	for r := range routes {
		if strings.Contains(r, "/r") && !strings.Contains(r, "{") {
			t.Errorf("route label %q is a path", r)
		}
	}
	t.Logf("routes: %v; methods: %v", routes, methodsSeen)
}

// TestRequestLog checks the line per request that operators and the nginx
// deployment test read, and that --log-requests=false silences it.
func TestRequestLog(t *testing.T) {
	var out syncBuffer
	addr := startServe(t, &out)
	get(t, "http://"+addr+"/khong-co/bai-nay?token=secret")
	get(t, "http://"+addr+"/static/cong.css")
	shape := regexp.MustCompile(`(?m)^time=\S+ level=INFO msg=request id=\S+ method=GET route="GET /\{category\}/\{slug\}" ` +
		`status=404 dur=[0-9.]+[µnm]?s bytes=[1-9][0-9]* ip=127\.0\.0\.1$`)
	if !logged(&out, shape.MatchString) {
		t.Errorf("no request line of the expected shape in:\n%s", out.String())
	}
	if !logged(&out, func(log string) bool { return strings.Contains(log, `route="GET /static/" status=200`) }) {
		t.Errorf("no request line for a static file in:\n%s", out.String())
	}
	if strings.Contains(out.String(), "secret") {
		t.Error("the log carries a query string")
	}

	var quiet syncBuffer
	maddr := freeAddr(t)
	addr = startServe(t, &quiet, "--log-requests=false", "--metrics-addr", maddr)
	get(t, "http://"+addr+"/")
	// Once the metrics count the request, its line would have been written.
	counted := `cong_http_requests_total{code="2xx",method="GET",route="GET /{$}"}`
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if scrape(t, "http://"+maddr+"/metrics")[counted] == 1 {
			break
		}
	}
	if strings.Contains(quiet.String(), "msg=request") {
		t.Errorf("--log-requests=false still logs requests:\n%s", quiet.String())
	}
}

// logged waits until the log satisfies ok, for at most 3 s: a request's
// line is written once it is answered, which its client may see first.
func logged(out *syncBuffer, ok func(log string) bool) bool {
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if ok(out.String()) {
			return true
		}
	}
	return false
}

// TestReadyzDataFolder: /readyz fails once the data folder cannot be
// written (here, it became a file), while the database still answers.
func TestReadyzDataFolder(t *testing.T) {
	data := t.TempDir()
	addr := freeAddr(t)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--data", data, "--db", filepath.Join(t.TempDir(), "cong.db"),
			"--demo=false", "--log-level", "error"}, noenv, io.Discard, io.Discard)
	}()
	defer func() { stop(); <-done }()
	waitFor(t, "http://"+addr+"/healthz")
	if code := get(t, "http://"+addr+"/readyz"); code != 200 {
		t.Fatalf("/readyz = %d; want 200", code)
	}
	if err := os.RemoveAll(data); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(data, []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(data) })
	// The verdict is kept a few seconds; a new one comes after that.
	code := 0
	for deadline := time.Now().Add(15 * time.Second); code != 503 && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		code = get(t, "http://"+addr+"/readyz")
	}
	if code != 503 {
		t.Errorf("/readyz with the data folder gone = %d; want 503", code)
	}
}
