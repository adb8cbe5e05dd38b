package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/viet"
)

// term returns the id of the lookup value with slug.
func term(t *testing.T, list []portal.DocumentTerm, slug string) int64 {
	t.Helper()
	for _, v := range list {
		if v.Slug == slug {
			return v.ID
		}
	}
	t.Fatalf("no lookup value %q", slug)
	return 0
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, viet.Location) }

// newDocument saves a document of type typ by body in field, issued on.
func newDocument(t *testing.T, db *store.DB, number, typ, body, field string, issued time.Time, abstract string, published bool) portal.Document {
	t.Helper()
	terms, err := db.DocumentTerms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d := portal.Document{Number: number, TypeID: term(t, terms.Types, typ), BodyID: term(t, terms.Bodies, body),
		Signer: "Nguyễn Văn A", IssuedOn: issued, Abstract: abstract, Published: published}
	if field != "" {
		d.FieldID = term(t, terms.Fields, field)
	}
	if err := db.CreateDocument(ctx, storetest.Actor, &d); err != nil {
		t.Fatalf("CreateDocument(%q): %v", number, err)
	}
	return d
}

func TestDocumentCreateEdit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		d := newDocument(t, db, "15-NQ/TU", "nghi-quyet", "tinh-uy", "xay-dung-dang", day(2024, 3, 5),
			"Về tăng cường công tác xây dựng Đảng", true)
		if d.Slug != "15-nq-tu-ve-tang-cuong-cong-tac-xay-dung-dang" {
			t.Errorf("slug = %q", d.Slug)
		}
		d.Files = []portal.DocumentFile{{File: "van-ban/2024/03/a.pdf", Name: "NQ 15.pdf", MIME: "application/pdf", Size: 1234}}
		d.EffectiveOn = day(2024, 4, 1)
		d.Abstract = "Về tăng cường công tác xây dựng Đảng trong tình hình mới"
		if err := db.UpdateDocument(ctx, storetest.Actor, &d); err != nil {
			t.Fatalf("UpdateDocument: %v", err)
		}
		got, err := db.DocumentBySlug(ctx, d.Slug)
		if err != nil {
			t.Fatal(err)
		}
		if got.Type != "Nghị quyết" || got.Body != "Tỉnh ủy" || got.Field != "Xây dựng Đảng" ||
			!got.IssuedOn.Equal(day(2024, 3, 5)) || !got.EffectiveOn.Equal(day(2024, 4, 1)) || got.Abstract != d.Abstract {
			t.Errorf("DocumentBySlug = %+v", got)
		}
		if len(got.Files) != 1 || got.Files[0].Name != "NQ 15.pdf" || got.Files[0].Position != 1 {
			t.Fatalf("files = %+v", got.Files)
		}
		removed, err := db.RemoveDocumentFile(ctx, storetest.Actor, d.ID, got.Files[0].ID)
		if err != nil || removed.File != "van-ban/2024/03/a.pdf" {
			t.Fatalf("RemoveDocumentFile = %+v, %v", removed, err)
		}
		if _, err := db.RemoveDocumentFile(ctx, storetest.Actor, d.ID+1, got.Files[0].ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("removing a file again: %v; want ENOTFOUND", err)
		}
		// Same number and abstract: the slug gets a number.
		again := newDocument(t, db, "15-NQ/TU", "nghi-quyet", "tinh-uy", "", day(2025, 1, 1), "Về tăng cường công tác xây dựng Đảng", false)
		if again.Slug != d.Slug+"-2" {
			t.Errorf("second slug = %q", again.Slug)
		}
	})
}

func TestDocumentValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		good := portal.Document{Number: "01/KH-UBND", TypeID: 1, BodyID: 1, Signer: "A", IssuedOn: day(2024, 1, 2), Abstract: "Kế hoạch"}
		for _, tc := range []struct {
			name, field string
			edit        func(d *portal.Document)
		}{
			{"no number", "number", func(d *portal.Document) { d.Number = "  " }},
			{"long number", "number", func(d *portal.Document) { d.Number = string(make([]byte, 51)) }},
			{"control in number", "number", func(d *portal.Document) { d.Number = "15\x01NQ" }},
			{"newline in number", "number", func(d *portal.Document) { d.Number = "15\nNQ" }},
			{"no type", "type", func(d *portal.Document) { d.TypeID = 0 }},
			{"unknown type", "type", func(d *portal.Document) { d.TypeID = 999 }},
			{"unknown field", "field", func(d *portal.Document) { d.FieldID = 999 }},
			{"no date", "issued_on", func(d *portal.Document) { d.IssuedOn = time.Time{} }},
			{"effective before issue", "effective_on", func(d *portal.Document) { d.EffectiveOn = day(2023, 12, 31) }},
			{"no abstract", "abstract", func(d *portal.Document) { d.Abstract = "" }},
		} {
			d := good
			tc.edit(&d)
			err := db.CreateDocument(ctx, storetest.Actor, &d)
			if e, ok := err.(*portal.Error); !ok || e.Code != portal.EINVALID || e.Field != tc.field {
				t.Errorf("%s: CreateDocument = %v; want EINVALID on %s", tc.name, err, tc.field)
			}
		}
		list, err := db.Documents(ctx, portal.DocumentFilter{All: true})
		if err != nil || list.Total != 0 {
			t.Errorf("after refusals: %d documents, %v; want none saved", list.Total, err)
		}
	})
}

func numbers(list *portal.DocumentList) []string {
	var out []string
	for _, d := range list.Documents {
		out = append(out, d.Number)
	}
	return out
}

func counts(fs []portal.FacetCount) map[string]int {
	out := map[string]int{}
	for _, f := range fs {
		out[f.Slug] = f.Count
	}
	return out
}

func TestDocumentFacets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		newDocument(t, db, "15-NQ/TU", "nghi-quyet", "tinh-uy", "xay-dung-dang", day(2024, 3, 5), "Về công tác xây dựng Đảng", true)
		newDocument(t, db, "20-NQ/TU", "nghi-quyet", "ban-thuong-vu-tinh-uy", "kinh-te", day(2023, 6, 1), "Về phát triển kinh tế", true)
		newDocument(t, db, "05-CT/TU", "chi-thi", "tinh-uy", "van-hoa-xa-hoi", day(2024, 8, 9), "Về đẩy mạnh phong trào văn hóa", true)
		newDocument(t, db, "99/QĐ-UBND", "quyet-dinh", "ubnd-tinh", "kinh-te", day(2024, 12, 30), "Quyết định chưa công bố về kinh tế", false)

		all, err := db.Documents(ctx, portal.DocumentFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"05-CT/TU", "15-NQ/TU", "20-NQ/TU"}, numbers(all)); diff != "" || all.Total != 3 {
			t.Errorf("public list (-want +got), total %d:\n%s", all.Total, diff)
		}
		if diff := cmp.Diff(map[string]int{"nghi-quyet": 2, "chi-thi": 1}, counts(all.Types)); diff != "" {
			t.Errorf("type counts (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(map[string]int{"2024": 2, "2023": 1}, counts(all.Years)); diff != "" {
			t.Errorf("year counts (-want +got):\n%s", diff)
		}

		// A type chosen: its own facet still counts the other types; the
		// others count within it.
		nq, err := db.Documents(ctx, portal.DocumentFilter{Type: "nghi-quyet"})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"15-NQ/TU", "20-NQ/TU"}, numbers(nq)); diff != "" {
			t.Errorf("type filter (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(map[string]int{"nghi-quyet": 2, "chi-thi": 1}, counts(nq.Types)); diff != "" {
			t.Errorf("type counts under type filter (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(map[string]int{"tinh-uy": 1, "ban-thuong-vu-tinh-uy": 1}, counts(nq.Bodies)); diff != "" {
			t.Errorf("body counts under type filter (-want +got):\n%s", diff)
		}
		if !nq.Types[0].Selected || nq.Types[1].Selected {
			t.Errorf("selected flags = %+v", nq.Types)
		}

		for _, tc := range []struct {
			name string
			f    portal.DocumentFilter
			want []string
		}{
			{"words without tone marks", portal.DocumentFilter{Query: "nghi quyet"}, []string{"15-NQ/TU", "20-NQ/TU"}},
			{"d for đ", portal.DocumentFilter{Query: "xay dung dang"}, []string{"15-NQ/TU"}},
			{"every word required", portal.DocumentFilter{Query: "nghị quyết văn hóa"}, nil},
			{"number", portal.DocumentFilter{Query: "05-CT/TU"}, []string{"05-CT/TU"}},
			{"whole words only", portal.DocumentFilter{Query: "kinh"}, []string{"20-NQ/TU"}},
			{"year", portal.DocumentFilter{Year: 2023}, []string{"20-NQ/TU"}},
			{"body and field", portal.DocumentFilter{Body: "tinh-uy", Field: "van-hoa-xa-hoi"}, []string{"05-CT/TU"}},
			{"unpublished hidden", portal.DocumentFilter{Query: "chua cong bo"}, nil},
			{"unpublished for staff", portal.DocumentFilter{Query: "chua cong bo", All: true}, []string{"99/QĐ-UBND"}},
			{"unknown type", portal.DocumentFilter{Type: "khong-co"}, nil},
			{"page beyond", portal.DocumentFilter{Page: 2}, nil},
		} {
			list, err := db.Documents(ctx, tc.f)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if diff := cmp.Diff(tc.want, numbers(list)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.name, diff)
			}
		}
	})
}

func TestDocumentPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for i := range 25 {
			newDocument(t, db, "CV-"+string(rune('A'+i)), "cong-van", "ubnd-tinh", "", day(2020, 1, 1).AddDate(0, 0, i), "Công văn", true)
		}
		p2, err := db.Documents(ctx, portal.DocumentFilter{Page: 2})
		if err != nil {
			t.Fatal(err)
		}
		if p2.Total != 25 || len(p2.Documents) != 5 || p2.Documents[0].Number != "CV-E" || p2.Documents[4].Number != "CV-A" {
			t.Errorf("page 2: total %d, %v", p2.Total, numbers(p2))
		}
	})
}

func TestArticleDocuments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		a := newArticle(t, db, cat.ID, "Học tập nghị quyết", portal.StatusPublished, time.Now().Add(-time.Hour))
		draft := newArticle(t, db, cat.ID, "Bản nháp", portal.StatusDraft, time.Time{})
		pub := newDocument(t, db, "15-NQ/TU", "nghi-quyet", "tinh-uy", "", day(2024, 3, 5), "Về công tác cán bộ", true)
		hidden := newDocument(t, db, "16-NQ/TU", "nghi-quyet", "tinh-uy", "", day(2024, 3, 6), "Chưa công bố", false)
		newDocument(t, db, "01/KH", "ke-hoach", "tinh-uy", "", day(2023, 1, 1), "Kế hoạch năm 2023", true)
		newDocument(t, db, "01/KH", "ke-hoach", "tinh-uy", "", day(2024, 1, 1), "Kế hoạch năm 2024", true)

		found, err := db.ResolveDocuments(ctx, []string{"15-nq/tu", itoa(int(hidden.ID))})
		if err != nil || len(found) != 2 || found[0].ID != pub.ID || found[1].ID != hidden.ID {
			t.Fatalf("ResolveDocuments = %v, %v", found, err)
		}
		for ref, want := range map[string]string{"99-NQ/TU": "Không có văn bản “99-NQ/TU”", "01/KH": "Có nhiều văn bản số “01/KH”", "12345": "Không có"} {
			_, err := db.ResolveDocuments(ctx, []string{ref})
			if e, ok := err.(*portal.Error); !ok || e.Field != "documents" || !strings.Contains(e.Message, want) {
				t.Errorf("ResolveDocuments(%q) = %v; want %q", ref, err, want)
			}
		}
		for _, id := range []int64{a.ID, draft.ID} {
			if err := db.SetArticleDocuments(ctx, storetest.Actor, id, []int64{hidden.ID, pub.ID}); err != nil {
				t.Fatal(err)
			}
		}
		linked, _ := db.LinkedDocuments(ctx, a.ID)
		public, _ := db.ArticleDocuments(ctx, a.ID)
		if len(linked) != 2 || linked[0].ID != hidden.ID || len(public) != 1 || public[0].ID != pub.ID {
			t.Errorf("linked = %v; public = %v", linked, public)
		}
		arts, err := db.DocumentArticles(ctx, pub.ID, 10)
		if err != nil || len(arts) != 1 || arts[0].ID != a.ID {
			t.Errorf("DocumentArticles = %v, %v; want only the published article", arts, err)
		}
		if err := db.SetArticleDocuments(ctx, storetest.Actor, a.ID, nil); err != nil {
			t.Fatal(err)
		}
		if linked, _ := db.LinkedDocuments(ctx, a.ID); len(linked) != 0 {
			t.Errorf("after clearing: %v", linked)
		}
		if err := db.SetDocumentPublished(ctx, storetest.Actor, hidden.ID, true); err != nil {
			t.Fatal(err)
		}
		if d, _ := db.Document(ctx, hidden.ID); !d.Published {
			t.Errorf("SetDocumentPublished(true) left it unpublished")
		}
	})
}

// TestDocumentTermRename: a renamed term keeps its slug, and the register's
// word search finds its documents by the new name, not the old.
func TestDocumentTermRename(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		d := newDocument(t, db, "7-CT/TU", "chi-thi", "tinh-uy", "", day(2024, 5, 2), "Về phòng, chống thiên tai", true)
		terms, _ := db.DocumentTerms(ctx)
		body := portal.DocumentTerm{ID: term(t, terms.Bodies, "tinh-uy"), Name: "Tỉnh ủy Hậu Giang", Position: 1}
		if err := db.SaveDocumentTerm(ctx, storetest.Actor, portal.TermBody, &body); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.DocumentBySlug(ctx, d.Slug); got.Body != "Tỉnh ủy Hậu Giang" {
			t.Errorf("body = %q; want the new name", got.Body)
		}
		for q, want := range map[string]int{"hau giang": 1, "tinh uy": 1, "thien tai": 1} {
			list, err := db.Documents(ctx, portal.DocumentFilter{Query: q})
			if err != nil || list.Total != want {
				t.Errorf("Documents(%q) = %v, %v; want %d", q, list, err, want)
			}
		}
		if err := db.SaveDocumentTerm(ctx, storetest.Actor, portal.TermBody, &portal.DocumentTerm{Name: "  "}); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("an empty name: %v; want EINVALID", err)
		}
		if err := db.SaveDocumentTerm(ctx, storetest.Actor, "kind", &portal.DocumentTerm{Name: "X"}); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("an unknown list: %v; want ENOTFOUND", err)
		}
	})
}
