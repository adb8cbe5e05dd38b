package viet

import "strconv"

// Number formats n with '.' between groups of three digits, as Vietnamese
// writes them: 1234567 becomes "1.234.567" (a ',' would read as a decimal
// point).
func Number(n int64) string {
	u := uint64(n)
	if n < 0 {
		u = -u // two's complement: also right for math.MinInt64
	}
	digits := strconv.FormatUint(u, 10)
	b := make([]byte, 0, len(digits)+len(digits)/3+1)
	if n < 0 {
		b = append(b, '-')
	}
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b = append(b, '.')
		}
		b = append(b, digits[i])
	}
	return string(b)
}
