package portal

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is a member of staff's position in the newsroom. A user may hold
// several; what each lets them do is RolePermissions (rights.go).
type Role string

// The newsroom's roles.
const (
	RoleReporter Role = "reporter" // phóng viên: writes and submits own drafts
	RoleEditor   Role = "editor"   // biên tập viên: edits, forwards or returns drafts of assigned categories
	RoleApprover Role = "approver" // duyệt: publishes, unpublishes, schedules
	RoleAdmin    Role = "admin"    // quản trị: users, roles, categories, settings, and the whole newsroom
)

// Roles lists every role, in the order forms show them.
var Roles = []Role{RoleReporter, RoleEditor, RoleApprover, RoleAdmin}

// RoleNames are the roles' Vietnamese names.
var RoleNames = map[Role]string{
	RoleReporter: "Phóng viên", RoleEditor: "Biên tập viên", RoleApprover: "Duyệt bài", RoleAdmin: "Quản trị",
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return RoleNames[r] != "" }

// User is a member of staff.
type User struct {
	ID           int64
	Username     string // lower case, unique
	Name         string
	PasswordHash string
	Roles        []Role  // on SiteID
	CategoryIDs  []int64 // the categories an editor edits
	// SiteID is the site Roles and CategoryIDs are held on (see Site); 0 is
	// the main site.
	SiteID       int64
	Disabled     bool
	TOTPSecret   string // empty: no second factor set up
	TOTPLastStep int64
	// MustChangePassword marks a password someone else set (a one-time
	// password): it opens only the password change until the user sets
	// their own.
	MustChangePassword bool
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Has reports whether u holds role r. Rights are asked with May, never
// with Has: Has is for the forms that grant roles.
func (u *User) Has(r Role) bool { return u != nil && slices.Contains(u.Roles, r) }

// Edits reports whether u edits the articles of category id: the per-category
// right of editors, granted on the user's page.
func (u *User) Edits(categoryID int64) bool {
	return u.May(EditArticles) && slices.Contains(u.CategoryIDs, categoryID)
}

// IsStaff reports whether u may enter the back office at all.
func (u *User) IsStaff() bool { return u.May(EnterBackOffice) }

// Validate checks a user before it is saved.
func (u *User) Validate() error {
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	u.Name = strings.TrimSpace(u.Name)
	switch {
	case !validUsername(u.Username):
		return Invalid("username", "Tên đăng nhập gồm 3–40 chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.")
	case u.Name == "" || HasControl(u.Name):
		return Invalid("name", "Xin nhập họ tên.")
	case utf8.RuneCountInString(u.Name) > 100:
		return Invalid("name", "Họ tên dài quá 100 ký tự.")
	case len(u.Roles) == 0:
		return Invalid("roles", "Xin chọn ít nhất một vai trò.")
	}
	return CheckRoles(u.Roles)
}

// CheckRoles refuses a role that is not one of Roles.
func CheckRoles(roles []Role) error {
	for _, r := range roles {
		if !r.Valid() {
			return Invalid("roles", "Vai trò không hợp lệ.")
		}
	}
	return nil
}

func validUsername(s string) bool {
	if len(s) < 3 || len(s) > 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// Session is a staff login, stored so that it works across instances. ID is
// the hash of the token in the cookie; the token itself is never stored.
type Session struct {
	ID        string
	UserID    int64
	CreatedAt time.Time
	LastSeen  time.Time
	IP        string
	UserAgent string
	// Pending: the password was right but the second factor is still to
	// come; such a session opens nothing but the code form.
	Pending bool
}

// SettingTOTPRequired, when "1", makes a second factor mandatory for staff.
const SettingTOTPRequired = "security.totp_required"

// LoginLimit bounds the failed logins counted under one key (an account, an
// address) within a window.
type LoginLimit struct {
	Key     string // "u:name", "ip:1.2.3.4"
	Max     int
	Window  time.Duration
	Message string // shown when the limit is reached
	Detail  string // for the audit log: which limit
}

// UserService stores staff accounts and their sessions. Every change names
// who makes it, for the audit log.
type UserService interface {
	CreateUser(ctx context.Context, who Actor, u *User) error
	// UpdateUser saves name, roles, categories and disabled; disabling a user
	// ends their sessions in the same transaction.
	UpdateUser(ctx context.Context, who Actor, u *User) error
	// SetPassword stores the user's own new password hash (the need to
	// change it is over) and ends their sessions but keepSession, the one
	// that changed it ("" ends them all), in one transaction.
	SetPassword(ctx context.Context, who Actor, userID int64, hash, keepSession string) error
	User(ctx context.Context, id int64) (*User, error)
	UserByUsername(ctx context.Context, username string) (*User, error)
	Users(ctx context.Context) ([]User, error)

	// StartSession signs in: ends the browser's old session (when not
	// empty), stores s and, when s is complete, forgets the failures under
	// clear.
	StartSession(ctx context.Context, who Actor, old string, s *Session, clear ...string) error
	// CompleteSession swaps a session waiting for its second factor for a
	// full one, in one transaction: the id changes whenever the privileges
	// of a session do.
	CompleteSession(ctx context.Context, who Actor, oldID string, s *Session, clear ...string) error
	// EndSession signs out.
	EndSession(ctx context.Context, who Actor, id string) error
	// Session returns a live session and its user.
	Session(ctx context.Context, id string) (*Session, *User, error)
	TouchSession(ctx context.Context, id string, at time.Time) error
	// DeleteSession drops a session that expired; signing out is EndSession.
	DeleteSession(ctx context.Context, id string) error

	// SetTOTP turns the second factor on (secret set) or off (empty),
	// replacing the recovery codes with the hashes given.
	SetTOTP(ctx context.Context, who Actor, userID int64, secret string, codeHashes []string) error
	// UseTOTPStep records the time step of a code just accepted; false when
	// that step (or a later one) was used already: a replay.
	UseTOTPStep(ctx context.Context, userID, step int64) (bool, error)
	// UseRecoveryCode spends a recovery code; false when it is unknown or spent.
	UseRecoveryCode(ctx context.Context, userID int64, codeHash string, at time.Time) (bool, error)
	// RecoveryCodesLeft counts the unspent recovery codes.
	RecoveryCodesLeft(ctx context.Context, userID int64) (int, error)

	// CheckLoginLimits refuses an attempt (ELIMIT) once a limit is reached,
	// recording the lockout.
	CheckLoginLimits(ctx context.Context, who Actor, now time.Time, limits ...LoginLimit) error
	// RecordLoginFailure records a failed attempt of action under keys.
	RecordLoginFailure(ctx context.Context, who Actor, action string, keys []string, at time.Time) error
}
