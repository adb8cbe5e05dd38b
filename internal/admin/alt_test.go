package admin_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"cong/internal/browsertest"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// TestPublishRefusesUndescribedImages: publishing an article whose body
// has pictures with no alt text, not marked decorative, is refused with
// the count, next to the body; once each is described or marked, it goes.
// Saving and submitting such a draft is fine, and a decorative picture from
// the library keeps its empty alt through the save.
func TestPublishRefusesUndescribedImages(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	pictures, err := n.db.ListMedia(ctx, portal.MediaFilter{Images: true, Limit: 1})
	if err != nil || len(pictures) == 0 {
		t.Fatalf("no demo picture: %v", err)
	}
	pic := pictures[0].URL()

	a := n.article["own-draft"]
	body := `<p>Ảnh:</p><img src="` + pic + `" alt="" role="presentation"><img src="/khac.png"><img src="/khac2.png" alt="">`
	form := url.Values{"title": {"Có ảnh"}, "body": {body}, "category": {strconv.FormatInt(n.cat, 10)}, "version": {"1"}}
	if w := n.do(t, "reporter", "POST", n.articlePath("own-draft", ""), form); w.Code != http.StatusSeeOther {
		t.Fatalf("save = %d", w.Code)
	}
	saved, _ := n.db.Article(ctx, a.ID)
	if !strings.Contains(saved.Body, `alt="" role="presentation"`) {
		t.Errorf("saved body = %s; want the decorative picture's alt=\"\" role=\"presentation\" kept", saved.Body)
	}
	if w := n.do(t, "reporter", "POST", n.articlePath("own-draft", "/chuyen"), url.Values{"action": {"submit"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("submit with undescribed pictures = %d; want it allowed", w.Code)
	}

	w := n.do(t, "approver", "POST", n.articlePath("own-draft", "/chuyen"), url.Values{"action": {"publish"}})
	if w.Code != http.StatusBadRequest {
		t.Fatalf("publish = %d; want 400", w.Code)
	}
	msg := parseDoc(t, w).Find("#body ~ .field-error").First().Text()
	if !strings.Contains(msg, "Bài có 2 ảnh chưa có mô tả thay thế (alt)") || !strings.Contains(msg, "Ảnh trang trí") {
		t.Errorf("message by the body = %q; want it to name 2 pictures and the decorative mark", msg)
	}
	if got, _ := n.db.Article(ctx, a.ID); got.Status != portal.StatusSubmitted {
		t.Errorf("status after the refusal = %s; want submitted", got.Status)
	}

	saved, _ = n.db.Article(ctx, a.ID)
	form = url.Values{"title": {"Có ảnh"}, "category": {strconv.FormatInt(n.cat, 10)}, "version": {strconv.FormatInt(saved.Version, 10)},
		"body": {`<img src="` + pic + `" alt="" role="presentation"><img src="/khac.png" alt="Sơ đồ"><img src="/khac2.png" alt="" role="presentation">`}}
	if w := n.do(t, "approver", "POST", n.articlePath("own-draft", ""), form); w.Code != http.StatusSeeOther {
		t.Fatalf("approver's save = %d", w.Code)
	}
	if w := n.do(t, "approver", "POST", n.articlePath("own-draft", "/chuyen"), url.Values{"action": {"publish"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("publish with every picture described or decorative = %d; want 303", w.Code)
	}
	if got, _ := n.db.Article(ctx, a.ID); got.Status != portal.StatusPublished {
		t.Errorf("status = %s; want published", got.Status)
	}
}

// TestBrowserImageDialogAsksAlt: TinyMCE's image dialog asks for the
// description and offers "Ảnh trang trí"; ticking it writes the mark, which
// survives the save.
func TestBrowserImageDialogAsksAlt(t *testing.T) {
	browser := browsertest.Start(t, browserTimeout)
	clock := &fakeClock{now: time.Now()}
	n := newNewsroomAt(t, storetest.Open(t, storetest.SQLiteDSN(t)), clock.Now)
	n.withPassword(t, "reporter")
	srv := httptest.NewServer(n.h)
	t.Cleanup(srv.Close)
	pictures, _ := n.db.ListMedia(ctx, portal.MediaFilter{Images: true, Limit: 1})
	if len(pictures) == 0 {
		t.Fatal("no demo picture")
	}

	tab := signIn(t, browser, srv.URL, "reporter")
	follow(t, tab, "open Viết bài mới", `nav.side a[href="/quan-tri/bai-viet/moi"]`)
	waitEditor(t, tab)
	browsertest.Do(t, tab, "fill in the title", chromedp.SendKeys(chromedp.CSS("#title"), "Hoa văn trang trí"),
		chromedp.SetValue(chromedp.CSS("#category"), strconv.FormatInt(n.cat, 10)))
	browsertest.Do(t, tab, "open Chèn/sửa ảnh",
		chromedp.Click(chromedp.CSS(`.tox-toolbar__group button[aria-label="Chèn/sửa ảnh"]`)),
		chromedp.WaitVisible(chromedp.CSS(".tox-dialog")))
	// Mark the dialog's fields by their labels, so that real clicks and keys
	// can reach them.
	labels := browsertest.Run(t, tab, "read the dialog", chromedp.Evaluate[[]string](`(() => {
		const d = document.querySelector(".tox-dialog");
		const label = text => [...d.querySelectorAll("label")].find(l => l.textContent.trim() === text);
		const field = text => { const l = label(text); return l && document.getElementById(l.htmlFor); };
		// The checkbox itself is hidden under its drawn box: a person clicks its label.
		const marks = {src: field("Nguồn"), alt: field("Mô tả thay thế (Alt)"), decorative: label("Ảnh trang trí")};
		for (const [k, el] of Object.entries(marks)) if (el) el.setAttribute("data-test", k);
		return [...d.querySelectorAll("label")].map(l => l.textContent.trim());
	})()`))
	for _, want := range []string{"Mô tả thay thế (Alt)", "Ảnh trang trí"} {
		if !strings.Contains(strings.Join(labels, "|"), want) {
			t.Fatalf("image dialog labels = %q; want %q", labels, want)
		}
	}
	browsertest.Do(t, tab, "choose the picture and mark it decorative",
		chromedp.SendKeys(chromedp.CSS(`[data-test=src]`), pictures[0].URL()),
		chromedp.Click(chromedp.CSS(`[data-test=decorative]`)))
	if disabled := browsertest.Run(t, tab, "alt field state", chromedp.Evaluate[bool](
		`document.querySelector("[data-test=alt]").disabled`)); !disabled {
		t.Error("alt field still open after Ảnh trang trí was ticked")
	}
	browsertest.Do(t, tab, "click Lưu in the dialog",
		chromedp.Click(chromedp.CSS(`.tox-dialog .tox-dialog__footer button.tox-button:not(.tox-button--secondary)`)),
		chromedp.WaitNotPresent(chromedp.CSS(".tox-dialog")))
	content := browsertest.Run(t, tab, "editor content", chromedp.Evaluate[string](`tinymce.activeEditor.getContent()`))
	if !strings.Contains(content, `alt=""`) || !strings.Contains(content, `role="presentation"`) {
		t.Errorf("editor content = %s; want the picture with alt=\"\" role=\"presentation\"", content)
	}
	follow(t, tab, "click Lưu", `#article-form button[type=submit]`)
	checkText(t, tab, ".flash", "Đã lưu bản nháp.")
	id := articleID(t, tab, srv.URL)
	a, err := n.db.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf(`src="%s"`, pictures[0].URL()); !strings.Contains(a.Body, want) ||
		!strings.Contains(a.Body, `alt=""`) || !strings.Contains(a.Body, `role="presentation"`) {
		t.Errorf("saved body = %s; want the picture %s marked decorative", a.Body, want)
	}
	if got := portal.ImagesWithoutAlt(a.Body); got != 0 {
		t.Errorf("ImagesWithoutAlt(saved body) = %d; want 0", got)
	}
}
