package portal

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// AuditEntry is one staff action in the append-only audit log. Each entry
// carries the hash of the one before, so changing or removing an entry
// breaks the chain from there on.
type AuditEntry struct {
	ID       int64
	At       time.Time // UTC
	ActorID  int64
	Actor    string // username, or what was typed at a failed login
	IP       string
	Action   string // e.g. "login", "login.failed", "article.create", "article.publish"
	Object   string // e.g. "article:42", "user:7"
	Result   string // "ok", "denied", "failed", "locked"
	Detail   string
	PrevHash string
	Hash     string
}

// ComputeHash returns the hash of e's fields chained to PrevHash.
func (e *AuditEntry) ComputeHash() string {
	fields := []string{e.PrevHash, e.At.UTC().Format(time.RFC3339Nano), strconv.FormatInt(e.ActorID, 10),
		e.Actor, e.IP, e.Action, e.Object, e.Result, e.Detail}
	sum := sha256.Sum256([]byte(strings.Join(fields, "\x1f")))
	return hex.EncodeToString(sum[:])
}

// AuditFilter selects audit entries, newest first.
type AuditFilter struct {
	Actor  string
	Action string // a prefix: "login" matches "login.failed"
	Object string
	Before int64 // entries with a smaller id: the next page
	Limit  int
}

// AuditService keeps the audit log.
type AuditService interface {
	// Audit appends e, setting its id, time, and hashes.
	Audit(ctx context.Context, e *AuditEntry) error
	AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
	// VerifyAudit walks the chain and returns the id of the first entry
	// whose hash does not match, or 0 when the log is intact.
	VerifyAudit(ctx context.Context) (int64, error)
}
