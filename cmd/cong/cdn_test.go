package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestSharedCacheBehindNginx runs deploy/nginx/cong-cache.conf in front of
// a cong serving with --shared-cache-ttl and --purge-url: reader pages come
// from nginx's cache, the beacon counts their views, nothing personal is
// kept, a change purges the pages it made stale, a second site's pages are
// kept and purged under its own host, and a page is served stale while cong
// is down.
func TestSharedCacheBehindNginx(t *testing.T) {
	nginxPath(t)
	bin := buildCong(t)
	congAddr := freeAddr(t)
	n, purger := startCacheNginx(t, congAddr)
	base := "http://" + n
	metrics := freeAddr(t)
	p := &congProcess{bin: bin, data: t.TempDir(), addr: congAddr, base: base,
		extra: []string{"CONG_SHARED_CACHE_TTL=60s", "CONG_PURGE_URL=http://" + purger, "CONG_METRICS_ADDR=" + metrics}}
	p.run(t, "user", "add", "--name", deployAdmin, "--role", "admin", "--password", deployPassword)
	_, port, _ := strings.Cut(n, ":")
	district := "huyen.localhost:" + port
	p.run(t, "site", "add", "--name", "Cổng huyện Châu Thành", "--url", "http://"+district)
	p.start(t)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	article := articlePath(t, "http://"+congAddr)

	t.Run("hit", func(t *testing.T) {
		for _, path := range []string{"/", article, "/rss"} {
			cget(t, c, base+path, nil)
			resp, _ := cget(t, c, base+path, nil)
			if s := resp.Header.Get("X-Cache-Status"); s != "HIT" {
				t.Errorf("GET %s a second time: X-Cache-Status %q; want HIT", path, s)
			}
			if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "s-maxage=60") {
				t.Errorf("GET %s: Cache-Control %q; want s-maxage=60", path, cc)
			}
			if v := resp.Header.Get("Vary"); v != "Accept-Encoding" {
				t.Errorf("GET %s: Vary %q; want Accept-Encoding", path, v)
			}
			if ck := resp.Header.Values("Set-Cookie"); len(ck) > 0 {
				t.Errorf("GET %s: Set-Cookie %q; want none on a page a shared cache keeps", path, ck)
			}
		}
	})
	t.Run("beacon counts cached views", func(t *testing.T) {
		before := views(t, c, "http://"+congAddr+article)
		beacon := beaconOf(t, c, base+article)
		for i := range 5 {
			resp, _ := cget(t, c, base+article, nil)
			if s := resp.Header.Get("X-Cache-Status"); s != "HIT" {
				t.Fatalf("reader %d: X-Cache-Status %q; want HIT", i, s)
			}
			visitor := fmt.Sprintf("%016x.0", 0xc0ffee00+i)
			for range 2 { // a reload: the same visitor counts once
				sendBeacon(t, c, base, beacon, visitor, http.StatusNoContent)
			}
		}
		sendBeacon(t, c, base, "42.0000000000000000", "", http.StatusBadRequest) // not signed by cong
		if after := views(t, c, "http://"+congAddr+article); after != before+5 {
			t.Errorf("views after 5 readers served from nginx's cache = %d; want %d", after, before+5)
		}
	})
	staff := login(t, base)
	t.Run("never kept", func(t *testing.T) {
		// Staff first: their answer must not be what readers get next.
		resp, _ := cget(t, c, base+"/doc-nhieu", staff)
		if cc := resp.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "private") {
			t.Errorf("GET /doc-nhieu as staff: Cache-Control %q; want private", cc)
		}
		if resp, _ := cget(t, c, base+"/doc-nhieu", nil); resp.Header.Get("X-Cache-Status") != "MISS" {
			t.Errorf("GET /doc-nhieu after staff's: X-Cache-Status %q; want MISS (staff's answer not kept)", resp.Header.Get("X-Cache-Status"))
		}
		for _, path := range []string{"/quan-tri/dang-nhap", "/quan-tri/", "/tim-kiem?q=tin", "/khong-co-trang-nay"} {
			cget(t, c, base+path, nil)
			if resp, _ := cget(t, c, base+path, nil); resp.Header.Get("X-Cache-Status") == "HIT" {
				t.Errorf("GET %s: served from nginx's cache (Cache-Control %q); want it never kept",
					path, resp.Header.Get("Cache-Control"))
			}
		}
		// A comment refused for what the reader typed comes back with
		// their text; the next reader gets the clean page.
		form := url.Values{"name": {"Nguyễn Văn Riêng"}, "email": {"khong-hop-le"}, "body": {"Ý kiến riêng của tôi"}}
		resp, err := c.PostForm(base+article, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if _, body := cget(t, c, base+article, nil); strings.Contains(body, "Nguyễn Văn Riêng") {
			t.Error("a reader's refused comment shows on the page the next reader gets")
		}
	})
	t.Run("purge after a change", func(t *testing.T) {
		cget(t, c, base+"/", nil)
		articleID := idOf(t, c, "http://"+congAddr, article)
		req, _ := http.NewRequest("POST", base+"/quan-tri/bai-viet/"+articleID+"/chuyen",
			strings.NewReader(url.Values{"action": {"unpublish"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(staff)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("unpublish = %d; want 303", resp.StatusCode)
		}
		// s-maxage is 60 s: only the purge makes nginx ask cong again.
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			resp, _ := cget(t, c, base+article, nil)
			_, home := cget(t, c, base+"/", nil)
			if resp.StatusCode == http.StatusNotFound && !strings.Contains(home, `href="`+article+`"`) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("10 s after unpublishing, nginx still serves the article (%d, %s) or the home page links it",
					resp.StatusCode, resp.Header.Get("X-Cache-Status"))
			}
		}
		m := scrape(t, "http://"+metrics+"/metrics")
		if m["cong_purge_requests_total"] < 2 || m["cong_purge_failures_total"] != 0 {
			t.Errorf("purges %v, failures %v; want the pages purged, none failed",
				m["cong_purge_requests_total"], m["cong_purge_failures_total"])
		}
	})
	t.Run("several sites", func(t *testing.T) {
		// The district's home is kept apart from the province's, under its
		// own host; a change there purges it at that host.
		onDistrict := func(method, path string, form url.Values, staff *http.Cookie) (*http.Response, string) {
			var body io.Reader
			if form != nil {
				body = strings.NewReader(form.Encode())
			}
			req, err := http.NewRequest(method, base+path, body)
			if err != nil {
				t.Fatal(err)
			}
			req.Host = district
			if form != nil {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			return cdo(t, c, req, staff)
		}
		hget := func(path string, staff *http.Cookie) (*http.Response, string) {
			return onDistrict("GET", path, nil, staff)
		}
		hpost := func(path string, form url.Values, staff *http.Cookie) *http.Response {
			resp, _ := onDistrict("POST", path, form, staff)
			return resp
		}
		_, province := cget(t, c, base+"/", nil)
		hget("/", nil)
		resp, home := hget("/", nil)
		if resp.Header.Get("X-Cache-Status") != "HIT" || home == province ||
			!strings.Contains(home, "http://"+district+"/") || strings.Contains(home, `href="`+article+`"`) {
			t.Fatalf("the district's home through nginx (X-Cache-Status %q) is the province's (%v), or not its own (%v %v)", resp.Header.Get("X-Cache-Status"), home == province, !strings.Contains(home, "http://"+district+"/"), strings.Contains(home, `href="`+article+`"`))
		}
		if _, again := cget(t, c, base+"/", nil); again != province {
			t.Error("the province's home changed after the district's was kept")
		}

		// The province's administrator takes the district's too, signs in
		// there and adds a category, which the district's menu shows.
		_, page := cget(t, c, base+"/quan-tri/cac-trang/2", staff)
		m := regexp.MustCompile(`/quan-tri/cac-trang/2/nguoi-dung/([0-9]+)">` + deployAdmin + `<`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("the district's page in the back office does not list %s", deployAdmin)
		}
		req, _ := http.NewRequest("POST", base+"/quan-tri/cac-trang/2/nguoi-dung/"+m[1],
			strings.NewReader(url.Values{"roles": {"admin"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if resp, _ := cdo(t, c, req, staff); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("grant on the district = %d; want 303", resp.StatusCode)
		}
		login := hpost("/quan-tri/dang-nhap", url.Values{"username": {deployAdmin}, "password": {deployPassword}}, nil)
		var session *http.Cookie
		for _, ck := range login.Cookies() {
			if strings.HasSuffix(ck.Name, "cong_s") {
				session = ck
			}
		}
		if session == nil {
			t.Fatalf("sign-in on the district = %d with no session", login.StatusCode)
		}
		if resp := hpost("/quan-tri/chuyen-muc", url.Values{"name": {"Tin huyện nhà"}, "slug": {"tin-huyen-nha"}, "visible": {"1"}}, session); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("a category on the district = %d; want 303", resp.StatusCode)
		}
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			if _, home := hget("/", nil); strings.Contains(home, "Tin huyện nhà") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("10 s after the district's new category, nginx still serves its home without it")
			}
		}
		if _, home := cget(t, c, base+"/", nil); strings.Contains(home, "Tin huyện nhà") {
			t.Error("the province's home shows the district's category")
		}
	})
	t.Run("stale while cong is down", func(t *testing.T) {
		p.stop(t)
		p.extra = []string{"CONG_SHARED_CACHE_TTL=1s", "CONG_SHARED_CACHE_STALE=1h"}
		p.start(t)
		const path = "/gioi-thieu"
		resp, want := cget(t, c, base+path, nil)
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Cache-Control"), "stale-if-error=3600") {
			t.Fatalf("GET %s = %d, Cache-Control %q; want 200 with stale-if-error=3600", path, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
		p.stop(t)
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
			resp, body := cget(t, c, base+path, nil)
			if resp.Header.Get("X-Cache-Status") == "STALE" {
				if resp.StatusCode != 200 || body != want {
					t.Errorf("stale GET %s = %d; want 200 and the page kept", path, resp.StatusCode)
				}
				break
			}
			if resp.StatusCode != 200 || time.Now().After(deadline) {
				t.Fatalf("with cong down, GET %s = %d (X-Cache-Status %q); want the kept page, STALE once expired",
					path, resp.StatusCode, resp.Header.Get("X-Cache-Status"))
			}
		}
	})
}

// startCacheNginx runs deploy/nginx/cong-cache.conf in front of congAddr
// and returns where it listens for readers and for purges.
func startCacheNginx(t *testing.T, congAddr string) (addr, purger string) {
	t.Helper()
	nginx := nginxPath(t)
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "tmp"), 0o755); err != nil {
		t.Fatal(err)
	}
	addr, purger = freeAddr(t), freeAddr(t)
	b, err := os.ReadFile("../../deploy/nginx/cong-cache.conf")
	if err != nil {
		t.Fatal(err)
	}
	conf := string(b)
	for _, r := range [][2]string{
		{"listen 80;", "listen " + addr + ";"},
		{"127.0.0.1:8081", purger},
		{"127.0.0.1:8082", freeAddr(t)},
		{"server 127.0.0.1:8080;", "server " + congAddr + ";"},
		{"/var/cache/nginx/cong-shared", dir + "/cache"},
		{"/var/log/nginx/", dir + "/"},
	} {
		if !strings.Contains(conf, r[0]) {
			t.Fatalf("deploy/nginx/cong-cache.conf no longer has %q: update the test's substitutions", r[0])
		}
		conf = strings.ReplaceAll(conf, r[0], r[1])
	}
	out := runNginx(t, nginx, dir, "deploy/nginx/cong-cache.conf", conf)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get("http://" + addr + "/static/none"); err == nil {
			resp.Body.Close()
			return addr, purger
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx never answered on %s\n%s", addr, out.String())
		}
	}
}

// cget fetches url, with the session cookie of staff when given, and returns
// the answer and its body.
func cget(t *testing.T, c *http.Client, url string, staff *http.Cookie) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return cdo(t, c, req, staff)
}

// cdo sends req as a browser would, with the session cookie of staff when
// given, and returns the answer and its body.
func cdo(t *testing.T, c *http.Client, req *http.Request, staff *http.Cookie) (*http.Response, string) {
	t.Helper()
	req.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")
	if staff != nil {
		req.AddCookie(staff)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// articlePath is the address of the first article the home page links.
func articlePath(t *testing.T, base string) string {
	t.Helper()
	_, home := cget(t, http.DefaultClient, base+"/", nil)
	m := regexp.MustCompile(`<a href="(/[a-z0-9-]+/[a-z0-9-]+)"`).FindStringSubmatch(home)
	if m == nil {
		t.Fatal("the home page links no article")
	}
	return m[1]
}

var (
	viewsRE  = regexp.MustCompile(`<span class="views">([0-9.]+)</span>`)
	beaconRE = regexp.MustCompile(`data-b="([0-9]+\.[0-9a-f]+)"`)
	idRE     = regexp.MustCompile(`^([0-9]+)\.`)
)

// views reads an article's view count from the page cong serves itself,
// whose count is live.
func views(t *testing.T, c *http.Client, url string) int {
	t.Helper()
	_, body := cget(t, c, url, nil)
	m := viewsRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("%s shows no view count", url)
	}
	n, err := strconv.Atoi(strings.ReplaceAll(m[1], ".", ""))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// beaconOf is the beacon value of the page at url.
func beaconOf(t *testing.T, c *http.Client, url string) string {
	t.Helper()
	_, body := cget(t, c, url, nil)
	m := beaconRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("%s carries no signed beacon", url)
	}
	return m[1]
}

// idOf is the id of the article at path, from its beacon.
func idOf(t *testing.T, c *http.Client, base, path string) string {
	t.Helper()
	return idRE.FindStringSubmatch(beaconOf(t, c, base+path))[1]
}

// sendBeacon posts a beacon as the page's script does: no cookie.
func sendBeacon(t *testing.T, c *http.Client, base, beacon, visitor string, want int) {
	t.Helper()
	u := base + "/luot-xem?b=" + url.QueryEscape(beacon)
	if visitor != "" {
		u += "&v=" + visitor
	}
	req, _ := http.NewRequest("POST", u, nil)
	req.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != want || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("beacon %s = %d, Cache-Control %q; want %d, no-store", beacon, resp.StatusCode, resp.Header.Get("Cache-Control"), want)
	}
}

// login signs the test's admin in through nginx and returns the session
// cookie.
func login(t *testing.T, base string) *http.Cookie {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(base+"/quan-tri/dang-nhap", url.Values{"username": {deployAdmin}, "password": {deployPassword}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, ck := range resp.Cookies() {
		if strings.HasSuffix(ck.Name, "cong_s") {
			return ck
		}
	}
	t.Fatalf("login = %d with no session cookie", resp.StatusCode)
	return nil
}
