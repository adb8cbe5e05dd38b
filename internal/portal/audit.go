package portal

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// AuditEntry is one action in the append-only audit log. Each entry carries
// the hash of the one before, so changing or removing an entry breaks the
// chain from there on; the hash is keyed (HMAC-SHA-256 with a key kept
// outside the database), so whoever holds only the database cannot forge a
// new chain over their edits.
type AuditEntry struct {
	ID      int64
	At      time.Time // UTC
	ActorID int64
	Actor   string // username, or what was typed at a failed login
	IP      string
	Action  string // e.g. "login", "login.failed", "article.create", "article.publish"
	Object  string // e.g. "article:42", "user:7"
	Result  string // "ok", "denied", "failed", "locked"
	Detail  string
	// SiteID is the site whose view made the change (Site); the store as a
	// whole writes as the main site.
	SiteID   int64
	PrevHash string
	Hash     string
}

// ComputeHash returns the keyed hash of e's fields chained to PrevHash.
func (e *AuditEntry) ComputeHash(key []byte) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(e.fields()))
	return hex.EncodeToString(mac.Sum(nil))
}

// LegacyHash is the unkeyed hash entries had before the chain was keyed; a
// chain may begin with such entries, never continue with them.
func (e *AuditEntry) LegacyHash() string {
	sum := sha256.Sum256([]byte(e.fields()))
	return hex.EncodeToString(sum[:])
}

// fields are what the hash covers. The site is among them when it is not
// the main one, so that entries made before sites existed verify as they
// were.
func (e *AuditEntry) fields() string {
	f := []string{e.PrevHash, e.At.UTC().Format(time.RFC3339Nano), strconv.FormatInt(e.ActorID, 10),
		e.Actor, e.IP, e.Action, e.Object, e.Result, e.Detail}
	if e.SiteID != 0 && e.SiteID != MainSite {
		f = append(f, "site:"+strconv.FormatInt(e.SiteID, 10))
	}
	return strings.Join(f, "\x1f")
}

// ActionName is the Vietnamese name of an audit action, for the audit page;
// an action with no name of its own is named after its kind.
func (e *AuditEntry) ActionName() string {
	if n := AuditActionNames[e.Action]; n != "" {
		return n
	}
	kind, verb, _ := strings.Cut(e.Action, ".")
	if n := AuditActionNames[kind+".*"]; n != "" && verb != "" {
		return n + " (" + verb + ")"
	}
	return e.Action
}

// ResultName is the Vietnamese name of an entry's result.
func (e *AuditEntry) ResultName() string {
	if n := AuditResultNames[e.Result]; n != "" {
		return n
	}
	return e.Result
}

// AuditResultNames name the results of audited actions.
var AuditResultNames = map[string]string{
	"ok": "Thành công", "denied": "Bị từ chối", "failed": "Không thành công", "locked": "Bị khóa",
}

// AuditFilter selects audit entries, newest first.
type AuditFilter struct {
	Actor  string
	Action string // a prefix: "login" matches "login.failed"
	Object string
	Site   int64 // entries of this site only; 0: every site's
	Before int64 // entries with a smaller id: the next page
	Limit  int
}

// AuditCheck is the outcome of walking the audit chain.
type AuditCheck struct {
	Entries int64       // entries read
	Broken  *AuditEntry // the first entry whose hash or link does not match; nil when intact
	Reason  string      // why Broken is broken, in Vietnamese
}

// AuditService keeps the audit log. Entries are written only by the store's
// write path, together with the change they record.
type AuditService interface {
	AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
	// VerifyAudit walks the whole chain from its first entry.
	VerifyAudit(ctx context.Context) (*AuditCheck, error)
	// Refused records an attempt that was refused, and nothing else.
	Refused(ctx context.Context, who Actor, action, object, reason string) error
}
