package backup

import (
	"archive/zip"
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"cong/internal/media"
	"cong/internal/store"
)

// Options say what goes into an archive besides the snapshot.
type Options struct {
	Media    media.Storage // the portal's media, a folder or a bucket; every file in it is kept
	Key      []byte        // the audit key, which seals the manifest
	Version  string        // cong's version
	Now      time.Time     // when the backup is taken
	Progress *Progress     // nil shows nothing
}

// Write writes the archive of snap and of the media files to path. It
// writes path.tmp first and renames it when complete, so path is always
// either the previous archive or a whole new one. The media files are read
// after the snapshot was taken: a file is saved before the row that names
// it, so every file a row of the snapshot names is there. They are read
// from the portal's media storage, a folder or a bucket.
func Write(ctx context.Context, path string, snap *store.Snapshot, o Options) (*Manifest, int64, error) {
	if len(o.Key) == 0 {
		return nil, 0, errors.New("backup: no key to seal the manifest with")
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, 0, fmt.Errorf("backup: %w", err)
	}
	m, err := write(ctx, f, snap, o)
	if err == nil {
		err = f.Sync()
	}
	var size int64
	if st, serr := f.Stat(); serr == nil {
		size = st.Size()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return nil, 0, fmt.Errorf("backup %s: %w", path, err)
	}
	syncDir(filepath.Dir(path))
	return m, size, nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

func write(ctx context.Context, w io.Writer, snap *store.Snapshot, o Options) (*Manifest, error) {
	zw := zip.NewWriter(w)
	m := &Manifest{Format: Format, Version: o.Version, CreatedAt: o.Now.UTC(), Engine: snap.Engine,
		SchemaVersion: snap.SchemaVersion, Migrations: snap.Migrations, Media: []Part{}}
	files, err := listMedia(ctx, o.Media)
	if err != nil {
		return nil, err
	}
	o.Progress.expect(len(snap.Tables), len(files))
	for _, name := range files {
		p, err := writeMedia(zw, o, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue // removed since it was listed, and with it the row naming it
		}
		if err != nil {
			return nil, err
		}
		m.Media = append(m.Media, p)
		o.Progress.file(p.Size)
	}
	for _, t := range snap.Tables {
		part, err := writeTable(ctx, zw, snap, t, o)
		if err != nil {
			return nil, err
		}
		m.Tables = append(m.Tables, part)
		o.Progress.table()
	}
	if err := writeManifest(zw, m, o); err != nil {
		return nil, err
	}
	o.Progress.Done()
	return m, zw.Close()
}

// listMedia lists every file of the media storage, as slash-separated
// names.
func listMedia(ctx context.Context, files media.Storage) ([]string, error) {
	if files == nil {
		return nil, nil
	}
	var names []string
	err := files.List(ctx, func(name string, _ int64) error {
		names = append(names, name)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("media files: %w", err)
	}
	return names, nil
}

// hashWriter counts and hashes what goes through it.
type hashWriter struct {
	w    io.Writer
	h    hash.Hash
	size int64
}

func newHashWriter(w io.Writer) *hashWriter { return &hashWriter{w: w, h: sha256.New()} }

func (hw *hashWriter) Write(b []byte) (int, error) {
	n, err := hw.w.Write(b)
	hw.h.Write(b[:n])
	hw.size += int64(n)
	return n, err
}

func (hw *hashWriter) part(name string) Part {
	return Part{Name: name, Size: hw.size, SHA256: hex.EncodeToString(hw.h.Sum(nil))}
}

func createPart(zw *zip.Writer, name string, method uint16, at time.Time) (*hashWriter, error) {
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: at})
	if err != nil {
		return nil, err
	}
	return newHashWriter(w), nil
}

// writeMedia copies one media file as it is (pictures and documents are
// compressed already).
func writeMedia(zw *zip.Writer, o Options, name string) (Part, error) {
	f, err := o.Media.Open(name)
	if err != nil {
		return Part{}, err
	}
	defer f.Close()
	hw, err := createPart(zw, mediaDir+name, zip.Store, o.Now)
	if err != nil {
		return Part{}, err
	}
	if _, err := io.Copy(hw, f); err != nil {
		return Part{}, fmt.Errorf("media file %s: %w", name, err)
	}
	return hw.part(mediaDir + name), nil
}

// writeTable writes t's rows as JSON lines: numbers, text, booleans, null,
// times in RFC 3339 UTC and bytes in base64, typed by the manifest's
// columns.
func writeTable(ctx context.Context, zw *zip.Writer, snap *store.Snapshot, t store.Table, o Options) (Table, error) {
	name := tablesDir + t.Name + ".jsonl"
	hw, err := createPart(zw, name, zip.Deflate, o.Now)
	if err != nil {
		return Table{}, err
	}
	bw := bufio.NewWriterSize(hw, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	var rows int64
	err = snap.Rows(ctx, t, func(row []any) error {
		rows++
		if rows%1000 == 0 {
			o.Progress.row(1000)
		}
		return enc.Encode(row)
	})
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return Table{}, fmt.Errorf("table %s: %w", t.Name, err)
	}
	o.Progress.row(rows % 1000)
	o.Progress.addBytes(hw.size)
	return Table{Table: t.Name, Columns: t.Columns, Rows: rows, Part: hw.part(name)}, nil
}

// writeManifest writes the manifest and its seal, last, once every part's
// hash is known.
func writeManifest(zw *zip.Writer, m *Manifest, o Options) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	parts := []struct {
		name string
		body []byte
	}{{manifestName, b}, {sealName, []byte(seal(o.Key, b) + "\n")}}
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: o.Now})
		if err != nil {
			return err
		}
		if _, err := w.Write(p.body); err != nil {
			return err
		}
	}
	return nil
}
