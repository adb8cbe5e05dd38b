package store

import (
	"context"
	"hash/fnv"
)

// Exclusive runs fn while holding a lock named name across every instance
// sharing the database: on PostgreSQL a session advisory lock, on SQLite —
// one process's file — nothing more than the call itself.
func (s *DB) Exclusive(ctx context.Context, name string, fn func() error) error {
	if s.dialect.name != "postgres" {
		return fn()
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	h := fnv.New64a()
	h.Write([]byte(name))
	key := int64(h.Sum64())
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", key)
	return fn()
}
