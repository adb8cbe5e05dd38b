package diff

import (
	"html/template"
	"testing"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		name string
		ops  []Op
		want template.HTML
	}{
		{"none", nil, ""},
		{"equal", []Op{{Equal, "Hậu Giang"}}, "Hậu Giang"},
		{
			"changed",
			[]Op{{Equal, "tỉnh "}, {Delete, "Hậu Giang"}, {Insert, "Cần Thơ"}},
			"tỉnh <del>Hậu Giang</del><ins>Cần Thơ</ins>",
		},
		{
			"script escaped everywhere",
			[]Op{{Equal, "<script>a</script>"}, {Delete, "<script>alert(1)</script>"}, {Insert, `"x" & 'y' <img onerror=z>`}},
			"&lt;script&gt;a&lt;/script&gt;<del>&lt;script&gt;alert(1)&lt;/script&gt;</del>" +
				"<ins>&#34;x&#34; &amp; &#39;y&#39; &lt;img onerror=z&gt;</ins>",
		},
		{
			"newlines",
			[]Op{{Equal, "Đoạn một.\n"}, {Insert, "Đoạn mới.\r\n"}, {Equal, "Đoạn hai."}},
			"Đoạn một.<br><ins>Đoạn mới.<br></ins>Đoạn hai.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTML(tt.ops); got != tt.want {
				t.Errorf("HTML(%q) = %q; want %q", tt.ops, got, tt.want)
			}
		})
	}
}

// TestHTMLOfWords checks the way the newsroom uses the package: markup
// typed as text in an article stays text after diffing.
func TestHTMLOfWords(t *testing.T) {
	a := Blocks("<p>Tin &lt;b&gt;mới&lt;/b&gt;</p>")
	b := Blocks("<p>Tin &lt;script&gt;alert(1)&lt;/script&gt;</p>")
	want := template.HTML("Tin &lt;<del>b&gt;mới&lt;/b</del><ins>script&gt;alert(1)&lt;/script</ins>&gt;")
	if got := HTML(Words(a, b)); got != want {
		t.Errorf("HTML(Words(%q, %q)) = %q; want %q", a, b, got, want)
	}
}
