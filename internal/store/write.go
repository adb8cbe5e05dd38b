package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"cong/internal/portal"
)

// change is what a writer tells the write path about the change it makes:
// the audit entry's action, object and detail, and whether readers may see
// the change. Writers fill object and detail inside their transaction when
// they learn them there (a new row's id, the text before an edit).
type change struct {
	action string // e.g. "article.publish"; its Vietnamese name is in portal.AuditActionNames
	object string // e.g. "article:42"
	detail string
	result string // "" is "ok"
	public bool   // readers may see it: raise the content version
	// objects, when set, are several objects one action changed together
	// (a bulk moderation): an entry each, so each object's history is whole.
	objects []string
	// none is set by a writer that found nothing to change: nothing is
	// recorded and the caches are not told.
	none bool
}

// write is the one path every change to the portal takes. In one
// transaction it runs fn, which applies the change, appends the change's
// entry to the keyed audit chain and, when readers may see the change,
// raises the content version that every instance watches; after the commit
// it tells this instance's caches. If any part fails nothing is written: a
// change that could not be audited did not happen.
func (s *DB) write(ctx context.Context, who portal.Actor, c *change, fn func(tx *sql.Tx) error) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if fn != nil {
			if err := fn(tx); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, who, c)
	})
	if err == nil && c.public && !c.none {
		s.changed(c)
	}
	return err
}

// record appends c's audit entry and raises the content version when c is
// public, inside tx.
func (s *DB) record(ctx context.Context, tx *sql.Tx, who portal.Actor, c *change) error {
	if c.none {
		return nil
	}
	result := c.result
	if result == "" {
		result = "ok"
	}
	objects := c.objects
	if len(objects) == 0 {
		objects = []string{c.object}
	}
	for _, o := range objects {
		e := &portal.AuditEntry{ActorID: who.ID, Actor: who.Name, IP: who.IP, Action: c.action, Object: o,
			Result: result, Detail: c.detail, SiteID: s.siteID()}
		if err := s.appendAudit(ctx, tx, e); err != nil {
			return fmt.Errorf("audit %s: %w", c.action, err)
		}
	}
	if c.public {
		return bumpContentVersion(ctx, tx)
	}
	return nil
}

// Refused records an action that was refused (a right not held, a second
// factor mistyped): an audit entry and nothing else.
func (s *DB) Refused(ctx context.Context, who portal.Actor, action, object, reason string) error {
	return s.write(ctx, who, &change{action: action, object: object, detail: reason, result: "denied"}, nil)
}

// OnChange registers fn to be called after every committed change readers
// may see, so this instance drops its cached pages at once; other instances
// notice the content version. remove unregisters it, for a site's handler
// built again (a new address), so the old one's cache is let go.
func (s *DB) OnChange(fn func()) (remove func()) {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	p := &fn
	s.hooks.listeners = append(s.hooks.listeners, p)
	return func() {
		s.hooks.mu.Lock()
		defer s.hooks.mu.Unlock()
		s.hooks.listeners = slices.DeleteFunc(slices.Clone(s.hooks.listeners), func(l *func()) bool { return l == p })
	}
}

// OnChangeObjects registers fn to be called after every committed change
// readers may see, after the OnChange listeners, with the site whose view
// made it (ForSite; 0 for the store as a whole, whose changes may be any
// site's) and the objects it changed ("article:42"). Only the instance that
// made the change calls it: the purge hook of a shared cache is told once
// per change. fn must not block: the writer waits for it.
func (s *DB) OnChangeObjects(fn func(site int64, objects []string)) {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	s.hooks.objectListeners = append(s.hooks.objectListeners, fn)
}

func (s *DB) changed(c *change) {
	if s.db.replicas != nil {
		s.db.replicas.told(context.Background())
	}
	s.hooks.mu.Lock()
	fns, ofns := s.hooks.listeners, s.hooks.objectListeners
	s.hooks.mu.Unlock()
	for _, fn := range fns {
		(*fn)()
	}
	if len(ofns) == 0 {
		return
	}
	objects := c.objects
	if len(objects) == 0 {
		objects = []string{c.object}
	}
	for _, fn := range ofns {
		fn(s.site, objects)
	}
}

func bumpContentVersion(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE settings SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT)
		WHERE site_id = 1 AND key = 'content.version'`)
	return err
}

// errNoAuditKey stops every write of a store opened without its audit key:
// an unkeyed chain could be rewritten by whoever holds the database.
var errNoAuditKey = errors.New("store: no audit key set (SetAuditKey)")

// object names a row in the audit log: "article:42".
func object(kind string, id int64) string { return kind + ":" + strconv.FormatInt(id, 10) }
