package admin_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestDocumentTerms: administrators add and rename the types, issuing
// bodies and fields; a renamed term keeps its slug; the document form
// offers the new one.
func TestDocumentTerms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		page := admin.Prefix + "/van-ban/danh-muc"
		for _, role := range []string{"reporter", "editor", "approver"} {
			if w := n.do(t, role, "GET", page, nil); w.Code != http.StatusForbidden {
				t.Errorf("%s opens the lists: %d; want 403", role, w.Code)
			}
			if w := n.do(t, role, "POST", page, url.Values{"kind": {"body"}, "name": {"Sở Tư pháp"}}); w.Code != http.StatusForbidden {
				t.Errorf("%s adds a body: %d; want 403", role, w.Code)
			}
		}
		if w := n.do(t, "admin", "POST", page, url.Values{"kind": {"body"}, "name": {"Sở Tư pháp"}, "position": {"50"}}); w.Code != http.StatusSeeOther {
			t.Fatalf("add a body: %d", w.Code)
		}
		terms, _ := db.DocumentTerms(ctx)
		var added portal.DocumentTerm
		for _, b := range terms.Bodies {
			if b.Name == "Sở Tư pháp" {
				added = b
			}
		}
		if added.Slug != "so-tu-phap" {
			t.Fatalf("added body = %+v; want slug so-tu-phap", added)
		}
		w := n.do(t, "admin", "POST", page, url.Values{"kind": {"body"}, "name": {"Sở Tư pháp"}})
		if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "Tên này đã có trong danh mục.") {
			t.Errorf("a second Sở Tư pháp: %d; want 400 with a message", w.Code)
		}
		if w := n.do(t, "admin", "POST", page, url.Values{"kind": {"field"}, "name": {"Giữ lại tên này"}, "position": {"x"}}); w.Code != 400 ||
			!strings.Contains(w.Body.String(), "Giữ lại tên này") {
			t.Errorf("a bad position: %d; want 400 with the name kept", w.Code)
		}
		if w := n.do(t, "admin", "POST", page, url.Values{"kind": {"hang"}, "name": {"Gì đó"}}); w.Code != http.StatusNotFound {
			t.Errorf("an unknown list: %d; want 404", w.Code)
		}
		rename := url.Values{"kind": {"body"}, "id": {strconv.FormatInt(added.ID, 10)}, "name": {"Sở Tư pháp tỉnh"}, "position": {"5"}}
		if w := n.do(t, "admin", "POST", page, rename); w.Code != http.StatusSeeOther {
			t.Fatalf("rename: %d", w.Code)
		}
		terms, _ = db.DocumentTerms(ctx)
		for _, b := range terms.Bodies {
			if b.ID == added.ID && (b.Name != "Sở Tư pháp tỉnh" || b.Slug != "so-tu-phap" || b.Position != 5) {
				t.Errorf("renamed body = %+v; want the new name, the old slug", b)
			}
		}
		if body := n.do(t, "editor", "GET", admin.Prefix+"/van-ban/moi", nil).Body.String(); !strings.Contains(body, "Sở Tư pháp tỉnh") {
			t.Error("the document form does not offer the new body")
		}
		if log, _ := db.AuditLog(ctx, portal.AuditFilter{Action: "document_term"}); len(log) != 2 {
			t.Errorf("audit entries = %d; want 2", len(log))
		}
	})
}
