package admin_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"cong/internal/admin"
	"cong/internal/storetest"
)

func saveForm(n *newsroom, title, body string, version int64) url.Values {
	return url.Values{"title": {title}, "body": {body}, "category": {strconv.FormatInt(n.cat, 10)},
		"version": {strconv.FormatInt(version, 10)}}
}

func TestRevisionsCompareRestore(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	id := n.article["own-draft"].ID
	path := n.articlePath("own-draft", "")
	for v, body := range []string{"<p>Hội nghị tỉnh ủy Hậu Giang</p>", "<p>Hội nghị tỉnh ủy Cần Thơ</p>"} {
		if w := n.do(t, "reporter", "POST", path, saveForm(n, "Tin", body, int64(v+1))); w.Code != http.StatusSeeOther {
			t.Fatalf("save %d = %d", v+1, w.Code)
		}
	}
	revs, err := n.db.Revisions(ctx, id)
	if err != nil || len(revs) != 3 {
		t.Fatalf("revisions = %d, %v; want 3 (create and two saves)", len(revs), err)
	}
	cmp := n.do(t, "reporter", "GET", path+"/so-sanh?tu="+strconv.FormatInt(revs[1].ID, 10)+"&den="+strconv.FormatInt(revs[0].ID, 10), nil)
	body := cmp.Body.String()
	if cmp.Code != 200 || !strings.Contains(body, "<del>Hậu Giang</del>") || !strings.Contains(body, "<ins>Cần Thơ</ins>") {
		t.Errorf("compare = %d; want Hậu Giang deleted and Cần Thơ inserted:\n%s", cmp.Code, body)
	}
	restore := admin.Prefix + "/bai-viet/" + strconv.FormatInt(id, 10) + "/phien-ban/" + strconv.FormatInt(revs[1].ID, 10)
	if w := n.do(t, "reporter", "POST", restore, url.Values{"version": {"3"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("restore = %d", w.Code)
	}
	a, _ := n.db.Article(ctx, id)
	if a.Body != "<p>Hội nghị tỉnh ủy Hậu Giang</p>" || a.Version != 4 {
		t.Errorf("after restore: %q v%d; want the second revision's body as v4", a.Body, a.Version)
	}
	// Another reporter may not read them.
	if w := n.do(t, "reporter2", "GET", restore, nil); w.Code != 404 {
		t.Errorf("another reporter reading a revision = %d; want 404", w.Code)
	}
}

func TestSaveConflictLosesNothing(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	path := n.articlePath("submitted", "")
	first := saveForm(n, "Bản của biên tập viên", "<p>Sửa thứ nhất</p>", 1)
	second := saveForm(n, "Bản của người duyệt", "<p>Sửa thứ hai không được mất</p>", 1)
	if w := n.do(t, "editor", "POST", path, first); w.Code != http.StatusSeeOther {
		t.Fatalf("first save = %d", w.Code)
	}
	w := n.do(t, "approver", "POST", path, second)
	body := w.Body.String()
	if w.Code != http.StatusConflict || !strings.Contains(body, "Sửa thứ nhất") || !strings.Contains(body, "Sửa thứ hai không được mất") {
		t.Errorf("second save = %d; want 409 showing both versions:\n%s", w.Code, body)
	}
	if !strings.Contains(body, `name="version" value="2"`) {
		t.Error("the conflict form does not carry the new version to save against")
	}
}

func TestAutosave(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	path := n.articlePath("own-draft", "/tu-luu")
	w := n.do(t, "reporter", "POST", path, saveForm(n, "Tự lưu", "<p>Đang viết dở</p>", 1))
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"version":2`) {
		t.Errorf("autosave = %d %s; want 200 with version 2", w.Code, w.Body.String())
	}
	w = n.do(t, "reporter", "POST", path, saveForm(n, "Tự lưu", "<p>Bản cũ</p>", 1))
	if w.Code != http.StatusConflict {
		t.Errorf("autosave of a stale version = %d; want 409", w.Code)
	}
	if w := n.do(t, "reporter2", "POST", path, saveForm(n, "x", "<p>x</p>", 2)); w.Code != 404 {
		t.Errorf("autosave of another's draft = %d; want 404", w.Code)
	}
}
