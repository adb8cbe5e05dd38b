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

// TestBrowserErrorReport: a reader selects words in an article, follows
// "Báo lỗi trong bài", finds them in the form, sends the report; the
// editor of the category finds it in the back office and marks it handled.
func TestBrowserErrorReport(t *testing.T) {
	browser := browsertest.Start(t, browserTimeout)
	clock := &fakeClock{now: time.Now().Truncate(time.Second)}
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	n := newNewsroomAt(t, db, clock.Now)
	n.withPassword(t, "editor")
	srv := httptest.NewServer(n.h)
	t.Cleanup(srv.Close)
	a := n.article["published"]
	what := "Sai chính tả " + strconv.FormatInt(time.Now().UnixNano()%1e6, 10)

	reader := newWindow(t, browser)
	readerOpens(t, clock, reader, srv.URL, "/chinh-tri/"+a.Slug, 200)
	browsertest.Do(t, reader, "select words in the article", chromedp.Evaluate[chromedp.Void](`(function () {
		var p = document.querySelector(".article-body p"), r = document.createRange();
		r.selectNodeContents(p);
		var s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
	})()`))
	follow(t, reader, "follow Báo lỗi trong bài", `a.report-link`)
	browsertest.Do(t, reader, "wait for the form", chromedp.WaitVisible(chromedp.CSS("#r-quote")))
	if q := browsertest.Run(t, reader, "the quote", chromedp.Evaluate[string](`document.querySelector("#r-quote").value`)); q != "Công khai" {
		t.Errorf("quote prefilled = %q; want the selected words %q", q, "Công khai")
	}
	browsertest.Do(t, reader, "fill in the report",
		chromedp.SendKeys(chromedp.CSS("#r-name"), "Lê Văn Tâm"),
		chromedp.SendKeys(chromedp.CSS("#r-email"), "tam@example.vn"),
		chromedp.SendKeys(chromedp.CSS("#r-body"), what),
		chromedp.Click(chromedp.CSS(`#bao-loi input[name=consent]`)))
	clock.Set(clock.Now().Add(20 * time.Second))
	follow(t, reader, "send the report", `#bao-loi button[type=submit]`)
	if got := browsertest.Text(t, reader, "main"); !strings.Contains(got, "Báo lỗi của bạn đã được gửi") {
		t.Fatalf("after sending: %q", got)
	}
	reports, err := db.ErrorReports(ctx, portal.ReportFilter{Status: portal.ReportNew})
	if err != nil || len(reports) != 1 || reports[0].Body != what || reports[0].Quote != "Công khai" {
		t.Fatalf("reports = %+v, %v; want the reader's", reports, err)
	}

	editor := signIn(t, browser, srv.URL, "editor")
	follow(t, editor, "open Báo lỗi của bạn đọc", `nav.side a[href="/quan-tri/bao-loi"]`)
	if !pageHas(t, editor, what) {
		t.Fatal("the editor's list does not show the report")
	}
	id := strconv.FormatInt(reports[0].ID, 10)
	follow(t, editor, "mark it handled", `form[action="/quan-tri/bao-loi/`+id+`"] button[value=done]`)
	checkText(t, editor, ".flash", "Đã lưu.")
	if pageHas(t, editor, what) {
		t.Error("a handled report stays among the new ones")
	}
	if got, _ := db.ErrorReport(ctx, reports[0].ID); got == nil || got.Status != portal.ReportDone {
		t.Errorf("report after marking = %+v", got)
	}
}
