package portal

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Leader is one of the leaders whose work schedule the portal publishes,
// listed in Position order ("Bí thư Tỉnh ủy" first).
type Leader struct {
	ID       int64
	Name     string // "Nguyễn Văn A"
	Title    string // "Bí thư Tỉnh ủy"
	Slug     string // for the per-leader page and calendar
	Position int
	Active   bool
}

// Label is how the schedule names a leader: title, then name.
func (l *Leader) Label() string {
	if l.Name == "" {
		return l.Title
	}
	return l.Title + " " + l.Name
}

// Validate checks a leader before it is saved.
func (l *Leader) Validate() error {
	l.Name, l.Title, l.Slug = strings.TrimSpace(l.Name), strings.TrimSpace(l.Title), strings.TrimSpace(l.Slug)
	switch {
	case l.Title == "" || HasControl(l.Title) || utf8.RuneCountInString(l.Title) > 150:
		return Invalid("title", "Xin nhập chức vụ (tối đa 150 ký tự).")
	case HasControl(l.Name) || utf8.RuneCountInString(l.Name) > 100:
		return Invalid("name", "Họ tên dài quá 100 ký tự hoặc có ký tự không hợp lệ.")
	case !IsSlug(l.Slug):
		return Invalid("slug", "Đường dẫn gồm chữ thường không dấu, chữ số và gạch ngang.")
	case l.Position < 0 || l.Position > 10000:
		return Invalid("position", "Thứ tự là số từ 0 đến 10000.")
	}
	return nil
}

// DayPart is the session (buổi) of the day an entry falls in.
type DayPart string

// The sessions of a working day.
const (
	SessionMorning   DayPart = "sang"
	SessionAfternoon DayPart = "chieu"
	SessionEvening   DayPart = "toi"
)

// Sessions lists the sessions in the order of the day.
var Sessions = []DayPart{SessionMorning, SessionAfternoon, SessionEvening}

// SessionNames are the sessions' Vietnamese names.
var SessionNames = map[DayPart]string{SessionMorning: "Sáng", SessionAfternoon: "Chiều", SessionEvening: "Tối"}

// SessionAt is the session a start time falls in, read in loc: before noon
// is morning, before 18:00 afternoon, then evening.
func SessionAt(t time.Time, loc *time.Location) DayPart {
	switch h := t.In(loc).Hour(); {
	case h < 12:
		return SessionMorning
	case h < 18:
		return SessionAfternoon
	}
	return SessionEvening
}

// Cancellation says whether a published entry was put off or called off.
// Either way it stays on the schedule, struck through, so readers learn of
// the change rather than see a line vanish.
type Cancellation string

// The ways an entry is withdrawn.
const (
	Postponed Cancellation = "postponed" // hoãn
	Cancelled Cancellation = "cancelled" // hủy
)

// CancellationNames are the Vietnamese labels shown beside a withdrawn entry.
var CancellationNames = map[Cancellation]string{Postponed: "Hoãn", Cancelled: "Hủy"}

// Actions recorded in an entry's history beside the workflow's own: an
// edit of a published entry and its withdrawal. They are not workflow
// transitions, so User.Can refuses them.
const (
	ActionAdjust Action = "adjust"
	ActionCancel Action = "cancel"
)

// ScheduleEntry is one line of the leaders' work schedule ("Lịch làm việc").
type ScheduleEntry struct {
	ID       int64
	StartsAt time.Time
	EndsAt   time.Time // zero: no end given
	Session  DayPart
	Leaders  []Leader // from the list, in position order
	Leader   string   // free text: who chairs or attends, beside or instead of Leaders
	Content  string
	Location string
	// Attendees is "Thành phần", Preparer "Chuẩn bị" (the unit that prepares).
	Attendees string
	Preparer  string

	// The workflow, as for articles: only published entries whose
	// PublishedAt has come and ExpiresAt has not are public.
	Status      Status
	OwnerID     int64
	PublishedAt time.Time
	ExpiresAt   time.Time
	// Sequence rises at each adjustment after publishing (iCalendar SEQUENCE).
	Sequence   int
	Cancelled  Cancellation
	AdjustedAt time.Time // the last adjustment, zero if none
	AdjustNote string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// scheduleDesk is the category the workflow's rules see for a schedule
// entry: no real category has it, and every editor edits it.
const scheduleDesk int64 = -1

// Article presents e to the workflow's rules (User.CanView, CanEdit, Can,
// NewTransition), so that the schedule follows the same approval as articles.
func (e *ScheduleEntry) Article() *Article {
	return &Article{ID: e.ID, Status: e.Status, OwnerID: e.OwnerID, CategoryID: scheduleDesk}
}

// ScheduleStaff is u as the workflow sees them for the schedule: an editor
// edits the schedule whatever their categories.
func ScheduleStaff(u *User) *User {
	if !u.May(EditArticles) {
		return u
	}
	c := *u
	c.CategoryIDs = append(slices.Clip(u.CategoryIDs), scheduleDesk)
	return &c
}

// Visible reports whether readers see e at now.
func (e *ScheduleEntry) Visible(now time.Time) bool {
	return (e.Status == StatusPublished || e.Status == StatusScheduled) && !e.PublishedAt.IsZero() &&
		!e.PublishedAt.After(now) && (e.ExpiresAt.IsZero() || e.ExpiresAt.After(now))
}

// Public reports whether readers have seen e: a change to it from now on is
// an adjustment, shown with its time and note.
func (e *ScheduleEntry) Public(now time.Time) bool {
	return (e.Status == StatusPublished || e.Status == StatusScheduled) && !e.PublishedAt.IsZero() &&
		!e.PublishedAt.After(now)
}

// Who is the line naming who takes part: the leaders' labels, then the
// free text.
func (e *ScheduleEntry) Who() string {
	var parts []string
	for i := range e.Leaders {
		parts = append(parts, e.Leaders[i].Label())
	}
	if e.Leader != "" {
		parts = append(parts, e.Leader)
	}
	return strings.Join(parts, "; ")
}

// Limits on an entry's texts, in characters.
const (
	maxScheduleContent = 1000
	maxScheduleLine    = 500
)

// Validate checks an entry's content (not its workflow fields) and fills
// its session from its start time when none was chosen.
func (e *ScheduleEntry) Validate(loc *time.Location) error {
	e.Leader, e.Content, e.Location = strings.TrimSpace(e.Leader), strings.TrimSpace(e.Content), strings.TrimSpace(e.Location)
	e.Attendees, e.Preparer = strings.TrimSpace(e.Attendees), strings.TrimSpace(e.Preparer)
	if e.Session == "" && !e.StartsAt.IsZero() {
		e.Session = SessionAt(e.StartsAt, loc)
	}
	switch {
	case e.StartsAt.IsZero():
		return Invalid("date", "Xin nhập ngày và giờ bắt đầu.")
	case !e.EndsAt.IsZero() && !e.EndsAt.After(e.StartsAt):
		return Invalid("ends", "Giờ kết thúc phải sau giờ bắt đầu.")
	case !e.EndsAt.IsZero() && e.EndsAt.Sub(e.StartsAt) > 7*24*time.Hour:
		return Invalid("ends", "Một mục lịch kéo dài tối đa 7 ngày.")
	case SessionNames[e.Session] == "":
		return Invalid("session", "Buổi không hợp lệ.")
	case len(e.Leaders) == 0 && e.Leader == "":
		return Invalid("leaders", "Xin chọn lãnh đạo hoặc ghi người chủ trì, dự.")
	case e.Content == "":
		return Invalid("content", "Xin nhập nội dung công việc.")
	case utf8.RuneCountInString(e.Content) > maxScheduleContent || HasControl(e.Content):
		return Invalid("content", "Nội dung dài quá 1000 ký tự hoặc có ký tự không hợp lệ.")
	}
	for field, s := range map[string]string{"leader": e.Leader, "location": e.Location, "attendees": e.Attendees, "preparer": e.Preparer} {
		if utf8.RuneCountInString(s) > maxScheduleLine || HasControl(s) {
			return Invalid(field, "Dòng này dài quá 500 ký tự hoặc có ký tự không hợp lệ.")
		}
	}
	return nil
}

// CheckAdjustNote checks the note an edit of a public entry requires.
func CheckAdjustNote(note string) (string, error) {
	note = strings.TrimSpace(note)
	switch {
	case note == "":
		return "", Invalid("note", "Lịch đã công bố: xin ghi nội dung điều chỉnh.")
	case utf8.RuneCountInString(note) > maxScheduleLine || HasControl(note):
		return "", Invalid("note", "Ghi chú điều chỉnh dài quá 500 ký tự hoặc có ký tự không hợp lệ.")
	}
	return note, nil
}

// ScheduleFilter selects what readers see of the schedule: entries visible
// at Now and starting in [From, To), of one leader when LeaderID is set.
type ScheduleFilter struct {
	From, To time.Time
	Now      time.Time
	LeaderID int64
}

// ScheduleBounds are the starts of the entries readers see around a week,
// each zero when there is none: the first and last of all, the last before
// the week and the first after it. The week pages link and allow only the
// weeks these bound, so that "next week" cannot be followed forever.
type ScheduleBounds struct {
	First, Last   time.Time
	Before, After time.Time
}

// ScheduleReader is what the public site reads of the schedule.
type ScheduleReader interface {
	// PublicSchedule lists the entries readers see, in time order, with
	// their leaders; withdrawn ones included.
	PublicSchedule(ctx context.Context, f ScheduleFilter) ([]ScheduleEntry, error)
	// ScheduleBounds finds the entries f would show at f.Now (of f.LeaderID
	// when set) around [f.From, f.To): Before starts before f.From, After
	// at or after f.To.
	ScheduleBounds(ctx context.Context, f ScheduleFilter) (ScheduleBounds, error)
	// NextScheduleChange is the first moment after now when an entry
	// appears or disappears by its publish or expiry time; zero if none.
	NextScheduleChange(ctx context.Context, now time.Time) (time.Time, error)
	// Leaders lists the leaders in position order, inactive ones too when all.
	Leaders(ctx context.Context, all bool) ([]Leader, error)
}

// ScheduleService is the back office's view of the schedule. Every change
// raises the content version.
type ScheduleService interface {
	ScheduleReader
	// ScheduleEntries lists every entry starting in [from, to) for staff.
	ScheduleEntries(ctx context.Context, from, to time.Time) ([]ScheduleEntry, error)
	ScheduleEntry(ctx context.Context, id int64) (*ScheduleEntry, error)
	// CreateScheduleEntry saves a new entry (a draft unless Status is set).
	CreateScheduleEntry(ctx context.Context, who Actor, e *ScheduleEntry) error
	// UpdateScheduleEntry saves e's content, provided its status is still
	// e.Status. A non-nil adjustment (Action ActionAdjust or ActionCancel)
	// is recorded, with the entry's note, time and a raised sequence.
	UpdateScheduleEntry(ctx context.Context, who Actor, e *ScheduleEntry, adjustment *Transition) error
	// ApplySchedule saves a workflow step of an entry, as Apply does for articles.
	ApplySchedule(ctx context.Context, who Actor, t *Transition) error
	// ScheduleHistory lists an entry's steps and adjustments, oldest first.
	ScheduleHistory(ctx context.Context, id int64) ([]Transition, error)
	// SaveLeader creates (ID 0) or updates a leader.
	SaveLeader(ctx context.Context, who Actor, l *Leader) error
}

// Name is the Vietnamese label of c ("Hoãn", "Hủy"), empty for none.
func (c Cancellation) Name() string { return CancellationNames[c] }
