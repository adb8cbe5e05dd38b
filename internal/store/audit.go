package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
)

// Audit appends an entry to the audit log, chained to the last one. The
// chain needs one writer at a time: SQLite's write lock gives that, and on
// PostgreSQL an advisory lock for the transaction.
func (s *DB) Audit(ctx context.Context, e *portal.AuditEntry) error {
	e.At = s.now()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.dialect.serialize(ctx, tx); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").Scan(&e.PrevHash)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		e.Hash = e.ComputeHash()
		return tx.QueryRowContext(ctx, `INSERT INTO audit_log (at, actor_id, actor, ip, action, object, result, detail,
			prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			e.At, e.ActorID, e.Actor, e.IP, e.Action, e.Object, e.Result, e.Detail, e.PrevHash, e.Hash).Scan(&e.ID)
	})
}

const auditColumns = "id, at, actor_id, actor, ip, action, object, result, detail, prev_hash, hash"

func scanAudit(row scanner, e *portal.AuditEntry) error {
	return row.Scan(&e.ID, &e.At, &e.ActorID, &e.Actor, &e.IP, &e.Action, &e.Object, &e.Result, &e.Detail,
		&e.PrevHash, &e.Hash)
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

// VerifyAudit walks the whole chain and returns the id of the first broken
// entry, or 0.
func (s *DB) VerifyAudit(ctx context.Context) (int64, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+auditColumns+" FROM audit_log ORDER BY id")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	prev := ""
	for rows.Next() {
		var e portal.AuditEntry
		if err := scanAudit(rows, &e); err != nil {
			return 0, err
		}
		e.At = e.At.In(time.UTC)
		if e.PrevHash != prev || e.ComputeHash() != e.Hash {
			return e.ID, nil
		}
		prev = e.Hash
	}
	return 0, rows.Err()
}
