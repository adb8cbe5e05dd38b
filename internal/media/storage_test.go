package media_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cong/internal/media"
)

func TestDirRefusesNames(t *testing.T) {
	t.Parallel()
	dir := media.Dir(t.TempDir())
	names := []string{"../x", "a/../../x", "a/..", "/etc/passwd", `a\b`, `..\x`, "a\x00b", "", ".", "a//b", "a/"}
	for _, name := range names {
		if err := dir.Create(ctx, name, strings.NewReader("x")); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("Create(%q) = %v; want %v", name, err, fs.ErrInvalid)
		}
		if _, err := dir.Open(name); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("Open(%q) = %v; want %v", name, err, fs.ErrInvalid)
		}
		if err := dir.Remove(ctx, name); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("Remove(%q) = %v; want %v", name, err, fs.ErrInvalid)
		}
	}
	if f := files(t, dir); len(f) > 0 {
		t.Errorf("refused names left files: %q", f)
	}
}

func TestDirCreateOpenRemove(t *testing.T) {
	t.Parallel()
	dir := media.Dir(filepath.Join(t.TempDir(), "media")) // made on first Create
	const name = "2026/11/a.jpg"
	if err := dir.Create(ctx, name, strings.NewReader("first")); err != nil {
		t.Fatal(err)
	}
	if err := dir.Create(ctx, name, strings.NewReader("second")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Create over an existing file = %v; want %v", err, fs.ErrExist)
	}
	if got := readStored(t, dir, name); !bytes.Equal(got, []byte("first")) {
		t.Errorf("file holds %q; want %q", got, "first")
	}
	if f := files(t, dir); len(f) != 1 {
		t.Errorf("files = %q; want only %s, no temporary file", f, name)
	}
	info, err := os.Stat(filepath.Join(string(dir), name))
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm&^0o644 != 0 || perm&0o600 != 0o600 {
		t.Errorf("file mode = %v; want 0644 less the umask", perm)
	}
	if err := dir.Remove(ctx, name); err != nil {
		t.Fatal(err)
	}
	if _, err := dir.Open(name); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open after Remove = %v; want %v", err, fs.ErrNotExist)
	}
}

// TestDirStaysInside checks that a symbolic link planted in the folder
// cannot carry a write outside it.
func TestDirStaysInside(t *testing.T) {
	t.Parallel()
	outside := t.TempDir()
	dir := media.Dir(t.TempDir())
	if err := os.Symlink(outside, filepath.Join(string(dir), "2026")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := dir.Create(ctx, "2026/x.jpg", strings.NewReader("x")); err == nil {
		t.Errorf("Create through a link to outside succeeded")
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("Create wrote outside the folder: %v", entries)
	}
}
