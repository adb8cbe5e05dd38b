package admin_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/viet"
)

// TestPenNamesAndRoyalties: an approver keeps the pen names and their
// people, grades published articles, and reads and exports a month's
// royalties as spreadsheet-safe CSV; a reporter may do none of it.
func TestPenNamesAndRoyalties(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n := newNewsroom(t, db)
		reporter, reporter2 := n.users["reporter"], n.users["reporter2"]

		// Pen names: made, shared, refused twice, kept from reporters.
		if w := n.do(t, "reporter", "POST", admin.Prefix+"/but-danh", url.Values{"name": {"PV"}}); w.Code != 403 {
			t.Errorf("reporter adds a pen name = %d; want 403", w.Code)
		}
		w := n.do(t, "approver", "POST", admin.Prefix+"/but-danh", url.Values{"name": {"=PV"}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("add pen name = %d: %s", w.Code, w.Body)
		}
		pvPath := strings.SplitN(w.Header().Get("Location"), "?", 2)[0]
		w = n.do(t, "approver", "POST", pvPath, url.Values{"name": {"=PV"},
			"users": {strconv.FormatInt(reporter.ID, 10), strconv.FormatInt(reporter2.ID, 10)}})
		if w.Code != http.StatusSeeOther {
			t.Fatalf("set people = %d: %s", w.Code, w.Body)
		}
		if w := n.do(t, "approver", "POST", admin.Prefix+"/but-danh", url.Values{"name": {"=pv"}}); w.Code != 409 ||
			!strings.Contains(w.Body.String(), "Đã có bút danh này") {
			t.Errorf("same name again = %d; want 409 and a message", w.Code)
		}
		if w := n.do(t, "approver", "POST", pvPath, url.Values{"name": {"=PV"}, "users": {"x"}}); w.Code != 400 {
			t.Errorf("bad user id = %d; want 400", w.Code)
		}
		if w := n.do(t, "approver", "GET", admin.Prefix+"/but-danh", nil); w.Code != 200 ||
			!strings.Contains(w.Body.String(), reporter2.Name) {
			t.Errorf("pen names page = %d; want the shared pen name's people", w.Code)
		}
		// The editor offers the pen names, and a new article starts under
		// its writer's own.
		if w := n.do(t, "reporter", "GET", admin.Prefix+"/bai-viet/moi", nil); !strings.Contains(w.Body.String(), `name="author" value="=PV"`) {
			t.Error("the new article's byline is not the reporter's pen name")
		}

		// Articles of March 2026, Vietnam's time: two under the shared pen
		// name, one by a title that looks like a formula.
		at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, viet.Location) }
		var ids []int64
		for _, a := range []portal.Article{
			{Title: "@SUM(A1)", Author: "=pv", PublishedAt: at(1, 0)},
			{Title: "Tin hai", Author: "=PV", PublishedAt: at(31, 23)},
			{Title: "-1+1", Author: "Hà Linh", PublishedAt: at(15, 9), OwnerID: reporter.ID},
			{Title: "Tháng tư", Author: "Hà Linh", PublishedAt: at(31, 23).Add(2 * time.Hour)},
		} {
			a.CategoryID, a.Body, a.Status = n.cat, "<p>x</p>", portal.StatusPublished
			if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
		}
		grade := func(role string, id int64, kind, points string) int {
			t.Helper()
			return n.do(t, role, "POST", admin.Prefix+"/bai-viet/"+strconv.FormatInt(id, 10)+"/nhuan-but",
				url.Values{"kind": {kind}, "points": {points}}).Code
		}
		for i, g := range []struct{ kind, points string }{{"tin", "1,5"}, {"anh", "0.25"}, {"bai", "3"}, {"tin", "7"}} {
			if code := grade("approver", ids[i], g.kind, g.points); code != http.StatusSeeOther {
				t.Fatalf("grade %d = %d", i, code)
			}
		}
		if code := grade("reporter", ids[0], "tin", "9"); code != 403 {
			t.Errorf("reporter grades = %d; want 403", code)
		}
		for _, bad := range [][2]string{{"tin", "-1"}, {"tin", "0"}, {"tho", "1"}, {"tin", "=1+1"}, {"tin", "1,234"}} {
			if code := grade("approver", ids[0], bad[0], bad[1]); code != 400 {
				t.Errorf("grade %v = %d; want 400", bad, code)
			}
		}
		if code := grade("approver", n.article["submitted"].ID, "tin", "1"); code != 400 {
			t.Errorf("grading an unpublished article = %d; want 400", code)
		}
		if w := n.do(t, "approver", "GET", admin.Prefix+"/bai-viet/"+strconv.FormatInt(ids[0], 10), nil); !strings.Contains(w.Body.String(), "Đã chấm: Tin, 1,5 điểm") {
			t.Error("the article page does not show its grade")
		}

		// The month's report and its exports.
		w = n.do(t, "approver", "GET", admin.Prefix+"/nhuan-but?thang=2026-03", nil)
		if w.Code != 200 || !strings.Contains(w.Body.String(), "3 bài, tổng 4,75 điểm") {
			t.Errorf("report = %d; want 3 articles, 4,75 points", w.Code)
		}
		if w := n.do(t, "approver", "GET", admin.Prefix+"/nhuan-but?thang=2026-13", nil); w.Code != 400 {
			t.Errorf("month 13 = %d; want 400", w.Code)
		}
		if w := n.do(t, "reporter", "GET", admin.Prefix+"/nhuan-but", nil); w.Code != 403 {
			t.Errorf("reporter reads royalties = %d; want 403", w.Code)
		}
		export := func(table string) [][]string {
			t.Helper()
			w := n.do(t, "approver", "GET", admin.Prefix+"/nhuan-but.csv?thang=2026-03&bang="+table, nil)
			if w.Code != 200 || w.Header().Get("Content-Type") != "text/csv; charset=utf-8" {
				t.Fatalf("export %s = %d %q", table, w.Code, w.Header().Get("Content-Type"))
			}
			if got, want := w.Header().Get("Content-Disposition"), `attachment; filename="nhuan-but-2026-03-`+table+`.csv"`; got != want {
				t.Errorf("Content-Disposition = %q; want %q", got, want)
			}
			body := w.Body.Bytes()
			if !bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) || !bytes.Contains(body, []byte("Điểm\r\n")) {
				t.Fatalf("export %s: no byte-order mark or no CRLF", table)
			}
			rows, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			return rows
		}
		people := reporter.Name + "; " + reporter2.Name
		if reporter2.Name < reporter.Name {
			people = reporter2.Name + "; " + reporter.Name
		}
		want := [][]string{
			{"STT", "Ngày đăng", "Tiêu đề", "Bút danh", "Người dùng bút danh", "Thể loại", "Điểm"},
			{"1", "01/03/2026", "'@SUM(A1)", "'=PV", people, "Tin", "1,5"},
			{"2", "15/03/2026", "'-1+1", "Hà Linh", reporter.Name, "Bài", "3"},
			{"3", "31/03/2026", "Tin hai", "'=PV", people, "Ảnh", "0,25"},
		}
		if d := cmp.Diff(want, export("bai")); d != "" {
			t.Errorf("export by article (-want +got):\n%s", d)
		}
		want = [][]string{
			{"STT", "Bút danh", "Dùng chung", "Số bài", "Điểm"},
			{"1", "'=PV", "có", "2", "1,75"},
			{"2", "Hà Linh", "", "1", "3"},
		}
		if d := cmp.Diff(want, export("but-danh")); d != "" {
			t.Errorf("export by pen name (-want +got):\n%s", d)
		}
		byPerson := export("nguoi")
		if len(byPerson) != 4 || byPerson[1][1] != reporter.Name || byPerson[1][2] != "'=PV" || byPerson[1][5] != "1,75" ||
			byPerson[2][2] != "Hà Linh" || byPerson[3][1] != reporter2.Name || byPerson[3][5] != "1,75" {
			t.Errorf("export by person = %q; want the shared pen name under both reporters", byPerson)
		}
		if w := n.do(t, "approver", "GET", admin.Prefix+"/nhuan-but.csv?bang=x", nil); w.Code != 400 {
			t.Errorf("unknown table = %d; want 400", w.Code)
		}
		for _, action := range []string{"article.royalty", "penname.save"} {
			if e, _ := db.AuditLog(ctx, portal.AuditFilter{Action: action, Limit: 10}); len(e) < 2 {
				t.Errorf("audit %s: %d entries; want every change", action, len(e))
			}
		}
		// A pen name still carried by articles is not deleted.
		if w := n.do(t, "approver", "POST", pvPath+"/xoa", url.Values{}); w.Code != 409 {
			t.Errorf("delete a pen name in use = %d; want 409", w.Code)
		}
	})
}
