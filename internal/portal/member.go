package portal

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Member is a reader's account (a Party member, "đảng viên"), kept apart
// from staff accounts: it opens the articles and categories restricted to
// its groups on the public site, and nothing of the back office.
type Member struct {
	ID           int64
	Username     string // lower case, unique among members
	Name         string
	PasswordHash string
	Disabled     bool
	GroupIDs     []int64 // the groups it belongs to
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// MemberGroup is a group of members ("chi bộ", "Ban Thường vụ"…). A
// category or an article restricted to groups is read by their members
// alone.
type MemberGroup struct {
	ID   int64
	Name string
	// CategoryIDs are the categories restricted to this group (with any
	// other group restricting them too).
	CategoryIDs []int64
	Members     int // filled by lists: how many members it has
	CreatedAt   time.Time
}

// Limits on members' and groups' fields, in characters.
const (
	MaxMemberName = 100
	MaxGroupName  = 100
	// MaxArticleGroups bounds the groups one article is restricted to.
	MaxArticleGroups = 50
)

// Validate checks a member before it is saved.
func (m *Member) Validate() error {
	m.Username = strings.ToLower(strings.TrimSpace(m.Username))
	m.Name = strings.TrimSpace(m.Name)
	switch {
	case !validUsername(m.Username):
		return Invalid("username", "Tên đăng nhập gồm 3–40 chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.")
	case m.Name == "" || HasControl(m.Name):
		return Invalid("name", "Xin nhập họ tên.")
	case utf8.RuneCountInString(m.Name) > MaxMemberName:
		return Invalid("name", "Họ tên dài quá 100 ký tự.")
	case m.PasswordHash == "":
		return Invalid("password", "Xin đặt mật khẩu.")
	}
	return nil
}

// Validate checks a group before it is saved.
func (g *MemberGroup) Validate() error {
	g.Name = strings.Join(strings.Fields(g.Name), " ")
	switch {
	case g.Name == "" || HasControl(g.Name):
		return Invalid("name", "Xin nhập tên nhóm.")
	case utf8.RuneCountInString(g.Name) > MaxGroupName:
		return Invalid("name", "Tên nhóm dài quá 100 ký tự.")
	}
	return nil
}

// In reports whether m, not disabled, belongs to any of groups.
func (m *Member) In(groups []int64) bool {
	if m == nil || m.Disabled {
		return false
	}
	for _, g := range groups {
		for _, mine := range m.GroupIDs {
			if g == mine {
				return true
			}
		}
	}
	return false
}

// MemberService keeps members, their groups and what the groups may read.
// Every change names who makes it, for the audit log.
type MemberService interface {
	Member(ctx context.Context, id int64) (*Member, error)
	MemberByUsername(ctx context.Context, username string) (*Member, error)
	// Members lists the members by name, in Vietnamese order.
	Members(ctx context.Context) ([]Member, error)
	CreateMember(ctx context.Context, who Actor, m *Member) error
	// UpdateMember saves name, groups, disabled and, when m.PasswordHash is
	// set, the password.
	UpdateMember(ctx context.Context, who Actor, m *Member) error
	// SetMemberPassword stores the member's own new password hash.
	SetMemberPassword(ctx context.Context, who Actor, id int64, hash string) error

	MemberGroups(ctx context.Context) ([]MemberGroup, error)
	MemberGroup(ctx context.Context, id int64) (*MemberGroup, error)
	// SaveMemberGroup creates g (ID 0) or saves its name and categories;
	// the articles of the categories it adds or drops become members-only
	// or public in the same transaction, and leave or join the search index.
	SaveMemberGroup(ctx context.Context, who Actor, g *MemberGroup) error

	// ArticleAccess returns the groups whose members may read article id:
	// its own groups when it has some, else its category's; none when it
	// is public.
	ArticleAccess(ctx context.Context, id int64) ([]int64, error)

	// CheckLoginLimits and RecordLoginFailure bound members' failed logins
	// as they bound staff's (see UserService).
	CheckLoginLimits(ctx context.Context, who Actor, now time.Time, limits ...LoginLimit) error
	RecordLoginFailure(ctx context.Context, who Actor, action string, keys []string, at time.Time) error
}
