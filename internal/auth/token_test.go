package auth

import (
	"regexp"
	"strings"
	"testing"
)

func TestNewToken(t *testing.T) {
	t.Parallel()
	valid := regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)
	seen := map[string]bool{}
	for range 1000 {
		tok := NewToken()
		if !valid.MatchString(tok) {
			t.Fatalf("NewToken() = %q; want 43 unpadded base64url characters", tok)
		}
		if seen[tok] {
			t.Fatalf("NewToken() = %q twice", tok)
		}
		seen[tok] = true
	}
}

func TestHashToken(t *testing.T) {
	t.Parallel()
	// echo -n abc | sha256sum
	const in, want = "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	if got := HashToken(in); got != want {
		t.Errorf("HashToken(%q) = %q; want %q", in, got, want)
	}
}

func TestNewPassword(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 1000 {
		pw := NewPassword()
		if len(pw) != 16 || strings.ContainsAny(pw, "0O1lI") || strings.Trim(pw, passwordAlphabet) != "" {
			t.Fatalf("NewPassword() = %q; want 16 characters of %q", pw, passwordAlphabet)
		}
		if seen[pw] {
			t.Fatalf("NewPassword() = %q twice", pw)
		}
		seen[pw] = true
	}
}

func TestNewRecoveryCodes(t *testing.T) {
	t.Parallel()
	valid := regexp.MustCompile(`^[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}$`)
	codes := NewRecoveryCodes(100)
	if len(codes) != 100 {
		t.Fatalf("NewRecoveryCodes(100) returned %d codes", len(codes))
	}
	seen := map[string]bool{}
	for _, c := range codes {
		if !valid.MatchString(c) {
			t.Errorf("recovery code %q; want like k7m2-x9qp-4tzr", c)
		}
		if seen[c] {
			t.Errorf("recovery code %q twice", c)
		}
		seen[c] = true
		if got := NormalizeRecoveryCode(c); got != c {
			t.Errorf("NormalizeRecoveryCode(%q) = %q; want it unchanged", c, got)
		}
	}
	if got := NewRecoveryCodes(0); len(got) != 0 {
		t.Errorf("NewRecoveryCodes(0) = %q; want none", got)
	}
}

func TestNormalizeRecoveryCode(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"canonical", "k7m2-x9qp-4tzr", "k7m2-x9qp-4tzr"},
		{"upper with spaces", "K7M2 X9QP 4TZR", "k7m2-x9qp-4tzr"},
		{"run together", "k7m2x9qp4tzr", "k7m2-x9qp-4tzr"},
		{"stray spaces", " k7m2 - x9qp -4tzr ", "k7m2-x9qp-4tzr"},
		{"wrong length kept", "K7M2-X9QP", "k7m2x9qp"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeRecoveryCode(tt.in); got != tt.want {
				t.Errorf("NormalizeRecoveryCode(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}
