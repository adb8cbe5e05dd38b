package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"cong/internal/portal"
)

// S3Config says where a bucket of an S3-compatible object store is and how
// to sign requests to it.
type S3Config struct {
	Endpoint  string // host:port
	Region    string // may be empty for servers that ignore it
	Secure    bool   // HTTPS
	Bucket    string
	Prefix    string // a folder inside the bucket, without slashes at either end; may be empty
	AccessKey string
	SecretKey string
}

// S3 is a Storage in a bucket of an S3-compatible object store (AWS S3,
// MinIO, SeaweedFS, versitygw, Ceph...). Names become keys under the
// configured prefix. Writes are whole objects: a reader never sees half a
// file, as with Dir.
type S3 struct {
	client *minio.Client
	core   minio.Core
	bucket string
	prefix string // "" or ending with "/"
}

// NewS3 makes the client; it sends no request (see Check).
func NewS3(c S3Config) (*S3, error) {
	client, err := minio.New(c.Endpoint, &minio.Options{
		Creds:        credentials.NewStaticV4(c.AccessKey, c.SecretKey, ""),
		Secure:       c.Secure,
		Region:       c.Region,
		BucketLookup: minio.BucketLookupPath,
		MaxRetries:   3, // an upload during an outage fails in seconds, not half a minute
	})
	if err != nil {
		return nil, fmt.Errorf("media: s3 %s: %w", c.Endpoint, err)
	}
	s := &S3{client: client, core: minio.Core{Client: client}, bucket: c.Bucket}
	if c.Prefix != "" {
		s.prefix = strings.Trim(c.Prefix, "/") + "/"
	}
	return s, nil
}

// String names the store for logs: s3://bucket/prefix.
func (s *S3) String() string { return "s3://" + s.bucket + "/" + s.prefix }

// Check reports whether the bucket answers and exists, so a wrong setting
// shows at start rather than at the first upload.
func (s *S3) Check(ctx context.Context) error {
	ok, err := s.client.BucketExists(ctx, s.bucket)
	if err != nil {
		return fmt.Errorf("media: %s: %w", s, err)
	}
	if !ok {
		return fmt.Errorf("media: %s: no such bucket", s)
	}
	return nil
}

// MakeBucket creates the bucket when it is missing (tests, first setup).
func (s *S3) MakeBucket(ctx context.Context) error {
	if ok, err := s.client.BucketExists(ctx, s.bucket); err != nil || ok {
		return err
	}
	return s.client.MakeBucket(ctx, s.bucket, minio.MakeBucketOptions{})
}

func (s *S3) key(name string) string { return s.prefix + name }

// Create uploads r as a new object. An existing name is refused with
// fs.ErrExist: asked of the server with If-None-Match, and looked up first
// for servers that ignore that header. The size must be known to send one
// PUT, so a plain reader is spooled to a temporary file first.
func (s *S3) Create(ctx context.Context, name string, r io.Reader) error {
	if err := checkName("create", name); err != nil {
		return err
	}
	if _, err := s.stat(ctx, name); err == nil {
		return &fs.PathError{Op: "create", Path: name, Err: fs.ErrExist}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	body, size, done, err := sized(r)
	if err != nil {
		return err
	}
	defer done()
	opts := minio.PutObjectOptions{ContentType: mime.TypeByExtension(path.Ext(name))}
	opts.SetMatchETagExcept("*")
	_, err = s.client.PutObject(ctx, s.bucket, s.key(name), body, size, opts)
	if code := minio.ToErrorResponse(err); code.StatusCode == http.StatusPreconditionFailed {
		return &fs.PathError{Op: "create", Path: name, Err: fs.ErrExist}
	}
	if err != nil {
		return &fs.PathError{Op: "create", Path: name, Err: unavailable(err)}
	}
	return nil
}

// unavailable marks err as the store being out of reach when the server
// did not answer or answered with a 5xx, so the person uploading is told to
// try again (503) rather than shown a fault.
func unavailable(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if resp := minio.ToErrorResponse(err); resp.Code == "" || resp.StatusCode >= 500 {
		return portal.Unavailable(err)
	}
	return err
}

// sized returns r with its length: at once for in-memory readers and
// files, else after copying r to a temporary file, which done removes.
func sized(r io.Reader) (io.Reader, int64, func(), error) {
	switch v := r.(type) {
	case interface{ Len() int }:
		return r, int64(v.Len()), func() {}, nil
	case *os.File:
		if st, err := v.Stat(); err == nil && st.Mode().IsRegular() {
			if off, err := v.Seek(0, io.SeekCurrent); err == nil {
				return r, st.Size() - off, func() {}, nil
			}
		}
	}
	tmp, err := os.CreateTemp("", "cong-upload-*")
	if err != nil {
		return nil, 0, nil, err
	}
	done := func() { tmp.Close(); os.Remove(tmp.Name()) }
	n, err := io.Copy(tmp, r)
	if err == nil {
		_, err = tmp.Seek(0, io.SeekStart)
	}
	if err != nil {
		done()
		return nil, 0, nil, err
	}
	return tmp, n, done, nil
}

// Open looks the object up (so a missing one is fs.ErrNotExist at once)
// and returns a file whose reads fetch the object, from where Seek left
// off: http.ServeContent then sends Range answers with one ranged GET.
func (s *S3) Open(name string) (fs.File, error) {
	if err := checkName("open", name); err != nil {
		return nil, err
	}
	info, err := s.stat(context.Background(), name)
	if err != nil {
		return nil, err
	}
	return &s3File{s: s, info: info}, nil
}

// Stat returns what the store knows of name without reading it: its size,
// time and ETag (the MD5 of the content for objects sent in one PUT).
func (s *S3) Stat(ctx context.Context, name string) (ObjectInfo, error) {
	if err := checkName("stat", name); err != nil {
		return ObjectInfo{}, err
	}
	info, err := s.stat(ctx, name)
	return ObjectInfo{Name: name, Size: info.size, ModTime: info.mod, ETag: info.etag}, err
}

// ObjectInfo is what S3.Stat tells.
type ObjectInfo struct {
	Name    string
	Size    int64
	ModTime time.Time
	ETag    string
}

func (s *S3) stat(ctx context.Context, name string) (s3Info, error) {
	o, err := s.client.StatObject(ctx, s.bucket, s.key(name), minio.StatObjectOptions{})
	if err != nil {
		return s3Info{}, &fs.PathError{Op: "open", Path: name, Err: unavailable(s3Error(err))}
	}
	return s3Info{name: path.Base(name), key: s.key(name), size: o.Size, mod: o.LastModified, etag: o.ETag}, nil
}

// s3Error maps "no such key" to fs.ErrNotExist, as Dir reports it.
func s3Error(err error) error {
	resp := minio.ToErrorResponse(err)
	if resp.Code == minio.NoSuchKey || resp.StatusCode == http.StatusNotFound && resp.Code != minio.NoSuchBucket {
		return fs.ErrNotExist
	}
	return err
}

// Remove deletes the object. A missing one is no error: S3 does not tell.
func (s *S3) Remove(ctx context.Context, name string) error {
	if err := checkName("remove", name); err != nil {
		return err
	}
	err := s.client.RemoveObject(ctx, s.bucket, s.key(name), minio.RemoveObjectOptions{})
	if err != nil {
		return &fs.PathError{Op: "remove", Path: name, Err: err}
	}
	return nil
}

// List calls fn with every object under the prefix.
func (s *S3) List(ctx context.Context, fn func(name string, size int64) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the listing when fn fails
	for o := range s.client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: s.prefix, Recursive: true}) {
		if o.Err != nil {
			return fmt.Errorf("media: listing %s: %w", s, o.Err)
		}
		name := strings.TrimPrefix(o.Key, s.prefix)
		if strings.HasSuffix(name, "/") || checkName("list", name) != nil {
			continue // a folder marker made by another tool
		}
		if err := fn(name, o.Size); err != nil {
			return err
		}
	}
	return nil
}

type s3Info struct {
	name, key, etag string
	size            int64
	mod             time.Time
}

func (i s3Info) Name() string       { return i.name }
func (i s3Info) Size() int64        { return i.size }
func (i s3Info) Mode() fs.FileMode  { return 0o444 }
func (i s3Info) ModTime() time.Time { return i.mod }
func (i s3Info) IsDir() bool        { return false }
func (i s3Info) Sys() any           { return nil }

// s3File reads an object. Seek only moves the offset; the next Read opens
// a GET from there, pinned to the ETag seen at Open so that a replaced
// object is never read half old, half new.
type s3File struct {
	s    *S3
	info s3Info
	off  int64
	body io.ReadCloser
	at   int64 // where body is
}

func (f *s3File) Stat() (fs.FileInfo, error) { return f.info, nil }

func (f *s3File) Read(p []byte) (int, error) {
	if f.off >= f.info.size {
		return 0, io.EOF
	}
	if f.body == nil || f.at != f.off {
		f.closeBody()
		opts := minio.GetObjectOptions{}
		if f.off > 0 {
			if err := opts.SetRange(f.off, 0); err != nil {
				return 0, err
			}
		}
		if f.info.etag != "" {
			opts.SetMatchETag(f.info.etag)
		}
		body, _, _, err := f.s.core.GetObject(context.Background(), f.s.bucket, f.info.key, opts)
		if err != nil {
			return 0, &fs.PathError{Op: "read", Path: f.info.name, Err: s3Error(err)}
		}
		f.body, f.at = body, f.off
	}
	n, err := f.body.Read(p)
	f.off += int64(n)
	f.at = f.off
	if err == io.EOF && f.off < f.info.size {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

func (f *s3File) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		offset += f.off
	case io.SeekEnd:
		offset += f.info.size
	}
	if offset < 0 {
		return 0, &fs.PathError{Op: "seek", Path: f.info.name, Err: fs.ErrInvalid}
	}
	f.off = offset
	return offset, nil
}

func (f *s3File) closeBody() {
	if f.body != nil {
		f.body.Close()
		f.body = nil
	}
}

func (f *s3File) Close() error {
	f.closeBody()
	return nil
}
