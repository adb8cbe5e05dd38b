package admin

import (
	"context"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cong/internal/htmlnode"
	"cong/internal/media"
	"cong/internal/portal"
)

// enrichImages gives every picture of the library in an article body its
// resized copies (srcset), its size (so the page does not jump as it loads)
// and lazy loading; pictures from elsewhere are left as they are.
func (h *Handler) enrichImages(ctx context.Context, body string) string {
	if !strings.Contains(body, "/media/") {
		return body
	}
	nodes, err := html.ParseFragment(strings.NewReader(body), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return body
	}
	for _, n := range nodes {
		for img := range n.Descendants() {
			if img.DataAtom == atom.Img {
				h.enrichImage(ctx, img)
			}
		}
	}
	var b strings.Builder
	for _, n := range nodes {
		html.Render(&b, n)
	}
	return b.String()
}

func (h *Handler) enrichImage(ctx context.Context, img *html.Node) {
	file, ok := strings.CutPrefix(htmlnode.Attr(img, "src"), "/media/")
	if !ok {
		return
	}
	m, err := h.store.MediaByFile(ctx, file)
	if err != nil {
		return
	}
	media.SetPicture(img, m)
}

// checkImages refuses to publish an article whose cover is not described:
// it needs its alt text and caption in the library. (The pictures in the
// body are the domain's rule: portal.Article.ReadyToPublish.)
func (h *Handler) checkImages(ctx context.Context, a *portal.Article) error {
	if a.CoverID != 0 {
		m, err := h.store.Media(ctx, a.CoverID)
		if err != nil {
			return err
		}
		if strings.TrimSpace(m.Alt) == "" || strings.TrimSpace(m.Caption) == "" {
			return portal.Invalid("form", "Ảnh đại diện cần có chú thích và văn bản thay thế trước khi xuất bản (sửa trong thư viện ảnh).")
		}
	}
	return nil
}
