package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// TOTP as RFC 6238 and every authenticator app know it: HMAC-SHA1, 30-second
// steps, 6 digits. Apps ignore other settings often enough that these are
// fixed rather than configurable.
const (
	totpPeriod      = 30
	totpDigits      = 6
	totpModulus     = 1_000_000
	totpSecretBytes = 20
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPSecret returns 20 random bytes (RFC 4226's recommended key size) as
// base32 without padding.
func NewTOTPSecret() string {
	b := make([]byte, totpSecretBytes)
	rand.Read(b)
	return b32.EncodeToString(b)
}

// TOTPCode returns the 6-digit code of secret for the 30-second step that
// holds t. It fails only for a secret that is not base32.
func TOTPCode(secret string, t time.Time) (string, error) {
	key, err := decodeSecret(secret)
	if err != nil {
		return "", err
	}
	return hotp(key, totpStep(t)), nil
}

// VerifyTOTP accepts the code for the step of t or one step either side, for
// clocks that drift and people who type slowly, and refuses a step <=
// lastStep, so that a code used once cannot be replayed. It returns the step
// that matched, for the caller to store as the next lastStep. Spaces in code
// are ignored, since apps show "123 456".
func VerifyTOTP(secret, code string, t time.Time, lastStep int64) (step int64, ok bool) {
	key, err := decodeSecret(secret)
	code = strings.ReplaceAll(code, " ", "")
	if err != nil || len(code) != totpDigits {
		return 0, false
	}
	now := totpStep(t)
	for s := now - 1; s <= now+1; s++ {
		if s > lastStep && subtle.ConstantTimeCompare([]byte(hotp(key, s)), []byte(code)) == 1 {
			return s, true
		}
	}
	return 0, false
}

// TOTPURI returns the otpauth:// URI that authenticator apps read from a QR
// code, with issuer and account URL-escaped. Spaces are escaped as %20, not
// '+', which some apps show literally.
func TOTPURI(issuer, account, secret string) string {
	return fmt.Sprintf("otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=%d&period=%d",
		uriEscape(issuer), uriEscape(account), secret, uriEscape(issuer), totpDigits, totpPeriod)
}

func uriEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// totpStep returns the number of whole periods since the Unix epoch.
func totpStep(t time.Time) int64 {
	return t.Unix() / totpPeriod
}

// hotp is RFC 4226's HOTP of counter, truncated to 6 digits.
func hotp(key []byte, counter int64) string {
	mac := hmac.New(sha1.New, key)
	mac.Write(binary.BigEndian.AppendUint64(nil, uint64(counter)))
	sum := mac.Sum(nil)
	offset := sum[len(sum)-1] & 0x0f
	n := binary.BigEndian.Uint32(sum[offset:]) & 0x7fffffff
	return fmt.Sprintf("%0*d", totpDigits, n%totpModulus)
}

// decodeSecret reads a base32 secret as people copy it: any case, with
// spaces or padding.
func decodeSecret(secret string) ([]byte, error) {
	s := strings.ToUpper(strings.ReplaceAll(secret, " ", ""))
	key, err := b32.DecodeString(strings.TrimRight(s, "="))
	if err != nil || len(key) == 0 {
		return nil, fmt.Errorf("auth: TOTP secret is not base32")
	}
	return key, nil
}
