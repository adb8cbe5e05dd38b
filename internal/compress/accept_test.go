package compress

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestChoose(t *testing.T) {
	const both = Gzip | Brotli
	for _, tc := range []struct {
		accept string
		offer  Coding
		want   Coding
	}{
		{"", both, Identity},
		{"gzip", both, Gzip},
		{"gzip, deflate, br, zstd", both, Brotli},
		{"gzip, deflate, br, zstd", Gzip, Gzip},
		{"gzip, br", Identity, Identity},
		{"br", Gzip, Identity},
		{"br;q=0, gzip", both, Gzip},
		{"br;q=0.5, gzip;q=0.8", both, Gzip},
		{"br;q=1.0, gzip;q=0.999", both, Brotli},
		{"gzip;q=0", both, Identity},
		{"GZIP", Gzip, Gzip},
		{"x-gzip", Gzip, Gzip},
		{"identity", both, Identity},
		{"identity, gzip;q=0.5", both, Identity},
		{"identity;q=0.5, gzip;q=0.5", Gzip, Gzip},
		{"gzip;q=0.1", Gzip, Gzip}, // identity unlisted: acceptable, least preferred
		{"*", both, Brotli},
		{"*", Gzip, Gzip},
		{"*;q=0", both, Identity}, // nothing acceptable: identity all the same
		{"*;q=0, gzip", both, Gzip},
		{"*;q=0.5, br;q=0", both, Gzip},
		{"identity;q=0, br;q=0", Brotli, Identity},
		{"deflate, zstd", both, Identity},
		{"gzip;q=2", both, Identity}, // malformed q: the item is left out
		{"gzip;q=0.1234", both, Identity},
		{"gzip;q=", both, Identity},
		{"gzip ; q=0.5 , br ; Q=0.6", both, Brotli},
		{"gzip;level=1", both, Gzip},
		{" , ,gzip", both, Gzip},
	} {
		if got := Choose(tc.accept, tc.offer); got != tc.want {
			t.Errorf("Choose(%q, %v) = %q; want %q", tc.accept, tc.offer, got.Token(), tc.want.Token())
		}
	}
}

func TestBrotliBytes(t *testing.T) {
	body := []byte(strings.Repeat("<item><title>Hội nghị Đảng bộ tỉnh</title></item>\n", 500))
	packed := BrotliBytes(body)
	got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(packed)))
	if err != nil || !bytes.Equal(got, body) {
		t.Fatalf("brotli round trip: %d bytes, %v; want %d", len(got), err, len(body))
	}
	if len(packed) >= len(body)/10 {
		t.Errorf("brotli: %d bytes from %d", len(packed), len(body))
	}
}

// TestTryBrotli: a page compressed on a request's path decodes to itself,
// twice over from the same pooled writer, and nothing is done while every
// compressor slot is taken.
func TestTryBrotli(t *testing.T) {
	body := []byte(strings.Repeat("<li><a href=\"/chinh-tri/tin\">Hội nghị Đảng bộ tỉnh</a></li>\n", 400))
	for i := range 2 {
		packed, ok := TryBrotli(body)
		if !ok {
			t.Fatalf("call %d: no slot with none taken", i)
		}
		got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(packed)))
		if err != nil || !bytes.Equal(got, body) {
			t.Fatalf("call %d: brotli round trip: %d bytes, %v; want %d", i, len(got), err, len(body))
		}
	}
	var releases []func()
	for range cap(slots) {
		releases = append(releases, hold())
	}
	if packed, ok := TryBrotli(body); ok || packed != nil {
		t.Errorf("every slot busy: TryBrotli = %d bytes, %v; want nothing, false", len(packed), ok)
	}
	for _, r := range releases {
		r()
	}
	if _, ok := TryBrotli(body); !ok {
		t.Error("slots released: TryBrotli still refused")
	}
}

func BenchmarkChoose(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Choose("gzip, deflate, br, zstd", Gzip)
	}
}
