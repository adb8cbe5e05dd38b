package demo

import (
	"os"
	"testing"
)

func TestZZPreview(t *testing.T) {
	b, err := conferenceHallPNG()
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/hall.png", b, 0o644)
	t.Logf("size %d", len(b))
}

func TestZZBanners(t *testing.T) {
	for _, b := range banners {
		os.WriteFile("/tmp/"+b.file[len("lien-ket/"):], b.svg(), 0o644)
	}
}

func TestZZMap(t *testing.T) {
	os.WriteFile("/tmp/map.svg", mapSVG(), 0o644)
}
