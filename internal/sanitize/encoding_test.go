package sanitize

import (
	"strings"
	"testing"

	"cong/internal/viet"
)

func TestFixEncoding(t *testing.T) {
	tests := []struct {
		name, in, want string
		enc            viet.Encoding
	}{
		{"tcvn3 paragraphs", "<p>Héi nghÞ <strong>häc tËp</strong>, qu¸n triÖt</p>\n<p>Hậu Giang</p>",
			"<p>Hội nghị <strong>học tập</strong>, quán triệt</p>\n<p>Hậu Giang</p>", viet.TCVN3},
		{"vni", "<p>Hoäi nghò hoïc taäp, quaùn trieät</p>", "<p>Hội nghị học tập, quán triệt</p>", viet.VNI},
		{"attributes stay", `<p><img src="/media/h%C3%A9i.png" alt="Héi nghÞ" title="B¶o Th¾ng"> Héi nghÞ häc tËp</p>`,
			`<p><img src="/media/h%C3%A9i.png" alt="Héi nghÞ" title="B¶o Th¾ng"> Hội nghị học tập</p>`, viet.TCVN3},
		{"entities", "<p>H&eacute;i ngh&THORN; h&auml;c t&Euml;p</p>", "<p>Hội nghị học tập</p>", viet.TCVN3},
		{"escaped text", "<p>Héi nghÞ &amp; häc tËp &lt;2020&gt;</p>", "<p>Hội nghị &amp; học tập &lt;2020&gt;</p>", viet.TCVN3},
		{"script stays", "<p>Héi nghÞ häc tËp</p><script>var s = 'Héi nghÞ';</script>",
			"<p>Hội nghị học tập</p><script>var s = 'Héi nghÞ';</script>", viet.TCVN3},
		{"a paragraph opens a sentence", "<p>Qu¶ng Ng·i</p><p>¶nh h\u00adëng cña b·o</p>",
			"<p>Quảng Ngãi</p><p>Ảnh hưởng của bão</p>", viet.TCVN3},
		{"comment stays", "<!-- Héi nghÞ --><p>Héi nghÞ häc tËp</p>", "<!-- Héi nghÞ --><p>Hội nghị học tập</p>", viet.TCVN3},
		{"unicode", "<p>Hội nghị <em>Đắk Lắk</em>, Quảng Ngãi</p>", "<p>Hội nghị <em>Đắk Lắk</em>, Quảng Ngãi</p>", viet.Unicode},
		{"french", "<p>Le thé est né à Paris, où il fait très beau.</p>", "<p>Le thé est né à Paris, où il fait très beau.</p>", viet.Unicode},
		{"ascii", "<p>UBND</p>", "<p>UBND</p>", viet.Unicode},
		{"broken html", "<p>Héi nghÞ häc tËp<", "<p>Hội nghị học tập<", viet.TCVN3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc := FixEncoding(tt.in)
			if got != tt.want || enc != tt.enc {
				t.Errorf("FixEncoding(%q) = %q, %v; want %q, %v", tt.in, got, enc, tt.want, tt.enc)
			}
		})
	}
}

// FuzzFixEncoding checks that FixEncoding never panics, changes nothing
// when it reports Unicode, and never changes markup: the tags, comments and
// hidden text of its output are those of its input.
func FuzzFixEncoding(f *testing.F) {
	for _, s := range []string{"<p>Héi nghÞ <b>häc</b> tËp</p>", "<p>Hoäi nghò</p><!-- x -->", `<a title="Héi">nghÞ</a>`,
		"<script>Héi</script>Héi nghÞ", "H&eacute;i ngh&THORN;<", wordParagraph} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, e := FixEncoding(in)
		if e == viet.Unicode {
			if out != in {
				t.Errorf("FixEncoding(%q) = %q, Unicode; want it unchanged", in, out)
			}
			return
		}
		if a, b := markup(in), markup(out); a != b {
			t.Errorf("FixEncoding(%q) = %q: markup %q became %q", in, out, a, b)
		}
	})
}

// markup returns the tokens of s that are not text readers see, as written.
func markup(s string) string {
	tokens, _, _ := textParts(s)
	var b strings.Builder
	for _, tok := range tokens {
		if tok.part < 0 {
			b.WriteString(tok.raw)
			b.WriteByte(0)
		}
	}
	return b.String()
}
