// Package health checks what /readyz reports besides the database: that the
// data folder, where uploads (and the SQLite file) go, can be written. A full
// disk or a folder turned read-only fails every upload and comment; a load
// balancer that reads /readyz sends readers elsewhere instead.
package health

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// Defaults of Folder.
const (
	DefaultTimeout = 2 * time.Second
	DefaultEvery   = 5 * time.Second
)

// Folder checks that a folder can be written by creating, writing and
// removing a small file in it. The verdict is kept for Every, so that
// /readyz under load touches the disk at most once per period; a try that
// hangs (a stuck network disk) fails after Timeout and no second try starts
// until it returns.
type Folder struct {
	Dir     string
	Timeout time.Duration // 0: DefaultTimeout
	Every   time.Duration // 0: DefaultEvery
	Now     func() time.Time

	mu      sync.Mutex
	checked time.Time
	err     error
	pending chan error             // the try still running, if one is
	try     func(dir string) error // tests replace it
}

// Check reports whether the folder could be written, at most Every ago.
func (f *Folder) Check(ctx context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now()
	if !f.checked.IsZero() && now.Sub(f.checked) < or(f.Every, DefaultEvery) {
		return f.err
	}
	if f.pending == nil {
		f.pending = make(chan error, 1)
		write := f.try
		if write == nil {
			write = try
		}
		go func(done chan<- error) { done <- write(f.Dir) }(f.pending)
	}
	timer := time.NewTimer(or(f.Timeout, DefaultTimeout))
	defer timer.Stop()
	select {
	case err := <-f.pending:
		f.pending, f.err = nil, err
	case <-timer.C:
		f.err = fmt.Errorf("data folder %s: no answer within %s", f.Dir, or(f.Timeout, DefaultTimeout))
	case <-ctx.Done():
		return ctx.Err() // no verdict: the caller gave up
	}
	f.checked = now
	return f.err
}

// try writes, syncs and removes a small file in dir: the sync makes a full
// disk or a failing one answer now, not when the page cache is written back.
func try(dir string) error {
	file, err := os.CreateTemp(dir, ".writable-*")
	if err != nil {
		return fmt.Errorf("data folder: %w", err)
	}
	_, werr := file.Write(make([]byte, 512))
	if werr == nil {
		werr = file.Sync()
	}
	cerr := file.Close()
	rerr := os.Remove(file.Name())
	if err := errors.Join(werr, cerr, rerr); err != nil {
		return fmt.Errorf("data folder: %w", err)
	}
	return nil
}

func (f *Folder) now() time.Time {
	if f.Now != nil {
		return f.Now()
	}
	return time.Now()
}

func or(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}
