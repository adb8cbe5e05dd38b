package compress

import "strings"

// Coding is a content coding a response may be sent in.
type Coding uint8

// The codings offered. An offer is a set of them, such as Gzip|Brotli;
// identity is always offered.
const (
	Identity Coding = 0
	Gzip     Coding = 1
	Brotli   Coding = 2
)

// Token is the coding's name in Content-Encoding, "" for identity.
func (c Coding) Token() string {
	switch c {
	case Gzip:
		return "gzip"
	case Brotli:
		return "br"
	}
	return ""
}

// Choose returns the coding of offer that accept, a request's
// Accept-Encoding, prefers (RFC 9110, 12.5.3): the highest q-value, brotli
// before gzip before identity when they tie. A coding listed with q=0 is
// refused, "*" stands for every coding not listed, x-gzip is gzip. Without
// the header, or when nothing offered is acceptable, the answer is
// identity: a client that refuses even that gets it all the same.
func Choose(accept string, offer Coding) Coding {
	if accept == "" || offer == Identity {
		return Identity
	}
	// Listed q-values of identity, gzip and br and of "*", in thousandths;
	// -1: not listed.
	identity, gzip, br, star := -1, -1, -1, -1
	for accept != "" {
		var item string
		item, accept, _ = strings.Cut(accept, ",")
		name, params, _ := strings.Cut(item, ";")
		q, ok := qValue(params)
		if !ok {
			continue
		}
		switch name = strings.TrimSpace(name); len(name) { // the length first: most names are none of these
		case 4, 6:
			if strings.EqualFold(name, "gzip") || strings.EqualFold(name, "x-gzip") {
				gzip = max(gzip, q)
			}
		case 2:
			if strings.EqualFold(name, "br") {
				br = max(br, q)
			}
		case 8:
			if strings.EqualFold(name, "identity") {
				identity = max(identity, q)
			}
		case 1:
			if name == "*" {
				star = max(star, q)
			}
		}
	}
	// Scores: twice the q-value, so that identity, when neither it nor "*"
	// is listed, can be acceptable (1) yet below any listed coding.
	score := func(q int) int {
		if q < 0 {
			q = max(star, 0)
		}
		return 2 * q
	}
	best, bestScore := Identity, score(identity)
	if identity < 0 && star < 0 {
		bestScore = 1
	}
	if s := score(gzip); offer&Gzip != 0 && s > 0 && s >= bestScore {
		best, bestScore = Gzip, s
	}
	if s := score(br); offer&Brotli != 0 && s > 0 && s >= bestScore {
		best = Brotli
	}
	return best
}

// qValue reads the weight among a coding's parameters, in thousandths: 1000
// when there is none; ok is false when it is malformed.
func qValue(params string) (q int, ok bool) {
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		k, v, _ := strings.Cut(p, "=")
		if !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		return parseQ(strings.TrimSpace(v))
	}
	return 1000, true
}

// parseQ reads a qvalue: "0" or "1", or either with up to three decimals,
// none above 1.
func parseQ(v string) (int, bool) {
	if v == "" || v[0] != '0' && v[0] != '1' {
		return 0, false
	}
	q := int(v[0]-'0') * 1000
	if len(v) == 1 {
		return q, true
	}
	if v[1] != '.' || len(v) > 5 {
		return 0, false
	}
	scale := 100
	for _, c := range v[2:] {
		if c < '0' || c > '9' {
			return 0, false
		}
		q += int(c-'0') * scale
		scale /= 10
	}
	return q, q <= 1000
}
