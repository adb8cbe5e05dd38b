package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// Alphabets without the characters people misread when copying from a
// screen or paper: 0/O/o, 1/l/I (and, for lower-case codes, i).
const (
	passwordAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz"
	recoveryAlphabet = "23456789abcdefghjkmnpqrstuvwxyz"
)

const (
	tokenBytes     = 32
	passwordLen    = 16
	recoveryGroups = 3
	recoveryGroup  = 4
)

// NewToken returns 32 random bytes (crypto/rand) as unpadded base64url: for
// session ids and other bearer tokens.
func NewToken() string {
	b := make([]byte, tokenBytes)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken returns the hex SHA-256 of token: what the database stores
// instead of the token itself, so a leaked table opens no session. A fast
// hash suffices because tokens, unlike passwords, are random.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewPassword returns a random one-time password of 16 characters from an
// unambiguous alphabet (no 0/O/1/l/I), for `cong user add` without
// --password.
func NewPassword() string {
	return randomString(passwordAlphabet, passwordLen)
}

// NewRecoveryCodes returns n distinct codes like "k7m2-x9qp-4tzr" (about 59
// bits each, unambiguous alphabet). Store HashToken of each; codes are
// already in the form NormalizeRecoveryCode gives.
func NewRecoveryCodes(n int) []string {
	codes := make([]string, 0, n)
	seen := make(map[string]bool, n)
	for len(codes) < n {
		c := formatRecoveryCode(randomString(recoveryAlphabet, recoveryGroups*recoveryGroup))
		if !seen[c] {
			seen[c] = true
			codes = append(codes, c)
		}
	}
	return codes
}

// NormalizeRecoveryCode lower-cases s and strips spaces and hyphens, then
// puts the hyphens back where NewRecoveryCodes has them, so "K7M2 X9QP 4TZR"
// and "k7m2x9qp4tzr" both match "k7m2-x9qp-4tzr".
func NormalizeRecoveryCode(s string) string {
	s = strings.ToLower(strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, s))
	if len(s) != recoveryGroups*recoveryGroup {
		return s
	}
	return formatRecoveryCode(s)
}

// formatRecoveryCode puts a hyphen between groups of s.
func formatRecoveryCode(s string) string {
	groups := make([]string, 0, recoveryGroups)
	for i := 0; i < len(s); i += recoveryGroup {
		groups = append(groups, s[i:min(i+recoveryGroup, len(s))])
	}
	return strings.Join(groups, "-")
}

// randomString returns n characters drawn uniformly from alphabet (ASCII, at
// most 256 characters). Bytes that would bias the draw are rejected rather
// than reduced modulo the alphabet size.
func randomString(alphabet string, n int) string {
	limit := 256 - 256%len(alphabet)
	out := make([]byte, 0, n)
	buf := make([]byte, 2*n)
	for len(out) < n {
		rand.Read(buf)
		for _, b := range buf {
			if int(b) < limit && len(out) < n {
				out = append(out, alphabet[int(b)%len(alphabet)])
			}
		}
	}
	return string(out)
}
