package web_test

import (
	"cmp"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"cong/internal/portal"
	"cong/internal/storetest"
)

// The browser gets a minute for the whole test, and each step a part of it,
// so that a missing element fails with its name rather than the test's deadline.
const (
	browserTimeout = 60 * time.Second
	stepTimeout    = 15 * time.Second
)

// TestBrowserSeedArticle reads the seed article as a reader would: in a real
// browser, reached from the home page, on a desktop screen and on a phone.
func TestBrowserSeedArticle(t *testing.T) {
	chromium := chromiumPath(t)
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSite(t, db)
	settings, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	siteName := settings[portal.SettingSiteName]
	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)
	tab := startBrowser(t, chromium)
	shots := artifactsDir(t)

	tabDo(t, tab, "open the home page", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+"/"))
	if title := tabRun(t, tab, "home title", chromedp.Title()); !strings.Contains(title, siteName) {
		t.Errorf("home title = %q; want it to contain %q", title, siteName)
	}
	link := chromedp.CSS(`a[href="` + seedURL + `"]`)
	tabRun(t, tab, "click the seed article", chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(link)))
	tabDo(t, tab, "wait for the article", chromedp.WaitVisible(chromedp.CSS("h1.article-title")))
	if loc := tabRun(t, tab, "location", chromedp.Location()); loc != srv.URL+seedURL {
		t.Errorf("location after the click = %q; want %q", loc, srv.URL+seedURL)
	}

	checkArticle(t, tab)
	checkSide(t, tab)
	if content, side := tabBox(t, tab, "main"), tabBox(t, tab, "aside.side"); side.Left < content.Right {
		t.Errorf("at 1280px, aside.side starts at x=%v, left of main's right edge %v; want two columns", side.Left, content.Right)
	}
	saveScreenshot(t, tab, filepath.Join(shots, "article-desktop.png"))

	tabDo(t, tab, "switch to a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	if content, side := tabBox(t, tab, "main"), tabBox(t, tab, "aside.side"); side.Top < content.Bottom {
		t.Errorf("at 390px, aside.side starts at y=%v, above main's bottom %v; want one column", side.Top, content.Bottom)
	}
	if w := tabRun(t, tab, "scroll width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 390 {
		t.Errorf("at 390px, scrollWidth = %d; want <= 390 (no horizontal scrolling)", w)
	}
	saveScreenshot(t, tab, filepath.Join(shots, "article-phone.png"))
}

// metaLine is the article's date and view count as the site prints them.
var metaLine = regexp.MustCompile(`^\[ Cập nhật vào ngày \((.+)\) \] - \[ Số lần xem: (\d+) \]$`)

// checkArticle checks the main column of the seed article's page.
func checkArticle(t *testing.T, tab context.Context) {
	if lang := tabAttr(t, tab, "html", "lang"); lang != "vi" {
		t.Errorf("html lang = %q; want %q", lang, "vi")
	}
	if got := tabText(t, tab, ".article-category a"); got != "Chính trị" {
		t.Errorf("article category = %q; want %q", got, "Chính trị")
	}
	if href := tabAttr(t, tab, ".article-category a", "href"); href != "/chinh-tri" {
		t.Errorf("article category link = %q; want %q", href, "/chinh-tri")
	}
	if got := tabText(t, tab, "h1.article-title"); got != seedTitle {
		t.Errorf("article title = %q; want %q", got, seedTitle)
	}
	checkMeta(t, tabText(t, tab, ".article-meta"))
	img := ".article-body figure img"
	if src := tabAttr(t, tab, img, "src"); !strings.HasSuffix(src, "30.12.20.b.png") {
		t.Errorf("figure img src = %q; want it to end in 30.12.20.b.png", src)
	}
	if w := tabImageWidth(t, tab, img); w <= 0 {
		t.Errorf("figure img naturalWidth = %d; want > 0 (loaded)", w)
	}
	for sel, want := range map[string]string{
		".article-body figure figcaption": "Hội nghị tại điểm cầu cấp Tỉnh",
		".article-author":                 "Thanh Tâm",
		".comments h2":                    "Các ý kiến của bạn đọc",
	} {
		if got := tabText(t, tab, sel); got != want {
			t.Errorf("%s = %q; want %q", sel, got, want)
		}
	}
}

// checkMeta checks the line under the title: the seed's date, and at least
// the seed's 236 views (this visit may add one).
func checkMeta(t *testing.T, line string) {
	m := metaLine.FindStringSubmatch(line)
	if m == nil {
		t.Errorf("article meta = %q; want it to match %s", line, metaLine)
		return
	}
	if m[1] != "30/12/2020" {
		t.Errorf("article date = %q; want %q", m[1], "30/12/2020")
	}
	if n, _ := strconv.Atoi(m[2]); n < 236 {
		t.Errorf("article views = %d; want >= 236", n)
	}
}

// checkSide checks the side column's blocks, in order, and their images.
func checkSide(t *testing.T, tab context.Context) {
	headings := tabRun(t, tab, "side headings", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("aside.side .block h2")].map(h => h.textContent.trim())`))
	want := []string{"Ảnh liên kết", "Lịch làm việc", "Bản đồ hành chính", "Lượt truy cập", "Quảng cáo"}
	if strings.Join(headings, "|") != strings.Join(want, "|") {
		t.Errorf("side headings = %q; want %q", headings, want)
	}
	n := tabRun(t, tab, "link images", chromedp.Evaluate[int](`document.querySelectorAll(".block-links img").length`))
	if n == 0 {
		t.Error("side has no image links")
	}
	for i := 1; i <= n; i++ {
		sel := fmt.Sprintf(".block-links li:nth-child(%d) img", i)
		if w := tabImageWidth(t, tab, sel); w <= 0 {
			t.Errorf("%s naturalWidth = %d; want > 0 (loaded)", sel, w)
		}
	}
	counter := tabText(t, tab, ".block-counter")
	for _, label := range []string{"Người dùng Online:", "Khách:", "Thành viên:", "Tổng:"} {
		if !strings.Contains(counter, label) {
			t.Errorf("counter block = %q; want it to contain %q", counter, label)
		}
	}
	if got := tabText(t, tab, ".block-ads"); !strings.Contains(got, "Không có quảng cáo") {
		t.Errorf("ads block = %q; want it to contain %q", got, "Không có quảng cáo")
	}
}

// chromiumPath returns the browser to drive: $CONG_CHROMIUM or
// /usr/bin/chromium. It skips the test in -short mode or when there is none,
// unless CONG_REQUIRE_BROWSER is set (as in CI), which makes that a failure.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping the browser test in -short mode")
	}
	path := cmp.Or(os.Getenv("CONG_CHROMIUM"), "/usr/bin/chromium")
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CONG_REQUIRE_BROWSER") != "" {
			t.Fatalf("CONG_REQUIRE_BROWSER is set but there is no Chromium at %s: %v", path, err)
		}
		t.Skipf("no Chromium at %s (install it, or set CONG_CHROMIUM to its path): %v", path, err)
	}
	return path
}

// startBrowser starts a headless Chromium with a fresh profile and returns
// the context of its tab. The browser ends with the test, or after
// browserTimeout, whichever comes first.
func startBrowser(t *testing.T, chromium string) context.Context {
	t.Helper()
	bounded, cancelTimeout := context.WithTimeout(context.Background(), browserTimeout)
	alloc, cancelAlloc := chromedp.NewExecAllocator(bounded,
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	tab, cancelTab := chromedp.NewContext(alloc)
	// Registered after t.TempDir's cleanup, so it runs first: Chromium has
	// exited before its profile directory is removed.
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancelTimeout()
	})
	// The first action starts the browser and binds it to tab, not to the
	// shorter context of a step.
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("start %s: %v", chromium, err)
	}
	return tab
}

// artifactsDir is where the screenshots go: $CONG_ARTIFACTS, or a
// directory that lives as long as the test.
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("CONG_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// tabDo runs steps in the tab, failing the test with what they do.
func tabDo(t *testing.T, tab context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	step, cancel := context.WithTimeout(tab, stepTimeout)
	defer cancel()
	if err := chromedp.Do(step, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// tabRun runs one action in the tab and returns its value, failing the
// test with what it reads.
func tabRun[T any](t *testing.T, tab context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	step, cancel := context.WithTimeout(tab, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(step, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// tabText returns the text of the first element matching sel, with its
// spaces collapsed. It reads textContent, not innerText, so that CSS
// text-transform (the site's uppercase labels) does not change it.
func tabText(t *testing.T, tab context.Context, sel string) string {
	t.Helper()
	s := tabRun(t, tab, "text of "+sel, chromedp.TextContent(chromedp.CSS(sel)))
	return strings.Join(strings.Fields(s), " ")
}

// tabAttr returns an attribute of the first element matching sel, as written
// in the HTML.
func tabAttr(t *testing.T, tab context.Context, sel, name string) string {
	t.Helper()
	return tabRun(t, tab, sel+" "+name, chromedp.AttributeValue(chromedp.CSS(sel), name)).Value
}

// tabImageWidth scrolls the image at sel into view, as a reader would (the
// site lazy-loads some images), waits until the browser is done with it and
// returns its naturalWidth, which is 0 for a broken image.
func tabImageWidth(t *testing.T, tab context.Context, sel string) int {
	t.Helper()
	tabDo(t, tab, "load "+sel,
		chromedp.ScrollIntoView(chromedp.CSS(sel)),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(`(i => i.complete && i.currentSrc !== "")(document.querySelector(%q))`, sel)))
	return tabRun(t, tab, "naturalWidth of "+sel, chromedp.JavascriptAttribute[int](chromedp.CSS(sel), "naturalWidth"))
}

// box is an element's bounding box in CSS pixels.
type box struct {
	Left   float64 `json:"left"`
	Top    float64 `json:"top"`
	Right  float64 `json:"right"`
	Bottom float64 `json:"bottom"`
}

// tabBox returns the bounding box of the first element matching sel.
func tabBox(t *testing.T, tab context.Context, sel string) box {
	t.Helper()
	js := fmt.Sprintf(`document.querySelector(%q).getBoundingClientRect().toJSON()`, sel)
	return tabRun(t, tab, "box of "+sel, chromedp.Evaluate[box](js))
}

// saveScreenshot saves a PNG of the whole page, from its top, at path.
// FullScreenshot makes a PNG only at quality 100; below it, a JPEG.
func saveScreenshot(t *testing.T, tab context.Context, path string) {
	t.Helper()
	tabDo(t, tab, "scroll to the top", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	png := tabRun(t, tab, "screenshot", chromedp.FullScreenshot(100))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
