package store_test

import (
	"strings"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
	"cong/internal/viet"
)

// TestFixTexts corrects legacy-encoded texts through the write path: the
// fields change only while they hold what was read, the change is audited
// and raises the content version, and what is made from the texts — an
// article's version, revision and search entry, a question's and a
// document's folded words — follows.
func TestFixTexts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		who := portal.System("cong fix-encoding")
		cat := newCategory(t, db, "V¨n hãa", "van-hoa", 0)
		a := publish(t, db, cat.ID, "Héi nghÞ häc tËp", "<p>Héi nghÞ <strong>häc tËp</strong></p>", time.Now().Add(-time.Hour))
		if ids := find(t, db, "hoi nghi"); len(ids) != 0 {
			t.Fatalf("found %v before the correction", ids)
		}

		rows, err := db.Texts(ctx, "article", 0, 10)
		if err != nil || len(rows) != 1 || rows[0].ID != a.ID || rows[0].Texts[0] != a.Title || rows[0].Texts[2] != a.Body {
			t.Fatalf("Texts(article) = %+v, %v", rows, err)
		}
		if rows, _ := db.Texts(ctx, "article", a.ID, 10); len(rows) != 0 {
			t.Errorf("Texts after the last id = %+v; want none", rows)
		}
		version, _ := db.ContentVersion(ctx)
		fixes := []store.TextFix{
			{Field: "title", Before: a.Title, After: "Hội nghị học tập", Encoding: viet.TCVN3},
			{Field: "body", Before: a.Body, After: "<p>Hội nghị <strong>học tập</strong></p>", Encoding: viet.TCVN3},
		}
		changed, err := db.FixTexts(ctx, who, "article", a.ID, fixes)
		if err != nil || !changed {
			t.Fatalf("FixTexts = %t, %v; want true", changed, err)
		}
		got, err := db.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "Hội nghị học tập" || got.Body != fixes[1].After || got.Slug != a.Slug || got.Version != a.Version+1 {
			t.Errorf("article after = %q, %q, slug %q, version %d; want converted, slug %q, version %d",
				got.Title, got.Body, got.Slug, got.Version, a.Slug, a.Version+1)
		}
		revs, err := db.Revisions(ctx, a.ID)
		if err != nil || len(revs) != 2 || revs[0].Version != got.Version || revs[0].Title != got.Title ||
			revs[0].EditorName != who.Name {
			t.Errorf("revisions = %+v, %v; want the corrected version first, by %q", revs, err, who.Name)
		}
		if ids := find(t, db, "hoi nghi hoc tap"); len(ids) != 1 || ids[0] != a.ID {
			t.Errorf("search after the correction = %v; want [%d]", ids, a.ID)
		}
		if v, _ := db.ContentVersion(ctx); v <= version {
			t.Errorf("content version %d, then %d: readers' caches are not told", version, v)
		}
		entries, err := db.AuditLog(ctx, portal.AuditFilter{Action: "content.fix_encoding"})
		if err != nil || len(entries) != 1 || entries[0].Object != "article:"+itoa64(a.ID) || entries[0].Actor != who.Name ||
			!strings.Contains(entries[0].Detail, `title (TCVN3): "Héi nghÞ häc tËp"`) || !strings.Contains(entries[0].Detail, "body (TCVN3)") {
			t.Errorf("audit = %+v, %v", entries, err)
		}

		// Run again on what was read before: the texts are no longer what
		// it saw, so nothing is written or recorded.
		changed, err = db.FixTexts(ctx, who, "article", a.ID, fixes)
		if err != nil || changed {
			t.Errorf("FixTexts on stale texts = %t, %v; want false, nil", changed, err)
		}
		if entries, _ := db.AuditLog(ctx, portal.AuditFilter{Action: "content.fix_encoding"}); len(entries) != 1 {
			t.Errorf("%d audit entries after a correction that found nothing; want 1", len(entries))
		}
		if _, err := db.FixTexts(ctx, who, "article", a.ID, []store.TextFix{{Field: "slug", Before: a.Slug, After: "x"}}); err == nil {
			t.Error("FixTexts on a column that is not text: no error")
		}
		if _, err := db.Texts(ctx, "users", 0, 10); err == nil {
			t.Error("Texts of an unknown kind: no error")
		}

		// A category's name.
		if _, err := db.FixTexts(ctx, who, "category", cat.ID, []store.TextFix{{Field: "name", Before: "V¨n hãa", After: "Văn hóa"}}); err != nil {
			t.Fatal(err)
		}
		if cats, _ := db.Categories(ctx); len(cats) != 1 || cats[0].Name != "Văn hóa" {
			t.Errorf("categories = %+v", cats)
		}

		// A published question: its folded words follow its texts.
		q := newQuestion(t, db, "Đất đai", "10.9.0.1", "Tranh chÊp ®Êt ®ai", "Xin hái thñ tôc hßa gi¶i.")
		if err := db.SubmitQuestion(ctx, storetest.Actor, q, time.Minute, 5); err != nil {
			t.Fatal(err)
		}
		units, _ := db.Units(ctx)
		db.AssignQuestion(ctx, storetest.Actor, q.ID, units[0].ID)
		db.AnswerQuestion(ctx, storetest.Actor, q.ID, "<p>Tr¶ lêi</p>")
		if err := db.SetQuestionStatus(ctx, storetest.Actor, q.ID, portal.QuestionPublished); err != nil {
			t.Fatal(err)
		}
		changed, err = db.FixTexts(ctx, who, "question", q.ID, []store.TextFix{
			{Field: "title", Before: q.Title, After: "Tranh chấp đất đai"},
			{Field: "answer", Before: "<p>Tr¶ lêi</p>", After: "<p>Trả lời</p>"}})
		if err != nil || !changed {
			t.Fatalf("FixTexts(question) = %t, %v", changed, err)
		}
		for _, words := range []string{"tranh chap dat dai", "tra loi"} {
			res, err := db.PublishedQuestions(ctx, portal.QuestionFilter{Text: words})
			if err != nil || res.Total != 1 {
				t.Errorf("questions matching %q after the correction: %+v, %v; want 1", words, res, err)
			}
		}

		// A document's abstract: the register's search follows.
		d := newDocument(t, db, "15-NQ/TU", "nghi-quyet", "tinh-uy", "", time.Date(2024, 3, 5, 0, 0, 0, 0, viet.Location),
			"VÒ t¨ng c\u00adêng c«ng t¸c x©y dùng §¶ng", true)
		if _, err := db.FixTexts(ctx, who, "document", d.ID, []store.TextFix{
			{Field: "abstract", Before: d.Abstract, After: "Về tăng cường công tác xây dựng Đảng"}}); err != nil {
			t.Fatal(err)
		}
		list, err := db.Documents(ctx, portal.DocumentFilter{Query: "tang cuong xay dung dang"})
		if err != nil || list.Total != 1 || list.Documents[0].Abstract != "Về tăng cường công tác xây dựng Đảng" {
			t.Errorf("documents matching after the correction: %+v, %v", list, err)
		}
	})
}

// TestTextKindsExist reads a batch of every kind, so a column or table
// that does not exist on an engine fails here rather than in the command.
func TestTextKindsExist(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for _, k := range store.TextKinds() {
			if _, err := db.Texts(ctx, k.Name, 0, 1); err != nil {
				t.Errorf("Texts(%s): %v", k.Name, err)
			}
		}
	})
}
