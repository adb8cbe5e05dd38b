package admin_test

import (
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"cong/internal/browsertest"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// TestBrowserImageWeight inserts a heavy photo into the editor and watches
// the image weight under the cover field follow, up to the warning, before
// anything is saved.
func TestBrowserImageWeight(t *testing.T) {
	browser := browsertest.Start(t, browserTimeout)
	n, photo := weightNewsroom(t)
	n.withPassword(t, "reporter")
	if err := n.db.SaveSettings(ctx, storetest.Actor, map[string]string{portal.SettingImageBudget: "50000"}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(n.h)
	t.Cleanup(srv.Close)
	pw := media.PhoneWeight(nil, `<img src="`+photo.URL()+`">`, map[string]*portal.Media{photo.File: photo},
		(&media.SizeCache{Store: media.Dir(n.media)}).Size)
	kb := strconv.FormatInt((pw.Bytes+999)/1000, 10)

	tab := signIn(t, browser, srv.URL, "reporter")
	browsertest.Do(t, tab, "open the draft", chromedp.Navigate(srv.URL+n.articlePath("own-draft", "")))
	waitEditor(t, tab)
	checkText(t, tab, "#image-weight-live[aria-live=polite] .weight-figure",
		"Ảnh của trang: 0 KB khi xem trên điện thoại (ngân sách 50 KB).")
	browsertest.Do(t, tab, "insert the photo", chromedp.Evaluate[chromedp.Void](
		`tinymce.activeEditor.insertContent(`+browsertest.JSString(`<p><img src="`+photo.URL()+`" alt="Hội trường"></p>`)+`)`))
	warning := "Ảnh của trang nặng " + kb + " KB khi xem trên điện thoại, vượt ngân sách 50 KB."
	browsertest.Do(t, tab, "wait for the warning", chromedp.Poll[chromedp.Void](
		`document.querySelector("#image-weight-live .weight-warning strong")?.textContent === `+browsertest.JSString(warning)))
	if got := browsertest.Text(t, tab, "#image-weight-live .weight-warning li"); !strings.HasPrefix(got, "Chú thích: "+kb+" KB") {
		t.Errorf("heaviest picture = %q", got)
	}
	browsertest.Screenshot(t, tab, filepath.Join(browsertest.ArtifactsDir(t), "admin-image-weight.png"))

	// Taking the picture out brings the figure back under budget.
	browsertest.Do(t, tab, "empty the body", chromedp.Evaluate[chromedp.Void](
		`(ed => { ed.setContent("<p>Chỉ có chữ.</p>"); ed.dispatch("change"); })(tinymce.activeEditor)`))
	browsertest.Do(t, tab, "wait for the figure", chromedp.Poll[chromedp.Void](
		`document.querySelector("#image-weight-live .weight-figure")?.textContent.startsWith("Ảnh của trang: 0 KB") && !document.querySelector("#image-weight-live .weight-warning")`))
}
