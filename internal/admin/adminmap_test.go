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

// uploadMap posts a GeoJSON file to the map page as role.
func (n *newsroom) uploadMap(t *testing.T, role, action string, data []byte) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("action", action)
	fw, _ := mw.CreateFormFile("file", "ban-do.geojson")
	fw.Write(data)
	mw.Close()
	r := httptest.NewRequest("POST", admin.Prefix+"/ban-do", &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.AddCookie(&http.Cookie{Name: "cong_s", Value: n.tokens[role]})
	w := httptest.NewRecorder()
	n.h.ServeHTTP(w, r)
	return w
}

// twoUnits is a map of two units: Vị Thanh keeps the demo's code 930 under
// a new name; the other is new and named with markup.
const twoUnits = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"TP. Vị Thanh","code":"930"},"geometry":{"type":"Polygon","coordinates":[[[105.3,9.7],[105.5,9.7],[105.5,9.9],[105.3,9.9],[105.3,9.7]]]}},
{"type":"Feature","properties":{"name":"<script>alert('x')</script>"},"geometry":{"type":"Polygon","coordinates":[[[105.5,9.7],[105.7,9.7],[105.7,9.9],[105.5,9.9],[105.5,9.7]]]}}]}`

func fieldError(t *testing.T, w *httptest.ResponseRecorder) string {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(doc.Find(".field-error").First().Text())
}

func TestMapAdminOnlyForAdmins(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	m, _ := n.db.AdminMap(ctx)
	unit := admin.Prefix + "/ban-do/" + strconv.FormatInt(m.Units[0].ID, 10)
	for _, role := range roles {
		for _, path := range []string{admin.Prefix + "/ban-do", unit} {
			if w := n.do(t, role, "GET", path, nil); (w.Code == 200) != (role == "admin") {
				t.Errorf("%s GET %s = %d; want allowed=%t", role, path, w.Code, role == "admin")
			}
		}
		if role == "admin" {
			continue
		}
		if w := n.uploadMap(t, role, "load", []byte(twoUnits)); w.Code == http.StatusSeeOther || w.Code == 200 {
			t.Errorf("%s upload = %d; want refused", role, w.Code)
		}
		if w := n.do(t, role, "POST", unit, url.Values{"population": {"1"}}); w.Code == http.StatusSeeOther {
			t.Errorf("%s saving a unit's page = %d; want refused", role, w.Code)
		}
	}
	if after, _ := n.db.AdminMap(ctx); len(after.Units) != 8 || after.Units[0].Population == 1 {
		t.Errorf("non-admins changed the map: %d units, population %d", len(after.Units), after.Units[0].Population)
	}
}

// TestMapUpload refuses bad files with their message, the form kept; a
// preview changes nothing; a good file replaces the map, keeping the page of
// the unit whose code stays, and shows at once on the public site.
func TestMapUpload(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		huge := append([]byte(twoUnits), bytes.Repeat([]byte(" "), 5<<20)...)
		for _, c := range []struct {
			name   string
			data   []byte
			status int
			want   string
		}{
			{"huge", huge, http.StatusRequestEntityTooLarge, "Tệp quá lớn (tối đa 5 MB)."},
			{"far too big", bytes.Repeat([]byte("x"), 7<<20), http.StatusRequestEntityTooLarge, "Tệp quá lớn (tối đa 5 MB)."},
			{"not json", []byte("<svg onload=alert(1)>"), 400, "Tệp không phải GeoJSON hợp lệ"},
			{"empty", nil, 400, "Tệp không phải GeoJSON hợp lệ"},
			{"a point", []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Chợ nổi"},"geometry":{"type":"Point","coordinates":[105.6,9.8]}}]}`),
				400, "Đơn vị thứ 1 (“Chợ nổi”): chỉ nhận hình Polygon hoặc MultiPolygon."},
		} {
			w := n.uploadMap(t, "admin", "load", c.data)
			if got := fieldError(t, w); w.Code != c.status || !strings.Contains(got, c.want) {
				t.Errorf("%s: %d %q; want %d %q", c.name, w.Code, got, c.status, c.want)
			}
		}
		// A refused file changes nothing, so nothing is recorded.
		if log, _ := n.db.AuditLog(ctx, portal.AuditFilter{Action: "map.upload", Actor: "admin"}); len(log) != 0 {
			t.Errorf("%d audit entries for refused uploads; want none", len(log))
		}
		before, _ := n.db.MapUnit(ctx, "thanh-pho-vi-thanh")

		w := n.uploadMap(t, "admin", "preview", []byte(twoUnits))
		if w.Code != 200 || !strings.Contains(w.Body.String(), "Xem trước: 2 đơn vị") {
			t.Errorf("preview = %d; want 200 with the 2 units drawn", w.Code)
		}
		if m, _ := n.db.AdminMap(ctx); len(m.Units) != 8 {
			t.Errorf("after a preview the map has %d units; want the 8 it had", len(m.Units))
		}

		if w := n.uploadMap(t, "admin", "load", []byte(twoUnits)); w.Code != http.StatusSeeOther {
			t.Fatalf("upload = %d: %s", w.Code, fieldError(t, w))
		}
		m, _ := n.db.AdminMap(ctx)
		if len(m.Units) != 2 || m.Units[0].ID != before.ID || m.Units[0].Intro != before.Intro || m.Units[0].Slug != "tp-vi-thanh" {
			t.Errorf("after upload: %+v; want Vị Thanh renamed with its page kept", m.Units[0])
		}
		if log, _ := n.db.AuditLog(ctx, portal.AuditFilter{Action: "map.upload"}); log[0].Detail != "2 đơn vị: giữ 1, thêm 1, bỏ 7" || log[0].Actor != "admin" {
			t.Errorf("audit detail %q", log[0].Detail)
		}
		page := n.do(t, "anonymous", "GET", "/ban-do-hanh-chinh", nil).Body.String()
		if !strings.Contains(page, `aria-label="&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"`) || strings.Contains(page, "<script>alert") {
			t.Errorf("the public map does not show the new units, or the hostile name unescaped")
		}
		if adminPage := n.do(t, "admin", "GET", admin.Prefix+"/ban-do", nil).Body.String(); strings.Contains(adminPage, "<script>alert") {
			t.Error("the back office shows the hostile name unescaped")
		}
	})
}

// TestMapUnitEdit saves a unit's page from the form, numbers written the
// Vietnamese way, and refuses a bad one with its message and the input kept.
func TestMapUnitEdit(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	u, _ := n.db.MapUnit(ctx, "huyen-vi-thuy")
	path := admin.Prefix + "/ban-do/" + strconv.FormatInt(u.ID, 10)
	form := url.Values{"intro": {"Huyện nông nghiệp."}, "area": {"1.621,7"}, "population": {"733.017"},
		"leaders": {"Bí thư Huyện ủy: Nguyễn Văn A"}, "phone": {"0293 3 123 456"}, "email": {"ubnd@vithuy.gov.vn"},
		"website": {"https://vithuy.haugiang.gov.vn"}, "tag": {"vi-thuy"}}
	if w := n.do(t, "admin", "POST", path, form); w.Code != http.StatusSeeOther {
		t.Fatalf("save = %d: %s", w.Code, fieldError(t, w))
	}
	got, _ := n.db.MapUnitByID(ctx, u.ID)
	if got.Area != 1621.7 || got.Population != 733017 || got.Tag != "vi-thuy" {
		t.Errorf("saved %+v", got.MapUnitPage)
	}
	page := n.do(t, "anonymous", "GET", "/ban-do-hanh-chinh/huyen-vi-thuy", nil).Body.String()
	if !strings.Contains(page, "1.621,7 km²") || !strings.Contains(page, "733.017 người") {
		t.Error("the public page does not show the new figures")
	}
	if log, _ := n.db.AuditLog(ctx, portal.AuditFilter{Action: "map.unit.save", Actor: "admin"}); len(log) != 1 {
		t.Errorf("%d audit entries; want 1", len(log))
	}

	for field, c := range map[string]struct{ value, want string }{
		"area":       {"mười", "Diện tích phải là một số"},
		"population": {"-3", "Dân số phải là một số nguyên từ 0"},
		"email":      {"ubnd@", "Địa chỉ thư điện tử không hợp lệ."},
		"website":    {"javascript:alert(1)", "Trang web phải là địa chỉ bắt đầu bằng http://"},
		"tag":        {"Vị Thủy", "Từ khóa tin tức chỉ gồm"},
	} {
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set(field, c.value)
		w := n.do(t, "admin", "POST", path, bad)
		body := w.Body.String()
		if w.Code != 400 || !strings.Contains(body, c.want) {
			t.Errorf("%s=%q: %d; want 400 with %q", field, c.value, w.Code, c.want)
		}
		if !strings.Contains(body, "Huyện nông nghiệp.") {
			t.Errorf("%s=%q: the form lost the input", field, c.value)
		}
	}
	if again, _ := n.db.MapUnitByID(ctx, u.ID); again.MapUnitPage != got.MapUnitPage {
		t.Errorf("refused saves changed the page: %+v", again.MapUnitPage)
	}
}
