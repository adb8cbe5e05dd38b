package wordpress

// fixText is the one place text read from the export passes before use:
// titles, bodies, excerpts, names, comments. Old Vietnamese sites kept text
// typed in TCVN3 (ABC) or VNI fonts; once the converter of legacy encodings
// is merged, this is where it is called (one line), e.g.
//
//	s, _ = viet.FixLegacy(s)
//
// Until then it returns s as it is.
func fixText(s string) string {
	return s
}
