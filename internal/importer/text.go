package importer

import (
	"cong/internal/sanitize"
	"cong/internal/viet"
)

// FixText is what every reader passes a field of plain text through: old
// Vietnamese sites kept text typed in TCVN3 (ABC) or VNI fonts, and a field
// that really is in one comes in as Unicode (viet.FixEncoding); any other is
// left as it is.
func FixText(s string) string {
	out, _ := viet.FixEncoding(s)
	return out
}

// FixHTML is FixText for a body: its text is judged over the whole body and
// converted between the tags, which stay as they are.
func FixHTML(s string) string {
	out, _ := sanitize.FixEncoding(s)
	return out
}
