package mail

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"time"

	"cong/internal/portal"
)

// Worker sends the mails of the queue: every Poll it claims the due ones
// for a lease, sends each, and reports it sent, due again after a delay
// that doubles with each try (Backoff), or given up when the server
// refused it for good. Every instance may run one: the queue hands each
// mail to one sender at a time.
type Worker struct {
	Queue portal.MailQueue
	// Send delivers one mail; (*Config).Send in production.
	Send func(ctx context.Context, m portal.QueuedMail) error
	Log  *slog.Logger
	// Poll is how often the queue is read; 0: every 5 seconds.
	Poll time.Duration
	// Lease is how long a claimed mail is held from other senders; it
	// must outlast sending a batch. 0: 5 minutes.
	Lease time.Duration
	// Batch is how many mails one claim takes; 0: 20.
	Batch int
	// Backoff is the delay before try n+1 after try n failed; nil:
	// 30 s·2^(n-1), at most an hour, ±10 %.
	Backoff func(n int) time.Duration
}

// Run sends until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	t := time.NewTicker(cmp.Or(w.Poll, 5*time.Second))
	defer t.Stop()
	for {
		w.RunOnce(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunOnce claims the mails due now and sends them, batch after batch until
// none is due; it returns how many were sent and how many failed.
func (w *Worker) RunOnce(ctx context.Context) (sent, failed int) {
	for ctx.Err() == nil {
		batch := w.Batch
		if batch <= 0 {
			batch = 20
		}
		mails, err := w.Queue.ClaimMail(ctx, cmp.Or(w.Lease, 5*time.Minute), batch)
		if err != nil {
			if ctx.Err() == nil {
				w.Log.Warn("mail queue not read", "err", err)
			}
			return sent, failed
		}
		if len(mails) == 0 {
			return sent, failed
		}
		for _, m := range mails {
			if w.deliver(ctx, m) {
				sent++
			} else {
				failed++
			}
		}
		if failed > 0 { // the server is likely down: wait for the next poll
			return sent, failed
		}
	}
	return sent, failed
}

// deliver sends m and records how it went; it reports whether m was sent.
func (w *Worker) deliver(ctx context.Context, m portal.QueuedMail) bool {
	err := w.Send(ctx, m)
	// Record even while stopping: a mail sent must be marked sent.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err == nil {
		if err := w.Queue.MailSent(rctx, m.ID); err != nil {
			w.Log.Error("mail sent but not marked sent: it may be sent again", "mail", m.ID, "err", err)
		}
		return true
	}
	var perm *PermanentError
	giveUp := errors.As(err, &perm)
	delay := w.backoff(m.Attempts)
	w.Log.Warn("mail not sent", "mail", m.ID, "to", m.To, "attempt", m.Attempts, "given_up", giveUp, "retry_in", delay, "err", err)
	if err := w.Queue.MailFailed(rctx, m.ID, delay, err.Error(), giveUp); err != nil {
		w.Log.Warn("mail failure not recorded; tried again when its lease ends", "mail", m.ID, "err", err)
	}
	return false
}

func (w *Worker) backoff(n int) time.Duration {
	if w.Backoff != nil {
		return w.Backoff(n)
	}
	d := time.Hour
	if n < 8 {
		d = min(30*time.Second<<max(n-1, 0), time.Hour)
	}
	return d + time.Duration((rand.Float64()-0.5)*0.2*float64(d))
}
