package media_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cong/internal/media"
	"cong/internal/portal"
)

func TestSetPicture(t *testing.T) {
	big := &portal.Media{File: "2020/12/a.jpg", Width: 1200, Height: 800, Variants: []int{480}, Alt: "Hội nghị"}
	small := &portal.Media{File: "2020/12/b.png", Width: 300, Height: 200, Alt: "Sơ đồ"}
	for _, c := range []struct {
		name, in string
		m        *portal.Media
		want     string
	}{
		{"copies and the library's alt", `<img src="/x.jpg">`, big,
			`<img src="/media/2020/12/a.jpg" width="1200" height="800" loading="lazy" srcset="/media/2020/12/a-w480.jpg 480w, /media/2020/12/a.jpg 1200w" sizes="(min-width: 1200px) 762px, (min-width: 900px) calc(100vw - 438px), calc(100vw - 70px)" alt="Hội nghị"/>`},
		{"no copies: a stale srcset goes", `<img src="/x.png" srcset="/x-300.png 300w" sizes="100vw" alt="Của bài">`, small,
			`<img src="/media/2020/12/b.png" alt="Của bài" width="300" height="200" loading="lazy"/>`},
		{"decorative keeps its empty alt", `<img src="/x.png" alt="" role="presentation">`, small,
			`<img src="/media/2020/12/b.png" alt="" role="presentation" width="300" height="200" loading="lazy"/>`},
	} {
		nodes, err := html.ParseFragment(strings.NewReader(c.in), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
		if err != nil || len(nodes) != 1 {
			t.Fatalf("%s: %v", c.name, err)
		}
		media.SetPicture(nodes[0], c.m)
		var b strings.Builder
		html.Render(&b, nodes[0])
		if b.String() != c.want {
			t.Errorf("%s: SetPicture = %s\nwant %s", c.name, b.String(), c.want)
		}
	}
}
