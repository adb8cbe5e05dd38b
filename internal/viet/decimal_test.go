package viet

import "testing"

func TestDecimal(t *testing.T) {
	for _, c := range []struct {
		f      float64
		digits int
		want   string
	}{
		{1621.7, 1, "1.621,7"}, {100, 2, "100"}, {118.676, 2, "118,68"}, {0.04, 1, "0"}, {-1234.5, 1, "-1.234,5"},
		{733017, 0, "733.017"},
	} {
		if got := Decimal(c.f, c.digits); got != c.want {
			t.Errorf("Decimal(%v, %d) = %q; want %q", c.f, c.digits, got, c.want)
		}
	}
}
