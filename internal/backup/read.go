package backup

import (
	"archive/zip"
	"bufio"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"cong/internal/media"
	"cong/internal/store"
)

// maxManifest bounds the manifest read into memory (a portal of a million
// media files has a manifest of about 150 MB).
const maxManifest = 256 << 20

// Archive is an archive opened for checking or restoring. Its parts are
// read straight from the file, never whole into memory.
type Archive struct {
	Manifest Manifest
	raw      []byte // the manifest as written, which the seal covers
	sealHex  string
	zr       *zip.ReadCloser
	files    map[string]*zip.File
}

// Open opens the archive at path and reads its manifest. It checks nothing
// else: Verify does.
func Open(path string) (*Archive, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("%s is not a whole backup archive (truncated, or not a cong backup): %w", path, err)
	}
	a := &Archive{zr: zr, files: map[string]*zip.File{}}
	for _, f := range zr.File {
		if a.files[f.Name] != nil {
			zr.Close()
			return nil, fmt.Errorf("%s: the part %s is there twice", path, f.Name)
		}
		a.files[f.Name] = f
	}
	if err := a.readManifest(); err != nil {
		zr.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return a, nil
}

func (a *Archive) readManifest() error {
	var err error
	if a.raw, err = a.readSmall(manifestName, maxManifest); err != nil {
		return err
	}
	seal, err := a.readSmall(sealName, 1<<10)
	if err != nil {
		return err
	}
	a.sealHex = strings.TrimSpace(string(seal))
	if err := json.Unmarshal(a.raw, &a.Manifest); err != nil {
		return fmt.Errorf("the manifest cannot be read: %w", err)
	}
	if a.Manifest.Format != Format {
		return fmt.Errorf("the manifest is of format %q, not %q", a.Manifest.Format, Format)
	}
	return nil
}

func (a *Archive) readSmall(name string, limit int64) ([]byte, error) {
	f := a.files[name]
	if f == nil {
		return nil, fmt.Errorf("no %s: not a cong backup archive", name)
	}
	r, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err == nil && int64(len(b)) > limit {
		err = errors.New("too large")
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b, nil
}

// Close closes the file.
func (a *Archive) Close() error { return a.zr.Close() }

// Verify checks the whole archive without changing anything: the seal of
// the manifest under key (skipped when key is nil), and every part: there,
// of its size and hash, each table's rows readable in their columns' types
// and as many as the manifest says. It also refuses parts the manifest does
// not list. The first problem found is returned.
func (a *Archive) Verify(ctx context.Context, key []byte, p *Progress) error {
	if key != nil && !hmac.Equal([]byte(a.sealHex), []byte(seal(key, a.raw))) {
		return errors.New("the manifest's seal does not match the audit key: the manifest was changed, " +
			"or the key (--audit-key-file) is not the one the backup was made with")
	}
	m := &a.Manifest
	p.expect(len(m.Tables), len(m.Media))
	listed := map[string]bool{manifestName: true, sealName: true}
	for _, part := range m.Media {
		listed[part.Name] = true
		if err := a.checkPart(part, nil); err != nil {
			return err
		}
		p.file(part.Size)
	}
	for _, t := range m.Tables {
		listed[t.Name] = true
		if err := a.checkTable(ctx, t, p); err != nil {
			return err
		}
		p.table()
	}
	for name := range a.files {
		if !listed[name] {
			return fmt.Errorf("the part %s is not in the manifest", name)
		}
	}
	p.Done()
	return nil
}

func (a *Archive) checkTable(ctx context.Context, t Table, p *Progress) error {
	var rows int64
	err := a.decodeRows(ctx, t, func([]any) error {
		rows++
		if rows%1000 == 0 {
			p.row(1000)
		}
		return nil
	})
	if err != nil {
		return err
	}
	p.row(rows % 1000)
	p.addBytes(t.Size)
	if rows != t.Rows {
		return fmt.Errorf("table %s: %d rows, but the manifest says %d", t.Table, rows, t.Rows)
	}
	return nil
}

// checkPart reads a part through, passing it to use when not nil, and
// checks its size and hash at the end.
func (a *Archive) checkPart(part Part, use func(io.Reader) error) error {
	f := a.files[part.Name]
	if f == nil {
		return fmt.Errorf("the part %s is missing", part.Name)
	}
	r, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s: %w", part.Name, err)
	}
	defer r.Close()
	// Never more than the manifest's size and one byte: a part that
	// inflates without end is refused for its size, not read to its end.
	h := sha256.New()
	counted := &countReader{r: io.TeeReader(io.LimitReader(r, part.Size+1), h)}
	if use != nil {
		err = use(counted)
	}
	if err == nil {
		_, err = io.Copy(io.Discard, counted)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", part.Name, err)
	}
	if counted.n != part.Size || hex.EncodeToString(h.Sum(nil)) != part.SHA256 {
		return fmt.Errorf("%s: damaged (%d bytes and a SHA-256 other than the manifest's)", part.Name, counted.n)
	}
	return nil
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	return n, err
}

// decodeRows reads a table's part row by row into portable values, then
// checks the part's hash: a caller inside a transaction rolls back what it
// wrote if the end of the part turns out damaged.
func (a *Archive) decodeRows(ctx context.Context, t Table, fn func([]any) error) error {
	return a.checkPart(t.Part, func(r io.Reader) error {
		dec := json.NewDecoder(bufio.NewReaderSize(r, 64<<10))
		dec.UseNumber()
		for line := int64(1); ; line++ {
			var raw []any
			err := dec.Decode(&raw)
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err == nil {
				err = typed(t.Columns, raw)
			}
			if err == nil {
				err = ctx.Err()
			}
			if err == nil {
				err = fn(raw)
			}
			if err != nil {
				return fmt.Errorf("row %d: %w", line, err)
			}
		}
	})
}

// typed turns a decoded JSON row into portable values in place.
func typed(cols []store.Column, row []any) error {
	if len(row) != len(cols) {
		return fmt.Errorf("%d values for %d columns", len(row), len(cols))
	}
	for i, c := range cols {
		v, err := value(c.Type, row[i])
		if err != nil {
			return fmt.Errorf("column %s: %w", c.Name, err)
		}
		row[i] = v
	}
	return nil
}

func value(typ string, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch x := v.(type) {
	case json.Number:
		switch typ {
		case "integer":
			return x.Int64()
		case "number":
			return x.Float64()
		}
	case bool:
		if typ == "boolean" {
			return x, nil
		}
	case string:
		switch typ {
		case "text":
			return x, nil
		case "time":
			return time.Parse(time.RFC3339Nano, x)
		case "bytes":
			return base64.StdEncoding.DecodeString(x)
		}
	}
	return nil, fmt.Errorf("a %T where a %s belongs", v, typ)
}

// Compatible refuses an archive of a schema newer than newest, the last
// migration this binary knows: its rows may have columns this one lacks.
func (a *Archive) Compatible(newest int) error {
	if a.Manifest.SchemaVersion > newest {
		return fmt.Errorf("the backup's schema (migration %d, cong %s) is newer than this cong's (migration %d): "+
			"restore it with the version of cong that made it, or a newer one", a.Manifest.SchemaVersion, a.Manifest.Version, newest)
	}
	return nil
}

// Tables lists the archive's tables, for a restore.
func (a *Archive) Tables() []store.Table {
	var out []store.Table
	for _, t := range a.Manifest.Tables {
		out = append(out, store.Table{Name: t.Table, Columns: t.Columns})
	}
	return out
}

// Rows calls fn with every row of the named table, checking the part's hash
// at its end.
func (a *Archive) Rows(ctx context.Context, table string, fn func([]any) error) error {
	i := slices.IndexFunc(a.Manifest.Tables, func(t Table) bool { return t.Table == table })
	if i < 0 {
		return fmt.Errorf("no table %s in the archive", table)
	}
	return a.decodeRows(ctx, a.Manifest.Tables[i], fn)
}

// ExtractMedia writes the archive's media files into files, the target's
// media storage, a folder or a bucket: an archive taken from either goes
// into either. A file already there with the same content is left as it is
// (a second run of a restore); one with other content is replaced.
func (a *Archive) ExtractMedia(ctx context.Context, files media.Storage, p *Progress) error {
	for _, part := range a.Manifest.Media {
		name := strings.TrimPrefix(part.Name, mediaDir)
		if same, err := sameFile(files, name, part); err != nil || same {
			p.file(part.Size)
			if err != nil {
				return err
			}
			continue
		}
		err := a.checkPart(part, func(r io.Reader) error { return files.Create(ctx, name, r) })
		if err != nil {
			files.Remove(ctx, name)
			return err
		}
		p.file(part.Size)
	}
	return nil
}

// sameFile reports whether name in files has part's content; a file with
// other content is removed, to be replaced.
func sameFile(files media.Storage, name string, part Part) (bool, error) {
	f, err := files.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("media file %s: %w", name, err)
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	f.Close()
	if err == nil && n == part.Size && hex.EncodeToString(h.Sum(nil)) == part.SHA256 {
		return true, nil
	}
	if err := files.Remove(context.Background(), name); err != nil && !errors.Is(err, os.ErrNotExist) {
		return false, fmt.Errorf("media file %s: %w", name, err)
	}
	return false, nil
}
