package admin_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"cong/internal/storetest"
)

// TestArticleSourceFields saves a re-posted article's source from the
// editor's form: name, link and the approver's note; a link that is not
// http(s) is refused next to its field and nothing is saved.
func TestArticleSourceFields(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	a := n.article["own-draft"]
	form := url.Values{"title": {"Tin dẫn nguồn"}, "body": {"<p>x</p>"}, "category": {strconv.FormatInt(n.cat, 10)},
		"version": {"1"}, "source": {"Báo Nhân Dân"}, "source_url": {"https://nhandan.vn/bai.html"},
		"source_note": {"Trưởng ban đồng ý đăng lại."}}
	if w := n.do(t, "reporter", "POST", n.articlePath("own-draft", ""), form); w.Code != http.StatusSeeOther {
		t.Fatalf("save = %d", w.Code)
	}
	got, _ := n.db.Article(ctx, a.ID)
	if got.Source != "Báo Nhân Dân" || got.SourceURL != "https://nhandan.vn/bai.html" || got.SourceNote != "Trưởng ban đồng ý đăng lại." {
		t.Errorf("saved source = %q %q %q", got.Source, got.SourceURL, got.SourceNote)
	}
	page := n.do(t, "reporter", "GET", n.articlePath("own-draft", ""), nil).Body.String()
	if !strings.Contains(page, `name="source_note"`) || !strings.Contains(page, "Trưởng ban đồng ý đăng lại.") {
		t.Error("the article form lacks the approver's note")
	}
	form.Set("version", strconv.FormatInt(got.Version, 10))
	form.Set("source_url", "javascript:alert(1)")
	w := n.do(t, "reporter", "POST", n.articlePath("own-draft", ""), form)
	if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "http:// hoặc https://") {
		t.Errorf("javascript: link = %d; want 400 with the message", w.Code)
	}
	if again, _ := n.db.Article(ctx, a.ID); again.SourceURL != "https://nhandan.vn/bai.html" {
		t.Errorf("after a refused save the link is %q", again.SourceURL)
	}
}
