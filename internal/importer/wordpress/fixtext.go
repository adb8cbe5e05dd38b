package wordpress

import (
	"cong/internal/sanitize"
	"cong/internal/viet"
)

// fixText is the one place plain text read from the export passes before
// use: titles, excerpts, names, comments, captions. Old Vietnamese sites kept
// text typed in TCVN3 (ABC) or VNI fonts; a field that really is in one is
// converted to Unicode (viet.FixEncoding), any other left as it is.
func fixText(s string) string {
	out, _ := viet.FixEncoding(s)
	return out
}

// fixHTML is fixText for a body: its text is judged over the whole body and
// converted between the tags, which stay as they are.
func fixHTML(s string) string {
	out, _ := sanitize.FixEncoding(s)
	return out
}
