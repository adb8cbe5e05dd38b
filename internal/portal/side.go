package portal

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// ImageLink is a banner in the "Ảnh liên kết" block: a picture linking to
// another site of the political system.
type ImageLink struct {
	ID       int64
	Title    string
	URL      string
	Image    Media
	Position int
	Active   bool
	StartsAt time.Time // zero: from now on
	EndsAt   time.Time // zero: no end
}

// Ad is an advertisement in one of the AdSlots, shown between StartsAt and
// EndsAt: a picture, or plain text (Image.ID 0), linking to URL.
type Ad struct {
	ID       int64
	Title    string
	URL      string
	Image    Media
	Position int
	StartsAt time.Time
	EndsAt   time.Time // zero: no end
	Active   bool
	Slot     string // one of AdSlots; empty is AdSlotSide
	Text     string // plain text, shown escaped when there is no picture
	Weight   int    // its share of the slot's rotation, 1–100
}

// Comment is a reader's opinion under an article ("Các ý kiến của bạn đọc").
// Only approved comments are shown.
type Comment struct {
	ID        int64
	ArticleID int64
	Name      string
	Email     string // never shown to the public
	IP        string
	Body      string
	Approved  bool
	Status    CommentStatus
	CreatedAt time.Time
	ParentID  int64 // the comment this one answers; 0 for a reader's comment
	Staff     bool  // written by the portal's staff
	// Edited tells that a moderator corrected the text; OriginalBody keeps
	// what the reader wrote, for the moderators.
	Edited       bool
	OriginalBody string

	ArticleTitle string    // filled for the moderation queue
	Replies      []Comment // the portal's answers, filled for readers
}

// CommentStatus is where a comment stands in moderation.
type CommentStatus string

// The moderation statuses. Only approved comments are shown.
const (
	CommentPending  CommentStatus = "pending"
	CommentApproved CommentStatus = "approved"
	CommentRejected CommentStatus = "rejected"
	CommentSpam     CommentStatus = "spam"
)

// CommentStatusNames are the statuses' Vietnamese names.
var CommentStatusNames = map[CommentStatus]string{
	CommentPending: "Chờ duyệt", CommentApproved: "Đã duyệt", CommentRejected: "Từ chối", CommentSpam: "Thư rác",
}

// Limits on a reader's comment.
const (
	MaxCommentBody  = 2000 // characters, refused whole beyond
	MaxCommentName  = 100
	MaxCommentLinks = 2
)

// Validate checks a reader's comment, every field, and returns what is
// wrong with each (see Join). Nothing is cut: too long is refused.
func (c *Comment) Validate() error {
	c.Name, c.Email, c.Body = strings.TrimSpace(c.Name), strings.TrimSpace(c.Email), strings.TrimSpace(c.Body)
	var name, email, body error
	switch {
	case c.Name == "" || HasControl(c.Name):
		name = Invalid("name", "Xin nhập họ tên.")
	case utf8.RuneCountInString(c.Name) > MaxCommentName:
		name = Invalid("name", "Họ tên dài quá 100 ký tự.")
	}
	if !validEmail(c.Email) {
		email = Invalid("email", "Địa chỉ thư điện tử không hợp lệ.")
	}
	body = ValidateCommentBody(c.Body)
	if body == nil && strings.Count(strings.ToLower(c.Body), "http") > MaxCommentLinks {
		body = Invalid("body", "Ý kiến chứa quá nhiều đường dẫn.")
	}
	return Join(name, email, body)
}

// ValidateCommentBody checks the text of a comment or a reply, trimmed:
// not empty, at most MaxCommentBody characters (refused whole beyond), no
// control characters.
func ValidateCommentBody(body string) error {
	switch {
	case body == "":
		return Invalid("body", "Xin nhập ý kiến của bạn.")
	case utf8.RuneCountInString(body) > MaxCommentBody:
		return Invalid("body", "Ý kiến dài quá 2000 ký tự; xin rút gọn (không có gì bị cắt bớt).")
	case HasControl(body):
		return Invalid("body", "Ý kiến có ký tự không hợp lệ.")
	}
	return nil
}

// validEmail is a plain check: something@domain.tld, no spaces, ≤ 254.
func validEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	return len(s) <= 254 && at > 0 && strings.Contains(s[at:], ".") && !strings.ContainsAny(s, " \t\r\n<>,;\"") &&
		!strings.HasSuffix(s, ".")
}

// validPhone is a plain check of a phone number as people write it:
// digits, spaces, dots, dashes, brackets and a leading +, at most max bytes.
func validPhone(s string, max int) bool {
	if len(s) > max {
		return false
	}
	for i, c := range s {
		if !(c >= '0' && c <= '9' || strings.ContainsRune(" .-()", c) || c == '+' && i == 0) {
			return false
		}
	}
	return true
}

// CheckCommentLists refuses a comment from a blocked sender or with a
// banned word; fold folds text as search does (tone marks, đ, case).
func CheckCommentLists(c *Comment, settings map[string]string, fold func(string) string) error {
	for _, line := range strings.Split(settings[SettingBlocked], "\n") {
		if b := strings.ToLower(strings.TrimSpace(line)); b != "" && (b == strings.ToLower(c.Email) || b == c.IP) {
			return Errorf(EFORBIDDEN, "Không thể gửi ý kiến từ địa chỉ này.")
		}
	}
	body := " " + strings.Join(strings.Fields(fold(c.Name+" "+c.Body)), " ") + " "
	for _, line := range strings.Split(settings[SettingBannedWords], "\n") {
		if w := strings.Join(strings.Fields(fold(line)), " "); w != "" && strings.Contains(body, " "+w+" ") {
			return Invalid("body", "Ý kiến có từ ngữ không phù hợp, xin sửa lại.")
		}
	}
	return nil
}

// CommentService takes readers' comments and their moderation.
type CommentService interface {
	// SubmitComment saves a pending comment, unless its sender wrote less
	// than gap ago or max times in the last minute (ELIMIT), or sent the
	// same text already (ECONFLICT). The checks and the insert are one
	// transaction, so they hold across instances.
	SubmitComment(ctx context.Context, who Actor, c *Comment, gap time.Duration, max int) error
	// Comments lists comments in a status for moderation, newest first.
	Comments(ctx context.Context, status CommentStatus, limit int) ([]Comment, error)
	CommentCounts(ctx context.Context) (map[CommentStatus]int, error)
	// Reply answers an approved comment as the portal, published at once.
	Reply(ctx context.Context, who Actor, parentID int64, name, body string) (*Comment, error)
	// Moderate moves a comment to status.
	Moderate(ctx context.Context, who Actor, id int64, status CommentStatus, at time.Time) (*Comment, error)
	// ModerateMany moves several comments to status at once, all or none.
	ModerateMany(ctx context.Context, who Actor, ids []int64, status CommentStatus, at time.Time) ([]Comment, error)
	// EditComment corrects a comment's text, keeping the reader's first
	// version; it returns the comment with the text it had before.
	EditComment(ctx context.Context, who Actor, id int64, body string, at time.Time) (c *Comment, before string, err error)
}

// MaxBulk is how many comments one bulk action may move.
const MaxBulk = 200

// Site settings keys.
const (
	// SettingBannedWords and SettingBlocked are lists, one entry a line, an
	// administrator keeps: words a comment may not contain (compared without
	// tone marks), and e-mail addresses or IPs that may not comment.
	SettingBannedWords = "comments.banned_words"
	SettingBlocked     = "comments.blocked"
	SettingSiteName    = "site.name"
	SettingSiteTagline = "site.tagline"
	SettingMapMedia    = "map.media_id" // the administrative map picture
	SettingMapTitle    = "map.title"
	// SettingMapDescription is the text shown under the map on its page.
	SettingMapDescription = "map.description"
)

// SideService reads what the side column and its pages show.
type SideService interface {
	// ImageLinks returns the image links shown at now, in position order.
	ImageLinks(ctx context.Context, now time.Time) ([]ImageLink, error)
	// Notices returns the urgent notices shown at now, most urgent first.
	Notices(ctx context.Context, now time.Time) ([]Notice, error)
	// NextChange returns the first start or end of a link, ad or notice
	// after now, when pages must be built again; zero when none is due.
	NextChange(ctx context.Context, now time.Time) (time.Time, error)
	// The leaders' work schedule (see schedule.go).
	ScheduleReader
	// Ads returns the ads active at now, in position order.
	Ads(ctx context.Context, now time.Time) ([]Ad, error)
	// ApprovedComments returns the approved comments of an article, oldest first.
	ApprovedComments(ctx context.Context, articleID int64) ([]Comment, error)
	// Settings returns every site setting.
	Settings(ctx context.Context) (map[string]string, error)
	// Media returns one media record.
	Media(ctx context.Context, id int64) (*Media, error)
}

// SideWriter creates side-column content: the demo portal and importers.
type SideWriter interface {
	SaveImageLink(ctx context.Context, who Actor, l *ImageLink) error
	CreateScheduleEntry(ctx context.Context, who Actor, e *ScheduleEntry) error
	SaveAd(ctx context.Context, who Actor, a *Ad) error
	CreateComment(ctx context.Context, who Actor, c *Comment) error
	SaveSettings(ctx context.Context, who Actor, kv map[string]string) error
}

// VisitStore persists visit counts per calendar day (Asia/Ho_Chi_Minh).
type VisitStore interface {
	// AddVisits adds n visits to day ("2006-01-02").
	AddVisits(ctx context.Context, day string, n int64) error
	// Visits returns the visits of day and of all days.
	Visits(ctx context.Context, day string) (today, total int64, err error)
}
