// Package schedule is the server's clock for the newsroom: at each minute it
// publishes the articles scheduled for then and takes down those that
// expire. It runs on every instance, but each tick holds a lock shared
// through the database, and every step re-checks the article's status, so
// exactly one instance makes each change.
package schedule

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"cong/internal/portal"
)

// Store is what the clock reads and changes.
type Store interface {
	Due(ctx context.Context, now time.Time) (publish, expire []portal.Article, err error)
	Apply(ctx context.Context, who portal.Actor, t *portal.Transition) error
}

// Locker runs fn while holding the lock name across instances.
type Locker func(ctx context.Context, name string, fn func() error) error

// Clock publishes and expires articles on time.
type Clock struct {
	Store Store
	Lock  Locker
	Now   func() time.Time
	Log   *slog.Logger

	// For the metrics: ticks, and ticks or steps that failed.
	runs, failures atomic.Uint64
}

// Counts reads how many times the clock ticked and how many ticks or steps
// failed, since start.
func (c *Clock) Counts() (runs, failures uint64) { return c.runs.Load(), c.failures.Load() }

// clockActor is who the audit log names for the clock's steps; the store
// tells the page caches of them like of any change.
var clockActor = portal.System("hẹn giờ")

// Tick makes every change due at now and reports how many.
func (c *Clock) Tick(ctx context.Context) (published, expired int, err error) {
	c.runs.Add(1)
	defer func() {
		if err != nil {
			c.failures.Add(1)
		}
	}()
	err = c.Lock(ctx, "schedule.tick", func() error {
		now := c.Now()
		publish, expire, err := c.Store.Due(ctx, now)
		if err != nil {
			return err
		}
		for i := range publish {
			if c.apply(ctx, &publish[i], portal.ActionPublish, portal.StatusPublished, "Xuất bản theo lịch hẹn", now) {
				published++
			}
		}
		for i := range expire {
			if c.apply(ctx, &expire[i], portal.ActionUnpublish, portal.StatusUnpublished, "Hết hạn đăng", now) {
				expired++
			}
		}
		return nil
	})
	return published, expired, err
}

// apply takes one step as the system; a step someone else took first is
// skipped.
func (c *Clock) apply(ctx context.Context, a *portal.Article, action portal.Action, to portal.Status, note string, now time.Time) bool {
	t := &portal.Transition{ArticleID: a.ID, ActorName: portal.SystemActor, Action: action, From: a.Status, To: to,
		Note: note, At: now, PublishAt: a.PublishedAt, ExpiresAt: a.ExpiresAt}
	err := c.Store.Apply(ctx, clockActor, t)
	if err != nil && portal.ErrorCode(err) != portal.ECONFLICT {
		c.failures.Add(1)
		c.Log.Error("scheduled step", "article", a.ID, "action", action, "err", err)
	}
	return err == nil
}

// Run ticks at once — catching up on anything missed while the server was
// down — and then at the start of every minute, until ctx ends.
func (c *Clock) Run(ctx context.Context) {
	for {
		if _, _, err := c.Tick(ctx); err != nil && ctx.Err() == nil {
			c.Log.Error("schedule tick", "err", err)
		}
		now := c.Now()
		next := now.Truncate(time.Minute).Add(time.Minute)
		select {
		case <-ctx.Done():
			return
		case <-time.After(next.Sub(now)):
		}
	}
}
