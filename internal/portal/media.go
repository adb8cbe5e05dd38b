package portal

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Media is an uploaded file, most often a picture. File is its path under the
// media folder, named by the server, never by the uploader.
type Media struct {
	ID       int64
	File     string
	MIME     string
	Caption  string
	Alt      string
	Width    int
	Height   int
	Size     int64
	Variants []int // widths of the resized copies, ascending
	// WebP lists the widths that also have a WebP copy, ascending: variants'
	// widths, and Width itself if the picture has one.
	WebP      []int
	OwnerID   int64 // who uploaded it; 0 for demo pictures
	CreatedAt time.Time
}

// IsImage reports whether m is a picture (not a document).
func (m *Media) IsImage() bool { return strings.HasPrefix(m.MIME, "image/") }

// MediaFilter selects media, newest first.
type MediaFilter struct {
	Query  string // words found in the caption, alt text or file name
	Images bool   // pictures only
	Limit  int
}

// URL is where readers fetch the file.
func (m *Media) URL() string { return "/media/" + m.File }

// Validate checks a media record before it is saved.
func (m *Media) Validate() error {
	m.Caption = strings.TrimSpace(m.Caption)
	m.Alt = strings.TrimSpace(m.Alt)
	switch {
	case m.File == "" || strings.Contains(m.File, "..") || strings.HasPrefix(m.File, "/"):
		return Invalid("file", "Tên tệp không hợp lệ.")
	case utf8.RuneCountInString(m.Caption) > 1000:
		return Invalid("caption", "Chú thích dài quá 1000 ký tự.")
	case utf8.RuneCountInString(m.Alt) > 500:
		return Invalid("alt", "Mô tả ảnh dài quá 500 ký tự.")
	case m.Width < 0 || m.Height < 0:
		return Invalid("file", "Kích thước ảnh không hợp lệ.")
	}
	return nil
}

// MediaReader finds the library's pictures that reader pages draw.
type MediaReader interface {
	MediaByFile(ctx context.Context, file string) (*Media, error)
}

// MediaService stores media records and links them to articles.
type MediaService interface {
	CreateMedia(ctx context.Context, who Actor, m *Media) error
	Media(ctx context.Context, id int64) (*Media, error)
	// MediaByFile finds a media record by its file name.
	MediaByFile(ctx context.Context, file string) (*Media, error)
	ListMedia(ctx context.Context, f MediaFilter) ([]Media, error)
	// LinkMedia attaches media to an article at a position in its gallery.
	LinkMedia(ctx context.Context, who Actor, articleID, mediaID int64, position int) error
}
