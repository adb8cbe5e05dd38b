package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/security"
	"github.com/chromedp/chromedp"

	"cong/internal/browsertest"
)

const (
	deployAdmin    = "quantri"
	deployPassword = "Cầu Cần Thơ nối đôi bờ sông Hậu"
)

// TestDeployBehindNginx runs deploy/nginx/cong.conf in a real nginx, with a
// self-signed certificate, in front of a real cong process, as
// deploy/cong.env.example sets it up (--trusted-proxies 127.0.0.1, an
// https --base-url), and checks what the deployment promises: the client's
// own address in cong's request log, the staff cookie and HSTS over HTTPS,
// a staff login in Chromium, and readers' pages while cong is stopped and
// started again.
func TestDeployBehindNginx(t *testing.T) {
	nginxPath(t)
	bin := buildCong(t)
	congAddr := freeAddr(t)
	site := startNginx(t, congAddr)
	base := "https://localhost:" + portOf(site.https)
	p := &congProcess{bin: bin, data: t.TempDir(), addr: congAddr, base: base}
	p.run(t, "user", "add", "--name", deployAdmin, "--role", "admin", "--password", deployPassword)
	p.start(t)
	reader, staff := client(t, site.cert), client(t, site.cert)

	t.Run("client address", func(t *testing.T) {
		resp := fetch(t, reader, base+"/")
		if resp.StatusCode != 200 || resp.ProtoMajor != 2 {
			t.Errorf("GET / = %d over HTTP/%d; want 200 over HTTP/2", resp.StatusCode, resp.ProtoMajor)
		}
		if first := site.accessLog(t); !strings.HasPrefix(first, "127.0.0.2 ") {
			t.Fatalf("nginx's access log does not show the client at 127.0.0.2: %q", first)
		}
		if ip := p.loggedIP(t, "/{$}"); ip != "127.0.0.2" {
			t.Errorf("cong logged the request to / from %q; want the client's 127.0.0.2, not nginx's 127.0.0.1", ip)
		}
	})
	t.Run("cookie and HSTS", func(t *testing.T) {
		for _, path := range []string{"/", "/quan-tri/dang-nhap"} {
			if hsts := fetch(t, reader, base+path).Header.Get("Strict-Transport-Security"); !strings.Contains(hsts, "max-age=31536000") {
				t.Errorf("GET %s: Strict-Transport-Security %q; want a year", path, hsts)
			}
		}
		form := url.Values{"username": {deployAdmin}, "password": {deployPassword}}
		resp, err := staff.PostForm(base+"/quan-tri/dang-nhap", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		var session *http.Cookie
		for _, c := range resp.Cookies() {
			if strings.HasSuffix(c.Name, "cong_s") {
				session = c
			}
		}
		if resp.StatusCode != http.StatusSeeOther || session == nil {
			t.Fatalf("login = %d with cookies %v; want 303 and the session cookie", resp.StatusCode, resp.Cookies())
		}
		if session.Name != "__Host-cong_s" || !session.Secure || !session.HttpOnly || session.Path != "/" || session.Domain != "" {
			t.Errorf("session cookie %s (Secure %v, HttpOnly %v, Path %q, Domain %q); want __Host-cong_s, Secure, HttpOnly, Path /, no Domain",
				session.Name, session.Secure, session.HttpOnly, session.Path, session.Domain)
		}
	})
	t.Run("compressed once", func(t *testing.T) {
		if got := gunzip(t, reader, base+"/"); !strings.HasPrefix(strings.ToLower(got), "<!doctype html>") {
			t.Errorf("GET / with gzip, uncompressed once, starts %.40q; want the page", got)
		}
		if css := stylesheet(t, reader, base); !strings.Contains(gunzip(t, reader, base+css), ":root") {
			t.Errorf("GET %s with gzip, uncompressed once, is not the stylesheet", css)
		}
	})
	t.Run("edges", func(t *testing.T) {
		resp := fetch(t, reader, "http://localhost:"+portOf(site.http)+"/doc-nhieu?a=1")
		if loc := resp.Header.Get("Location"); resp.StatusCode != 301 || loc != "https://localhost/doc-nhieu?a=1" {
			t.Errorf("GET over plain HTTP = %d to %q; want 301 to the same address over HTTPS", resp.StatusCode, loc)
		}
		conn, err := tls.Dial("tcp", site.https, &tls.Config{ServerName: "other.example", InsecureSkipVerify: true})
		if err == nil {
			conn.Close()
			t.Error("a TLS handshake for another name succeeded; want it refused")
		}
		// From an address of its own, so that the other subtests' forms
		// are not limited.
		sender := clientFrom(t, site.cert, net.IPv4(127, 0, 0, 3))
		var codes []int
		for range 30 {
			resp, err := sender.PostForm(base+"/hoi-dap/gui-cau-hoi", url.Values{"question": {"Xin hỏi"}})
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			codes = append(codes, resp.StatusCode)
			if resp.StatusCode == 429 {
				if !strings.Contains(string(body), `lang="vi"`) {
					t.Errorf("429 page %q; want the Vietnamese one", body)
				}
				return
			}
		}
		t.Errorf("30 forms posted at once got %v; want 429 after the burst of 20", codes)
	})
	t.Run("login in Chromium", func(t *testing.T) {
		loginInChromium(t, base)
	})
	t.Run("pages while cong restarts", func(t *testing.T) {
		readersThroughRestart(t, p, client(t, site.cert), staff, base)
	})
}

// buildCong builds the cong binary into a temporary folder.
func buildCong(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "cong")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// congProcess is cong run as its own process, set up as
// deploy/cong.env.example says, behind the nginx of the test.
type congProcess struct {
	bin, data, addr, base string
	extra                 []string // more settings, CONG_NAME=value
	log                   syncBuffer
	cmd                   *exec.Cmd
	exited                chan struct{} // closed when cmd has exited, with err
	err                   error
}

// env is the process's environment: the test's, without any CONG_ setting.
func (p *congProcess) env() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CONG_") {
			env = append(env, kv)
		}
	}
	env = append(env, "CONG_DATA="+p.data, "CONG_ADDR="+p.addr, "CONG_BASE_URL="+p.base,
		"CONG_TRUSTED_PROXIES=127.0.0.1", "CONG_LOG_FORMAT=json", "CONG_SHUTDOWN_TIMEOUT=15s")
	return append(env, p.extra...)
}

// run runs a cong command to its end.
func (p *congProcess) run(t *testing.T, args ...string) {
	t.Helper()
	cmd := exec.Command(p.bin, args...)
	cmd.Env = p.env()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cong %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// launch starts cong serve; it is killed at the end of the test if still
// running.
func (p *congProcess) launch(t *testing.T) {
	t.Helper()
	cmd := exec.Command(p.bin, "serve")
	cmd.Env = p.env()
	cmd.Stdout, cmd.Stderr = &p.log, &p.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	p.cmd, p.exited = cmd, exited
	go func() {
		p.err = cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
}

// start starts cong serve and waits until it answers.
func (p *congProcess) start(t *testing.T) {
	t.Helper()
	p.launch(t)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("cong's log:\n%s", p.log.String())
		}
	})
	if code := waitFor(t, "http://"+p.addr+"/healthz"); code != 200 {
		t.Fatalf("cong's /healthz = %d", code)
	}
}

// answers reports whether cong itself answers its /healthz.
func (p *congProcess) answers() bool {
	resp, err := http.Get("http://" + p.addr + "/healthz")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == 200
}

// stop sends SIGTERM and waits for the exit, which must be status 0.
func (p *congProcess) stop(t *testing.T) {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
		if p.err != nil {
			t.Errorf("cong after SIGTERM: %v; want exit status 0", p.err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("cong did not stop within 30 s of SIGTERM")
	}
}

// loggedIP waits for cong's request log line (slog message "request") of
// route — or of the catch-all "/" that leads to it — and returns its ip
// attribute.
func (p *congProcess) loggedIP(t *testing.T, route string) string {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		sc := bufio.NewScanner(strings.NewReader(p.log.String()))
		for sc.Scan() {
			var line struct{ Msg, Route, IP string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "request" &&
				(strings.HasSuffix(line.Route, route) || strings.TrimPrefix(line.Route, "GET ") == "/") {
				return line.IP
			}
		}
	}
	t.Errorf("no request log line (msg=request) for %s in cong's log", route)
	return ""
}

// client is a browser-like client: it trusts the test's certificate,
// connects from 127.0.0.2 (nginx itself reaches cong from 127.0.0.1),
// keeps cookies and does not follow redirects.
func client(t *testing.T, cert *x509.Certificate) *http.Client {
	return clientFrom(t, cert, net.IPv4(127, 0, 0, 2))
}

// clientFrom is client connecting from ip.
func clientFrom(t *testing.T, cert *x509.Certificate, ip net.IP) *http.Client {
	t.Helper()
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}, Timeout: 5 * time.Second}
	jar, _ := cookiejar.New(nil)
	return &http.Client{
		Transport: &http.Transport{
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				return dialer.DialContext(ctx, "tcp4", addr)
			},
			TLSClientConfig:   &tls.Config{RootCAs: roots},
			ForceAttemptHTTP2: true,
		},
		Jar:           jar,
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// fetch gets url with c and reads the whole body.
func fetch(t *testing.T, c *http.Client, url string) *http.Response {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		t.Fatalf("GET %s: body: %v", url, err)
	}
	resp.Body.Close()
	return resp
}

// stylesheet returns the address of the stylesheet the home page links to.
func stylesheet(t *testing.T, c *http.Client, base string) string {
	t.Helper()
	resp, err := c.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	m := regexp.MustCompile(`href="(/static/[^"]+\.css)"`).FindSubmatch(page)
	if m == nil {
		t.Fatal("the home page links to no stylesheet under /static/")
	}
	return string(m[1])
}

// gunzip asks for url compressed with gzip only and returns the body
// uncompressed once.
func gunzip(t *testing.T, c *http.Client, url string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("GET %s = %d, Content-Encoding %q; want 200 and gzip", url, resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return string(b)
}

// loginInChromium signs the administrator in through the login form over
// HTTPS, the browser told to accept the self-signed certificate, and
// expects the back office.
func loginInChromium(t *testing.T, base string) {
	tab := browsertest.Start(t, 2*time.Minute)
	if _, err := chromedp.Call(tab, security.SetIgnoreCertificateErrors, security.SetIgnoreCertificateErrorsParams{Ignore: true}); err != nil {
		t.Fatalf("accept the self-signed certificate: %v", err)
	}
	browsertest.Do(t, tab, "open the login page", chromedp.Navigate(base+"/quan-tri/dang-nhap"))
	browsertest.Do(t, tab, "type the password",
		chromedp.SendKeys(chromedp.CSS("#username"), deployAdmin),
		chromedp.SendKeys(chromedp.CSS("#password"), deployPassword))
	browsertest.Run(t, tab, "log in", chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS(`.login button[type=submit]`))))
	if loc := browsertest.Run(t, tab, "location", chromedp.Location()); loc != base+"/quan-tri/" {
		t.Fatalf("location after login = %q; want the back office %s/quan-tri/", loc, base)
	}
	if got := browsertest.Text(t, tab, `form[action="/quan-tri/dang-xuat"] button`); got != "Đăng xuất" {
		t.Errorf("the back office shows %q where the logout button is", got)
	}
}

// readersThroughRestart reads pages until nginx has a copy of each, stops
// cong with SIGTERM, and checks that readers get the same pages from
// nginx's copies while it is down and while it starts again; a form posted
// meanwhile gets the Vietnamese notice, and no copy is served of the back
// office or of a private page.
func readersThroughRestart(t *testing.T, p *congProcess, reader, staff *http.Client, base string) {
	pages := map[string]int{"/": 200, "/doc-nhieu": 200, "/rss": 200, stylesheet(t, reader, base): 200, "/bai/1": 301}
	for path, want := range pages {
		keep(t, reader, base+path, want)
	}
	// Never kept: the back office, and a page Cổng marks no-store (the
	// lookup of a question, meant for whoever holds its code).
	private := map[string]*http.Client{"/quan-tri/": staff, "/hoi-dap/tra-cuu": reader}
	for path, c := range private {
		for range 2 {
			if resp := fetch(t, c, base+path); resp.StatusCode != 200 {
				t.Fatalf("GET %s = %d; want 200", path, resp.StatusCode)
			}
		}
	}
	p.stop(t)
	if !strings.Contains(p.log.String(), `"msg":"stopped"`) {
		t.Error(`no "stopped" in cong's log: the counters' last flush did not end`)
	}
	n := readAll(t, reader, base, pages, 2*time.Second, nil)
	t.Logf("%d pages read from nginx's copies while cong was stopped", n)
	resp, err := reader.PostForm(base+"/hoi-dap/gui-cau-hoi", url.Values{"question": {"Xin hỏi"}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 503 || !strings.Contains(string(body), `lang="vi"`) {
		t.Errorf("a form posted while cong is stopped = %d %q; want 503 and the Vietnamese notice", resp.StatusCode, body)
	}
	for path, c := range private {
		if resp := fetch(t, c, base+path); resp.StatusCode != 503 {
			t.Errorf("GET %s while cong is stopped = %d; want 503: it is never kept", path, resp.StatusCode)
		}
	}
	p.launch(t)
	n = readAll(t, reader, base, pages, 30*time.Second, p.answers)
	t.Logf("%d pages read while cong started again", n)
	if fresh := fetch(t, reader, base+"/"); fresh.StatusCode != 200 || fresh.Header.Get("X-Cache") != "" {
		t.Errorf("GET / after the restart = %d, X-Cache %q; want 200 from cong itself", fresh.StatusCode, fresh.Header.Get("X-Cache"))
	}
}

// keep reads url until an answer without Set-Cookie (the visitor cookie is
// set on the first visit, and such answers are not kept) has had the
// chance to be kept by nginx.
func keep(t *testing.T, c *http.Client, url string, want int) {
	t.Helper()
	for range 5 {
		resp := fetch(t, c, url)
		if resp.StatusCode != want {
			t.Fatalf("GET %s = %d; want %d", url, resp.StatusCode, want)
		}
		if len(resp.Header.Values("Set-Cookie")) == 0 {
			return
		}
	}
	t.Fatalf("GET %s always sets a cookie: nginx keeps no copy of it", url)
}

// readAll reads every page in a loop for d, or until up reports true,
// failing on any answer other than the one before the stop; it returns how
// many it read.
func readAll(t *testing.T, c *http.Client, base string, pages map[string]int, d time.Duration, up func() bool) int {
	t.Helper()
	n, failures := 0, 0
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		for path, want := range pages {
			resp, err := c.Get(base + path)
			if err == nil {
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			n++
			switch {
			case err != nil:
				failures++
				t.Errorf("GET %s: %v", path, err)
			case resp.StatusCode != want:
				failures++
				t.Errorf("GET %s = %d (X-Cache %q); want %d", path, resp.StatusCode, resp.Header.Get("X-Cache"), want)
			}
			if failures > 10 {
				t.Fatal("too many failures")
			}
		}
		if up != nil && up() {
			return n
		}
	}
	if up != nil {
		t.Fatal("cong did not start again in time")
	}
	return n
}

func portOf(addr string) string {
	_, port, _ := net.SplitHostPort(addr)
	return port
}
