package store

import (
	"context"
	"strconv"
	"time"

	"cong/internal/portal"
)

// The mail queue's bookkeeping — a claim, a mail sent, a try that failed —
// is not a change of the portal: the mail was queued, audited, with what
// it tells (SubmitContact), and these only move it along, like the
// counters' flushes. Each is one statement.

// ClaimMail takes up to limit due mails for lease: mails neither sent nor
// given up, due, and not held by another sender's live lease. The claim
// is one UPDATE; on PostgreSQL its rows are picked FOR UPDATE SKIP LOCKED,
// so senders on several instances never take the same mail and never wait
// for each other, and the lease, checked again on the row, keeps a mail
// from being sent twice while its sender lives. A sender that dies leaves
// its mails to others when the lease ends.
func (s *DB) ClaimMail(ctx context.Context, lease time.Duration, limit int) ([]portal.QueuedMail, error) {
	now := s.now()
	lock := ""
	if s.dialect.name == postgresDialect.name {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	const free = "sent_at IS NULL AND given_up_at IS NULL AND (lease_until IS NULL OR lease_until < $2)"
	return query(ctx, s.db, func(row scanner, m *portal.QueuedMail) error {
		return row.Scan(&m.ID, &m.To, &m.ReplyName, &m.ReplyEmail, &m.Subject, &m.Body, &m.Token, &m.CreatedAt, &m.Attempts)
	}, `UPDATE mail_queue SET lease_until = $1, attempts = attempts + 1
		WHERE id IN (SELECT id FROM mail_queue WHERE `+free+` AND next_at <= $2 ORDER BY next_at, id
			LIMIT `+strconv.Itoa(max(limit, 1))+lock+`) AND `+free+`
		RETURNING id, recipient, reply_name, reply_email, subject, body, token, created_at, attempts`,
		now.Add(lease), now)
}

// MailSent marks a claimed mail sent.
func (s *DB) MailSent(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, "UPDATE mail_queue SET sent_at = $1, lease_until = NULL, last_error = '' WHERE id = $2",
		s.now(), id)
	return err
}

// MailFailed makes a claimed mail due again after retryIn, or, when the
// server refused it for good, gives it up.
func (s *DB) MailFailed(ctx context.Context, id int64, retryIn time.Duration, reason string, giveUp bool) error {
	now := s.now()
	var gaveUp any
	if giveUp {
		gaveUp = now
	}
	if len(reason) > 1000 {
		reason = reason[:1000]
	}
	_, err := s.db.ExecContext(ctx, `UPDATE mail_queue SET next_at = $1, lease_until = NULL, last_error = $2,
		given_up_at = $3 WHERE id = $4`, now.Add(retryIn), reason, gaveUp, id)
	return err
}
