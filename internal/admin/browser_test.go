package admin_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"cong/internal/admin"
	"cong/internal/browsertest"
	"cong/internal/portal"
	"cong/internal/schedule"
	"cong/internal/storetest"
	"cong/internal/viet"
)

// The browser gets two minutes for the whole flow, and each step a part of
// it, so that a missing element fails with its name rather than the
// test's deadline.
const (
	browserTimeout = 120 * time.Second
	stepTimeout    = 15 * time.Second
)

// TestBrowserNewsroomFlow takes one article through the newsroom in a real
// browser — written with a picture, returned, corrected, forwarded,
// scheduled — and reads it on the public site once its minute has come.
func TestBrowserNewsroomFlow(t *testing.T) {
	browser := browsertest.Start(t, browserTimeout)
	clock := &fakeClock{now: time.Now().Truncate(time.Minute).Add(10 * time.Second)}
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	n := newNewsroomAt(t, db, clock.Now)
	for _, name := range []string{"reporter", "editor", "approver"} {
		n.withPassword(t, name)
	}
	srv := httptest.NewServer(n.h)
	t.Cleanup(srv.Close)
	shots := browsertest.ArtifactsDir(t)

	tag := "TD" + strconv.FormatInt(time.Now().UnixNano()%1e9, 36)
	title := "Khánh thành cầu Sông Hậu " + tag
	caption := "Cầu Sông Hậu ngày khánh thành " + tag
	note := "Xin bổ sung số liệu về tổng vốn đầu tư."

	// 1. The reporter uploads a picture and writes the article around it.
	reporter := signIn(t, browser, srv.URL, "reporter")
	file := uploadPicture(t, reporter, caption)
	follow(t, reporter, "open Viết bài mới", `nav.side a[href="/quan-tri/bai-viet/moi"]`)
	waitEditor(t, reporter)
	catID := browsertest.Run(t, reporter, "find Chính trị", chromedp.Evaluate[string](
		`[...document.querySelectorAll("#category option")].find(o => o.textContent.trim() === "Chính trị").value`))
	browsertest.Do(t, reporter, "fill in the article",
		chromedp.SendKeys(chromedp.CSS("#title"), title),
		chromedp.SendKeys(chromedp.CSS("#summary"), "Cây cầu nối đôi bờ sông Hậu chính thức thông xe."),
		chromedp.SetValue(chromedp.CSS("#category"), catID))
	figure := `<figure class="image"><img src="/media/` + file + `" alt="Toàn cảnh cầu Sông Hậu"><figcaption>` +
		caption + `</figcaption></figure>`
	setBody(t, reporter, "<p>Sáng nay, cầu Sông Hậu được khánh thành.</p>"+figure)
	follow(t, reporter, "click Lưu", `#article-form button[type=submit]`)
	checkText(t, reporter, ".flash", "Đã lưu bản nháp.")
	id := articleID(t, reporter, srv.URL)
	if a, err := db.Article(ctx, id); err != nil {
		t.Fatal(err)
	} else if a.Title != title || !strings.Contains(a.Body, `src="/media/`+file+`"`) || !strings.Contains(a.Body, caption) {
		t.Errorf("saved article = %q, body %s; want the title and the figure", a.Title, a.Body)
	}
	waitEditor(t, reporter)
	browsertest.Do(t, reporter, "load the picture in the editor", chromedp.Poll[chromedp.Void](
		`(d => d.images.length > 0 && [...d.images].every(i => i.complete && i.naturalWidth > 0))(tinymce.activeEditor.getDoc())`))
	browsertest.Screenshot(t, reporter, filepath.Join(shots, "admin-editor.png"))
	act(t, reporter, "submit")
	checkStatus(t, reporter, "after submit", "Chờ biên tập")

	// 2. The editor finds it in the queue and sends it back with a note.
	editor := signIn(t, browser, srv.URL, "editor")
	openFromQueue(t, editor, portal.QueueToEdit, id)
	browsertest.Do(t, editor, "write the note", chromedp.SendKeys(chromedp.CSS("#note"), note))
	act(t, editor, "return")
	checkStatus(t, editor, "after return", "Bị trả lại")

	// 3. The reporter reads the note, corrects the body and submits again.
	openFromQueue(t, reporter, portal.QueueReturned, id)
	if history := browsertest.Text(t, reporter, ".history"); !strings.Contains(history, note) {
		t.Errorf("history = %q; want it to contain the note %q", history, note)
	}
	waitEditor(t, reporter)
	setBody(t, reporter, "<p>Sáng nay, cầu Sông Hậu được khánh thành, với tổng vốn đầu tư 5.000 tỷ đồng.</p>"+figure)
	follow(t, reporter, "click Lưu again", `#article-form button[type=submit]`)
	checkText(t, reporter, ".flash", "Đã lưu.")
	if a, _ := db.Article(ctx, id); !strings.Contains(a.Body, "5.000 tỷ đồng") {
		t.Errorf("body after the correction = %s; want the new figure of 5.000 tỷ đồng", a.Body)
	}
	act(t, reporter, "submit")
	checkStatus(t, reporter, "after the second submit", "Chờ biên tập")

	// 4. The editor forwards it to the board.
	openFromQueue(t, editor, portal.QueueToEdit, id)
	act(t, editor, "forward")
	checkStatus(t, editor, "after forward", "Chờ duyệt")

	// 5. The approver schedules it for the next minute.
	approver := signIn(t, browser, srv.URL, "approver")
	openFromQueue(t, approver, portal.QueueToApprove, id)
	at := clock.Now().Truncate(time.Minute).Add(time.Minute)
	want := at.In(viet.Location).Format("2006-01-02T15:04")
	if got := browsertest.Run(t, approver, "set publish_at", chromedp.Evaluate[string](fmt.Sprintf(`(el => {
		el.value = %s;
		el.dispatchEvent(new Event("input", {bubbles: true}));
		el.dispatchEvent(new Event("change", {bubbles: true}));
		return el.value;
	})(document.querySelector("#publish_at"))`, browsertest.JSString(want)))); got != want {
		t.Fatalf("publish_at = %q; want %q", got, want)
	}
	act(t, approver, "publish")
	checkStatus(t, approver, "after publish", "Hẹn giờ xuất bản")
	browsertest.Screenshot(t, approver, filepath.Join(shots, "admin-scheduled.png"))
	a, err := db.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != portal.StatusScheduled || !a.PublishedAt.Equal(at) {
		t.Fatalf("stored after publish: %s at %v; want %s at %v", a.Status, a.PublishedAt, portal.StatusScheduled, at)
	}
	path := "/chinh-tri/" + a.Slug

	// 6. Readers see nothing until the minute, then the article.
	tick := schedule.Clock{Store: db, Lock: db.Exclusive, Now: clock.Now,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	reader := newWindow(t, browser)
	clock.Set(at.Add(-time.Second))
	if published, _, err := tick.Tick(ctx); err != nil || published != 0 {
		t.Fatalf("Tick a second early = %d, %v; want 0 published", published, err)
	}
	readerOpens(t, clock, reader, srv.URL, path, 404)
	readerOpens(t, clock, reader, srv.URL, "/", 200)
	if pageHas(t, reader, tag) {
		t.Errorf("home page a second early shows %q; want it not to", tag)
	}
	clock.Set(at)
	if published, _, err := tick.Tick(ctx); err != nil || published != 1 {
		t.Fatalf("Tick at %v = %d, %v; want 1 published", at, published, err)
	}
	readerOpens(t, clock, reader, srv.URL, path, 200)
	checkText(t, reader, "h1.article-title", title)
	checkText(t, reader, ".article-body figure figcaption", caption)
	img := ".article-body figure img"
	if src := browsertest.Attr(t, reader, img, "src"); src != "/media/"+file {
		t.Errorf("published figure img src = %q; want %q", src, "/media/"+file)
	}
	if w := browsertest.ImageWidth(t, reader, img); w <= 0 {
		t.Errorf("published figure img naturalWidth = %d; want > 0 (loaded)", w)
	}
	browsertest.Screenshot(t, reader, filepath.Join(shots, "article-published.png"))
	readerOpens(t, clock, reader, srv.URL, "/", 200)
	if count(t, reader, `a[href="`+path+`"]`) == 0 {
		t.Errorf("home page on time has no link to %s", path)
	}
}

// fakeClock is the newsroom's clock, moved by the test and read by the
// server's goroutines.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

// Now reads the clock.
func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set moves the clock to now.
func (c *fakeClock) Set(now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = now
}

// newWindow opens a private window: a tab with cookies of its own.
func newWindow(t *testing.T, browser context.Context) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// The first action binds the tab to tab, not to the context of a step.
	if err := chromedp.Do(tab, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatalf("open a window: %v", err)
	}
	return tab
}

// signIn logs name in through the login form, in a window of their own.
func signIn(t *testing.T, browser context.Context, base, name string) context.Context {
	t.Helper()
	tab := newWindow(t, browser)
	browsertest.Do(t, tab, name+" opens the login page", chromedp.Navigate(base+admin.Prefix+"/dang-nhap"))
	browsertest.Do(t, tab, name+" types the password",
		chromedp.SendKeys(chromedp.CSS("#username"), name),
		chromedp.SendKeys(chromedp.CSS("#password"), goodPassword))
	follow(t, tab, name+" logs in", `.login button[type=submit]`)
	if loc := browsertest.Run(t, tab, "location", chromedp.Location()); loc != base+admin.Prefix+"/" {
		t.Fatalf("%s: location after login = %q; want the dashboard", name, loc)
	}
	return tab
}

// uploadPicture puts a picture in the library from its page and returns
// the file name the library gave it.
func uploadPicture(t *testing.T, tab context.Context, caption string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cau-song-hau.png")
	if err := os.WriteFile(path, testPNG(t, 800, 400), 0o644); err != nil {
		t.Fatal(err)
	}
	follow(t, tab, "open Thư viện ảnh", `nav.side a[href="/quan-tri/thu-vien"]`)
	browsertest.Do(t, tab, "fill in the upload form",
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{path}),
		chromedp.SendKeys(chromedp.CSS("#alt"), "Toàn cảnh cầu Sông Hậu"),
		chromedp.SendKeys(chromedp.CSS("#caption"), caption))
	follow(t, tab, "click Tải lên", `form[action="/quan-tri/thu-vien"] button[type=submit]`)
	checkText(t, tab, ".flash", "Đã tải lên thư viện.")
	files := browsertest.Run(t, tab, "find the upload", chromedp.Evaluate[[]string](fmt.Sprintf(
		`[...document.querySelectorAll(".library li")].filter(li => li.querySelector("p").textContent.trim() === %s)
			.map(li => li.querySelector(".meta a").textContent.trim())`, browsertest.JSString(caption))))
	if len(files) != 1 {
		t.Fatalf("library items captioned %q = %q; want one", caption, files)
	}
	return files[0]
}

// waitEditor waits until TinyMCE has taken over the body field.
func waitEditor(t *testing.T, tab context.Context) {
	t.Helper()
	browsertest.Do(t, tab, "wait for TinyMCE", chromedp.Poll[chromedp.Void](
		`window.tinymce && tinymce.activeEditor && tinymce.activeEditor.initialized`))
}

// setBody replaces the article body as a writer would: through TinyMCE.
func setBody(t *testing.T, tab context.Context, html string) {
	t.Helper()
	browsertest.Do(t, tab, "set the body", chromedp.Evaluate[chromedp.Void](`tinymce.activeEditor.setContent(`+browsertest.JSString(html)+`)`))
}

// openFromQueue opens article id from the side menu's queue q.
func openFromQueue(t *testing.T, tab context.Context, q portal.Queue, id int64) {
	t.Helper()
	follow(t, tab, "open the dashboard", `a.brand`)
	follow(t, tab, "open "+portal.QueueNames[q], `nav.side a[href="/quan-tri/bai-viet?hang=`+string(q)+`"]`)
	follow(t, tab, "open the article from "+portal.QueueNames[q], fmt.Sprintf(`table.list a[href="/quan-tri/bai-viet/%d"]`, id))
}

// act clicks the button of a workflow action.
func act(t *testing.T, tab context.Context, action portal.Action) {
	t.Helper()
	follow(t, tab, "click "+portal.ActionNames[action], `button[name=action][value="`+string(action)+`"]`)
}

// checkStatus checks the status shown under the article's title.
func checkStatus(t *testing.T, tab context.Context, when, want string) {
	t.Helper()
	if got := browsertest.Text(t, tab, "p.meta .status"); got != want {
		t.Errorf("status %s = %q; want %q", when, got, want)
	}
}

// articleID reads the article's id from the location of its page.
func articleID(t *testing.T, tab context.Context, base string) int64 {
	t.Helper()
	loc := browsertest.Run(t, tab, "location", chromedp.Location())
	rest, ok := strings.CutPrefix(loc, base+admin.Prefix+"/bai-viet/")
	id, err := strconv.ParseInt(strings.SplitN(rest, "?", 2)[0], 10, 64)
	if !ok || err != nil {
		t.Fatalf("location after the first save = %q; want the article's page", loc)
	}
	return id
}

// readerOpens loads a public page a clock second after the last one, so
// that the site checks whether the content changed, and checks its status.
func readerOpens(t *testing.T, clock *fakeClock, tab context.Context, base, path string, want int64) {
	t.Helper()
	clock.Set(clock.Now().Add(time.Second))
	if got := browsertest.Run(t, tab, "open "+path, chromedp.NavigateResponse(base+path)).Status; got != want {
		t.Fatalf("GET %s at %s = %d; want %d", path, clock.Now().In(viet.Location).Format("15:04:05"), got, want)
	}
}

// pageHas reports whether the page's HTML contains s.
func pageHas(t *testing.T, tab context.Context, s string) bool {
	t.Helper()
	return browsertest.Run(t, tab, "search the page", chromedp.Evaluate[bool](
		`document.documentElement.outerHTML.includes(`+browsertest.JSString(s)+`)`))
}

// count returns how many elements match sel.
func count(t *testing.T, tab context.Context, sel string) int {
	t.Helper()
	return browsertest.Run(t, tab, "count "+sel, chromedp.Evaluate[int](`document.querySelectorAll(`+browsertest.JSString(sel)+`).length`))
}

// checkText checks the text of the first element matching sel.
func checkText(t *testing.T, tab context.Context, sel, want string) {
	t.Helper()
	if got := browsertest.Text(t, tab, sel); got != want {
		t.Errorf("%s = %q; want %q", sel, got, want)
	}
}

// follow clicks the element at sel and waits for the page it leads to.
func follow(t *testing.T, tab context.Context, what, sel string) {
	t.Helper()
	browsertest.Run(t, tab, what, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel))))
}
