package portal

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Page is an introduction page ("Giới thiệu", "Cơ cấu tổ chức", "Lãnh đạo",
// "Liên hệ"): rich text managed by administrators, shown in its own menu.
// The law asks for the organisation and contact pages in English too: an
// English page names the Vietnamese page it translates.
type Page struct {
	ID    int64
	Slug  string
	Title string
	Body  string // sanitized rich text
	Lang  string // LangVI or LangEN
	// TranslationOf is, for an English page, the Vietnamese page it
	// translates; 0 for none.
	TranslationOf int64
	// ParentID is the page this one sits under, 0 for a page of the menu's
	// first level (imported WordPress pages keep their nesting).
	ParentID  int64
	Position  int
	InMenu    bool
	Published bool
	Contacts  []Contact // the named contact officials, in order
	UpdatedAt time.Time

	// Translation is the page in the other language, filled on reading one
	// page: its Slug, Lang, Title and Published only.
	Translation *Page
}

// Contact is an official readers may contact, listed on a page.
type Contact struct {
	Name  string
	Title string // position, e.g. "Chánh Văn phòng"
	Phone string
	Email string
}

// The languages of pages.
const (
	LangVI = "vi"
	LangEN = "en"
)

// SettingSiteNameEN is the setting that holds the portal's English name,
// shown on the English pages.
const SettingSiteNameEN = "site.name_en"

// Limits on a page.
const (
	MaxPageTitle    = 200
	MaxPageBody     = 200_000
	MaxPageContacts = 20
)

// Validate checks a page before it is saved.
func (p *Page) Validate() error {
	p.Title, p.Slug = strings.TrimSpace(p.Title), strings.TrimSpace(p.Slug)
	switch {
	case p.Title == "" || HasControl(p.Title):
		return Invalid("title", "Xin nhập tiêu đề trang.")
	case utf8.RuneCountInString(p.Title) > MaxPageTitle:
		return Invalid("title", "Tiêu đề dài quá 200 ký tự.")
	case !IsSlug(p.Slug):
		return Invalid("slug", "Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang.")
	case p.Lang != LangVI && p.Lang != LangEN:
		return Invalid("lang", "Ngôn ngữ phải là tiếng Việt hoặc tiếng Anh.")
	case p.Lang == LangVI && p.TranslationOf != 0:
		return Invalid("translation", "Chỉ trang tiếng Anh mới là bản dịch của một trang tiếng Việt.")
	case utf8.RuneCountInString(p.Body) > MaxPageBody:
		return Invalid("body", "Nội dung dài quá 200.000 ký tự.")
	case p.Position < 0 || p.Position > 10_000:
		return Invalid("position", "Thứ tự phải từ 0 đến 10.000.")
	case len(p.Contacts) > MaxPageContacts:
		return Invalid("contacts", "Tối đa 20 người liên hệ.")
	}
	return validateContacts(p.Contacts)
}

func validateContacts(cs []Contact) error {
	for i := range cs {
		c := &cs[i]
		c.Name, c.Title = strings.TrimSpace(c.Name), strings.TrimSpace(c.Title)
		c.Phone, c.Email = strings.TrimSpace(c.Phone), strings.TrimSpace(c.Email)
		switch {
		case c.Name == "" || HasControl(c.Name+c.Title) || utf8.RuneCountInString(c.Name) > 100:
			return Invalid("contacts", "Mỗi người liên hệ cần họ tên (tối đa 100 ký tự).")
		case utf8.RuneCountInString(c.Title) > 200:
			return Invalid("contacts", "Chức vụ của "+c.Name+" dài quá 200 ký tự.")
		case !validPhone(c.Phone, 30):
			return Invalid("contacts", "Số điện thoại của "+c.Name+" không hợp lệ.")
		case c.Email != "" && !validEmail(c.Email):
			return Invalid("contacts", "Địa chỉ thư điện tử của "+c.Name+" không hợp lệ.")
		}
	}
	return nil
}

// PageService manages the introduction pages.
type PageService interface {
	// Pages lists the pages of lang in menu order; published only when
	// publishedOnly.
	Pages(ctx context.Context, lang string, publishedOnly bool) ([]Page, error)
	// Page returns a page with its contacts and translation.
	Page(ctx context.Context, id int64) (*Page, error)
	// PageBySlug returns the page of lang at slug, published or not.
	PageBySlug(ctx context.Context, lang, slug string) (*Page, error)
	CreatePage(ctx context.Context, who Actor, p *Page) error
	UpdatePage(ctx context.Context, who Actor, p *Page) error
	DeletePage(ctx context.Context, who Actor, id int64) error
}
