package auth

import (
	"encoding/base32"
	"testing"
	"time"
)

// rfcSecret is RFC 6238's SHA-1 test key, "12345678901234567890", in base32.
var rfcSecret = base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString([]byte("12345678901234567890"))

func TestTOTPCodeRFC6238(t *testing.T) {
	t.Parallel()
	// RFC 6238 appendix B gives 8-digit codes; a 6-digit code is their last
	// six digits, since both are the same number modulo a power of ten.
	tests := []struct {
		unix int64
		rfc  string
	}{
		{59, "94287082"},
		{1111111109, "07081804"},
		{1111111111, "14050471"},
		{1234567890, "89005924"},
		{2000000000, "69279037"},
		{20000000000, "65353130"},
	}
	for _, tt := range tests {
		tm := time.Unix(tt.unix, 0)
		got, err := TOTPCode(rfcSecret, tm)
		if want := tt.rfc[2:]; err != nil || got != want {
			t.Errorf("TOTPCode(%q, %d) = %q, %v; want %q", rfcSecret, tt.unix, got, err, want)
		}
	}
}

func TestTOTPCodeBadSecret(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "not base32!", "1111"} {
		if code, err := TOTPCode(s, time.Unix(59, 0)); err == nil {
			t.Errorf("TOTPCode(%q) = %q, nil; want an error", s, code)
		}
	}
}

func TestVerifyTOTP(t *testing.T) {
	t.Parallel()
	now := time.Unix(1111111111, 0) // step 37037037
	const step = 37037037
	code := func(d time.Duration) string {
		c, err := TOTPCode(rfcSecret, now.Add(d))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		name     string
		secret   string
		code     string
		lastStep int64
		wantStep int64
		wantOK   bool
	}{
		{"current", rfcSecret, code(0), 0, step, true},
		{"previous step", rfcSecret, code(-30 * time.Second), 0, step - 1, true},
		{"next step", rfcSecret, code(30 * time.Second), 0, step + 1, true},
		{"two steps back", rfcSecret, code(-60 * time.Second), 0, 0, false},
		{"two steps ahead", rfcSecret, code(60 * time.Second), 0, 0, false},
		{"replay", rfcSecret, code(0), step, 0, false},
		{"older after newer", rfcSecret, code(-30 * time.Second), step, 0, false},
		{"newer after older", rfcSecret, code(30 * time.Second), step, step + 1, true},
		{"spaces", rfcSecret, code(0)[:3] + " " + code(0)[3:], 0, step, true},
		{"lower-case secret", "gezdgnbvgy3tqojqgezdgnbvgy3tqojq", code(0), 0, step, true},
		{"wrong", rfcSecret, "000000", 0, 0, false},
		{"too short", rfcSecret, code(0)[:5], 0, 0, false},
		{"empty", rfcSecret, "", 0, 0, false},
		{"bad secret", "!!", code(0), 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotStep, ok := VerifyTOTP(tt.secret, tt.code, now, tt.lastStep)
			if gotStep != tt.wantStep || ok != tt.wantOK {
				t.Errorf("VerifyTOTP(%q, %q, %d) = %d, %v; want %d, %v",
					tt.secret, tt.code, tt.lastStep, gotStep, ok, tt.wantStep, tt.wantOK)
			}
		})
	}
}

func TestNewTOTPSecret(t *testing.T) {
	t.Parallel()
	a, b := NewTOTPSecret(), NewTOTPSecret()
	if len(a) != 32 || a == b {
		t.Errorf("NewTOTPSecret() = %q, then %q; want 32 distinct base32 characters", a, b)
	}
	if _, err := TOTPCode(a, time.Now()); err != nil {
		t.Errorf("TOTPCode(NewTOTPSecret()): %v", err)
	}
}

func TestTOTPURI(t *testing.T) {
	t.Parallel()
	got := TOTPURI("Cổng TTĐT Sở Tư pháp", "lan.tt@stp.gov.vn", "JBSWY3DPEHPK3PXP")
	want := "otpauth://totp/C%E1%BB%95ng%20TT%C4%90T%20S%E1%BB%9F%20T%C6%B0%20ph%C3%A1p:lan.tt%40stp.gov.vn" +
		"?secret=JBSWY3DPEHPK3PXP&issuer=C%E1%BB%95ng%20TT%C4%90T%20S%E1%BB%9F%20T%C6%B0%20ph%C3%A1p" +
		"&algorithm=SHA1&digits=6&period=30"
	if got != want {
		t.Errorf("TOTPURI = %q; want %q", got, want)
	}
}
