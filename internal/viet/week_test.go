package viet

import "testing"

func TestParseWeek(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // dd/mm/yyyy of the Monday; "" for an error
	}{
		{"2026-W01", "29/12/2025"},
		{"2026-W07", "09/02/2026"},
		{"2026-W53", "28/12/2026"},
		{"2025-W53", ""},
		{"2020-W53", "28/12/2020"},
		{"2026-W00", ""},
		{"2026-7", ""},
		{"2026-W7x", ""},
		{"abcd-W07", ""},
	} {
		got, err := ParseWeek(tc.in)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("ParseWeek(%q) = %v; want an error", tc.in, got)
		case tc.want != "" && (err != nil || Date(got) != tc.want || WeekName(got) != tc.in):
			t.Errorf("ParseWeek(%q) = %v, %v; want Monday %s", tc.in, got, err, tc.want)
		}
	}
}
