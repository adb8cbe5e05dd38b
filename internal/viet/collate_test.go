package viet_test

import (
	"slices"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"cong/internal/viet"
)

func TestSortByNameVietnamese(t *testing.T) {
	want := []string{"An", "Ăn", "Ấp", "Ba", "Bà", "Bả", "Bạ", "Cà Mau", "Dĩ An", "Đà Lạt", "Đà Nẵng", "Em", "Êm",
		"Ô Môn", "Ơn", "Phường 2", "Phường 10", "Ung", "Ưng"}
	for _, shuffled := range [][]string{slices.Clone(want), reversed(want), {"Ưng", "Đà Nẵng", "Ấp", "An", "Ô Môn",
		"Dĩ An", "Phường 10", "Bạ", "Ba", "Ăn", "Em", "Bả", "Đà Lạt", "Ơn", "Cà Mau", "Êm", "Bà", "Ung", "Phường 2"}} {
		got := slices.Clone(shuffled)
		viet.SortByName(got, func(s *string) string { return *s })
		if !slices.Equal(got, want) {
			t.Errorf("SortByName(%q) = %q; want %q", shuffled, got, want)
		}
	}
}

func TestCompare(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"Dĩ An", "Đà Nẵng", -1},
		{"Đà Nẵng", "Dĩ An", 1},
		{"Ấp", "Ăn", 1},
		{"An", "Ăn", -1},
		{"Ba", "Ấp", 1},
		{"Hòa", "Hòa", 0},
		{norm.NFD.String("Đà Nẵng"), "Đà Nẵng", 0},
	} {
		if got := viet.Compare(tc.a, tc.b); got != tc.want {
			t.Errorf("Compare(%q, %q) = %d; want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestCompareConcurrent runs comparisons at once, for the race detector:
// collators are not safe for concurrent use and must never be shared.
func TestCompareConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				if viet.Compare("Dĩ An", "Đà Nẵng") != -1 {
					t.Error("Compare(Dĩ An, Đà Nẵng) != -1")
					return
				}
			}
		})
	}
	wg.Wait()
}

func reversed(s []string) []string {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}
