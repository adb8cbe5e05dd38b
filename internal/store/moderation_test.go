package store_test

import (
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

func TestModerateManyAndEdit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cat := newCategory(t, db, "Chính trị", "chinh-tri", 0)
		a := newArticle(t, db, cat.ID, "Tin có ý kiến", portal.StatusPublished, time.Now().Add(-time.Hour))
		var ids []int64
		for i, body := range []string{"Ý kiến thứ nhất", "Ý kiến thứ hai", "Ý kiến thứ ba"} {
			c := &portal.Comment{ArticleID: a.ID, Name: "Bạn đọc", Email: "b@doc.vn", IP: "10.0.0." + string(rune('1'+i)), Body: body}
			if err := db.CreateComment(ctx, storetest.Actor, c); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
		}
		if _, err := db.ModerateMany(ctx, storetest.Actor, []int64{ids[0], 999999}, portal.CommentApproved, time.Now()); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Fatalf("bulk with a missing id: err = %v; want ENOTFOUND", err)
		}
		if list, _ := db.ApprovedComments(ctx, a.ID); len(list) != 0 {
			t.Fatalf("a failed bulk action approved %d comments; want none", len(list))
		}
		if _, err := db.ModerateMany(ctx, storetest.Actor, nil, portal.CommentApproved, time.Now()); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("bulk with no ids: err = %v; want EINVALID", err)
		}
		moved, err := db.ModerateMany(ctx, storetest.Actor, []int64{ids[0], ids[1], ids[0]}, portal.CommentApproved, time.Now())
		if err != nil || len(moved) != 2 {
			t.Fatalf("ModerateMany = %d, %v; want 2 moved", len(moved), err)
		}
		counts, _ := db.CommentCounts(ctx)
		if counts[portal.CommentApproved] != 2 || counts[portal.CommentPending] != 1 {
			t.Errorf("counts = %v", counts)
		}

		if _, _, err := db.EditComment(ctx, storetest.Actor, ids[0], "  ", time.Now()); portal.ErrorCode(err) != portal.EINVALID {
			t.Errorf("empty edit: err = %v; want EINVALID", err)
		}
		c, before, err := db.EditComment(ctx, storetest.Actor, ids[0], "Ý kiến thứ nhất, đã sửa", time.Now())
		if err != nil || before != "Ý kiến thứ nhất" || c.Body != "Ý kiến thứ nhất, đã sửa" {
			t.Fatalf("EditComment = %+v, %q, %v", c, before, err)
		}
		if _, _, err := db.EditComment(ctx, storetest.Actor, ids[0], "Ý kiến thứ nhất, sửa lần hai", time.Now()); err != nil {
			t.Fatal(err)
		}
		list, _ := db.ApprovedComments(ctx, a.ID)
		if len(list) != 2 || !list[0].Edited || list[0].Body != "Ý kiến thứ nhất, sửa lần hai" || list[1].Edited {
			t.Fatalf("approved = %+v; want the first marked edited with its new text", list)
		}
		queue, _ := db.Comments(ctx, portal.CommentApproved, 10)
		for _, q := range queue {
			if q.ID == ids[0] && q.OriginalBody != "Ý kiến thứ nhất" {
				t.Errorf("original = %q; want the reader's first words", q.OriginalBody)
			}
		}
	})
}
