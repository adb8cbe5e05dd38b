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

// Administrators of the main site add sites and set each member of staff's
// roles on each; bad input is refused with a message and saves nothing, and
// no one else opens these pages.
func TestSitesBackOffice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		base := admin.Prefix + "/cac-trang"
		for _, who := range []string{"reporter", "editor", "approver"} {
			if w := n.do(t, who, "GET", base, nil); w.Code != http.StatusForbidden {
				t.Errorf("%s opens the sites = %d; want 403", who, w.Code)
			}
		}
		for _, c := range []struct {
			form url.Values
			code int
			msg  string
		}{
			{url.Values{"name": {" "}, "base_url": {"https://huyen.example.vn"}}, 400, "Xin nhập tên trang."},
			{url.Values{"name": {"Huyện"}, "base_url": {"huyen.example.vn"}}, 400, "Địa chỉ trang phải có dạng"},
			{url.Values{"name": {"Huyện"}, "base_url": {"https://huyen.example.vn/tin"}}, 400, "Địa chỉ trang phải có dạng"},
			{url.Values{"name": {"Huyện"}, "base_url": {"javascript:alert(1)"}}, 400, "Địa chỉ trang phải có dạng"},
			{url.Values{"name": {strings.Repeat("Ă", 201)}, "base_url": {"https://huyen.example.vn"}}, 400, "dài quá 200"},
			{url.Values{"name": {"Huyện"}, "slug": {"Có Dấu"}, "base_url": {"https://huyen.example.vn"}}, 400, "Mã trang chỉ gồm"},
			{url.Values{"name": {"Huyện"}, "slug": {strings.Repeat("a", 201)}, "base_url": {"https://huyen.example.vn"}}, 400, "Mã trang dài quá 120"},
			{url.Values{"name": {"<script>alert(1)</script>"}, "base_url": {"https://a b.vn"}}, 400, "Địa chỉ trang phải có dạng"},
		} {
			w := n.do(t, "admin", "POST", base, c.form)
			if w.Code != c.code || !strings.Contains(w.Body.String(), c.msg) || strings.Contains(w.Body.String(), "<script>alert") {
				t.Errorf("create site %v = %d; want %d with %q, markup escaped", c.form, w.Code, c.code, c.msg)
			}
		}
		if sites, _ := db.Sites(ctx); len(sites) != 1 {
			t.Fatalf("sites after bad input = %+v; want the main one", sites)
		}
		w := n.do(t, "admin", "POST", base, url.Values{"name": {"Cổng huyện Châu Thành"}, "base_url": {"https://chauthanh.example.vn"}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("create site = %d: %s", w.Code, w.Body)
		}
		if w := n.do(t, "admin", "POST", base, url.Values{"name": {"Khác"}, "base_url": {"https://CHAUTHANH.example.vn"}}); w.Code != http.StatusConflict {
			t.Errorf("a second site on the same host = %d; want 409", w.Code)
		}
		sites, _ := db.Sites(ctx)
		if len(sites) != 2 || sites[1].Host != "chauthanh.example.vn" {
			t.Fatalf("sites = %+v", sites)
		}
		site := base + "/" + strconv.FormatInt(sites[1].ID, 10)
		if w := n.do(t, "admin", "GET", site, nil); w.Code != 200 || !strings.Contains(w.Body.String(), "https://chauthanh.example.vn") {
			t.Errorf("the site's page = %d", w.Code)
		}
		other := portal.Site{Name: "Cổng xã", BaseURL: "https://xa.example.vn"}
		if err := db.CreateSite(ctx, storetest.Actor, &other); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			form url.Values
			code int
			msg  string
		}{
			{url.Values{"name": {""}, "slug": {"huyen"}, "base_url": {"https://chauthanh.example.vn"}}, 400, "Xin nhập tên trang."},
			{url.Values{"name": {"Huyện"}, "slug": {"huyen"}, "base_url": {"https://chauthanh.example.vn/<b>"}}, 400, "Địa chỉ trang phải có dạng"},
			{url.Values{"name": {"Huyện"}, "slug": {"huyen"}, "base_url": {"https://xa.example.vn"}}, 409, "xa.example.vn"},
			{url.Values{"name": {"Huyện"}, "slug": {other.Slug}, "base_url": {"https://chauthanh.example.vn"}}, 409, other.Slug},
		} {
			w := n.do(t, "admin", "POST", site, c.form)
			if w.Code != c.code || !strings.Contains(w.Body.String(), c.msg) || strings.Contains(w.Body.String(), "/<b>") {
				t.Errorf("save site %v = %d; want %d with %q, markup escaped", c.form, w.Code, c.code, c.msg)
			}
		}
		if kept, _ := db.SiteByID(ctx, sites[1].ID); *kept != sites[1] {
			t.Errorf("the site after refused saves = %+v; want %+v", kept, sites[1])
		}
		for _, path := range []string{base + "/999999", base + "/abc", site + "/nguoi-dung/999999"} {
			if w := n.do(t, "admin", "GET", path, nil); w.Code != http.StatusNotFound {
				t.Errorf("GET %s = %d; want 404", path, w.Code)
			}
		}

		// Roles on the district: a category of its own, none of the main site's.
		district := db.ForSite(sites[1].ID)
		cat := portal.Category{Name: "Tin huyện", Slug: "tin-huyen", Visible: true}
		if err := district.CreateCategory(ctx, storetest.Actor, &cat); err != nil {
			t.Fatal(err)
		}
		editor := n.users["editor"]
		grants := site + "/nguoi-dung/" + strconv.FormatInt(editor.ID, 10)
		if w := n.do(t, "admin", "GET", grants, nil); w.Code != 200 || !strings.Contains(w.Body.String(), "Tin huyện") ||
			strings.Contains(w.Body.String(), `value="`+strconv.FormatInt(n.cat, 10)+`"`) {
			t.Errorf("the grants page = %d; want the district's categories alone", w.Code)
		}
		for _, bad := range []url.Values{{"roles": {"chief"}}, {"roles": {"editor"}, "categories": {strconv.FormatInt(n.cat, 10)}}} {
			if w := n.do(t, "admin", "POST", grants, bad); w.Code != http.StatusBadRequest {
				t.Errorf("grants %v = %d; want 400", bad, w.Code)
			}
		}
		w = n.do(t, "admin", "POST", grants, url.Values{"roles": {"editor", "approver"}, "categories": {strconv.FormatInt(cat.ID, 10)}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("grants = %d: %s", w.Code, w.Body)
		}
		onDistrict, _ := district.User(ctx, editor.ID)
		onMain, _ := db.User(ctx, editor.ID)
		if !onDistrict.Has(portal.RoleApprover) || !onDistrict.Edits(cat.ID) || onMain.Has(portal.RoleApprover) || !onMain.Has(portal.RoleEditor) {
			t.Errorf("roles: district %v %v, main %v", onDistrict.Roles, onDistrict.CategoryIDs, onMain.Roles)
		}
		// An administrator cannot take their own administration of the main site.
		me := base + "/1/nguoi-dung/" + strconv.FormatInt(n.users["admin"].ID, 10)
		if w := n.do(t, "admin", "POST", me, url.Values{"roles": {"editor"}}); w.Code != http.StatusBadRequest {
			t.Errorf("an administrator drops their own role on the main site = %d; want 400", w.Code)
		}
		if u, _ := db.User(ctx, n.users["admin"].ID); !u.Has(portal.RoleAdmin) {
			t.Error("the administrator lost their role")
		}
		entries, err := db.AuditLog(ctx, portal.AuditFilter{Action: "user.site_roles"})
		if err != nil || len(entries) != 1 || !strings.Contains(entries[0].Detail, "site:"+strconv.FormatInt(sites[1].ID, 10)+": - → approver,editor") {
			t.Errorf("audit of the grants = %+v, %v", entries, err)
		}

		// The audit log names each entry's site, and filters by it: the
		// district's category was made on the district.
		w = n.do(t, "admin", "GET", admin.Prefix+"/nhat-ky?hanh-dong=category.create&trang="+strconv.FormatInt(sites[1].ID, 10), nil)
		body := w.Body.String()
		if w.Code != 200 || !strings.Contains(body, `<th scope="col">Trang</th>`) || !strings.Contains(body, "<td>Cổng huyện Châu Thành</td>") ||
			strings.Count(body, "<td>category:") != 1 || !strings.Contains(body, "<td>category:"+strconv.FormatInt(cat.ID, 10)+"</td>") {
			t.Errorf("the audit log of the district's categories = %d:\n%s", w.Code, body)
		}
		for _, bad := range []string{"abc", "-5", "999999", "99999999999999999999", "<script>"} {
			w := n.do(t, "admin", "GET", admin.Prefix+"/nhat-ky?trang="+url.QueryEscape(bad), nil)
			if w.Code != 200 || strings.Contains(w.Body.String(), "<script>") {
				t.Errorf("the audit log filtered by site %q = %d; want 200, the markup escaped", bad, w.Code)
			}
		}
	})
}
