package portal_test

import (
	"testing"

	"cong/internal/portal"
)

func TestPickAd(t *testing.T) {
	ads := []portal.Ad{{ID: 1, Weight: 3}, {ID: 2, Weight: 1}}
	got := map[int64]int{}
	for n := range uint64(8) {
		got[portal.PickAd(ads, n).ID]++
	}
	if got[1] != 6 || got[2] != 2 {
		t.Errorf("PickAd over 8 numbers = %v; want 6 and 2", got)
	}
	if portal.PickAd(nil, 7) != nil {
		t.Errorf("PickAd(nil) is not nil")
	}
}

func TestValidLink(t *testing.T) {
	for s, want := range map[string]bool{
		"https://chinhphu.vn": true, "http://a.vn/x?y=1": true, "javascript:alert(1)": false, "//evil.example": false,
		"https://user@evil.example": false, "ftp://a.vn": false, "https://": false, "https://a.vn/<x>": false, "": false,
	} {
		if got := portal.ValidLink(s); got != want {
			t.Errorf("ValidLink(%q) = %t; want %t", s, got, want)
		}
	}
}
