package portal

import (
	"strings"
	"testing"
	"time"
)

func TestImagesWithoutAlt(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       int
	}{
		{"no picture", `<p>Chữ</p>`, 0},
		{"described", `<figure class="image"><img src="/media/a.jpg" alt="Toàn cảnh hội nghị"/><figcaption>Hội nghị</figcaption></figure>`, 0},
		{"no alt", `<p><img src="/media/a.jpg"/></p>`, 1},
		{"empty alt", `<img src="/media/a.jpg" alt="">`, 1},
		{"blank alt", `<img src="/media/a.jpg" alt="  ">`, 1},
		{"decorative", `<img src="/media/hoa-van.png" alt="" role="presentation"/>`, 0},
		{"decorative, any case", `<IMG SRC="/a.png" ALT="" ROLE="Presentation">`, 0},
		{"role without alt", `<img src="/a.png" role="presentation">`, 1},
		{"another role", `<img src="/a.png" alt="" role="img">`, 1},
		{"alt on another element", `<p alt="x"><img src="/a.png"></p>`, 1},
		{"mixed", `<img src="/1.png" alt="Một"><img src="/2.png"><img src="/3.png" alt=""><img src="/4.png" alt="" role="presentation">`, 2},
		{"img as text", `<p>&lt;img src="/a.png"&gt;</p>`, 0},
	} {
		if got := ImagesWithoutAlt(tc.body); got != tc.want {
			t.Errorf("%s: ImagesWithoutAlt(%q) = %d; want %d", tc.name, tc.body, got, tc.want)
		}
	}
}

// TestPublishNeedsDescribedImages: an approver may not publish an article
// with a picture left undescribed; the message says how many; a writer may
// still submit it.
func TestPublishNeedsDescribedImages(t *testing.T) {
	approver := &User{ID: 1, Name: "Duyệt", Roles: []Role{RoleApprover}}
	writer := &User{ID: 2, Name: "Viết", Roles: []Role{RoleReporter}}
	body := `<img src="/1.png"><img src="/2.png" alt=""><img src="/3.png" alt="" role="presentation">`
	a := &Article{ID: 9, OwnerID: writer.ID, CategoryID: 1, Status: StatusEdited, Body: body}
	_, err := NewTransition(approver, a, ActionPublish, "", time.Now())
	if ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), "Bài có 2 ảnh chưa có mô tả thay thế (alt)") {
		t.Errorf("publish with 2 undescribed pictures: %v; want EINVALID naming 2 pictures", err)
	}
	if e, ok := err.(*Error); !ok || e.Field != "body" {
		t.Errorf("publish refusal %#v; want it on the field body", err)
	}
	a.Body = `<img src="/1.png" alt="Cầu Sông Hậu"><img src="/3.png" alt="" role="presentation">`
	if _, err := NewTransition(approver, a, ActionPublish, "", time.Now()); err != nil {
		t.Errorf("publish with every picture described or decorative: %v", err)
	}
	draft := &Article{ID: 10, OwnerID: writer.ID, CategoryID: 1, Status: StatusDraft, Body: body}
	if _, err := NewTransition(writer, draft, ActionSubmit, "", time.Now()); err != nil {
		t.Errorf("submit with undescribed pictures: %v; want it allowed", err)
	}
}
