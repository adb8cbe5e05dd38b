package nukeviet

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // pictures checked in a dry run
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"strings"
	"time"

	_ "golang.org/x/image/webp"

	"cong/internal/media"
	"cong/internal/portal"
)

// MediaReader reads the library's records, to reuse the pictures an
// earlier run stored.
type MediaReader interface {
	Media(ctx context.Context, id int64) (*portal.Media, error)
}

// pictures brings the site's pictures under uploads/ into the library, each
// once per run however many articles show it.
type pictures struct {
	im   *Importer
	root *os.Root // the uploads folder; nil when none was given
	seen map[string]*picture
}

// picture is what became of one file: its library record, or why not.
type picture struct {
	m      *portal.Media
	reason string
}

// pictureExt are the files taken as pictures; links to others (documents)
// are left as they are.
var pictureExt = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true}

// uploadPath returns the file an address names under uploads/ ("news/2020_12/a.jpg"),
// as written in a body: /uploads/…, uploads/…, the same under a site folder
// (/nukeviet/uploads/…) or on any host (http://old.gov.vn/uploads/…); NukeViet's
// thumbnails under assets/ stand for their originals. ok is false for any
// other address.
func uploadPath(src string) (rel string, ok bool) {
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil || u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return "", false
	}
	p := path.Clean("/" + u.Path)
	for _, dir := range []string{"/uploads/", "/assets/"} {
		if i := strings.Index(p, dir); i >= 0 {
			rel = p[i+len(dir):]
			break
		}
	}
	if rel == "" || strings.HasPrefix(rel, ".") || strings.Contains(rel, "/.") || !pictureExt[strings.ToLower(path.Ext(rel))] {
		return "", false
	}
	return rel, true
}

// get returns the library's copy of the picture at src, importing it first
// when this run has not; reason says why there is none.
func (p *pictures) get(ctx context.Context, src, alt string) (*portal.Media, string) {
	rel, ok := uploadPath(src)
	if !ok {
		return nil, "an address outside uploads/, or not a picture"
	}
	if p.root == nil {
		return nil, "no --uploads folder given"
	}
	if pic := p.seen[rel]; pic != nil {
		return pic.m, pic.reason
	}
	pic := &picture{}
	pic.m, pic.reason = p.load(ctx, rel, alt)
	p.seen[rel] = pic
	return pic.m, pic.reason
}

// load imports uploads/rel, or finds what an earlier run made of it.
func (p *pictures) load(ctx context.Context, rel, alt string) (*portal.Media, string) {
	data, mtime, err := p.read(rel)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "not in the uploads folder"
	}
	if err != nil {
		p.im.Run.Item("file", rel, portal.Failed, fmt.Errorf("uploads/%s: %w", rel, err))
		return nil, "unreadable"
	}
	sum := sha256.Sum256(data)
	imp := portal.Import{Source: portal.Source{System: p.im.system, Kind: "file", ID: rel},
		Checksum: "v1:" + hex.EncodeToString(sum[:16]), Paths: []string{"/uploads/" + rel}}
	if m := p.earlier(ctx, imp); m != nil {
		p.im.Run.Item("file", rel, portal.Unchanged, nil)
		return m, ""
	}
	m, stored, err := p.store(ctx, rel, data)
	if err != nil {
		p.im.Run.Item("file", rel, portal.Failed, fmt.Errorf("uploads/%s: %s", rel, message(err)))
		return nil, "refused by the library"
	}
	m.Alt, m.CreatedAt = plain(alt), mtime
	o, err := p.im.Store.ImportMedia(ctx, p.im.Who, imp, m)
	if err != nil {
		p.remove(ctx, stored)
		p.im.Run.Item("file", rel, portal.Failed, fmt.Errorf("uploads/%s: %s", rel, message(err)))
		return nil, "not saved"
	}
	p.im.Run.Item("file", rel, o, nil)
	return m, ""
}

// read reads a file under the uploads folder, refusing what cannot be a
// picture the library takes.
func (p *pictures) read(rel string) ([]byte, time.Time, error) {
	f, err := p.root.Open(rel)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	switch {
	case err != nil:
		return nil, time.Time{}, err
	case st.IsDir():
		return nil, time.Time{}, fs.ErrNotExist
	case st.Size() > media.MaxBytes:
		return nil, time.Time{}, fmt.Errorf("%d MB, over the library's %d MB", st.Size()>>20, media.MaxBytes>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, media.MaxBytes+1))
	return data, st.ModTime().UTC(), err
}

// earlier returns the record of a picture an earlier run stored from the
// same bytes, or nil.
func (p *pictures) earlier(ctx context.Context, imp portal.Import) *portal.Media {
	r, err := p.im.Store.Imported(ctx, imp.Source)
	if err != nil || r.Checksum != imp.Checksum {
		return nil
	}
	m, err := p.im.Library.Media(ctx, r.ID)
	if err != nil {
		return nil
	}
	return m
}

// store puts the picture in the library's folder through the media
// processor, in the year and month of its NukeViet folder (news/2020_12/):
// checked, re-encoded, with its narrower copies. A dry run stores nothing
// and only checks that the file is a picture.
func (p *pictures) store(ctx context.Context, rel string, data []byte) (*portal.Media, []string, error) {
	if p.im.Files == nil {
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, nil, portal.Invalid("file", "not a picture: "+err.Error())
		}
		return &portal.Media{File: "nukeviet/" + rel, MIME: "image/" + format, Width: cfg.Width, Height: cfg.Height,
			Size: int64(len(data))}, nil, nil
	}
	proc := &media.Processor{Store: p.im.Files, Now: folderMonth(rel, p.im.now)}
	saved, err := proc.Process(ctx, path.Base(rel), bytes.NewReader(data))
	if err != nil {
		return nil, nil, err
	}
	m := &portal.Media{}
	saved.Fill(m)
	return m, saved.Files(), nil
}

// remove deletes files stored for a picture whose record was not saved.
func (p *pictures) remove(ctx context.Context, stored []string) {
	if p.im.Files != nil && len(stored) > 0 {
		(&media.Processor{Store: p.im.Files}).RemoveStored(ctx, stored)
	}
}

// folderMonth is the clock the media processor names folders by: the month
// of NukeViet's upload folder (structure_upload "Ym": news/2020_12/, or
// "Y_m": news/2020/12/), else now.
func folderMonth(rel string, now func() time.Time) func() time.Time {
	parts := strings.Split(rel, "/")
	for i, part := range parts[:len(parts)-1] {
		if t, err := time.Parse("2006_01", part); err == nil {
			return func() time.Time { return t }
		}
		if i+2 < len(parts) {
			if t, err := time.Parse("2006/01", part+"/"+parts[i+1]); err == nil {
				return func() time.Time { return t }
			}
		}
	}
	return now
}

// message is what a person reads of err: a portal error's own message.
func message(err error) string {
	if portal.ErrorCode(err) != portal.EINTERNAL {
		return portal.ErrorMessage(err)
	}
	return err.Error()
}
