package portal

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Settings keys an administrator edits on the settings page, besides
// SettingSiteName and SettingSiteTagline.
const (
	SettingSiteLogo      = "site.logo_media_id" // a picture of the library; empty: the emblem
	SettingFooterAddress = "footer.address"
	SettingFooterPhone   = "footer.phone"
	SettingFooterEmail   = "footer.email"
	// SettingFooterLicence is the licence line every Vietnamese e-portal
	// shows: "Giấy phép số 15/GP-TTĐT ngày … của Sở Thông tin và Truyền thông".
	SettingFooterLicence = "footer.licence"
	// SettingSideBlocks lists the side blocks shown, in order, comma
	// separated; missing: all of SideBlocks in their order.
	SettingSideBlocks = "side.blocks"
	// SettingImageBudget is how many bytes the pictures of an article may
	// weigh on a reader's phone (media.PhoneWeight) before the editor warns;
	// missing: DefaultImageBudget.
	SettingImageBudget = "media.image_budget"
)

// The image budget of a page, in bytes (a KB is 1 000 bytes): its default
// and the bounds an administrator may set.
const (
	DefaultImageBudget = 500_000
	MinImageBudget     = 50_000
	MaxImageBudget     = 5_000_000
)

// SideBlocks are the blocks the side column may show, in their default order.
var SideBlocks = []Named{
	{"links", "Ảnh liên kết"}, {"schedule", "Lịch làm việc"}, {"map", "Bản đồ hành chính"},
	{"counter", "Lượt truy cập"}, {"ads", "Quảng cáo"}, {"poll", "Bình chọn"},
}

// SiteSettings are the portal's own settings: its name and logo, the footer,
// and the side column's blocks.
type SiteSettings struct {
	Name, Tagline  string
	LogoID         int64
	Address, Phone string
	Email, Licence string
	Blocks         []string // keys of SideBlocks, in the order shown
	ImageBudget    int64    // bytes; see SettingImageBudget
}

// ReadSiteSettings reads the settings from the stored key/value pairs.
func ReadSiteSettings(kv map[string]string) SiteSettings {
	s := SiteSettings{Name: kv[SettingSiteName], Tagline: kv[SettingSiteTagline], Address: kv[SettingFooterAddress],
		Phone: kv[SettingFooterPhone], Email: kv[SettingFooterEmail], Licence: kv[SettingFooterLicence]}
	s.LogoID, _ = strconv.ParseInt(kv[SettingSiteLogo], 10, 64)
	s.ImageBudget = ImageBudget(kv)
	blocks, ok := kv[SettingSideBlocks]
	if !ok {
		for _, b := range SideBlocks {
			s.Blocks = append(s.Blocks, b.Key)
		}
		return s
	}
	for _, b := range strings.Split(blocks, ",") {
		if NameOf(SideBlocks, b) != "" {
			s.Blocks = append(s.Blocks, b)
		}
	}
	return s
}

// ImageBudget reads the image budget of a page from the stored settings:
// DefaultImageBudget when missing or out of bounds.
func ImageBudget(kv map[string]string) int64 {
	n, err := strconv.ParseInt(kv[SettingImageBudget], 10, 64)
	if err != nil || n < MinImageBudget || n > MaxImageBudget {
		return DefaultImageBudget
	}
	return n
}

// Pairs returns the settings as stored key/value pairs.
func (s *SiteSettings) Pairs() map[string]string {
	logo := ""
	if s.LogoID > 0 {
		logo = strconv.FormatInt(s.LogoID, 10)
	}
	return map[string]string{
		SettingSiteName: s.Name, SettingSiteTagline: s.Tagline, SettingSiteLogo: logo,
		SettingFooterAddress: s.Address, SettingFooterPhone: s.Phone, SettingFooterEmail: s.Email,
		SettingFooterLicence: s.Licence, SettingSideBlocks: strings.Join(s.Blocks, ","),
		SettingImageBudget: strconv.FormatInt(s.ImageBudget, 10),
	}
}

// Validate checks the settings an administrator sent.
func (s *SiteSettings) Validate() error {
	for _, f := range []*string{&s.Name, &s.Tagline, &s.Address, &s.Phone, &s.Email, &s.Licence} {
		*f = strings.TrimSpace(*f)
	}
	seen := map[string]bool{}
	for _, b := range s.Blocks {
		if NameOf(SideBlocks, b) == "" || seen[b] {
			return Invalid("blocks", "Khối bên không hợp lệ.")
		}
		seen[b] = true
	}
	switch {
	case s.Name == "":
		return Invalid("name", "Xin nhập tên cổng.")
	case !line(s.Name, 200):
		return Invalid("name", "Tên cổng tối đa 200 ký tự, trên một dòng.")
	case !line(s.Tagline, 200):
		return Invalid("tagline", "Dòng giới thiệu tối đa 200 ký tự, trên một dòng.")
	case !line(s.Address, 300):
		return Invalid("address", "Địa chỉ tối đa 300 ký tự, trên một dòng.")
	case !line(s.Phone, 50) || strings.Trim(s.Phone, "0123456789 +-.()") != "":
		return Invalid("phone", "Số điện thoại chỉ gồm chữ số, dấu cách và + - . ( ).")
	case s.Email != "" && !validEmail(s.Email):
		return Invalid("email", "Địa chỉ thư điện tử không hợp lệ.")
	case !line(s.Licence, 300):
		return Invalid("licence", "Dòng giấy phép tối đa 300 ký tự, trên một dòng.")
	case s.ImageBudget < MinImageBudget || s.ImageBudget > MaxImageBudget:
		return Invalid("image_budget", "Ngân sách ảnh của một trang là một số KB, từ 50 đến 5.000.")
	}
	return nil
}

// line reports whether s is one line of at most n characters.
func line(s string, n int) bool {
	return utf8.RuneCountInString(s) <= n && !HasControl(s) && !strings.ContainsAny(s, "\r\n")
}
