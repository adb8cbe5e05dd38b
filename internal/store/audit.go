package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
)

// AuditKeySize is the size of the audit chain's key, in bytes.
const AuditKeySize = 32

// LoadAuditKey reads the audit chain's key from path (hex), creating the file
// with a new random key, readable by its owner only, when it does not exist.
// The key must not live in the database: it is what stops whoever holds only
// the database from re-chaining an edited log.
func LoadAuditKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		key := make([]byte, AuditKeySize)
		rand.Read(key)
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, fmt.Errorf("audit key: %w", err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			return LoadAuditKey(path) // another instance made it first
		}
		if err != nil {
			return nil, fmt.Errorf("audit key: %w", err)
		}
		_, err = f.WriteString(hex.EncodeToString(key) + "\n")
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("audit key %s: %w", path, err)
		}
		return key, nil
	}
	if err != nil {
		return nil, fmt.Errorf("audit key: %w", err)
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) < 16 {
		return nil, fmt.Errorf("audit key %s: not a hex key of at least 16 bytes", path)
	}
	return key, nil
}

// SetAuditKey sets the key of the audit chain. Every instance sharing a
// database needs the same key.
func (s *DB) SetAuditKey(key []byte) { s.auditKey = append([]byte(nil), key...) }

// appendAudit appends e to the chain inside tx. The chain needs one writer
// at a time: SQLite's write lock gives that, and on PostgreSQL an advisory
// lock for the transaction.
func (s *DB) appendAudit(ctx context.Context, tx *sql.Tx, e *portal.AuditEntry) error {
	if len(s.auditKey) == 0 {
		return errNoAuditKey
	}
	if err := s.dialect.serialize(ctx, tx); err != nil {
		return err
	}
	e.At = s.now()
	err := tx.QueryRowContext(ctx, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&e.PrevHash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	e.Hash = e.ComputeHash(s.auditKey)
	return tx.QueryRowContext(ctx, `INSERT INTO audit_log (at, actor_id, actor, ip, action, object, result, detail,
		prev_hash, hash, site_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		e.At, e.ActorID, e.Actor, e.IP, e.Action, e.Object, e.Result, e.Detail, e.PrevHash, e.Hash, e.SiteID).Scan(&e.ID)
}

// SealAudit keys a chain that still ends in entries made before the chain
// was keyed: it appends a keyed entry over the last one, so those entries
// cannot be edited either without breaking it. It does nothing to a chain
// that is empty or already keyed.
func (s *DB) SealAudit(ctx context.Context) error {
	var last portal.AuditEntry
	err := scanAudit(s.db.QueryRowContext(ctx, "SELECT "+auditColumns+" FROM audit_log ORDER BY id DESC LIMIT 1"), &last)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	last.At = last.At.UTC()
	if last.Hash == last.ComputeHash(s.auditKey) {
		return nil
	}
	return s.write(ctx, portal.System(""), &change{action: "audit.seal", object: "audit:" + strconv.FormatInt(last.ID, 10),
		detail: "chuỗi nhật ký bắt đầu được ký bằng khóa"}, nil)
}

const auditColumns = "id, at, actor_id, actor, ip, action, object, result, detail, prev_hash, hash, site_id"

func scanAudit(row scanner, e *portal.AuditEntry) error {
	return row.Scan(&e.ID, &e.At, &e.ActorID, &e.Actor, &e.IP, &e.Action, &e.Object, &e.Result, &e.Detail,
		&e.PrevHash, &e.Hash, &e.SiteID)
}

// AuditLog lists entries newest first.
func (s *DB) AuditLog(ctx context.Context, f portal.AuditFilter) ([]portal.AuditEntry, error) {
	var conds []string
	var args []any
	add := func(cond string, vals ...any) {
		for _, v := range vals {
			args = append(args, v)
			cond = strings.Replace(cond, "?", "$"+strconv.Itoa(len(args)), 1)
		}
		conds = append(conds, cond)
	}
	if f.Actor != "" {
		add("actor = ?", f.Actor)
	}
	if f.Action != "" {
		add("(action = ? OR action LIKE ?)", f.Action, f.Action+".%")
	}
	if f.Object != "" {
		add("object = ?", f.Object)
	}
	if f.Site != 0 {
		add("site_id = ?", f.Site)
	}
	if f.Before > 0 {
		add("id < ?", f.Before)
	}
	q := "SELECT " + auditColumns + " FROM audit_log"
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	return query(ctx, s.db, scanAudit, q+" ORDER BY id DESC LIMIT "+strconv.Itoa(limit), args...)
}

// VerifyAudit walks the whole chain. Each entry must point at the hash of
// the one before and carry the keyed hash of its fields. Entries made before
// the chain was keyed may begin it, with their unkeyed hash, but once a keyed
// entry has come every later one must be keyed, and so must the last: an
// unkeyed tail is what a forger without the key would leave.
func (s *DB) VerifyAudit(ctx context.Context) (*portal.AuditCheck, error) {
	return s.WalkAudit(ctx, nil)
}

// WalkAudit is VerifyAudit telling progress, when not nil, of every 10 000
// entries read, for the command line.
func (s *DB) WalkAudit(ctx context.Context, progress func(entries int64)) (*portal.AuditCheck, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+auditColumns+" FROM audit_log ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	check := &portal.AuditCheck{}
	prev, keyed := "", false
	var last portal.AuditEntry
	for rows.Next() {
		var e portal.AuditEntry
		if err := scanAudit(rows, &e); err != nil {
			return nil, err
		}
		check.Entries++
		if progress != nil && check.Entries%10_000 == 0 {
			progress(check.Entries)
		}
		e.At = e.At.In(time.UTC)
		switch {
		case e.PrevHash != prev:
			check.Broken, check.Reason = &e, "không nối tiếp mục trước (mục trước đã bị sửa, xóa hoặc chèn thêm)"
		case e.Hash == e.ComputeHash(s.auditKey):
			keyed = true
		case !keyed && e.Hash == e.LegacyHash():
		default:
			check.Broken, check.Reason = &e, "nội dung không khớp chữ ký (mục đã bị sửa)"
		}
		if check.Broken != nil {
			return check, nil
		}
		prev, last = e.Hash, e
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if check.Entries > 0 && !keyed {
		check.Broken, check.Reason = &last, "chuỗi chưa được ký bằng khóa của máy chủ này (khóa khác, hoặc nhật ký bị dựng lại)"
	}
	return check, nil
}
