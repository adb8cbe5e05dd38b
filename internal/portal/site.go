package portal

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strings"
	"unicode/utf8"

	"cong/internal/viet"
)

// MainSite is the site every install has: it answers every host no other
// site names, and alone keeps what is not per site (see Site).
const MainSite int64 = 1

// Site is one portal of an install that serves several by host name (a
// provincial committee's and its districts'). Each has its own categories,
// and through them its articles, comments, feeds, sitemaps and search; its
// own settings (name, footer, side blocks, the forms' key), image links, ads
// and notices; staff hold roles per site. The registers of documents, the
// work schedule, Hỏi – Đáp, consultations, polls, contact, the map, members
// and threads are the main site's alone (MainSitePermission).
type Site struct {
	ID   int64
	Slug string // names the site in commands: "huyen-chau-thanh"
	Name string
	// BaseURL is the site's public address, "https://chauthanh.haugiang.dcs.vn";
	// empty for the main site, which takes --base-url.
	BaseURL string
	// Host is BaseURL's host name in lower case, without a port: the one
	// host the site answers. A request's Host is only ever compared with it.
	Host string
}

// Main reports whether s is the main site.
func (s *Site) Main() bool { return s.ID == MainSite }

// Validate checks a new or changed site and sets Slug and Host from Name
// and BaseURL where they are derived.
func (s *Site) Validate() error {
	s.Name = strings.TrimSpace(viet.NFC(s.Name))
	if s.Slug == "" {
		s.Slug = viet.Slug(s.Name)
	}
	var err error
	switch {
	case s.Name == "":
		err = Invalid("name", "Xin nhập tên trang.")
	case utf8.RuneCountInString(s.Name) > 200:
		err = Invalid("name", "Tên trang dài quá 200 ký tự.")
	case len(s.Slug) > viet.SlugMaxLen:
		err = Invalid("slug", fmt.Sprintf("Mã trang dài quá %d ký tự.", viet.SlugMaxLen))
	case s.Slug != viet.Slug(s.Slug) || s.Slug == "":
		err = Invalid("slug", "Mã trang chỉ gồm chữ thường không dấu, số và dấu gạch ngang.")
	}
	if err != nil {
		return err
	}
	if s.Main() && s.BaseURL == "" {
		s.Host = ""
		return nil
	}
	host, err := SiteHost(s.BaseURL)
	if err != nil {
		return err
	}
	s.BaseURL = strings.TrimRight(s.BaseURL, "/")
	s.Host = host
	return nil
}

// SiteHost checks a site's public address (http or https, a host name, no
// path, query or user) and returns its host name in lower case.
func SiteHost(base string) (string, error) {
	bad := Invalid("base_url", "Địa chỉ trang phải có dạng https://ten-mien.gov.vn, không có đường dẫn phía sau.")
	if len(base) > 200 {
		return "", bad
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil || u.Hostname() == "" ||
		strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" {
		return "", bad
	}
	host := strings.ToLower(u.Hostname())
	if net.ParseIP(host) == nil {
		for _, label := range strings.Split(host, ".") {
			if label == "" || strings.Trim(label, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
				return "", bad
			}
		}
	}
	return host, nil
}

// RequestHost is the host name a request names in its Host header, in
// lower case and without a port or brackets, to look up among the sites'
// hosts. It is on every request of an install with several sites, and
// allocates only for a name not in lower case.
func RequestHost(hostHeader string) string {
	h := hostHeader
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.Contains(h[i:], "]") && (h[0] == '[' || strings.Count(h, ":") == 1) {
		h = h[:i] // "name:port", "[v6]:port"; a bare IPv6 address keeps its colons
	}
	h = strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(h, "["), "]"), ".")
	return strings.ToLower(h)
}

// MainSitePermission reports whether p is about something only the main
// site keeps: on another site no one holds it, so its pages and buttons are
// not there.
func MainSitePermission(p Permission) bool {
	switch p {
	case KeepSchedule, WriteDocuments, PublishDocuments, AnswerQuestions, ManageConsultations, PublishConsultations,
		ReadContactMessages, ManagePolls, ManageThreads, ManageLists, ManagePages, ManageMap, ManageContact,
		ManagePenNames, ManageUsers, ManageSites, ManageMembers, ReadAudit, ReadStats:
		return true
	}
	return false
}

// SiteService keeps the sites of an install.
type SiteService interface {
	// Sites lists every site, the main one first.
	Sites(ctx context.Context) ([]Site, error)
	// CreateSite saves a new site with its settings (its name and a key of
	// its own for readers' forms).
	CreateSite(ctx context.Context, who Actor, s *Site) error
	// SiteByID returns one site.
	SiteByID(ctx context.Context, id int64) (*Site, error)
	// UpdateSite saves a site's name and address.
	UpdateSite(ctx context.Context, who Actor, s *Site) error
	// SiteUsers lists the staff with their roles and categories on a site.
	SiteUsers(ctx context.Context, site int64) ([]User, error)
	// SiteCategories lists a site's categories.
	SiteCategories(ctx context.Context, site int64) ([]Category, error)
	// SaveSiteGrants replaces u's roles and categories on a site, leaving
	// those on the other sites.
	SaveSiteGrants(ctx context.Context, who Actor, site int64, u *User) error
}
