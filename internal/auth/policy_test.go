package auth

import (
	"errors"
	"strings"
	"testing"

	"cong/internal/portal"
)

func TestCheckNewPassword(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		password string
		related  []string
		want     string // message; "" for accepted
	}{
		{"empty", "", nil, msgTooShort},
		{"short", "k7#pq", nil, msgTooShort},
		{"7 Vietnamese runes", "mậtkhẩu", nil, msgTooShort},
		{"7 runes decomposed", "ma\u0302\u0323tkha\u0302\u0309u", nil, msgTooShort},
		{"8 exactly", "q7#vZ!m2", nil, ""},
		{"8 Vietnamese runes", "mậtkhẩuX", nil, ""},
		{"128", strings.Repeat("gió", 42) + "hạ", nil, ""},
		{"129", strings.Repeat("gió", 43), nil, msgTooLong},
		{"common", "password123", nil, msgCommon},
		{"common upper case", "PASSWORD123", nil, msgCommon},
		{"common Vietnamese", "anhyeuem", nil, msgCommon},
		{"common digits", "123456789", nil, msgCommon},
		{"equals username", "biencap.vp", []string{"biencap.vp"}, msgRelated},
		{"contains username", "xyz-tranthilan-2025", []string{"tranthilan"}, msgRelated},
		{"contains username other case", "XyzTranThiLan2025", []string{"tranthilan"}, msgRelated},
		{"contains name unaccented", "NguyenVanAn@1990", []string{"an.nv", "Nguyễn Văn An"}, msgRelated},
		{"contains name accented", "nguyễn văn an sinh 1990", []string{"Nguyễn Văn An"}, msgRelated},
		{"short name ignored", "hanoi mùa thu", []string{"An"}, ""},
		{"empty related ignored", "!!!!!!!!!", []string{"", "  "}, ""},
		{"passphrase", "nắng vàng trên sông Hậu", []string{"lan.tt", "Trần Thị Lan"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckNewPassword(tt.password, tt.related...)
			if got := message(t, err); got != tt.want {
				t.Errorf("CheckNewPassword(%q, %q) = %q; want %q", tt.password, tt.related, got, tt.want)
			}
		})
	}
}

// message returns the message of err, checking that it is the EINVALID
// *portal.Error on "password" the forms expect.
func message(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var e *portal.Error
	if !errors.As(err, &e) || e.Code != portal.EINVALID || e.Field != "password" {
		t.Fatalf("error %v is not EINVALID on field password", err)
	}
	return e.Message
}

func TestIsCommon(t *testing.T) {
	t.Parallel()
	tests := []struct {
		password string
		want     bool
	}{
		{"password123", true},
		{"Password123", true},
		{"qwertyuiop", true},
		{"matkhau123", true},
		{"vietnam123", true},
		{"nắng vàng trên sông Hậu", false},
		{"", false},
		{"# From npm", false},
	}
	for _, tt := range tests {
		if got := IsCommon(tt.password); got != tt.want {
			t.Errorf("IsCommon(%q) = %v; want %v", tt.password, got, tt.want)
		}
	}
}

// TestCommonPasswordsFile guards the file's promises: big enough, and only
// lower-case entries of 8+ characters, sorted and without duplicates.
func TestCommonPasswordsFile(t *testing.T) {
	t.Parallel()
	if n := len(commonPasswords()); n < 10_000 {
		t.Errorf("common passwords: %d entries; want at least 10000", n)
	}
	prev := ""
	for line := range strings.Lines(commonPasswordsFile) {
		line = strings.TrimSuffix(line, "\n")
		if strings.HasPrefix(line, "#") {
			continue
		}
		if len(line) < minPasswordLen || line != strings.ToLower(line) || line <= prev {
			t.Errorf("common password %q after %q: want lower case, 8+ characters, sorted, unique", line, prev)
		}
		prev = line
	}
}

func BenchmarkCheckNewPassword(b *testing.B) {
	commonPasswords()
	for b.Loop() {
		_ = CheckNewPassword("nắng vàng trên sông Hậu", "lan.tt", "Trần Thị Lan")
	}
}
