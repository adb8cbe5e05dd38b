package portal

import (
	"context"
	"math"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// AdminMap is the administrative map ("Bản đồ hành chính"): a view box and
// the units drawn in it, in position order.
type AdminMap struct {
	Width, Height int
	Units         []MapUnit
}

// MapUnit is one administrative unit: its shape on the map, drawn from an
// uploaded GeoJSON file, and its page, which staff write.
type MapUnit struct {
	ID       int64
	Slug     string // from the name: /ban-do-hanh-chinh/{slug}
	Name     string
	Code     string // the official code when the file gave one
	Path     string // SVG path data in the map's view box
	Outline  string // the same, coarser, for the small map
	LabelX   float64
	LabelY   float64
	Position int

	MapUnitPage
	UpdatedAt time.Time
}

// MapUnitPage is what staff write about a unit. All of it is plain text;
// the page escapes it.
type MapUnitPage struct {
	Intro      string  // paragraphs, separated by blank lines
	Area       float64 // km²
	Population int64
	Leaders    string // one a line: "Bí thư Huyện ủy: Nguyễn Văn A"
	Address    string
	Phone      string
	Email      string
	Website    string
	// Tag is the slug of the tag whose articles are the unit's news: an
	// editor tags an article "Vị Thủy" and it shows on Vị Thủy's page.
	Tag string
}

// MapChange counts what an upload did to the units.
type MapChange struct{ Kept, Added, Removed int }

// Limits on a unit's page.
const (
	MaxUnitIntro   = 10000
	MaxUnitLeaders = 2000
	MaxUnitField   = 300
)

// Validate checks a unit's page, trimming its fields.
func (p *MapUnitPage) Validate() error {
	for _, f := range []*string{&p.Intro, &p.Leaders, &p.Address, &p.Phone, &p.Email, &p.Website, &p.Tag} {
		*f = strings.TrimSpace(*f)
	}
	switch {
	case utf8.RuneCountInString(p.Intro) > MaxUnitIntro || HasControl(p.Intro):
		return Invalid("intro", "Giới thiệu dài quá 10 000 ký tự hoặc có ký tự không hợp lệ.")
	case math.IsNaN(p.Area) || p.Area < 0 || p.Area > 1e6:
		return Invalid("area", "Diện tích phải là một số từ 0 đến 1 000 000 km².")
	case p.Population < 0 || p.Population > 1e9:
		return Invalid("population", "Dân số phải là một số nguyên từ 0 đến 1 000 000 000.")
	case utf8.RuneCountInString(p.Leaders) > MaxUnitLeaders || HasControl(p.Leaders):
		return Invalid("leaders", "Danh sách lãnh đạo dài quá 2000 ký tự hoặc có ký tự không hợp lệ.")
	case !plainLine(p.Address, MaxUnitField):
		return Invalid("address", "Địa chỉ dài quá 300 ký tự hoặc có ký tự không hợp lệ.")
	case !plainLine(p.Phone, 50) || strings.Trim(p.Phone, "0123456789 +-.()/") != "":
		return Invalid("phone", "Số điện thoại chỉ gồm chữ số, dấu cách và + - . ( ) /.")
	case p.Email != "" && !validEmail(p.Email):
		return Invalid("email", "Địa chỉ thư điện tử không hợp lệ.")
	case p.Website != "" && !webAddress(p.Website):
		return Invalid("website", "Trang web phải là địa chỉ bắt đầu bằng http:// hoặc https://.")
	case p.Tag != "" && !IsSlug(p.Tag):
		return Invalid("tag", "Từ khóa tin tức chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.")
	}
	return nil
}

// plainLine reports whether s is one line of at most max characters.
func plainLine(s string, max int) bool {
	return utf8.RuneCountInString(s) <= max && !HasControl(s) && !strings.ContainsAny(s, "\r\n\t")
}

// webAddress reports whether s is an absolute http(s) address.
func webAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && len(s) <= MaxUnitField && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" &&
		!strings.ContainsAny(s, " \"<>'")
}

// Paragraphs splits the introduction at blank lines.
func (p *MapUnitPage) Paragraphs() []string {
	var out []string
	for _, para := range strings.Split(strings.ReplaceAll(p.Intro, "\r\n", "\n"), "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			out = append(out, para)
		}
	}
	return out
}

// LeaderLines splits the leaders, one a line.
func (p *MapUnitPage) LeaderLines() []string {
	var out []string
	for _, l := range strings.Split(p.Leaders, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Setting of the map: its view box, "width height", written with the units.
const SettingMapView = "map.view"

// MapService reads the administrative map for readers.
type MapService interface {
	// AdminMap returns the map, its units in position order; no units: an
	// empty map, not an error.
	AdminMap(ctx context.Context) (*AdminMap, error)
	// MapUnit returns the unit with slug.
	MapUnit(ctx context.Context, slug string) (*MapUnit, error)
}

// MapWriter changes the administrative map.
type MapWriter interface {
	MapService
	// ReplaceMap puts m's units in place of the map's in one transaction.
	// A unit whose code (or, without a code, whose slug) was on the map
	// keeps its id and page; units no longer in m are removed.
	ReplaceMap(ctx context.Context, who Actor, m *AdminMap) (MapChange, error)
	MapUnitByID(ctx context.Context, id int64) (*MapUnit, error)
	// SaveMapUnitPage validates and saves the page of the unit with id.
	SaveMapUnitPage(ctx context.Context, who Actor, id int64, p *MapUnitPage) error
}
