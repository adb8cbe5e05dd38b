package auth

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"cong/internal/portal"
	"cong/internal/viet"
)

// Length bounds in characters (runes), after NFKC normalisation, so that
// "mậtkhẩu" counts 7 whether typed composed or decomposed. The upper bound
// only keeps hashing input sane; NIST asks for at least 64.
const (
	minPasswordLen = 8
	maxPasswordLen = 128
)

// minRelatedLen is the shortest username or name (folded, letters and digits
// only) looked for inside a password: shorter ones, like the given name "An",
// would refuse half the dictionary.
const minRelatedLen = 3

// Messages of CheckNewPassword, shown next to the password field.
const (
	msgTooShort = "Mật khẩu phải có ít nhất 8 ký tự."
	msgTooLong  = "Mật khẩu không được dài quá 128 ký tự."
	msgCommon   = "Mật khẩu này quá phổ biến, dễ bị đoán. Xin chọn mật khẩu khác."
	msgRelated  = "Mật khẩu không được chứa tên đăng nhập hoặc họ tên của bạn."
)

// commonPasswordsFile is one lower-case password a line, after a '#' header
// naming its source. Entries shorter than 8 characters were dropped when the
// file was made: the length rule refuses them before the list is consulted.
//
//go:embed common-passwords.txt
var commonPasswordsFile string

// commonPasswords is built on first use, so programs that never check a
// password (the public site) do not pay for the map.
var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, strings.Count(commonPasswordsFile, "\n"))
	for line := range strings.Lines(commonPasswordsFile) {
		line = strings.TrimRight(line, "\r\n")
		if line != "" && !strings.HasPrefix(line, "#") {
			set[line] = struct{}{}
		}
	}
	return set
})

// CheckNewPassword applies the password policy (NIST 800-63B style): at least
// 8 characters (runes), at most 128; no composition rules; refused when it is
// a common password (case-insensitive) or equals or contains a username or
// name given in related (ignoring case, tone marks, spaces and punctuation,
// so "NguyenVanAn@1990" is refused for "Nguyễn Văn An"). Errors are
// *portal.Error EINVALID on field "password" with Vietnamese messages.
func CheckNewPassword(password string, related ...string) error {
	password = norm.NFKC.String(password)
	n := utf8.RuneCountInString(password)
	switch {
	case n < minPasswordLen:
		return portal.Invalid("password", msgTooShort)
	case n > maxPasswordLen:
		return portal.Invalid("password", msgTooLong)
	case IsCommon(password):
		return portal.Invalid("password", msgCommon)
	case containsRelated(password, related):
		return portal.Invalid("password", msgRelated)
	}
	return nil
}

// IsCommon reports whether password is on the embedded common-password list
// (case-insensitive). The list holds only passwords of 8 or more characters.
func IsCommon(password string) bool {
	_, ok := commonPasswords()[strings.ToLower(norm.NFKC.String(password))]
	return ok
}

// containsRelated reports whether password contains one of related, both
// reduced to folded letters and digits.
func containsRelated(password string, related []string) bool {
	p := skeleton(password)
	for _, r := range related {
		s := skeleton(r)
		if s == "" {
			continue
		}
		if s == p || utf8.RuneCountInString(s) >= minRelatedLen && strings.Contains(p, s) {
			return true
		}
	}
	return false
}

// skeleton folds s (no case, tone marks or đ) and keeps only letters and
// digits, the part of a name people build passwords from.
func skeleton(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, viet.Fold(s))
}
