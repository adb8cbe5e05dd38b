package health

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestFolder(t *testing.T) {
	dir := t.TempDir()
	f := &Folder{Dir: dir}
	if err := f.Check(context.Background()); err != nil {
		t.Fatalf("Check(writable folder) = %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("Check left %d files behind", len(left))
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o600)
	if err := (&Folder{Dir: file}).Check(context.Background()); err == nil {
		t.Error("Check(a file) = nil; want an error")
	}
	if err := (&Folder{Dir: filepath.Join(dir, "gone")}).Check(context.Background()); err == nil {
		t.Error("Check(a missing folder) = nil; want an error")
	}
}

// TestFolderKeepsVerdict: within Every the disk is not touched again, and a
// new verdict comes after it.
func TestFolderKeepsVerdict(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	tries := 0
	fail := errors.New("disk full")
	f := &Folder{Dir: "x", Now: func() time.Time { return now }, try: func(string) error {
		tries++
		return fail
	}}
	for range 100 {
		if err := f.Check(context.Background()); !errors.Is(err, fail) {
			t.Fatalf("Check = %v; want %v", err, fail)
		}
	}
	if tries != 1 {
		t.Errorf("100 checks within %s made %d tries; want 1", DefaultEvery, tries)
	}
	now = now.Add(DefaultEvery)
	fail = nil
	if err := f.Check(context.Background()); err != nil || tries != 2 {
		t.Errorf("after %s: Check = %v after %d tries; want nil after 2", DefaultEvery, err, tries)
	}
}

// TestFolderHung: a try that never returns fails the check after Timeout,
// and no second try starts while it hangs.
func TestFolderHung(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	release := make(chan struct{})
	defer close(release)
	var tries atomic.Int32
	f := &Folder{Dir: "x", Timeout: 10 * time.Millisecond, Now: func() time.Time { return now },
		try: func(string) error { tries.Add(1); <-release; return nil }}
	for range 3 {
		if err := f.Check(context.Background()); err == nil || !strings.Contains(err.Error(), "no answer") {
			t.Errorf("Check with the disk hung = %v; want no answer", err)
		}
		now = now.Add(DefaultEvery)
	}
	if n := tries.Load(); n != 1 {
		t.Errorf("%d tries while the first hung; want 1", n)
	}
}
