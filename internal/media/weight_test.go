package media_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"cong/internal/media"
	"cong/internal/portal"
)

func TestPhoneWeight(t *testing.T) {
	// A photo of 2 000 pixels with every variant and WebP copies, a chart
	// kept as PNG (copies, no WebP), and a small GIF with no copies at all.
	photo := &portal.Media{File: "2026/11/p.jpg", MIME: "image/jpeg", Width: 2000, Size: 900_000, Caption: "Hội nghị",
		Variants: []int{320, 360, 640, 1024, 1600}, WebP: []int{320, 360, 640, 1024, 1600}}
	chart := &portal.Media{File: "2026/11/c.png", MIME: "image/png", Width: 800, Size: 200_000, Alt: "Biểu đồ",
		Variants: []int{320, 360, 640}}
	narrow := &portal.Media{File: "2026/11/n.jpg", MIME: "image/jpeg", Width: 500, Size: 40_000,
		Variants: []int{320, 360}}
	gif := &portal.Media{File: "2026/11/g.gif", MIME: "image/gif", Width: 200, Size: 30_000}
	pdf := &portal.Media{File: "van-ban/2026/11/d.pdf", MIME: "application/pdf", Size: 500_000}
	library := map[string]*portal.Media{}
	for _, m := range []*portal.Media{photo, chart, narrow, gif, pdf} {
		library[m.File] = m
	}
	stored := map[string]int64{
		"2026/11/p-w640.jpg": 70_000, "2026/11/p-w640.webp": 45_000, "2026/11/p.jpg": 900_000,
		"2026/11/c-w640.png": 120_000, "2026/11/n.jpg": 40_000, "2026/11/g.gif": 30_000,
	}
	size := func(f string) (int64, bool) { n, ok := stored[f]; return n, ok }
	img := func(src string) string { return `<p><img src="` + src + `" alt=""></p>` }
	for _, c := range []struct {
		name  string
		cover *portal.Media
		body  string
		want  media.PageWeight
	}{
		{"nothing", nil, "<p>Chữ</p>", media.PageWeight{}},
		{"the cover: its WebP copy at 640 (290 × 2 = 580 needed)", photo, "",
			media.PageWeight{Bytes: 45_000, Pictures: []media.PictureWeight{
				{Name: "Hội nghị", File: "2026/11/p-w640.webp", Width: 640, Bytes: 45_000, Cover: true}}}},
		{"in the body the same photo loads its WebP copy too", nil, img("/media/2026/11/p.jpg"),
			media.PageWeight{Bytes: 45_000, Pictures: []media.PictureWeight{
				{Name: "Hội nghị", File: "2026/11/p-w640.webp", Width: 640, Bytes: 45_000}}}},
		{"a stale srcset in the body changes nothing", nil,
			`<img src="/media/2026/11/p.jpg" srcset="/media/2026/11/p-w320.jpg 320w" sizes="100vw">`,
			media.PageWeight{Bytes: 45_000, Pictures: []media.PictureWeight{
				{Name: "Hội nghị", File: "2026/11/p-w640.webp", Width: 640, Bytes: 45_000}}}},
		{"narrower than needed: the widest, the picture itself", nil, img("/media/2026/11/n.jpg"),
			media.PageWeight{Bytes: 40_000, Pictures: []media.PictureWeight{
				{Name: "n.jpg", File: "2026/11/n.jpg", Width: 500, Bytes: 40_000}}}},
		{"no copies: the file", nil, img("/media/2026/11/g.gif"),
			media.PageWeight{Bytes: 30_000, Pictures: []media.PictureWeight{
				{Name: "g.gif", File: "2026/11/g.gif", Width: 200, Bytes: 30_000}}}},
		{"heaviest first; a picture twice counts once", photo,
			img("/media/2026/11/g.gif") + img("/media/2026/11/c.png") + img("/media/2026/11/g.gif"),
			media.PageWeight{Bytes: 195_000, Pictures: []media.PictureWeight{
				{Name: "Biểu đồ", File: "2026/11/c-w640.png", Width: 640, Bytes: 120_000},
				{Name: "Hội nghị", File: "2026/11/p-w640.webp", Width: 640, Bytes: 45_000, Cover: true},
				{Name: "g.gif", File: "2026/11/g.gif", Width: 200, Bytes: 30_000}}}},
		{"outside the library: listed, not guessed", nil,
			img("https://bao.example.vn/anh.jpg") + img("/media/2026/11/khong-co.jpg") + img("/media/2026/11/g.gif"),
			media.PageWeight{Bytes: 30_000, Pictures: []media.PictureWeight{
				{Name: "g.gif", File: "2026/11/g.gif", Width: 200, Bytes: 30_000}},
				Unknown: []string{"https://bao.example.vn/anh.jpg", "/media/2026/11/khong-co.jpg"}}},
		{"a copy that cannot be measured is unknown", nil,
			img("/media/2026/11/n.jpg") + img("/media/2026/11/p.jpg"),
			media.PageWeight{Bytes: 40_000, Pictures: []media.PictureWeight{
				{Name: "n.jpg", File: "2026/11/n.jpg", Width: 500, Bytes: 40_000}},
				Unknown: []string{"/media/2026/11/p.jpg"}}},
		{"a document as cover weighs nothing", pdf, "", media.PageWeight{}},
		{"a document as a body's picture is unknown", nil, img("/media/van-ban/2026/11/d.pdf"),
			media.PageWeight{Unknown: []string{"/media/van-ban/2026/11/d.pdf"}}},
	} {
		size := size
		if strings.Contains(c.name, "cannot be measured") {
			size = func(f string) (int64, bool) { n, ok := stored[f]; return n, ok && f != "2026/11/p-w640.webp" }
		}
		got := media.PhoneWeight(c.cover, c.body, library, size)
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s: PhoneWeight (-want +got):\n%s", c.name, diff)
		}
	}
}

// The phone's column is the last entry of ColumnSizes; PhoneWeight's
// arithmetic follows it.
func TestPhoneColumn(t *testing.T) {
	if !strings.HasSuffix(media.ColumnSizes, "calc(100vw - 70px)") {
		t.Errorf("ColumnSizes = %q: update phoneColumn in weight.go", media.ColumnSizes)
	}
}

func TestBodyPictures(t *testing.T) {
	got := media.BodyPictures(`<img src="/a.jpg"><p>x <IMG SRC="/b.png"> <img alt="không địa chỉ"></p><figure><img src="https://x.vn/c.gif"></figure>`)
	want := []string{"/a.jpg", "/b.png", "https://x.vn/c.gif"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("BodyPictures (-want +got):\n%s", diff)
	}
}

func TestSizeCache(t *testing.T) {
	dir := media.Dir(t.TempDir())
	if err := dir.Create(t.Context(), "2026/11/a.jpg", strings.NewReader("12345")); err != nil {
		t.Fatal(err)
	}
	c := &media.SizeCache{Store: dir}
	if n, ok := c.Size("2026/11/a.jpg"); !ok || n != 5 {
		t.Errorf("Size = %d, %v; want 5, true", n, ok)
	}
	if _, ok := c.Size("2026/11/b.jpg"); ok {
		t.Error("Size of a missing file reports ok")
	}
}
