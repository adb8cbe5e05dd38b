package admin_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

const tinyPDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

// postDocument sends a document form as role, with files name → content.
func (n *newsroom) postDocument(t *testing.T, role, path string, fields url.Values, files map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for name, data := range files {
		fw, _ := mw.CreateFormFile("files", name)
		fw.Write([]byte(data))
	}
	mw.Close()
	r := httptest.NewRequest("POST", path, &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.AddCookie(&http.Cookie{Name: "cong_s", Value: n.tokens[role]})
	w := httptest.NewRecorder()
	n.h.ServeHTTP(w, r)
	return w
}

func documentFields(t *testing.T, db *store.DB, number, issued string) url.Values {
	terms, err := db.DocumentTerms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return url.Values{"number": {number}, "type": {strconv.FormatInt(terms.Types[0].ID, 10)},
		"body": {strconv.FormatInt(terms.Bodies[0].ID, 10)}, "field": {"0"}, "signer": {"Nguyễn Văn A"},
		"issued_on": {issued}, "abstract": {"Về công tác xây dựng Đảng"}}
}

func parseDoc(t *testing.T, w *httptest.ResponseRecorder) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func audited(t *testing.T, db *store.DB, action, result string) bool {
	log, err := db.AuditLog(ctx, portal.AuditFilter{Action: action})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range log {
		if e.Action == action && e.Result == result {
			return true
		}
	}
	return false
}

func TestDocumentRoles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		if w := n.do(t, "anonymous", "GET", admin.Prefix+"/van-ban", nil); w.Code == 200 {
			t.Errorf("anonymous GET /van-ban = 200")
		}
		w := n.postDocument(t, "reporter", admin.Prefix+"/van-ban/moi", documentFields(t, db, "15-NQ/TU", "05/03/2024"),
			map[string]string{"Nghị quyết 15.pdf": tinyPDF})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("reporter creates: %d; want 303", w.Code)
		}
		list, _ := db.Documents(ctx, portal.DocumentFilter{All: true, Query: "15-NQ/TU"})
		if list.Total != 1 || list.Documents[0].Published {
			t.Fatalf("after create: %+v; want one draft", list.Documents)
		}
		d, _ := db.Document(ctx, list.Documents[0].ID)
		if len(d.Files) != 1 || d.Files[0].Name != "Nghị quyết 15.pdf" || d.Files[0].MIME != "application/pdf" {
			t.Errorf("files = %+v", d.Files)
		}
		path := admin.Prefix + "/van-ban/" + strconv.FormatInt(d.ID, 10)
		publish := url.Values{"action": {"publish"}}
		if w := n.do(t, "reporter", "POST", path+"/cong-bo", publish); w.Code != http.StatusForbidden {
			t.Errorf("reporter publishes: %d; want 403", w.Code)
		}
		if !audited(t, db, "permission.denied", "denied") {
			t.Errorf("refused publish not audited")
		}
		if w := n.do(t, "editor", "POST", path+"/cong-bo", publish); w.Code != http.StatusSeeOther {
			t.Fatalf("editor publishes: %d; want 303", w.Code)
		}
		if d, _ := db.Document(ctx, d.ID); !d.Published || !audited(t, db, "document.publish", "ok") {
			t.Errorf("after publish: published %v, audited %v", d.Published, audited(t, db, "document.publish", "ok"))
		}
		// Published: reporters may no longer change it.
		if w := n.postDocument(t, "reporter", path, documentFields(t, db, "15-NQ/TU", "06/03/2024"), nil); w.Code != http.StatusForbidden {
			t.Errorf("reporter edits a published document: %d; want 403", w.Code)
		}
		if w := n.postDocument(t, "approver", path, documentFields(t, db, "15-NQ/TU", "06/03/2024"), nil); w.Code != http.StatusSeeOther {
			t.Errorf("approver edits: %d; want 303", w.Code)
		}
		if d, _ := db.Document(ctx, d.ID); len(d.Files) != 1 || d.IssuedOn.Day() != 6 {
			t.Errorf("after edit: %+v", d)
		}
		remove := path + "/tep/" + strconv.FormatInt(d.Files[0].ID, 10) + "/xoa"
		if w := n.do(t, "reporter", "POST", remove, url.Values{}); w.Code != http.StatusForbidden {
			t.Errorf("reporter removes a file of a published document: %d; want 403", w.Code)
		}
		if w := n.do(t, "editor", "POST", remove, url.Values{}); w.Code != http.StatusSeeOther {
			t.Errorf("editor removes a file: %d; want 303", w.Code)
		}
		if d, _ := db.Document(ctx, d.ID); len(d.Files) != 0 || !audited(t, db, "document.file.remove", "ok") {
			t.Errorf("after removal: files %v", d.Files)
		}
		if w := n.do(t, "admin", "GET", admin.Prefix+"/van-ban", nil); w.Code != 200 || !strings.Contains(w.Body.String(), "15-NQ/TU") {
			t.Errorf("admin lists: %d", w.Code)
		}
	})
}

func TestDocumentFormKeepsInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		before, _ := db.Documents(ctx, portal.DocumentFilter{All: true})
		created, _ := db.AuditLog(ctx, portal.AuditFilter{Action: "document.create"})
		for _, tc := range []struct {
			name   string
			fields url.Values
			files  map[string]string
			id     string // the field whose message shows
			want   string
		}{
			{"bad date", documentFields(t, db, "20-CT/TU", "31/02/2024"), nil, "issued_on", "Ngày ban hành không hợp lệ"},
			{"no number", documentFields(t, db, "", "01/02/2024"), nil, "number", "Xin nhập số, ký hiệu"},
			{"html named pdf", documentFields(t, db, "20-CT/TU", "01/02/2024"),
				map[string]string{"chi-thi.pdf": "<html><script>alert(1)</script></html>"}, "files", "chi-thi.pdf: Chỉ nhận văn bản PDF"},
			{"effective before issue", func() url.Values {
				v := documentFields(t, db, "20-CT/TU", "01/02/2024")
				v.Set("effective_on", "01/01/2024")
				return v
			}(), nil, "effective_on", "không thể trước ngày ban hành"},
		} {
			w := n.postDocument(t, "reporter", admin.Prefix+"/van-ban/moi", tc.fields, tc.files)
			if w.Code != http.StatusBadRequest {
				t.Errorf("%s: %d; want 400", tc.name, w.Code)
				continue
			}
			doc := parseDoc(t, w)
			if got := doc.Find("#" + tc.id).NextFiltered(".field-error").Text(); !strings.Contains(got, tc.want) {
				t.Errorf("%s: message next to %s = %q; want %q", tc.name, tc.id, got, tc.want)
			}
			if got := doc.Find("#abstract").Text(); got != "Về công tác xây dựng Đảng" {
				t.Errorf("%s: abstract kept = %q", tc.name, got)
			}
			if got, _ := doc.Find("#issued_on").Attr("value"); got != tc.fields.Get("issued_on") {
				t.Errorf("%s: date kept = %q", tc.name, got)
			}
		}
		if list, _ := db.Documents(ctx, portal.DocumentFilter{All: true}); list.Total != before.Total {
			t.Errorf("refused forms saved %d documents", list.Total-before.Total)
		}
		// A refused form changes nothing, so nothing is recorded.
		if after, _ := db.AuditLog(ctx, portal.AuditFilter{Action: "document.create"}); len(after) != len(created) {
			t.Errorf("refused forms left %d audit entries", len(after)-len(created))
		}
	})
}

func TestArticleDocumentLinks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		n.postDocument(t, "editor", admin.Prefix+"/van-ban/moi", documentFields(t, db, "15-NQ/TU", "05/03/2024"), nil)
		path := n.articlePath("own-draft", "/van-ban")
		w := n.do(t, "reporter", "POST", path, url.Values{"documents": {"15-NQ/TU\n99-XX/TU"}})
		if w.Code != http.StatusBadRequest {
			t.Fatalf("unknown number: %d; want 400", w.Code)
		}
		doc := parseDoc(t, w)
		if got := doc.Find("#documents").Text(); got != "15-NQ/TU\n99-XX/TU" {
			t.Errorf("field kept = %q", got)
		}
		if got := doc.Find("#documents").NextFiltered(".field-error").Text(); !strings.Contains(got, "Không có văn bản “99-XX/TU”") {
			t.Errorf("message = %q", got)
		}
		if w := n.do(t, "reporter", "POST", path, url.Values{"documents": {" 15-nq/tu \n"}}); w.Code != http.StatusSeeOther {
			t.Fatalf("known number: %d; want 303", w.Code)
		}
		linked, _ := db.LinkedDocuments(ctx, n.article["own-draft"].ID)
		if len(linked) != 1 || linked[0].Number != "15-NQ/TU" {
			t.Errorf("linked = %v", linked)
		}
		shown := parseDoc(t, n.do(t, "reporter", "GET", n.articlePath("own-draft", ""), nil))
		if got := shown.Find("#documents").Text(); got != "15-NQ/TU" {
			t.Errorf("article page field = %q", got)
		}
		if w := n.do(t, "reporter", "POST", n.articlePath("published", "/van-ban"), url.Values{"documents": {""}}); w.Code != http.StatusForbidden {
			t.Errorf("reporter links a published article: %d; want 403", w.Code)
		}
	})
}
