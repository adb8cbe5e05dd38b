package store_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

func TestPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		v1 := portal.Page{Lang: portal.LangVI, Slug: "lien-he", Title: "Liên hệ", Position: 4, InMenu: true, Published: true,
			Contacts: []portal.Contact{{Name: "Nguyễn Văn A", Title: "Chánh Văn phòng", Phone: "0293 3 870 123", Email: "a@example.gov.vn"}}}
		v2 := portal.Page{Lang: portal.LangVI, Slug: "gioi-thieu", Title: "Giới thiệu", Position: 1, InMenu: true}
		for _, p := range []*portal.Page{&v1, &v2} {
			if err := db.CreatePage(ctx, storetest.Actor, p); err != nil {
				t.Fatal(err)
			}
		}
		en := portal.Page{Lang: portal.LangEN, Slug: "contact", Title: "Contact", TranslationOf: v1.ID, Published: true}
		if err := db.CreatePage(ctx, storetest.Actor, &en); err != nil {
			t.Fatal(err)
		}
		got, err := db.PageBySlug(ctx, portal.LangVI, "lien-he")
		if err != nil {
			t.Fatal(err)
		}
		want := v1
		want.Translation = &portal.Page{ID: en.ID, Lang: portal.LangEN, Slug: "contact", Title: "Contact", Published: true}
		if diff := cmp.Diff(&want, got, cmpopts.EquateApproxTime(0)); diff != "" {
			t.Errorf("PageBySlug (-want +got):\n%s", diff)
		}
		all, _ := db.Pages(ctx, portal.LangVI, false)
		public, _ := db.Pages(ctx, portal.LangVI, true)
		if len(all) != 2 || all[0].Slug != "gioi-thieu" || len(public) != 1 || public[0].Slug != "lien-he" {
			t.Errorf("Pages = %v and published %v; want menu order and drafts left out", all, public)
		}

		bad := []struct {
			name  string
			page  portal.Page
			field string
		}{
			{"same slug", portal.Page{Lang: portal.LangVI, Slug: "lien-he", Title: "Khác"}, "slug"},
			{"second translation", portal.Page{Lang: portal.LangEN, Slug: "contact-2", Title: "C", TranslationOf: v1.ID}, "translation"},
			{"translation of English", portal.Page{Lang: portal.LangEN, Slug: "x", Title: "X", TranslationOf: en.ID}, "translation"},
			{"bad e-mail", portal.Page{Lang: portal.LangVI, Slug: "y", Title: "Y", Contacts: []portal.Contact{{Name: "B", Email: "b@"}}}, "contacts"},
			{"bad slug", portal.Page{Lang: portal.LangVI, Slug: "Liên hệ", Title: "Y"}, "slug"},
		}
		for _, c := range bad {
			err := db.CreatePage(ctx, storetest.Actor, &c.page)
			var pe *portal.Error
			if portal.ErrorCode(err) != portal.EINVALID || !asError(err, &pe) || pe.Field != c.field {
				t.Errorf("%s: CreatePage = %v; want EINVALID on %s", c.name, err, c.field)
			}
		}

		v1.Contacts = nil
		v1.Published = false
		if err := db.UpdatePage(ctx, storetest.Actor, &v1); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Page(ctx, v1.ID); len(got.Contacts) != 0 || got.Published {
			t.Errorf("after update: %+v; want no contacts, not published", got)
		}
		if err := db.DeletePage(ctx, storetest.Actor, v1.ID); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Page(ctx, en.ID); err != nil || got.TranslationOf != 0 || got.Translation != nil {
			t.Errorf("English page after its Vietnamese page went: %+v, %v; want unlinked", got, err)
		}
		if _, err := db.Page(ctx, v1.ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("deleted page: err = %v; want ENOTFOUND", err)
		}
	})
}

func asError(err error, target **portal.Error) bool {
	e, ok := err.(*portal.Error)
	*target = e
	return ok
}
