package pages

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestLegacyText: a body typed in TCVN3 is converted as a whole, a short
// piece with the rest; a Unicode body is left as it is.
func TestLegacyText(t *testing.T) {
	for in, want := range map[string]string{
		`<p>Héi nghÞ <b>häc</b> tËp, qu¸n triÖt</p><img alt="toµn c¶nh héi nghÞ">`: `<p>Hội nghị <b>học</b> tập, quán triệt</p><img alt="toàn cảnh hội nghị"/>`,
		`<p>Hội nghị <b>Đắk Lắk</b></p>`:                                           `<p>Hội nghị <b>Đắk Lắk</b></p>`,
	} {
		root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		nodes, _ := html.ParseFragment(strings.NewReader(in), root)
		for _, n := range nodes {
			root.AppendChild(n)
		}
		fixTree(root)
		var b strings.Builder
		for c := root.FirstChild; c != nil; c = c.NextSibling {
			html.Render(&b, c)
		}
		if b.String() != want {
			t.Errorf("fixTree(%s) = %s; want %s", in, b.String(), want)
		}
	}
}
