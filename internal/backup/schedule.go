package backup

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/store"
)

// Scheduler takes a backup into Dir every Every and keeps the newest Keep.
// Every instance of a portal runs one; each tick holds a lock shared through
// the database and looks at the last backup recorded there, so only one
// instance takes each backup.
type Scheduler struct {
	DB       *store.DB
	Dir      string
	Every    time.Duration
	Keep     int
	Options  Options // MediaDir, Key and Version; Now is set at each backup
	Now      func() time.Time
	Log      *slog.Logger
	failedAt time.Time // the last backup that failed, tried again after retryAfter
}

// retryAfter is how long a failed backup waits to be tried again, so that a
// full disk is not filled again every minute.
const retryAfter = 15 * time.Minute

// scheduledActor is who the audit log names for scheduled backups.
var scheduledActor = portal.System("sao lưu định kỳ")

// Tick takes a backup when the last one recorded is at least Every old, and
// returns the file it wrote ("" when none was due).
func (s *Scheduler) Tick(ctx context.Context) (file string, err error) {
	err = s.DB.Exclusive(ctx, "backup.scheduled", func() error {
		last, _, err := s.DB.LastBackup(ctx)
		if err != nil {
			return err
		}
		now := s.Now()
		if !last.IsZero() && now.Sub(last) < s.Every || now.Sub(s.failedAt) < min(retryAfter, s.Every) {
			return nil
		}
		if file, err = s.take(ctx, now); err != nil {
			s.failedAt = now
		}
		return err
	})
	return file, err
}

func (s *Scheduler) take(ctx context.Context, now time.Time) (string, error) {
	if err := os.MkdirAll(s.Dir, 0o750); err != nil {
		return "", fmt.Errorf("backup folder: %w", err)
	}
	path := filepath.Join(s.Dir, "cong-"+now.UTC().Format("20060102-150405")+".zip")
	snap, err := s.DB.Snapshot(ctx)
	if err != nil {
		return "", err
	}
	defer snap.Close()
	o := s.Options
	o.Now = now
	m, size, err := Write(ctx, path, snap, o)
	if err != nil {
		return "", err
	}
	if err := s.DB.RecordBackup(ctx, scheduledActor, portal.Backup{At: now, Size: size, File: path}); err != nil {
		return "", err
	}
	s.Log.Info("backup taken", "file", path, "bytes", size, "tables", len(m.Tables), "rows", m.Rows(),
		"media", len(m.Media))
	return path, s.prune()
}

// prune removes all but the newest Keep scheduled backups in Dir.
func (s *Scheduler) prune() error {
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, "cong-") && strings.HasSuffix(n, ".zip") {
			names = append(names, n)
		}
	}
	slices.Sort(names) // the names hold the time, so this is oldest first
	for len(names) > max(1, s.Keep) {
		if err := os.Remove(filepath.Join(s.Dir, names[0])); err != nil {
			return err
		}
		s.Log.Info("old backup removed", "file", names[0])
		names = names[1:]
	}
	return nil
}

// Run ticks at once and then every minute (or every Every, when shorter)
// until ctx ends. A failed backup is logged and tried again at the next
// tick.
func (s *Scheduler) Run(ctx context.Context) {
	t := time.NewTicker(min(time.Minute, s.Every))
	defer t.Stop()
	for {
		if _, err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.Log.Error("scheduled backup", "dir", s.Dir, "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
