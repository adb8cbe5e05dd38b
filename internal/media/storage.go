package media

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Storage keeps uploaded files under names the server makes: a local folder
// (Dir) or a bucket of an S3-compatible object store (S3). The portal runs
// on one, chosen at start from --media, and every upload, copy, document,
// attachment and imported file goes through it.
type Storage interface {
	// Create writes a new file at name (a slash-separated relative path); it
	// fails if name exists.
	Create(ctx context.Context, name string, r io.Reader) error
	// Open opens the file at name for reading.
	Open(name string) (fs.File, error)
	// Remove deletes the file at name.
	Remove(ctx context.Context, name string) error
	// List calls fn with the name and size of every file, for backups and
	// migrations.
	List(ctx context.Context, fn func(name string, size int64) error) error
}

// Dir is a Storage in a local folder, created as needed, with files 0644 and
// folders 0755 (less the umask). Every access goes through an os.Root, so a
// symbolic link planted inside cannot lead outside the folder; names with
// "..", a leading "/", backslashes or NUL are refused with fs.ErrInvalid.
// Dir is also an fs.FS, so http.FileServerFS can serve it.
type Dir string

// Create writes r to a temporary file beside name and links it into place
// once complete, so a reader never sees half a file. Linking rather than
// renaming is what makes an existing name an error (fs.ErrExist) instead of
// being silently replaced.
func (d Dir) Create(ctx context.Context, name string, r io.Reader) error {
	if err := checkName("create", name); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.MkdirAll(string(d), 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(string(d))
	if err != nil {
		return err
	}
	defer root.Close()
	if dir := path.Dir(name); dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	tmp, err := writeTemp(root, name, r)
	if err != nil {
		return err
	}
	defer root.Remove(tmp)
	return root.Link(tmp, name)
}

// writeTemp writes r to a new hidden file in name's folder and returns its
// name. The dot prefix and .tmp suffix let a sweeper find the ones a crash
// left behind.
func writeTemp(root *os.Root, name string, r io.Reader) (tmp string, err error) {
	var b [8]byte
	rand.Read(b[:])
	tmp = path.Join(path.Dir(name), "."+path.Base(name)+"."+hex.EncodeToString(b[:])+".tmp")
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			root.Remove(tmp)
		}
	}()
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return "", err
	}
	// Sync before the link, or a crash could leave the record in the
	// database pointing at an empty file.
	if err := f.Sync(); err != nil {
		f.Close()
		return "", err
	}
	return tmp, f.Close()
}

// Open opens the file at name for reading.
func (d Dir) Open(name string) (fs.File, error) {
	if err := checkName("open", name); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(string(d))
	if err != nil {
		return nil, err
	}
	// The file keeps its own descriptor after the root is closed.
	defer root.Close()
	return root.Open(name)
}

// Remove deletes the file at name. Folders stay: another upload of the same
// month may be writing into them.
func (d Dir) Remove(ctx context.Context, name string) error {
	if err := checkName("remove", name); err != nil {
		return err
	}
	root, err := os.OpenRoot(string(d))
	if err != nil {
		return err
	}
	defer root.Close()
	return root.Remove(name)
}

// List calls fn with every file under the folder, as slash-separated names,
// leaving out the hidden temporary files of uploads under way. A folder not
// made yet holds nothing.
func (d Dir) List(ctx context.Context, fn func(name string, size int64) error) error {
	dir := string(d)
	return filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == dir {
			return filepath.SkipDir
		}
		if err != nil || e.IsDir() || !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		info, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed since the folder was read
		}
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		return fn(filepath.ToSlash(rel), info.Size())
	})
}

// Sub is the part of s under the folder prefix: its names are prefix/name
// in s.
func Sub(s Storage, prefix string) Storage { return sub{s, prefix + "/"} }

type sub struct {
	s      Storage
	prefix string
}

func (s sub) Create(ctx context.Context, name string, r io.Reader) error {
	return s.s.Create(ctx, s.prefix+name, r)
}
func (s sub) Open(name string) (fs.File, error) { return s.s.Open(s.prefix + name) }
func (s sub) Remove(ctx context.Context, name string) error {
	return s.s.Remove(ctx, s.prefix+name)
}
func (s sub) List(ctx context.Context, fn func(name string, size int64) error) error {
	return s.s.List(ctx, func(name string, size int64) error {
		if rest, ok := strings.CutPrefix(name, s.prefix); ok {
			return fn(rest, size)
		}
		return nil
	})
}

// checkName refuses names that could step outside the folder or mean
// different things on different systems. fs.ValidPath already refuses "..",
// "." and empty elements and a leading or trailing slash.
func checkName(op, name string) error {
	if !fs.ValidPath(name) || name == "." || strings.ContainsAny(name, "\\\x00") {
		return &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return nil
}

// removeAll removes the named files, even when ctx is already cancelled:
// cleaning up after a failed upload must not be cut short by it.
func removeAll(ctx context.Context, s Storage, names []string) error {
	ctx = context.WithoutCancel(ctx)
	var errs []error
	for _, name := range names {
		if err := s.Remove(ctx, name); err != nil {
			errs = append(errs, fmt.Errorf("media: removing %s: %w", name, err))
		}
	}
	return errors.Join(errs...)
}
