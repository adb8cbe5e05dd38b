package admin_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/storetest"
)

func TestIntroPagesAdmin(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	for _, role := range roles {
		w := n.do(t, role, "GET", admin.Prefix+"/trang", nil)
		if got, want := w.Code == 200, role == "admin"; got != want {
			t.Errorf("%s GET /trang = %d; want allowed=%t", role, w.Code, want)
		}
	}
	form := url.Values{"title": {"Ban Tuyên giáo"}, "lang": {"vi"}, "body": {`<p>Ban Thường vụ</p><script>alert(1)</script>`},
		"position": {"2"}, "in_menu": {"1"}, "published": {"1"},
		"contact_name": {"Trần Thị Mẫu", ""}, "contact_title": {"Phó Chánh Văn phòng", ""},
		"contact_phone": {"0293 3 870 124", ""}, "contact_email": {"mau2@example.gov.vn", ""}}
	if w := n.do(t, "editor", "POST", admin.Prefix+"/trang/moi", form); w.Code != 403 {
		t.Errorf("editor creates a page: %d; want 403", w.Code)
	}
	w := n.do(t, "admin", "POST", admin.Prefix+"/trang/moi", form)
	if w.Code != 303 {
		t.Fatalf("admin creates a page: %d; want 303\n%s", w.Code, w.Body)
	}
	p, err := n.db.PageBySlug(ctx, portal.LangVI, "ban-tuyen-giao")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(p.Body, "script") || len(p.Contacts) != 1 || p.Contacts[0].Name != "Trần Thị Mẫu" {
		t.Errorf("saved page: body %q, contacts %v; want sanitized, one contact", p.Body, p.Contacts)
	}
	pub := n.do(t, "anonymous", "GET", "/gioi-thieu/ban-tuyen-giao", nil)
	if pub.Code != 200 || !strings.Contains(pub.Body.String(), "Trần Thị Mẫu") {
		t.Errorf("public page = %d; want 200 with the contact", pub.Code)
	}

	bad := []struct {
		name, field, value, message string
	}{
		{"no title", "title", "", "Xin nhập tiêu đề trang."},
		{"bad e-mail", "contact_email", "mau@", "Địa chỉ thư điện tử của Trần Thị Mẫu không hợp lệ."},
		{"bad phone", "contact_phone", "gọi tôi", "Số điện thoại của Trần Thị Mẫu không hợp lệ."},
		{"bad language", "lang", "fr", "Ngôn ngữ phải là tiếng Việt hoặc tiếng Anh."},
		{"taken slug", "slug", "ban-tuyen-giao", "Đường dẫn này đã có trang khác cùng ngôn ngữ."},
	}
	for _, c := range bad {
		f := url.Values{}
		for k, v := range form {
			f[k] = v
		}
		f.Set("title", "Lãnh đạo "+c.name)
		f.Set(c.field, c.value)
		w := n.do(t, "admin", "POST", admin.Prefix+"/trang/moi", f)
		doc, _ := goquery.NewDocumentFromReader(w.Body)
		if w.Code != 400 || !strings.Contains(doc.Find(".field-error").Text(), c.message) {
			t.Errorf("%s: %d, errors %q; want 400 and %q", c.name, w.Code, doc.Find(".field-error").Text(), c.message)
		}
		if got := doc.Find(`input[name="contact_name"]`).First().AttrOr("value", ""); got != "Trần Thị Mẫu" {
			t.Errorf("%s: contact name not kept: %q", c.name, got)
		}
	}

	// A draft is not public; deleting takes the page away.
	id := "/trang/" + itoa(p.ID)
	form.Del("published")
	if w := n.do(t, "admin", "POST", admin.Prefix+id, form); w.Code != 303 {
		t.Fatalf("save as draft: %d", w.Code)
	}
	if w := n.do(t, "anonymous", "GET", "/gioi-thieu/ban-tuyen-giao", nil); w.Code != 404 {
		t.Errorf("draft page = %d; want 404", w.Code)
	}
	if w := n.do(t, "admin", "POST", admin.Prefix+id+"/xoa", url.Values{}); w.Code != 303 {
		t.Errorf("delete: %d; want 303", w.Code)
	}
	if w := n.do(t, "admin", "GET", admin.Prefix+id, nil); w.Code != 404 {
		t.Errorf("deleted page in the back office: %d; want 404", w.Code)
	}
}
