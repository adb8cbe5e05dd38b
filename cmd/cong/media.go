package main

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"cong/internal/config"
	"cong/internal/media"
	"cong/internal/progress"
)

// openMedia returns the media storage cfg names: the folder DATA/media, or
// a bucket. It sends no request; checkMedia does.
func openMedia(cfg *config.Config) (media.Storage, error) {
	if cfg.S3 == nil {
		return media.Dir(cfg.MediaDir()), nil
	}
	return media.NewS3(*cfg.S3)
}

// checkMedia makes sure a bucket answers and exists before serving, so a
// wrong address or key shows at start and not at the first upload.
func checkMedia(ctx context.Context, files media.Storage) error {
	s3, ok := files.(*media.S3)
	if !ok {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := s3.Check(ctx); err != nil {
		return fmt.Errorf("%w (không kết nối được kho lưu trữ tệp; check --media and the S3 keys)", err)
	}
	return nil
}

var errMediaUsage = errors.New("usage: cong media migrate --to s3://BUCKET[/PREFIX]?endpoint=HOST:PORT&region=REGION")

// runMedia runs `cong media migrate --to s3://...`.
func runMedia(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "migrate" {
		return errMediaUsage
	}
	var to string
	cfg, err := config.Parse("cong media migrate", args[1:], getenv, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&to, "to", "", "cong media migrate: the bucket to copy the media folder DATA/media into, as for --media")
	})
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	if to == "" {
		return errMediaUsage
	}
	// The keys are read as for --media.
	target, err := config.Parse("cong media migrate", []string{"--media", to, "--s3-keys-file", cfg.S3KeysFile}, getenv, io.Discard)
	if err != nil {
		return fmt.Errorf("--to: %w", err)
	}
	dst, err := media.NewS3(*target.S3)
	if err != nil {
		return err
	}
	if err := checkMedia(ctx, dst); err != nil {
		return err
	}
	start := time.Now()
	st, err := migrateMedia(ctx, media.Dir(cfg.MediaDir()), dst, stderr)
	fmt.Fprintf(stdout, "%s → %s: %d files copied (%s), %d already there, in %s\n", cfg.MediaDir(), dst,
		st.copied, humanBytes(st.bytes), st.skipped, time.Since(start).Round(time.Millisecond))
	return err
}

type migrated struct {
	copied, skipped int
	bytes           int64
}

// migrateMedia copies every file of src into dst, skipping those already
// there with the same content, so a second run copies only what was
// uploaded in between and a run cut short resumes. src is only read: the
// portal may keep serving from it.
func migrateMedia(ctx context.Context, src media.Dir, dst *media.S3, out io.Writer) (migrated, error) {
	type file struct {
		name string
		size int64
	}
	var files []file
	var total int64
	err := src.List(ctx, func(name string, size int64) error {
		files = append(files, file{name, size})
		total += size
		return nil
	})
	if err != nil {
		return migrated{}, err
	}
	var st migrated
	line := progress.NewLine(out, time.Now())
	show := func(final bool) {
		if line.Due(time.Now(), final) {
			line.Write(fmt.Sprintf("media migrate: %d/%d files, %s of %s", st.copied+st.skipped, len(files),
				humanBytes(st.bytes), humanBytes(total)), final)
		}
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		copied, err := migrateFile(ctx, src, dst, f.name)
		if errors.Is(err, fs.ErrNotExist) {
			continue // removed since it was listed
		}
		if err != nil {
			show(true)
			return st, fmt.Errorf("media file %s: %w", f.name, err)
		}
		if copied {
			st.copied++
			st.bytes += f.size
		} else {
			st.skipped++
		}
		show(false)
	}
	show(true)
	return st, nil
}

// migrateFile copies name unless dst holds it with the same content, which
// the ETag tells for objects sent in one PUT (it is their MD5) and a hash
// of both for larger ones. An object with other content is replaced.
func migrateFile(ctx context.Context, src media.Dir, dst *media.S3, name string) (bool, error) {
	f, err := src.Open(name)
	if err != nil {
		return false, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return false, err
	}
	obj, err := dst.Stat(ctx, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return false, err
	case obj.Size == info.Size():
		same, err := sameContent(f, dst, obj)
		if err != nil || same {
			return false, err
		}
		fallthrough
	default:
		if err := dst.Remove(ctx, name); err != nil {
			return false, err
		}
	}
	if _, err := f.(io.Seeker).Seek(0, io.SeekStart); err != nil {
		return false, err
	}
	return true, dst.Create(ctx, name, f)
}

// sameContent reports whether the local file f has obj's content.
func sameContent(f io.Reader, dst *media.S3, obj media.ObjectInfo) (bool, error) {
	etag := strings.Trim(obj.ETag, `"`)
	if len(etag) == 32 && !strings.Contains(etag, "-") {
		h := md5.New()
		if _, err := io.Copy(h, f); err != nil {
			return false, err
		}
		return hex.EncodeToString(h.Sum(nil)) == etag, nil
	}
	local, err := sha256Of(f)
	if err != nil {
		return false, err
	}
	o, err := dst.Open(obj.Name)
	if err != nil {
		return false, err
	}
	defer o.Close()
	remote, err := sha256Of(o)
	return err == nil && remote == local, err
}

func sha256Of(r io.Reader) (string, error) {
	h := sha256.New()
	_, err := io.Copy(h, r)
	return hex.EncodeToString(h.Sum(nil)), err
}

// humanBytes writes n as people read it: 12.3 MB.
func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
