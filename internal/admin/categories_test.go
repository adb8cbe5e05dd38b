package admin_test

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// demoTree is the demo portal's categories in tree order, a sub-category
// after its parent and marked with a dash, plus one added below Nông nghiệp
// (and so created after every top category) to reach a third level.
var demoTree = []string{
	"Chính trị", "— Xây dựng Đảng", "— Hoạt động của lãnh đạo",
	"Kinh tế", "— Nông nghiệp", "— Thủy sản", "— Công nghiệp - Thương mại",
	"Văn hóa - Xã hội", "— Giáo dục", "— Y tế",
	"Quốc phòng - An ninh", "Thông báo",
}

// texts returns the text of every element sel matches, spaces collapsed
// and no-break spaces (the indentation) left out.
func texts(doc *goquery.Document, sel string) []string {
	var out []string
	doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.Join(strings.Fields(strings.ReplaceAll(s.Text(), "\u00a0", " ")), " "))
	})
	return out
}

// TestCategoriesAsATree: wherever the back office lists or offers
// categories, sub-categories come under their parent, indented.
func TestCategoriesAsATree(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	cats, _ := n.db.Categories(ctx)
	tree := portal.NewCategoryTree(cats)
	// A third level, created last: it lists under its parent all the same.
	fish := &portal.Category{ParentID: tree.BySlug("kinh-te").ID, Name: "Thủy sản", Slug: "thuy-san", Position: 1, Visible: true}
	if err := n.db.CreateCategory(ctx, storetest.Actor, fish); err != nil {
		t.Fatal(err)
	}
	deep := &portal.Category{ParentID: fish.ID, Name: "Nuôi cá tra", Slug: "nuoi-ca-tra", Visible: true}
	if err := n.db.CreateCategory(ctx, storetest.Actor, deep); err != nil {
		t.Fatal(err)
	}
	want := append(demoTree[:6:6], append([]string{"— Nuôi cá tra"}, demoTree[6:]...)...)

	page := parseDoc(t, n.do(t, "admin", "GET", admin.Prefix+"/chuyen-muc", nil))
	if diff := cmp.Diff(want, texts(page, "table.list tbody td:first-child")); diff != "" {
		t.Errorf("categories page rows (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(append([]string{"— Chuyên mục gốc —"}, want...), texts(page, "#c-parent option")); diff != "" {
		t.Errorf("parent select (-want +got):\n%s", diff)
	}
	// Depth shows as indentation before the dash.
	opt := page.Find(`#c-parent option[value="` + itoa(deep.ID) + `"]`).Text()
	if opt != "\u00a0\u00a0\u00a0\u00a0— Nuôi cá tra" {
		t.Errorf("third-level option = %q; want four no-break spaces, a dash and the name", opt)
	}

	form := parseDoc(t, n.do(t, "reporter", "GET", admin.Prefix+"/bai-viet/moi", nil))
	if diff := cmp.Diff(append([]string{"— Chọn chuyên mục —"}, want...), texts(form, "#category option")); diff != "" {
		t.Errorf("article form's category select (-want +got):\n%s", diff)
	}

	// The editor's categories are nested lists: each sub-category's
	// checkbox in a list inside its parent's item.
	user := parseDoc(t, n.do(t, "admin", "GET", admin.Prefix+"/nguoi-dung/"+itoa(n.users["editor"].ID), nil))
	below := func(id int64) []string {
		var names []string
		user.Find(`ul.tree input[value="` + itoa(id) + `"]`).Parent().Parent().ChildrenFiltered("ul.tree").
			ChildrenFiltered("li").ChildrenFiltered("label").Each(func(_ int, s *goquery.Selection) {
			names = append(names, strings.TrimSpace(s.Text()))
		})
		return names
	}
	if diff := cmp.Diff([]string{"Nông nghiệp", "Thủy sản", "Công nghiệp - Thương mại"}, below(tree.BySlug("kinh-te").ID)); diff != "" {
		t.Errorf("checkboxes nested under Kinh tế (-want +got):\n%s", diff)
	}
	if got := below(fish.ID); !cmp.Equal(got, []string{"Nuôi cá tra"}) {
		t.Errorf("checkboxes nested under Thủy sản = %q; want Nuôi cá tra", got)
	}
	if top := texts(user, "fieldset > ul.tree > li > label"); len(top) != 5 {
		t.Errorf("top-level checkboxes = %q; want the 5 top categories", top)
	}
	checked := user.Find(`ul.tree input[checked]`)
	if v, _ := checked.Attr("value"); checked.Length() != 1 || v != itoa(n.cat) {
		t.Errorf("%d ticked categories for the editor; want Chính trị alone", checked.Length())
	}
	users := parseDoc(t, n.do(t, "admin", "GET", admin.Prefix+"/nguoi-dung", nil))
	if got := len(texts(users, "ul.tree label")); got != len(want) {
		t.Errorf("new user form: %d category checkboxes; want %d", got, len(want))
	}
}

// TestArticleListsNameCategories: the desk and the queues name an
// article's category as readers know it, not by its slug.
func TestArticleListsNameCategories(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	for _, path := range []string{"/", "/bai-viet?hang=" + string(portal.QueueToEdit), "/bai-viet?hang=" + string(portal.QueueAll)} {
		doc := parseDoc(t, n.do(t, "approver", "GET", admin.Prefix+path, nil))
		cells := texts(doc, "table.list tbody td:nth-child(2)")
		if len(cells) == 0 {
			t.Errorf("%s lists no article", path)
		}
		for _, c := range cells {
			if c != "Chính trị" {
				t.Errorf("%s: category cell %q; want Chính trị", path, c)
			}
		}
	}
}
