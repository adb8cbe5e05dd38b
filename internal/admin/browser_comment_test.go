package admin_test

import (
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"cong/internal/browsertest"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// TestBrowserCommentFlow: a reader comments under an article, a moderator
// approves it in the back office, and the reader sees it on the page.
func TestBrowserCommentFlow(t *testing.T) {
	browser := browsertest.Start(t, browserTimeout)
	clock := &fakeClock{now: time.Now().Truncate(time.Second)}
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	n := newNewsroomAt(t, db, clock.Now)
	n.withPassword(t, "editor")
	srv := httptest.NewServer(n.h)
	t.Cleanup(srv.Close)
	article := "/chinh-tri/" + n.article["published"].Slug
	words := "Xin cảm ơn bài viết, mong có thêm tin về cầu Sông Hậu " + strconv.FormatInt(time.Now().UnixNano()%1e6, 10)

	reader := newWindow(t, browser)
	readerOpens(t, clock, reader, srv.URL, article, 200)
	browsertest.Do(t, reader, "fill in the comment form",
		chromedp.SendKeys(chromedp.CSS("#c-name"), "Nguyễn Thị Hoa"),
		chromedp.SendKeys(chromedp.CSS("#c-email"), "hoa@example.vn"),
		chromedp.SendKeys(chromedp.CSS("#c-body"), words),
		chromedp.Click(chromedp.CSS(`.comment-form input[name=consent]`)))
	clock.Set(clock.Now().Add(20 * time.Second)) // people take a while to write
	follow(t, reader, "send the comment", `.comment-form button[type=submit]`)
	if got := browsertest.Text(t, reader, "main"); !strings.Contains(got, "Ý kiến của bạn đã được gửi và đang chờ duyệt") {
		t.Fatalf("after sending: %q", got)
	}
	readerOpens(t, clock, reader, srv.URL, article, 200)
	if pageHas(t, reader, words) {
		t.Fatal("the comment shows before moderation")
	}

	pending, err := db.Comments(ctx, portal.CommentPending, 10)
	if err != nil || len(pending) != 1 || pending[0].Body != words || pending[0].Email != "hoa@example.vn" {
		t.Fatalf("pending = %+v, %v; want the reader's comment", pending, err)
	}
	editor := signIn(t, browser, srv.URL, "editor")
	follow(t, editor, "open Ý kiến bạn đọc", `nav.side a[href="/quan-tri/y-kien"]`)
	if !pageHas(t, editor, words) {
		t.Fatal("the moderation queue does not show the comment")
	}
	id := strconv.FormatInt(pending[0].ID, 10)
	follow(t, editor, "approve", `form[action="/quan-tri/y-kien/`+id+`"] button[value=approved]`)
	checkText(t, editor, ".flash", "Đã lưu.")

	// The moderator answers in the portal's name and lands back on the
	// approved tab, with the message, not on a missing page.
	follow(t, editor, "open the approved tab", `nav.tabs a[href="/quan-tri/y-kien?trang-thai=approved"]`)
	reply := "Cảm ơn bạn, tin về cầu sẽ được cập nhật."
	browsertest.Do(t, editor, "write the reply", chromedp.SendKeys(chromedp.CSS("#reply-"+id), reply))
	follow(t, editor, "send the reply", `form[action="/quan-tri/y-kien/`+id+`/tra-loi"] button[type=submit]`)
	if loc := browsertest.Run(t, editor, "location", chromedp.Location()); loc != srv.URL+"/quan-tri/y-kien?ok=luu&trang-thai=approved" {
		t.Errorf("location after the reply = %q; want the approved tab with the message", loc)
	}
	checkText(t, editor, ".flash", "Đã lưu.")
	if tab := browsertest.Attr(t, editor, `nav.tabs a[aria-current="page"]`, "href"); tab != "/quan-tri/y-kien?trang-thai=approved" {
		t.Errorf("current tab after the reply = %q; want the approved one", tab)
	}

	readerOpens(t, clock, reader, srv.URL, article, 200)
	if got := browsertest.Text(t, reader, ".comment-list .comment"); !strings.Contains(got, words) || !strings.Contains(got, "Nguyễn Thị Hoa") ||
		!strings.Contains(got, reply) {
		t.Errorf("the article's comments = %q; want the approved comment with its name and the reply", got)
	}
	if pageHas(t, reader, "hoa@example.vn") {
		t.Error("the reader's e-mail is on the public page")
	}
	browsertest.Screenshot(t, reader, browsertest.ArtifactsDir(t)+"/comment-approved.png")
}
