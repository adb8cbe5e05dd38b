package pages

import "cong/internal/viet"

// fixText is where every piece of text read from a saved page passes on its
// way in: each field (title, category, date line, byline, source, summary,
// caption) and each text node and alt text of a body. Closed platforms
// often hold Vietnamese in legacy encodings (TCVN3, VNI) that look like
// Latin-1 garbage once read as Unicode.
//
// A field is converted only where its text really is legacy-encoded
// (viet.FixEncoding); a body is judged as a whole (fixTree).
func fixText(s string) string {
	out, _ := viet.FixEncoding(s)
	return out
}
