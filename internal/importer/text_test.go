package importer_test

import (
	"testing"

	"cong/internal/importer"
)

// TestFixText: fields and bodies typed in TCVN3 or VNI come in as Unicode;
// Unicode text is left as it is.
func TestFixText(t *testing.T) {
	for in, want := range map[string]string{
		"Héi nghÞ häc tËp, qu¸n triÖt": "Hội nghị học tập, quán triệt",
		"Héi nghÞ häc tËp":             "Hội nghị học tập",
		"Hoäi nghò hoïc taäp":          "Hội nghị học tập",
		"Đắk Lắk, Quảng Ngãi":          "Đắk Lắk, Quảng Ngãi",
		"Đắk Lắk":                      "Đắk Lắk",
	} {
		if got := importer.FixText(in); got != want {
			t.Errorf("FixText(%q) = %q; want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		`<p>Héi nghÞ <b>häc tËp</b></p><img alt="x" src="/a.jpg">`: `<p>Hội nghị <b>học tập</b></p><img alt="x" src="/a.jpg">`,
		`<p>Hoäi nghò <b>hoïc taäp</b></p>`:                        `<p>Hội nghị <b>học tập</b></p>`,
	} {
		if got := importer.FixHTML(in); got != want {
			t.Errorf("FixHTML(%q) = %q; want %q", in, got, want)
		}
	}
}
