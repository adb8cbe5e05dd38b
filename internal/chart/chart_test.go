package chart_test

import (
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"cong/internal/chart"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// element is a parsed SVG element, enough to check structure.
type element struct {
	name     string
	attrs    map[string]string
	text     string
	children []*element
}

// parse reads svg as XML, failing the test if it is not well formed.
func parse(t *testing.T, svg string) *element {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	var stack []*element
	var root *element
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG does not parse: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &element{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, e)
			} else {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		}
	}
	return root
}

func (e *element) all(name, class string) []*element {
	var out []*element
	for _, c := range e.children {
		if c.name == name && (class == "" || c.attrs["class"] == class) {
			out = append(out, c)
		}
		out = append(out, c.all(name, class)...)
	}
	return out
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the drawing; run go test ./internal/chart -update and look at it", path)
	}
}

func TestBars(t *testing.T) {
	b := chart.Bars{ID: "ngay", Title: "Lượt truy cập & xem <30 ngày>", Desc: "Mỗi ngày hai cột.",
		Labels: []string{"29/12", "30/12", "31/12"},
		Series: []chart.Series{{Name: "Lượt truy cập", Values: []int64{120, 1500, 0}}, {Name: "Lượt xem", Values: []int64{300, 4200, -5}}}}
	svg := string(b.SVG())
	root := parse(t, svg)
	if root.name != "svg" || root.attrs["role"] != "img" || root.attrs["aria-labelledby"] != "ngay-t ngay-d" {
		t.Errorf("root = <%s %v>; want an accessible svg image", root.name, root.attrs)
	}
	if first := root.children[0]; first.name != "title" || first.text != b.Title {
		t.Errorf("first child = <%s>%q; want <title>%q", first.name, first.text, b.Title)
	}
	if bars := root.all("rect", "bar"); len(bars) != 6 {
		t.Errorf("%d bars; want 6", len(bars))
	}
	var labels []string
	for _, e := range root.all("text", "") {
		labels = append(labels, e.text)
	}
	for _, want := range []string{"29/12", "31/12", "5.000", "0", "Lượt xem"} {
		if !slices.Contains(labels, want) {
			t.Errorf("texts %q lack %q", labels, want)
		}
	}
	golden(t, "bars.svg", svg)
}

func TestBarsEmpty(t *testing.T) {
	svg := string(chart.Bars{ID: "x", Title: "Trống"}.SVG())
	if root := parse(t, svg); strings.Contains(svg, "NaN") || len(root.all("rect", "bar")) != 0 {
		t.Errorf("an empty chart draws bars or NaN:\n%s", svg)
	}
}

func TestShare(t *testing.T) {
	s := chart.Share{ID: "tb", Title: "Thiết bị", Desc: "Tỷ lệ lượt truy cập theo thiết bị.",
		Parts: []chart.Part{{"Điện thoại", 625}, {"Máy tính bảng", 0}, {"Máy tính", 375}}}
	svg := string(s.SVG())
	root := parse(t, svg)
	if parts := root.all("rect", "part"); len(parts) != 2 || parts[0].attrs["width"] != "450.0" {
		t.Errorf("parts = %d, first %v; want 2, the first 450 wide", len(parts), parts[0].attrs)
	}
	if !strings.Contains(svg, "Điện thoại 62,5%") {
		t.Errorf("no Vietnamese percentage in:\n%s", svg)
	}
	golden(t, "share.svg", svg)
}

func TestPercent(t *testing.T) {
	cases := []struct {
		part, total int64
		want        string
	}{{1, 3, "33,3%"}, {2, 3, "66,7%"}, {0, 0, "0%"}, {5, 5, "100,0%"}}
	for _, c := range cases {
		if got := chart.Percent(c.part, c.total); got != c.want {
			t.Errorf("Percent(%d, %d) = %q; want %q", c.part, c.total, got, c.want)
		}
	}
}
