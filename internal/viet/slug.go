package viet

import "strings"

// SlugMaxLen is the longest slug Slug returns, in bytes. Seed titles run to
// about 120 bytes; longer URLs get cut by mail clients and chat apps.
const SlugMaxLen = 120

// Slug returns a URL path segment for s: folded, only [a-z0-9] kept, every
// other run of characters turned into a single '-', no '-' at either end,
// at most SlugMaxLen bytes, cut between words when possible.
// "Hội nghị học tập, quán triệt" becomes "hoi-nghi-hoc-tap-quan-triet".
// It returns "" when s has no letter or digit; callers choose a fallback.
func Slug(s string) string {
	f := Fold(s)
	b := make([]byte, 0, len(f))
	dash := false
	for i := 0; i < len(f); i++ {
		c := f[i]
		if ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') {
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			b = append(b, c)
			dash = false
			continue
		}
		dash = true
	}
	return cutSlug(string(b), SlugMaxLen)
}

// cutSlug shortens slug to at most max bytes, at the last '-' that keeps
// whole words, or mid-word when the first word alone is too long.
func cutSlug(slug string, max int) string {
	if len(slug) <= max {
		return slug
	}
	if slug[max] == '-' {
		return slug[:max]
	}
	cut := slug[:max]
	if i := strings.LastIndexByte(cut, '-'); i > 0 {
		return cut[:i]
	}
	return cut
}
