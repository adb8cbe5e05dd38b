package web_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"cong/internal/browsertest"
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
	tab := browsertest.Start(t, browserTimeout)
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSite(t, db)
	settings, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	siteName := settings[portal.SettingSiteName]
	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)
	shots := browsertest.ArtifactsDir(t)

	browsertest.Do(t, tab, "open the home page", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+"/"))
	if title := browsertest.Run(t, tab, "home title", chromedp.Title()); !strings.Contains(title, siteName) {
		t.Errorf("home title = %q; want it to contain %q", title, siteName)
	}
	link := chromedp.CSS(`a[href="` + seedURL + `"]`)
	browsertest.Run(t, tab, "click the seed article", chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(link)))
	browsertest.Do(t, tab, "wait for the article", chromedp.WaitVisible(chromedp.CSS("h1.article-title")))
	if loc := browsertest.Run(t, tab, "location", chromedp.Location()); loc != srv.URL+seedURL {
		t.Errorf("location after the click = %q; want %q", loc, srv.URL+seedURL)
	}

	checkArticle(t, tab)
	checkSide(t, tab)
	if content, side := tabBox(t, tab, "main"), tabBox(t, tab, "aside.side"); side.Left < content.Right {
		t.Errorf("at 1280px, aside.side starts at x=%v, left of main's right edge %v; want two columns", side.Left, content.Right)
	}
	browsertest.Screenshot(t, tab, filepath.Join(shots, "article-desktop.png"))

	browsertest.Do(t, tab, "switch to a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	if content, side := tabBox(t, tab, "main"), tabBox(t, tab, "aside.side"); side.Top < content.Bottom {
		t.Errorf("at 390px, aside.side starts at y=%v, above main's bottom %v; want one column", side.Top, content.Bottom)
	}
	if w := browsertest.Run(t, tab, "scroll width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 390 {
		t.Errorf("at 390px, scrollWidth = %d; want <= 390 (no horizontal scrolling)", w)
	}
	browsertest.Screenshot(t, tab, filepath.Join(shots, "article-phone.png"))
}

// metaLine is the article's date and view count as the site prints them.
var metaLine = regexp.MustCompile(`^\[ Cập nhật vào ngày \((.+)\) \] - \[ Số lần xem: (\d+) \]$`)

// checkArticle checks the main column of the seed article's page.
func checkArticle(t *testing.T, tab context.Context) {
	if lang := browsertest.Attr(t, tab, "html", "lang"); lang != "vi" {
		t.Errorf("html lang = %q; want %q", lang, "vi")
	}
	if got := browsertest.Text(t, tab, ".article-category a"); got != "Chính trị" {
		t.Errorf("article category = %q; want %q", got, "Chính trị")
	}
	if href := browsertest.Attr(t, tab, ".article-category a", "href"); href != "/chinh-tri" {
		t.Errorf("article category link = %q; want %q", href, "/chinh-tri")
	}
	if got := browsertest.Text(t, tab, "h1.article-title"); got != seedTitle {
		t.Errorf("article title = %q; want %q", got, seedTitle)
	}
	checkMeta(t, browsertest.Text(t, tab, ".article-meta"))
	img := ".article-body figure img"
	if src := browsertest.Attr(t, tab, img, "src"); !strings.HasSuffix(src, "30.12.20.b.png") {
		t.Errorf("figure img src = %q; want it to end in 30.12.20.b.png", src)
	}
	if w := browsertest.ImageWidth(t, tab, img); w <= 0 {
		t.Errorf("figure img naturalWidth = %d; want > 0 (loaded)", w)
	}
	for sel, want := range map[string]string{
		".article-body figure figcaption": "Hội nghị tại điểm cầu cấp Tỉnh",
		".article-author":                 "Thanh Tâm",
		".comments h2":                    "Các ý kiến của bạn đọc",
	} {
		if got := browsertest.Text(t, tab, sel); got != want {
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
	headings := browsertest.Run(t, tab, "side headings", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("aside.side .block h2")].map(h => h.textContent.trim())`))
	want := []string{"Ảnh liên kết", "Lịch làm việc", "Bản đồ hành chính", "Lượt truy cập", "Quảng cáo"}
	if strings.Join(headings, "|") != strings.Join(want, "|") {
		t.Errorf("side headings = %q; want %q", headings, want)
	}
	n := browsertest.Run(t, tab, "link images", chromedp.Evaluate[int](`document.querySelectorAll(".block-links img").length`))
	if n == 0 {
		t.Error("side has no image links")
	}
	for i := 1; i <= n; i++ {
		sel := fmt.Sprintf(".block-links li:nth-child(%d) img", i)
		if w := browsertest.ImageWidth(t, tab, sel); w <= 0 {
			t.Errorf("%s naturalWidth = %d; want > 0 (loaded)", sel, w)
		}
	}
	counter := browsertest.Text(t, tab, ".block-counter")
	for _, label := range []string{"Người dùng Online:", "Khách:", "Thành viên:", "Tổng:"} {
		if !strings.Contains(counter, label) {
			t.Errorf("counter block = %q; want it to contain %q", counter, label)
		}
	}
	if got := browsertest.Text(t, tab, ".block-ads"); !strings.Contains(got, "Quảng cáo") {
		t.Errorf("ads block = %q; want it to contain %q", got, "Quảng cáo")
	}
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
	return browsertest.Run(t, tab, "box of "+sel, chromedp.Evaluate[box](js))
}

// TestBrowserAuthorPage follows the seed article's byline to its pen
// name's page, which lists the article under the pen name's name and
// passes the accessibility checks at a desktop and a phone width, with no
// sideways scrolling at 320 pixels.
func TestBrowserAuthorPage(t *testing.T) {
	tab := browsertest.Start(t, browserTimeout)
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	s := newSite(t, db)
	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)

	browsertest.Do(t, tab, "open the seed article", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+seedURL))
	byline := chromedp.CSS(`.article-author a[rel="author"]`)
	browsertest.Run(t, tab, "click the byline", chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(byline)))
	browsertest.Do(t, tab, "wait for the list", chromedp.WaitVisible(chromedp.CSS(".article-list")))
	if loc := browsertest.Run(t, tab, "location", chromedp.Location()); loc != srv.URL+"/tac-gia/thanh-tam" {
		t.Errorf("location after the click = %q; want the pen name's page", loc)
	}
	if got := browsertest.Text(t, tab, "h1"); got != "Tác giả: Thanh Tâm" {
		t.Errorf("h1 = %q; want Tác giả: Thanh Tâm", got)
	}
	if href := browsertest.Attr(t, tab, `.article-list a[href="`+seedURL+`"]`, "href"); href != seedURL {
		t.Errorf("the author page does not list the seed article")
	}
	// axe-core, headings and focus rings as in TestBrowserAccessibility,
	// whose sweep it would lengthen past its time.
	found := browsertest.Check(t, tab, "author", browsertest.Desktop, browsertest.Phone)
	found = append(found, browsertest.Overflow(t, tab, "author", browsertest.Reflow)...)
	browsertest.Report(t, "author page", found)
	browsertest.Screenshot(t, tab, filepath.Join(browsertest.ArtifactsDir(t), "author-phone.png"))
}
