package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// testSalt and testKey are well-formed fields for hand-written encodings: 16 and 32
// bytes of base64.
const testSalt, testKey = "MDEyMzQ1Njc4OWFiY2RlZg", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

func TestHashVerify(t *testing.T) {
	t.Parallel()
	h := NewHasher(2)
	ctx := context.Background()
	const pw = "nắng vàng trên sông Hậu"
	enc, err := h.Hash(ctx, pw)
	if err != nil {
		t.Fatalf("Hash: %v", err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("Hash(%q) = %q; want the current PHC prefix", pw, enc)
	}
	tests := []struct {
		name, password string
		want           bool
	}{
		{"same", pw, true},
		{"decomposed input", "na\u0306\u0301ng va\u0300ng tre\u0302n so\u0302ng Ha\u0302\u0323u", true},
		{"wrong", "nắng vàng trên sông Hau", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := h.Verify(ctx, enc, tt.password)
			if err != nil || got != tt.want {
				t.Errorf("Verify(%q) = %v, %v; want %v, nil", tt.password, got, err, tt.want)
			}
		})
	}
}

func TestHashSalted(t *testing.T) {
	t.Parallel()
	h := NewHasher(1)
	a, _ := h.Hash(context.Background(), "một mật khẩu")
	b, _ := h.Hash(context.Background(), "một mật khẩu")
	if a == b {
		t.Errorf("two hashes of one password are equal: %q", a)
	}
}

// TestVerifyOtherParams checks that hashes made with older or newer
// parameters still verify, and are flagged for rehashing.
func TestVerifyOtherParams(t *testing.T) {
	t.Parallel()
	h := NewHasher(1)
	old := encodeWith(t, params{memory: 4096, time: 3, threads: 2}, "matkhau-cu-2019")
	ok, err := h.Verify(context.Background(), old, "matkhau-cu-2019")
	if err != nil || !ok {
		t.Errorf("Verify(%q) = %v, %v; want true, nil", old, ok, err)
	}
	if !NeedsRehash(old) {
		t.Errorf("NeedsRehash(%q) = false; want true", old)
	}
}

// encodeWith hashes password with p, as an older version of Cổng would have.
func encodeWith(t *testing.T, p params, password string) string {
	t.Helper()
	salt := []byte("0123456789abcdef")
	key, err := NewHasher(1).derive(context.Background(), p, salt, password, keyLen)
	if err != nil {
		t.Fatal(err)
	}
	return encoding{p, salt, key}.String()
}

func TestNeedsRehash(t *testing.T) {
	t.Parallel()
	cur, err := NewHasher(1).Hash(context.Background(), "mật khẩu hiện tại")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, encoded string
		want          bool
	}{
		{"current", cur, false},
		{"same params, other salt", "$argon2id$v=19$m=19456,t=2,p=1$" + testSalt + "$" + testKey, false},
		{"less memory", "$argon2id$v=19$m=4096,t=2,p=1$" + testSalt + "$" + testKey, true},
		{"more passes", "$argon2id$v=19$m=19456,t=3,p=1$" + testSalt + "$" + testKey, true},
		{"more lanes", "$argon2id$v=19$m=19456,t=2,p=4$" + testSalt + "$" + testKey, true},
		{"short salt", "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc$" + testKey, true},
		{"malformed", "bcrypt", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NeedsRehash(tt.encoded); got != tt.want {
				t.Errorf("NeedsRehash(%q) = %v; want %v", tt.encoded, got, tt.want)
			}
		})
	}
}

func TestVerifyMalformed(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, encoded string }{
		{"empty", ""},
		{"plain text", "matkhau123"},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"argon2i", "$argon2i$v=19$m=19456,t=2,p=1$" + testSalt + "$" + testKey},
		{"old version", "$argon2id$v=16$m=19456,t=2,p=1$" + testSalt + "$" + testKey},
		{"no version", "$argon2id$m=19456,t=2,p=1$" + testSalt + "$" + testKey},
		{"params out of order", "$argon2id$v=19$t=2,m=19456,p=1$" + testSalt + "$" + testKey},
		{"missing param", "$argon2id$v=19$m=19456,t=2$" + testSalt + "$" + testKey},
		{"extra param", "$argon2id$v=19$m=19456,t=2,p=1,k=1$" + testSalt + "$" + testKey},
		{"zero passes", "$argon2id$v=19$m=19456,t=0,p=1$" + testSalt + "$" + testKey},
		{"negative memory", "$argon2id$v=19$m=-1,t=2,p=1$" + testSalt + "$" + testKey},
		{"huge memory", "$argon2id$v=19$m=4194304,t=2,p=1$" + testSalt + "$" + testKey},
		{"memory below lanes", "$argon2id$v=19$m=8,t=1,p=2$" + testSalt + "$" + testKey},
		{"salt padded", "$argon2id$v=19$m=19456,t=2,p=1$" + testSalt + "==$" + testKey},
		{"salt not base64", "$argon2id$v=19$m=19456,t=2,p=1$!!!!$" + testKey},
		{"salt too short", "$argon2id$v=19$m=19456,t=2,p=1$MDEy$" + testKey},
		{"key empty", "$argon2id$v=19$m=19456,t=2,p=1$" + testSalt + "$"},
		{"key too short", "$argon2id$v=19$m=19456,t=2,p=1$" + testSalt + "$AAAA"},
		{"trailing field", "$argon2id$v=19$m=19456,t=2,p=1$" + testSalt + "$" + testKey + "$"},
		{"leading text", "x$argon2id$v=19$m=19456,t=2,p=1$" + testSalt + "$" + testKey},
	}
	h := NewHasher(1)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := h.Verify(context.Background(), tt.encoded, "matkhau123")
			if ok || !errors.Is(err, errMalformed) {
				t.Errorf("Verify(%q) = %v, %v; want false, %v", tt.encoded, ok, err, errMalformed)
			}
			if err != nil && strings.Contains(err.Error(), testSalt) {
				t.Errorf("Verify(%q) error %q quotes the encoding", tt.encoded, err)
			}
		})
	}
}

func TestWaste(t *testing.T) {
	t.Parallel()
	h := NewHasher(1)
	h.Waste(context.Background(), "ai đó không tồn tại")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	h.Waste(ctx, "đã huỷ")
	if len(h.slots) != 0 {
		t.Errorf("Waste left %d slots taken; want 0", len(h.slots))
	}
}

// TestConcurrencyLimit holds the only slot itself, so the outcome does not
// depend on scheduling: with no slot free, a cancelled ctx is the only way out.
func TestConcurrencyLimit(t *testing.T) {
	t.Parallel()
	h := NewHasher(1)
	h.slots <- struct{}{} // another hash is running

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Hash(ctx, "matkhau-dai-hon"); !errors.Is(err, context.Canceled) {
		t.Errorf("Hash with a full Hasher and cancelled ctx: err = %v; want %v", err, context.Canceled)
	}
	if ok, err := h.Verify(ctx, "$argon2id$v=19$m=19456,t=2,p=1$"+testSalt+"$"+testKey, "x"); ok || !errors.Is(err, context.Canceled) {
		t.Errorf("Verify with a full Hasher and cancelled ctx = %v, %v; want false, %v", ok, err, context.Canceled)
	}

	done := make(chan error)
	go func() {
		_, err := h.Hash(context.Background(), "matkhau-dai-hon")
		done <- err
	}()
	<-h.slots // the other hash ends; the waiting one may now run
	if err := <-done; err != nil {
		t.Errorf("Hash after the slot was freed: %v", err)
	}
}

func TestNewHasherMinimum(t *testing.T) {
	t.Parallel()
	for _, n := range []int{-1, 0, 1} {
		if got := cap(NewHasher(n).slots); got != 1 {
			t.Errorf("cap(NewHasher(%d).slots) = %d; want 1", n, got)
		}
	}
}

func BenchmarkHash(b *testing.B) {
	h := NewHasher(1)
	ctx := context.Background()
	for b.Loop() {
		if _, err := h.Hash(ctx, "nắng vàng trên sông Hậu"); err != nil {
			b.Fatal(err)
		}
	}
}
