package viet

import (
	"math"
	"strconv"
	"strings"
)

// Decimal formats f with at most digits decimals, as Vietnamese writes
// numbers: '.' between thousands and ',' before the decimals, trailing zeros
// dropped. 1621.7 becomes "1.621,7", 100.0 "100".
func Decimal(f float64, digits int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) >= 1e15 {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	s := strconv.FormatFloat(math.Abs(f), 'f', digits, 64)
	whole, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseInt(whole, 10, 64)
	out := Number(n)
	if frac = strings.TrimRight(frac, "0"); frac != "" {
		out += "," + frac
	}
	if f < 0 && strings.Trim(out, "0,") != "" {
		out = "-" + out
	}
	return out
}
