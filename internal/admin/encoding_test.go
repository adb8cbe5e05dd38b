package admin_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// TestLegacyEncodingOnSave: text pasted in TCVN3 or VNI is stored in
// Unicode — the title, summary, author and the text of the body, never its
// markup — and the page after the save says it was converted. Unicode text
// is saved as sent, with no notice.
func TestLegacyEncodingOnSave(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	cat := strconv.FormatInt(n.cat, 10)
	form := url.Values{
		"title":    {"Héi nghÞ häc tËp, qu¸n triÖt NghÞ quyÕt"},
		"summary":  {"Hoäi nghò hoïc taäp, quaùn trieät Nghò quyeát Ñaïi hoäi"},
		"author":   {"TrÇn V¨n HuyÕn"},
		"body":     {`<p>C¸n bé chñ chèt <strong>cÊp tØnh</strong></p><p><img src="/media/a.png" alt="Héi nghÞ"></p>`},
		"category": {cat},
	}
	w := n.do(t, "reporter", "POST", admin.Prefix+"/bai-viet/moi", form)
	if w.Code != 303 {
		t.Fatalf("create = %d; want 303\n%s", w.Code, w.Body)
	}
	loc := w.Header().Get("Location")
	if !strings.Contains(loc, "bang-ma=tcvn3-vni") {
		t.Errorf("redirect to %q; want the codes of both encodings", loc)
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.Split(loc, "?")[0], admin.Prefix+"/bai-viet/"), 10, 64)
	if err != nil {
		t.Fatalf("redirect to %q", loc)
	}
	a, err := n.db.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := portal.Article{Title: "Hội nghị học tập, quán triệt Nghị quyết", Summary: "Hội nghị học tập, quán triệt Nghị quyết Đại hội",
		Author: "Trần Văn Huyến"}
	if a.Title != want.Title || a.Summary != want.Summary || a.Author != want.Author {
		t.Errorf("saved %q, %q, %q; want %q, %q, %q", a.Title, a.Summary, a.Author, want.Title, want.Summary, want.Author)
	}
	if !strings.Contains(a.Body, "Cán bộ chủ chốt <strong>cấp tỉnh</strong>") || !strings.Contains(a.Body, `alt="Héi nghÞ"`) {
		t.Errorf("saved body %q; want its text converted and its attributes as sent", a.Body)
	}
	doc := parseDoc(t, n.do(t, "reporter", "GET", loc, nil))
	if got := doc.Find("p.notice").Text(); got != "Văn bản dán vào dùng bảng mã cũ (TCVN3 và VNI) đã được chuyển sang Unicode." {
		t.Errorf("notice %q; want the conversion told", got)
	}

	// A later save in TCVN3 alone says so.
	save := url.Values{"title": {"Héi nghÞ häc tËp"}, "category": {cat}, "version": {strconv.FormatInt(a.Version, 10)},
		"body": {"<p>Néi dung</p>"}}
	w = n.do(t, "reporter", "POST", admin.Prefix+"/bai-viet/"+itoa(id), save)
	if w.Code != 303 || !strings.Contains(w.Header().Get("Location"), "bang-ma=tcvn3") {
		t.Fatalf("save = %d to %q; want 303 with the TCVN3 code", w.Code, w.Header().Get("Location"))
	}
	if a, _ := n.db.Article(ctx, id); a.Title != "Hội nghị học tập" || a.Body != "<p>Nội dung</p>" {
		t.Errorf("saved %q, %q; want it converted", a.Title, a.Body)
	}

	// A form shown again for an error keeps the converted text and tells it.
	form.Del("category")
	w = n.do(t, "reporter", "POST", admin.Prefix+"/bai-viet/moi", form)
	doc = parseDoc(t, w)
	if w.Code != 400 || doc.Find("#title").AttrOr("value", "") != want.Title || !strings.Contains(doc.Find("p.notice").Text(), "TCVN3 và VNI") {
		t.Errorf("refused save = %d, title %q, notice %q; want 400 with the converted title and the notice",
			w.Code, doc.Find("#title").AttrOr("value", ""), doc.Find("p.notice").Text())
	}

	// Unicode is saved as sent, with no notice.
	unicode := url.Values{"title": {"Đắk Lắk và Quảng Ngãi: Zoë, Ørsted, 12 €"}, "category": {cat}, "body": {"<p>Hậu Giang</p>"}}
	w = n.do(t, "reporter", "POST", admin.Prefix+"/bai-viet/moi", unicode)
	if loc := w.Header().Get("Location"); w.Code != 303 || strings.Contains(loc, "bang-ma") {
		t.Errorf("unicode save = %d to %q; want 303 with no encoding code", w.Code, loc)
	}
	if doc := parseDoc(t, n.do(t, "reporter", "GET", w.Header().Get("Location"), nil)); doc.Find("p.notice").Length() != 0 {
		t.Errorf("a notice after a Unicode save: %q", doc.Find("p.notice").Text())
	}

	// An unknown code in the address says nothing.
	doc = parseDoc(t, n.do(t, "reporter", "GET", admin.Prefix+"/?bang-ma=gi-cung-duoc", nil))
	if doc.Find("p.notice").Length() != 0 {
		t.Errorf("notice %q for an unknown code", doc.Find("p.notice").Text())
	}
}

// TestLegacyEncodingIntroPage: the introduction pages' editor converts the
// same way, through the same form reading.
func TestLegacyEncodingIntroPage(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	form := url.Values{"title": {"Giíi thiÖu chung"}, "lang": {"vi"}, "slug": {"lich-su"},
		"body": {"<p>TØnh HËu Giang ®\u00adîc thµnh lËp n¨m 2004.</p>"}, "position": {"1"}, "in_menu": {"1"}}
	w := n.do(t, "admin", "POST", admin.Prefix+"/trang/moi", form)
	if w.Code != 303 || !strings.Contains(w.Header().Get("Location"), "bang-ma=tcvn3") {
		t.Fatalf("create = %d to %q; want 303 with the TCVN3 code\n%s", w.Code, w.Header().Get("Location"), w.Body)
	}
	p, err := n.db.PageBySlug(ctx, portal.LangVI, "lich-su")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Giới thiệu chung" || p.Body != "<p>Tỉnh Hậu Giang được thành lập năm 2004.</p>" {
		t.Errorf("saved %q, %q; want them converted", p.Title, p.Body)
	}
}

// TestLegacyEncodingPlainFields: a field of plain text is converted as
// text, even when named like an HTML field elsewhere: a moderator's
// correction of a comment keeps its "&" and "<" as typed.
func TestLegacyEncodingPlainFields(t *testing.T) {
	n := newNewsroom(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	c := portal.Comment{ArticleID: n.article["published"].ID, Name: "Bạn đọc", Body: "Bài viết hay", Approved: true}
	if err := n.db.CreateComment(ctx, storetest.Actor, &c); err != nil {
		t.Fatal(err)
	}
	form := url.Values{"body": {"Bµi viÕt hay & bæ Ých <3"}}
	if w := n.do(t, "editor", "POST", admin.Prefix+"/y-kien/"+itoa(c.ID)+"/sua", form); w.Code != 303 {
		t.Fatalf("correction = %d\n%s", w.Code, w.Body)
	}
	list, err := n.db.ApprovedComments(ctx, c.ArticleID)
	if err != nil || len(list) != 1 || list[0].Body != "Bài viết hay & bổ ích <3" {
		t.Errorf("corrected comments = %+v, %v; want the body converted as plain text", list, err)
	}
}

// TestRichFieldRoutes: every route listed with HTML fields is a route.
func TestRichFieldRoutes(t *testing.T) {
	routes := map[string]bool{}
	for _, r := range admin.Routes() {
		routes[r.Method+" "+r.Pattern] = true
	}
	for _, p := range admin.RichFieldPatterns() {
		if !routes[p] {
			t.Errorf("richFields names %q, which is no route", p)
		}
	}
}
