package portal

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// ImagesWithoutAlt counts the pictures of an article body that tell a
// reader who cannot see them nothing: an <img> whose alt text is missing or
// blank, unless the writer marked it decorative — alt="" together with
// role="presentation", what the editor's "Ảnh trang trí" box writes and the
// sanitizer keeps.
func ImagesWithoutAlt(body string) int {
	n := 0
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.StartTagToken, html.SelfClosingTagToken:
			if name, hasAttr := z.TagName(); string(name) == "img" && !described(z, hasAttr) {
				n++
			}
		}
	}
}

// described reads the attributes of the img the tokenizer is on and
// reports whether it has alt text or is marked decorative.
func described(z *html.Tokenizer, more bool) bool {
	alt, hasAlt, role := "", false, ""
	for more {
		var key, val []byte
		key, val, more = z.TagAttr()
		switch string(key) {
		case "alt":
			alt, hasAlt = strings.TrimSpace(string(val)), true
		case "role":
			role = strings.ToLower(strings.TrimSpace(string(val)))
		}
	}
	return alt != "" || hasAlt && role == "presentation"
}

// ReadyToPublish checks what an article needs before readers see it that a
// draft may still lack: every picture in its body described, or marked
// decorative.
func (a *Article) ReadyToPublish() error {
	switch n := ImagesWithoutAlt(a.Body); {
	case n == 1:
		return Invalid("body", "Bài có 1 ảnh chưa có mô tả thay thế (alt), nên chưa xuất bản được. "+
			"Xin mở ảnh bằng nút “Chèn/sửa ảnh”, điền mô tả — hoặc đánh dấu “Ảnh trang trí” nếu ảnh không mang thông tin.")
	case n > 1:
		return Invalid("body", fmt.Sprintf("Bài có %d ảnh chưa có mô tả thay thế (alt), nên chưa xuất bản được. "+
			"Xin mở từng ảnh bằng nút “Chèn/sửa ảnh”, điền mô tả — hoặc đánh dấu “Ảnh trang trí” nếu ảnh không mang thông tin.", n))
	}
	return nil
}
