package store_test

import (
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// TestQuestionAttachmentsAreNotLibraryMedia: a citizen's attachment shares
// the media table but no list, id or file lookup of the library finds it;
// the question still has it.
func TestQuestionAttachmentsAreNotLibraryMedia(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		photo := &portal.Media{File: "2026/01/aaaaaaaaaaaaaaaa.jpg", MIME: "image/jpeg", Alt: "Hội nghị", Width: 10, Height: 10}
		if err := db.CreateMedia(ctx, storetest.Actor, photo); err != nil {
			t.Fatal(err)
		}
		topics, _ := db.Topics(ctx)
		q := &portal.Question{Name: "Phạm Thị Dung", Email: "dung@example.vn", IP: "10.3.0.1", TopicID: topics[0].ID,
			Title: "Hỏi về giấy phép", Content: "Ảnh giấy tờ đính kèm.",
			Attachment: &portal.Media{File: portal.QuestionFolder + "/2026/01/bbbbbbbbbbbbbbbb.jpg", MIME: "image/jpeg",
				Width: 10, Height: 10, Size: 100}}
		if err := db.SubmitQuestion(ctx, storetest.Actor, q, time.Minute, 5); err != nil {
			t.Fatal(err)
		}
		for _, f := range []portal.MediaFilter{{Limit: 100}, {Images: true, Limit: 100}, {Query: "bbbb", Limit: 100}} {
			list, err := db.ListMedia(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range list {
				if m.ID == q.Attachment.ID {
					t.Errorf("ListMedia(%+v) lists the citizen's attachment", f)
				}
			}
			if f.Query == "" && len(list) == 0 {
				t.Errorf("ListMedia(%+v) lost the library's own picture", f)
			}
		}
		if _, err := db.Media(ctx, q.Attachment.ID); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("Media(attachment) = %v; want ENOTFOUND", err)
		}
		if _, err := db.MediaByFile(ctx, q.Attachment.File); portal.ErrorCode(err) != portal.ENOTFOUND {
			t.Errorf("MediaByFile(attachment) = %v; want ENOTFOUND", err)
		}
		if m, err := db.Media(ctx, photo.ID); err != nil || m.File != photo.File {
			t.Errorf("Media(library picture) = %v, %v", m, err)
		}
		got, err := db.Question(ctx, q.ID)
		if err != nil || got.Attachment == nil || got.Attachment.File != q.Attachment.File {
			t.Errorf("Question(%d) attachment = %+v, %v; want the file", q.ID, got, err)
		}
	})
}
