package pages

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"net/http"
	"net/url"

	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html/charset"

	"cong/internal/importer"
	"cong/internal/media"
	"cong/internal/portal"
)

// errMissing says that the saved site does not hold a picture.
var errMissing = errors.New("is not in the saved site")

// pictureAt returns the library's copy of the picture src on the page at
// base, importing it from the saved site the first time: the library
// keeps it by the month of when (the article's date), with caption and
// alt, and its old address leads to it. A picture that is not in the site
// is errMissing; one that cannot be stored is counted as a failed image.
func (im *Importer) pictureAt(ctx context.Context, base *url.URL, src string, when time.Time, caption, alt string) (*portal.Media, error) {
	u, err := base.Parse(src)
	if src == "" || err != nil {
		return nil, errMissing
	}
	u.Fragment = ""
	key := portal.LegacyKey(u.EscapedPath(), u.RawQuery)
	same := sameHost(u.Host, im.site.host)
	if !same {
		key = "//" + strings.ToLower(u.Host) + key
	}
	if m, ok := im.pictures[key]; ok {
		if m == nil {
			return nil, errors.New("could not be stored (see the image's line)")
		}
		return m, nil
	}
	file, ok := im.site.find(u)
	if !ok || key == "" {
		return nil, errMissing
	}
	im.pictures[key] = nil
	imp := portal.Import{Source: portal.Source{System: im.system, Kind: "image", ID: key}}
	if same {
		imp.Paths = []string{u.RequestURI()}
	}
	m, o, err := im.storePicture(ctx, file, imp, when, caption, alt)
	im.item("image", key, o, err)
	if err != nil {
		return nil, fmt.Errorf("could not be stored (%s)", message(err))
	}
	im.pictures[key] = m
	return m, nil
}

// storePicture reads file and hands it to the library, unless an earlier
// run stored the same bytes.
func (im *Importer) storePicture(ctx context.Context, file string, imp portal.Import, when time.Time,
	caption, alt string) (*portal.Media, portal.Outcome, error) {
	data, err := im.site.read(file, media.MaxBytes)
	if err != nil {
		return nil, portal.Failed, err
	}
	if kind := http.DetectContentType(data); !strings.HasPrefix(kind, "image/") {
		return nil, portal.Failed, fmt.Errorf("%s: not a picture (%s)", file, kind)
	}
	imp.Checksum = importer.Checksum(string(data))
	if rec, err := im.Store.Imported(ctx, imp.Source); err == nil && rec.Checksum == imp.Checksum && rec.Object == "media" {
		if m, err := im.Library.Media(ctx, rec.ID); err == nil {
			return m, portal.Unchanged, nil
		}
	}
	m := &portal.Media{Caption: cut(caption, 1000), Alt: cut(alt, 500), CreatedAt: when}
	var saved *media.Saved
	if im.Media != nil {
		p := *im.Media
		p.Now = func() time.Time { return when }
		// The name is not given: old portals often saved PNGs as .jpg,
		// and the content decides here as it does for uploads.
		if saved, err = p.Process(ctx, "", bytes.NewReader(data)); err != nil {
			return nil, portal.Failed, fmt.Errorf("%s: %s", file, message(err))
		}
		saved.Fill(m)
	} else {
		// A dry run reads the picture's header only and stores nothing.
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, portal.Failed, fmt.Errorf("%s: not a picture cong reads: %v", file, err)
		}
		m.File = when.UTC().Format("2006/01/") + "dry-run." + format
		m.MIME, m.Width, m.Height, m.Size = "image/"+format, cfg.Width, cfg.Height, int64(len(data))
	}
	o, err := im.Store.ImportMedia(ctx, im.Who, imp, m)
	if err != nil {
		if saved != nil {
			im.Media.RemoveStored(ctx, saved.Files())
		}
		return nil, portal.Failed, fmt.Errorf("%s: %s", file, message(err))
	}
	return m, o, nil
}

// maxPage caps what is read of a saved page.
const maxPage = 16 << 20

// read returns the content of file, refusing one larger than limit.
func (s *site) read(file string, limit int64) ([]byte, error) {
	f, err := s.root.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	switch {
	case err != nil:
		return nil, err
	case int64(len(data)) > limit:
		return nil, fmt.Errorf("%s: larger than %d MB", file, limit>>20)
	}
	return data, nil
}

// parse reads a saved page in its encoding: UTF-8 when its bytes are
// (servers often declared otherwise), else what it declares
// (windows-1258, windows-1252 for text in legacy fonts, …).
func (s *site) parse(file string) (*goquery.Document, error) {
	data, err := s.read(file, maxPage)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	var r io.Reader = bytes.NewReader(data)
	if !utf8.Valid(data) {
		enc, _, _ := charset.DetermineEncoding(data, "")
		r = enc.NewDecoder().Reader(r)
	}
	return goquery.NewDocumentFromReader(r)
}
