package admin_test

import (
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"cong/internal/admin"
	"cong/internal/browsertest"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// TestBrowserContactFlow: a reader opens Liên hệ from the footer, sends a
// message to a department in a real browser, a refused form first; the
// editor assigned to that department reads it in the back office.
func TestBrowserContactFlow(t *testing.T) {
	browser := browsertest.Start(t, browserTimeout)
	clock := &fakeClock{now: time.Now().Truncate(time.Second)}
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	n := newNewsroomAt(t, db, clock.Now)
	n.withPassword(t, "editor")
	d := &portal.Department{Name: "Phòng Tiếp công dân", Emails: []string{"tiepdan@tinh.gov.vn"},
		StaffIDs: []int64{n.users["editor"].ID}}
	if err := db.SaveDepartment(ctx, storetest.Actor, d); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(n.h)
	t.Cleanup(srv.Close)
	shots := browsertest.ArtifactsDir(t)

	reader := newWindow(t, browser)
	readerOpens(t, clock, reader, srv.URL, "/", 200)
	follow(t, reader, "open Liên hệ from the footer", `footer a[href="/lien-he"]`)
	subject := "Đề nghị cung cấp lịch tiếp công dân"
	browsertest.Do(t, reader, "fill in the contact form, all but the department",
		chromedp.SendKeys(chromedp.CSS("#lh-name"), "Nguyễn Thị Hoa"),
		chromedp.SendKeys(chromedp.CSS("#lh-email"), "hoa@example.vn"),
		chromedp.SendKeys(chromedp.CSS("#lh-subject"), subject),
		chromedp.SendKeys(chromedp.CSS("#lh-body"), "Xin cho biết lịch tiếp công dân tháng này.\nTrân trọng."),
		chromedp.Click(chromedp.CSS("#lh-consent")))
	// The browser would refuse the empty choice itself: leave the check to
	// the server, as an old browser would.
	browsertest.Run(t, reader, "let the empty choice through", chromedp.Evaluate[bool](
		`document.querySelector("#lh-department").removeAttribute("required"), true`))
	clock.Set(clock.Now().Add(20 * time.Second)) // people take a while to write
	follow(t, reader, "send without a department", `#gui-lien-he button[type=submit]`)
	if msg := browsertest.Text(t, reader, "#lh-department-loi"); msg != "Xin chọn phòng ban nhận thư." {
		t.Fatalf("message at the department: %q", msg)
	}
	if got := browsertest.Attr(t, reader, "#lh-subject", "value"); got != subject {
		t.Errorf("the subject after the refusal = %q; want it kept", got)
	}
	browsertest.Screenshot(t, reader, filepath.Join(shots, "contact-refused.png"))
	browsertest.Do(t, reader, "choose the department",
		chromedp.SetValue(chromedp.CSS("#lh-department"), strconv.FormatInt(d.ID, 10)),
		chromedp.Click(chromedp.CSS("#lh-consent")))
	clock.Set(clock.Now().Add(20 * time.Second))
	follow(t, reader, "send the message", `#gui-lien-he button[type=submit]`)
	if got := browsertest.Text(t, reader, "main"); !strings.Contains(got, "Cảm ơn bạn đã gửi thư") {
		t.Fatalf("after sending: %q", got)
	}

	editor := signIn(t, browser, srv.URL, "editor")
	follow(t, editor, "open Thư liên hệ", `nav.side a[href="/quan-tri/lien-he"]`)
	follow(t, editor, "open the message", `table.list a`)
	if got := browsertest.Text(t, editor, "h1"); got != subject {
		t.Errorf("the message's heading = %q; want %q", got, subject)
	}
	if body := browsertest.Text(t, editor, ".contact-body"); !strings.Contains(body, "Xin cho biết lịch tiếp công dân tháng này.") {
		t.Errorf("the message's text = %q", body)
	}
	if !pageHas(t, editor, "tiepdan@tinh.gov.vn") || !strings.HasPrefix(browsertest.Run(t, editor, "location", chromedp.Location()), srv.URL+admin.Prefix+"/lien-he/") {
		t.Error("the message page does not show where its mail goes")
	}
	browsertest.Screenshot(t, editor, filepath.Join(shots, "contact-back-office.png"))
}
