package sanitize

import "testing"

func BenchmarkBodyWord(b *testing.B) {
	in := readFile(b, "testdata/word.html")
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		Body(in)
	}
}
