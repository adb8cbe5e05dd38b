package viet

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// initials are the consonants a Vietnamese syllable may start with, longest
// first so that "ngh" is tried before "ng" and "n"; "" is a syllable
// starting with its vowel. "gi" is tried both as an initial ("già") and as
// "g" before the vowel i ("gì").
var initials = []string{"ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
	"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""}

// rhymes are the rhymes (vần) of Quốc ngữ without their tone: the vowel
// with its glide and its final consonant or semivowel; the rhymes in k of
// place names in the Central Highlands (Đắk Lắk, Krông Búk) last.
var rhymes = set(strings.Fields(`
	a ac ach ai am an ang anh ao ap at au ay
	ă ăc ăm ăn ăng ăp ăt
	â âc âm ân âng âp ât âu ây
	e ec em en eng eo ep et
	ê êch êm ên ênh êp êt êu
	i ia ich im in inh ip it iu
	iêc iêm iên iêng iêp iêt iêu
	yêm yên yêt yêu
	o oc oi om on ong op ot ooc oong
	oa oac oach oai oam oan oang oanh oao oap oat oay
	oăc oăm oăn oăng oăt
	oe oen oeo oet
	ô ôc ôi ôm ôn ông ôp ôt
	ơ ơi ơm ơn ơp ơt
	u uc ui um un ung up ut
	ua uân uâng uât uây uê uêch uênh uơ
	uôc uôi uôm uôn uông uôt
	uy uya uych uyn uynh uyp uyt uyu uyên uyêt
	ư ưa ưc ưi ưm ưn ưng ưt ưu
	ươc ươi ươm ươn ương ươp ươt ươu
	y
	ak ăk âk ek êk ok ôk ơk uk ưk`)...)

// quRhymes are rhymes found only after "qu", whose u is the glide: "quýnh",
// "quých", "quýt".
var quRhymes = set("ynh", "ych", "yt", "yn")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// syllable reports whether w is spelled as one Vietnamese syllable: an
// initial that may stand before its vowel (k, gh, ngh before i, e, ê; c, g,
// ng not), a rhyme of the language, at most one tone mark, on a vowel that
// may carry it (old and new placement alike: "hoà" and "hòa"), and only sắc
// or nặng on a rhyme ending in p, t, c, ch or k. Case is ignored; w may be
// NFC or NFD. It judges spelling, not meaning: "ngoằn" passes, "nghoa" and
// "teỏ" do not.
func syllable(w string) bool {
	return spelled(w, true)
}

// nearSyllable is syllable with the tone's rules left out: the letters of a
// syllable, whatever its tone and where it sits ("ôc", "teỏ"). A word that
// is one is not taken for a code, as it may be a rhyme in a list or a typo.
func nearSyllable(w string) bool {
	return spelled(w, false)
}

// spelled is syllable, with or without the rules of the tone.
func spelled(w string, tones bool) bool {
	base, tone, at, ok := splitTone(w)
	if !ok {
		return false
	}
	for _, in := range initials {
		rest, found := strings.CutPrefix(base, in)
		if !found || rest == "" || !rhymeFits(in, rest) {
			continue
		}
		if !tones {
			return true
		}
		if stopped(rest) && tone != sac && tone != nang {
			continue
		}
		if tone == "" || tonePlaced([]rune(rest), at-utf8.RuneCountInString(in)) {
			return true
		}
	}
	return false
}

// splitTone returns w in lower case without its tone mark, the mark ("" for
// none) and the index of the letter carrying it; ok is false when w holds
// anything but Vietnamese letters and marks, or more than one tone.
func splitTone(w string) (base, tone string, at int, ok bool) {
	var b strings.Builder
	letters := 0
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		switch {
		case 'a' <= r && r <= 'z', r == 'đ':
			b.WriteRune(r)
			letters++
		case r == '\u0302', r == '\u0306', r == '\u031B':
			b.WriteRune(r)
		case r == '\u0300', r == '\u0301', r == '\u0303', r == '\u0309', r == '\u0323':
			if tone != "" || letters == 0 {
				return "", "", 0, false
			}
			tone, at = string(r), letters-1
		default:
			return "", "", 0, false
		}
	}
	return norm.NFC.String(b.String()), tone, at, true
}

// tonePlaced reports whether the tone may sit on the vowel at index at of
// rhyme: on the vowel with a mark of its own (the last one, for ươ); else
// on the last vowel before a final consonant; else on the middle one of
// three, or the first of two ("mái", "của"), or either of oa, oe, uy.
func tonePlaced(rhyme []rune, at int) bool {
	vowels, marked := 0, -1
	for _, r := range rhyme {
		if !strings.ContainsRune("aăâeêioôơuưy", r) {
			break
		}
		if strings.ContainsRune("ăâêôơư", r) {
			marked = vowels
		}
		vowels++
	}
	switch {
	case at < 0 || at >= vowels:
		return false
	case marked >= 0:
		return at == marked
	case vowels < len(rhyme):
		return at == vowels-1
	case vowels == 3:
		return at == 1
	case vowels == 2 && strings.Contains("oa oe uy", string(rhyme)):
		return true
	}
	return at == 0
}

// rhymeFits reports whether rhyme is a rhyme that may follow the initial in.
func rhymeFits(in, rhyme string) bool {
	if !rhymes[rhyme] && !(in == "qu" && quRhymes[rhyme]) {
		return false
	}
	first, _ := firstRune(rhyme)
	front := strings.ContainsRune("ieêy", first) // the vowels k, gh, ngh go before
	switch in {
	case "k":
		if !front {
			return false
		}
	case "gh", "ngh":
		if !front || first == 'y' {
			return false
		}
	case "c", "ng":
		if front {
			return false
		}
	case "g":
		if first == 'e' || first == 'ê' || first == 'y' {
			return false
		}
	case "gi":
		if first == 'i' || first == 'y' {
			return false
		}
	case "qu":
		if strings.ContainsRune("uưo", first) {
			return false
		}
	case "":
		if strings.HasPrefix(rhyme, "iê") {
			return false // spelled "yê" at the start of a syllable
		}
	}
	if strings.HasPrefix(rhyme, "yê") && in != "" && in != "qu" {
		return false // "iê" after a consonant
	}
	return true
}

// stopped reports whether rhyme ends in a stop (p, t, c, ch, k), which only
// the sắc and nặng tones may carry.
func stopped(rhyme string) bool {
	switch rhyme[len(rhyme)-1] {
	case 'p', 't', 'c', 'k':
		return true
	}
	return strings.HasSuffix(rhyme, "ch")
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

// casePattern reports whether w is written in one of the cases a word of
// running text takes: all lower case, a capital then lower case, or all
// capitals.
func casePattern(w string) bool {
	upper, lower, firstUpper := 0, 0, false
	for i, r := range w {
		switch {
		case unicode.IsUpper(r):
			upper++
			firstUpper = firstUpper || i == 0
		case unicode.IsLower(r):
			lower++
		}
	}
	return upper == 0 || lower == 0 || (upper == 1 && firstUpper)
}
