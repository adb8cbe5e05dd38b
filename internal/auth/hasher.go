package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// params are the argon2id costs of one hash: memory in KiB, passes, lanes.
type params struct {
	memory  uint32
	time    uint32
	threads uint8
}

// current is what new hashes use: OWASP's first argon2id choice, ~35 ms and
// ~20 MB here. Raising it makes NeedsRehash true for older hashes, which are
// then re-hashed at the next good login.
var current = params{memory: 19456, time: 2, threads: 1}

const (
	saltLen = 16
	keyLen  = 32
)

// Upper bounds for parameters read back from an encoding, so that a corrupt
// row cannot make one login allocate gigabytes or spin for minutes.
const (
	maxMemory  = 256 << 10 // KiB
	maxTime    = 64
	maxThreads = 16
)

var b64 = base64.RawStdEncoding.Strict()

// errMalformed marks encodings Verify cannot read. Its messages never quote
// the encoding: they end up in logs.
var errMalformed = errors.New("auth: malformed password hash")

// Hasher hashes passwords with argon2id (m=19456 KiB, t=2, p=1, 16-byte salt,
// 32-byte key), encoded in the PHC string format
// "$argon2id$v=19$m=19456,t=2,p=1$<b64 salt>$<b64 hash>" (raw std base64
// without padding).
//
// At most concurrency hashes run at once (each costs ~20 MB and ~35 ms), so
// that a burst of logins cannot exhaust memory; others wait or give up with
// their ctx. Passwords are NFKC-normalised first (NIST 800-63B), because the
// same Vietnamese password typed on two keyboards can arrive composed or
// decomposed. Create one with NewHasher; the zero value is not usable.
type Hasher struct {
	slots chan struct{}
}

// NewHasher returns a Hasher that runs at most concurrency hashes at once;
// values below 1 mean 1.
func NewHasher(concurrency int) *Hasher {
	return &Hasher{slots: make(chan struct{}, max(concurrency, 1))}
}

// Hash returns the PHC encoding of password under a fresh random salt. It
// fails only when ctx ends before a slot is free.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, saltLen)
	rand.Read(salt)
	key, err := h.derive(ctx, current, salt, password, keyLen)
	if err != nil {
		return "", err
	}
	return encoding{current, salt, key}.String(), nil
}

// Verify reports whether password matches encoded, comparing in constant
// time. Malformed encodings return an error. Other argon2id parameters found
// in the encoding are accepted, so that the current ones can be raised later;
// NeedsRehash tells whether they differ.
func (h *Hasher) Verify(ctx context.Context, encoded, password string) (bool, error) {
	e, err := parse(encoded)
	if err != nil {
		return false, err
	}
	key, err := h.derive(ctx, e.params, e.salt, password, uint32(len(e.key)))
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(key, e.key) == 1, nil
}

// wasteSalt is any salt: Waste's result is thrown away.
var wasteSalt = make([]byte, saltLen)

// Waste spends the same time and memory as Verify of a current hash, for
// logins of unknown users, so that an unknown user and a wrong password
// cannot be told apart by timing.
func (h *Hasher) Waste(ctx context.Context, password string) {
	_, _ = h.derive(ctx, current, wasteSalt, password, keyLen)
}

// NeedsRehash reports whether encoded was made with other parameters, salt or
// key length than Hash uses now, or cannot be read at all: after a good login
// the caller stores a fresh Hash of the password.
func NeedsRehash(encoded string) bool {
	e, err := parse(encoded)
	return err != nil || e.params != current || len(e.salt) != saltLen || len(e.key) != keyLen
}

// derive runs argon2id once a slot is free. A ctx already done gives up
// before taking a slot, so an abandoned request costs nothing.
func (h *Hasher) derive(ctx context.Context, p params, salt []byte, password string, n uint32) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-h.slots }()
	pw := []byte(norm.NFKC.String(password))
	return argon2.IDKey(pw, salt, p.time, p.memory, p.threads, n), nil
}

// encoding is a parsed PHC string.
type encoding struct {
	params
	salt, key []byte
}

func (e encoding) String() string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		e.memory, e.time, e.threads, b64.EncodeToString(e.salt), b64.EncodeToString(e.key))
}

// parse reads "$argon2id$v=19$m=…,t=…,p=…$salt$key" strictly: one order of
// fields, no padding, bounded parameters and lengths.
func parse(s string) (encoding, error) {
	f := strings.Split(s, "$")
	switch {
	case len(f) != 6 || f[0] != "":
		return encoding{}, fmt.Errorf("%w: not a PHC string", errMalformed)
	case f[1] != "argon2id":
		return encoding{}, fmt.Errorf("%w: not argon2id", errMalformed)
	case f[2] != "v="+strconv.Itoa(argon2.Version):
		return encoding{}, fmt.Errorf("%w: unsupported version", errMalformed)
	}
	p, err := parseParams(f[3])
	if err != nil {
		return encoding{}, err
	}
	salt, err := decode("salt", f[4], 8, 64)
	if err != nil {
		return encoding{}, err
	}
	key, err := decode("key", f[5], 16, 64)
	if err != nil {
		return encoding{}, err
	}
	return encoding{p, salt, key}, nil
}

// parseParams reads "m=19456,t=2,p=1".
func parseParams(s string) (params, error) {
	names := [3]string{"m=", "t=", "p="}
	limits := [3]uint64{maxMemory, maxTime, maxThreads}
	var v [3]uint64
	fields := strings.Split(s, ",")
	if len(fields) != len(names) {
		return params{}, fmt.Errorf("%w: parameters", errMalformed)
	}
	for i, field := range fields {
		digits, ok := strings.CutPrefix(field, names[i])
		n, err := strconv.ParseUint(digits, 10, 32)
		if !ok || err != nil || n < 1 || n > limits[i] {
			return params{}, fmt.Errorf("%w: parameter %s", errMalformed, names[i][:1])
		}
		v[i] = n
	}
	if v[0] < 8*v[2] { // argon2 needs 8 KiB per lane
		return params{}, fmt.Errorf("%w: memory below 8 KiB per lane", errMalformed)
	}
	return params{memory: uint32(v[0]), time: uint32(v[1]), threads: uint8(v[2])}, nil
}

// decode reads one base64 field whose decoded length must lie in [lo, hi].
func decode(what, s string, lo, hi int) ([]byte, error) {
	b, err := b64.DecodeString(s)
	if err != nil || len(b) < lo || len(b) > hi {
		return nil, fmt.Errorf("%w: %s", errMalformed, what)
	}
	return b, nil
}
