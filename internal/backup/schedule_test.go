package backup_test

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"cong/internal/backup"
	"cong/internal/media"
	"cong/internal/store"
	"cong/internal/storetest"
)

func scheduler(db *store.DB, dir, mediaDir string, now *time.Time) *backup.Scheduler {
	return &backup.Scheduler{DB: db, Dir: dir, Every: 24 * time.Hour, Keep: 2,
		Options: backup.Options{Media: media.Dir(mediaDir), Key: storetest.AuditKey, Version: "test"},
		Now:     func() time.Time { return *now }, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

// TestScheduledBackups takes a backup when one is due, records it, and
// keeps the newest.
func TestScheduledBackups(t *testing.T) {
	s := newSite(t, storetest.SQLiteDSN(t))
	dir := t.TempDir()
	now := time.Date(2026, 12, 6, 1, 0, 0, 0, time.UTC)
	sch := scheduler(s.db, dir, s.media, &now)
	var files []string
	for i, step := range []time.Duration{0, time.Hour, 23 * time.Hour, 24 * time.Hour, 25 * time.Hour} {
		now = now.Add(step)
		file, err := sch.Tick(ctx)
		if err != nil {
			t.Fatalf("tick %d: %v", i, err)
		}
		if due := i != 1; (file != "") != due {
			t.Errorf("tick %d at %s: file %q; want a backup %t", i, now, file, due)
		}
		if file != "" {
			files = append(files, filepath.Base(file))
		}
	}
	entries, _ := os.ReadDir(dir)
	var kept []string
	for _, e := range entries {
		kept = append(kept, e.Name())
	}
	if want := files[len(files)-2:]; len(kept) != 2 || kept[0] != want[0] || kept[1] != want[1] {
		t.Errorf("kept %v; want the newest two of %v", kept, files)
	}
	at, size, err := s.db.LastBackup(ctx)
	if err != nil || !at.Equal(now) || size == 0 {
		t.Errorf("LastBackup = %s, %d, %v; want %s and a size", at, size, err, now)
	}
}

// TestOneInstanceBacksUp has two instances over one PostgreSQL database
// tick at once: one backup is taken.
func TestOneInstanceBacksUp(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	now := time.Date(2026, 12, 6, 1, 0, 0, 0, time.UTC)
	var dirs []string
	var wg sync.WaitGroup
	for range 2 {
		dir := t.TempDir()
		dirs = append(dirs, dir)
		sch := scheduler(storetest.Open(t, dsn), dir, t.TempDir(), &now)
		wg.Go(func() {
			if _, err := sch.Tick(ctx); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	n := 0
	for _, dir := range dirs {
		entries, _ := os.ReadDir(dir)
		n += len(entries)
	}
	if n != 1 {
		t.Errorf("%d backups taken by two instances at once; want 1", n)
	}
}
