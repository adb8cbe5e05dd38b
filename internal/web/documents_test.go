package web_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/viet"
	"cong/internal/web"
)

const tinyPDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

// registerSite is the demo portal with a few documents of its own, their
// files written under the media folder.
type registerSite struct {
	*site
	pub, hidden portal.Document
}

func newRegisterSite(t *testing.T, db *store.DB) *registerSite {
	t.Helper()
	media := t.TempDir()
	if _, err := demo.Seed(ctx, db, media, time.Now()); err != nil {
		t.Fatal(err)
	}
	terms, err := db.DocumentTerms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"van-ban/2024/03/nq.pdf", "van-ban/2024/03/nq.docx", "van-ban/2024/03/an.pdf"} {
		path := filepath.Join(media, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(tinyPDF), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	issued := time.Date(2024, 3, 5, 0, 0, 0, 0, viet.Location)
	rs := &registerSite{
		pub: portal.Document{Number: "15-NQ/TU", TypeID: terms.Types[0].ID, BodyID: terms.Bodies[0].ID, Signer: "Trần Văn B",
			IssuedOn: issued, EffectiveOn: issued.AddDate(0, 0, 10), Abstract: "Về tăng cường xây dựng Đảng bộ thật sự trong sạch",
			Published: true, Files: []portal.DocumentFile{
				{File: "van-ban/2024/03/nq.pdf", MIME: "application/pdf", Size: 120_000},
				{File: "van-ban/2024/03/nq.docx", MIME: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Size: 2 << 20},
			}},
		hidden: portal.Document{Number: "16-NQ/TU", TypeID: terms.Types[0].ID, BodyID: terms.Bodies[0].ID, IssuedOn: issued,
			Abstract: "Dự thảo chưa công bố", Files: []portal.DocumentFile{{File: "van-ban/2024/03/an.pdf", MIME: "application/pdf", Size: 10}}},
	}
	for _, d := range []*portal.Document{&rs.pub, &rs.hidden} {
		if err := db.CreateDocument(ctx, storetest.Actor, d); err != nil {
			t.Fatal(err)
		}
	}
	a, err := db.ArticleBySlug(ctx, demo.SeedSlug)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetArticleDocuments(ctx, storetest.Actor, a.ID, []int64{rs.pub.ID, rs.hidden.ID}); err != nil {
		t.Fatal(err)
	}
	rs.site = newSiteWith(t, db, web.Services{Categories: db, Articles: db, Side: db, Schedule: db, Popular: db, Search: db,
		Comments: db, Documents: db, Ready: db.Ping}, media)
	return rs
}

func TestDocumentList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newRegisterSite(t, db)
		for _, tc := range []struct {
			path   string
			status int
			found  bool // 15-NQ/TU listed
		}{
			{"/van-ban", 200, true},
			{"/van-ban?loai=nghi-quyet&nam=2024", 200, true},
			{"/van-ban?q=xay+dung+dang+bo", 200, true},
			{"/van-ban?q=chua+cong+bo", 200, false},
			{"/van-ban?nam=2019", 200, false},
			{"/van-ban?nam=abc", 400, true}, // the message, and the whole register
			{"/van-ban?loai=%3Cscript%3E", 400, true},
			{"/van-ban?trang=9", 404, false},
		} {
			w := s.get(t, tc.path)
			if w.Code != tc.status {
				t.Errorf("GET %s = %d; want %d", tc.path, w.Code, tc.status)
				continue
			}
			doc := parse(t, w)
			if got := doc.Find(`table.documents a[href="`+s.pub.URL()+`"]`).Length() == 1; got != tc.found {
				t.Errorf("GET %s: 15-NQ/TU listed = %v; want %v", tc.path, got, tc.found)
			}
			if doc.Find(`a[href="`+s.hidden.URL()+`"]`).Length() != 0 {
				t.Errorf("GET %s lists the unpublished document", tc.path)
			}
			if tc.status == 400 && text(doc, "#vb-loi") == "" {
				t.Errorf("GET %s: no message for the reader", tc.path)
			}
		}
		doc := parse(t, s.get(t, "/van-ban?loai=nghi-quyet&q=trong+sach"))
		if got := text(doc, `#vb-loai option[selected]`); got != "Nghị quyết (1)" {
			t.Errorf("selected type option = %q; want %q", got, "Nghị quyết (1)")
		}
		if got, _ := doc.Find("#vb-q").Attr("value"); got != "trong sach" {
			t.Errorf("word box = %q; want the words kept", got)
		}
		if got := text(doc, `nav.nav a[aria-current="page"]`); got != "Văn bản" {
			t.Errorf("menu highlights %q; want Văn bản", got)
		}
	})
}

func TestDocumentPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newRegisterSite(t, db)
		w := s.get(t, s.pub.URL())
		if w.Code != 200 {
			t.Fatalf("GET %s = %d", s.pub.URL(), w.Code)
		}
		doc := parse(t, w)
		if got := text(doc, "h1"); got != "Nghị quyết số 15-NQ/TU" {
			t.Errorf("h1 = %q", got)
		}
		fields := text(doc, "dl.document-fields")
		for _, want := range []string{"Tỉnh ủy", "Trần Văn B", "Ngày ban hành05/03/2024", "Ngày có hiệu lực15/03/2024"} {
			if !strings.Contains(fields, want) {
				t.Errorf("fields %q lack %q", fields, want)
			}
		}
		files := doc.Find(".document-files li")
		if files.Length() != 2 || !strings.Contains(files.Eq(1).Text(), "DOCX, 2,0 MB") {
			t.Errorf("files = %q", files.Text())
		}
		if got := text(doc, "section.related li a"); !strings.HasPrefix(got, "Hội nghị học tập") {
			t.Errorf("related articles = %q; want the seed article", got)
		}
		if w := s.get(t, s.hidden.URL()); w.Code != 404 {
			t.Errorf("unpublished document: GET = %d; want 404", w.Code)
		}
		art := parse(t, s.get(t, seedURL))
		links := art.Find(".article-documents li a")
		if links.Length() != 1 || links.AttrOr("href", "") != s.pub.URL() {
			t.Errorf("article's related documents = %q; want 15-NQ/TU only", links.Text())
		}
	})
}

func TestDocumentFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newRegisterSite(t, db)
		pdf := s.get(t, s.pub.FileURL(s.pub.Files[0]))
		if pdf.Code != 200 || pdf.Body.String() != tinyPDF {
			t.Fatalf("GET pdf = %d", pdf.Code)
		}
		for header, want := range map[string]string{
			"Content-Type":            "application/pdf",
			"X-Content-Type-Options":  "nosniff",
			"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
			"Content-Disposition":     `attachment; filename="15-nq-tu.pdf"; filename*=UTF-8''15-NQ-TU.pdf`,
		} {
			if got := pdf.Header().Get(header); got != want {
				t.Errorf("%s = %q; want %q", header, got, want)
			}
		}
		docx := s.get(t, s.pub.FileURL(s.pub.Files[1]))
		if got := docx.Header().Get("Content-Disposition"); got != `attachment; filename="15-nq-tu-2.docx"; filename*=UTF-8''15-NQ-TU-2.docx` {
			t.Errorf("docx Content-Disposition = %q", got)
		}
		for _, path := range []string{
			s.hidden.FileURL(s.hidden.Files[0]),                                 // unpublished
			s.pub.URL() + "/tep/" + strconv.FormatInt(s.hidden.Files[0].ID, 10), // another document's file
			"/media/" + s.hidden.Files[0].File,                                  // around the register
			"/media/" + s.pub.Files[0].File,
		} {
			if w := s.get(t, path); w.Code != 404 {
				t.Errorf("GET %s = %d; want 404", path, w.Code)
			}
		}
	})
}
