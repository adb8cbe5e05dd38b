package htmlnode

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

func TestAttrs(t *testing.T) {
	n := &html.Node{Type: html.ElementNode, Data: "img", Attr: []html.Attribute{{Key: "src", Val: "a.jpg"}, {Key: "alt", Val: ""}}}
	if got := Attr(n, "src"); got != "a.jpg" {
		t.Errorf("Attr(src) = %q", got)
	}
	if got := Attr(n, "sizes"); got != "" {
		t.Errorf("Attr(sizes) = %q, want empty", got)
	}
	SetAttr(n, "alt", "Hội nghị")
	SetAttr(n, "sizes", "100vw")
	RemoveAttr(n, "src")
	RemoveAttr(n, "srcset") // absent: nothing happens
	want := []html.Attribute{{Key: "alt", Val: "Hội nghị"}, {Key: "sizes", Val: "100vw"}}
	if diff := cmp.Diff(want, n.Attr); diff != "" {
		t.Errorf("attributes (-want +got):\n%s", diff)
	}
}
