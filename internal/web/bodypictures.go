package web

import (
	"context"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cong/internal/htmlnode"
	"cong/internal/media"
	"cong/internal/portal"
)

// webpBody gives every picture of the library in an article body that has
// WebP copies a <picture> with a WebP <source> before its <img>, so a
// browser that reads WebP (every phone's) loads those, a third or so
// lighter than the JPEG copies of the <img>'s srcset, which the rest keep.
// Bodies are stored without it (the sanitizer keeps no <picture>, and the
// editor need not know of it); it is added when a page is built, once per
// cached page, from the library's records, so every article gains it as
// soon as its pictures have WebP copies. A body with no picture of the
// library, or a portal without Library, is left as it is.
func (h *Handler) webpBody(ctx context.Context, body string) (string, error) {
	if h.svc.Library == nil || !strings.Contains(body, "<img") || !strings.Contains(body, "/media/") {
		return body, nil
	}
	nodes, err := html.ParseFragment(strings.NewReader(body), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return body, nil
	}
	var imgs []*html.Node
	for _, n := range nodes {
		if n.DataAtom == atom.Img {
			imgs = append(imgs, n)
		}
		for d := range n.Descendants() {
			if d.DataAtom == atom.Img {
				imgs = append(imgs, d)
			}
		}
	}
	changed := false
	for _, img := range imgs {
		file, ok := strings.CutPrefix(htmlnode.Attr(img, "src"), "/media/")
		if !ok || img.Parent == nil || img.Parent.DataAtom == atom.Picture {
			continue
		}
		m, err := h.svc.Library.MediaByFile(ctx, file)
		if portal.ErrorCode(err) == portal.ENOTFOUND {
			continue
		}
		if err != nil {
			return "", err
		}
		set := media.WebPSrcset(m.File, m.Width, m.WebP)
		if set == "" || htmlnode.Attr(img, "srcset") == "" {
			continue
		}
		pic := &html.Node{Type: html.ElementNode, Data: "picture", DataAtom: atom.Picture}
		src := &html.Node{Type: html.ElementNode, Data: "source", DataAtom: atom.Source, Attr: []html.Attribute{
			{Key: "type", Val: "image/webp"}, {Key: "srcset", Val: set}, {Key: "sizes", Val: htmlnode.Attr(img, "sizes")}}}
		img.Parent.InsertBefore(pic, img)
		img.Parent.RemoveChild(img)
		pic.AppendChild(src)
		pic.AppendChild(img)
		changed = true
	}
	if !changed {
		return body, nil
	}
	var b strings.Builder
	for _, n := range nodes {
		if err := html.Render(&b, n); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}
