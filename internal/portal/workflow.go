package portal

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Action is a step of the editorial workflow.
type Action string

// The workflow's actions.
const (
	ActionSubmit    Action = "submit"    // draft or returned → submitted (chờ biên tập)
	ActionForward   Action = "forward"   // submitted → edited (chờ duyệt)
	ActionReturn    Action = "return"    // submitted or edited → returned (trả lại), with a note
	ActionPublish   Action = "publish"   // submitted or edited → published, now or at a set time
	ActionUnpublish Action = "unpublish" // published → unpublished
	ActionArchive   Action = "archive"   // published or unpublished → archived
	// ActionImport is no step anyone takes: it marks, in an article's
	// history, how an importer brought it in (a draft because it was
	// private on the old site, say).
	ActionImport Action = "import"
)

// ActionNames are the actions' Vietnamese names, as on their buttons.
var ActionNames = map[Action]string{
	ActionSubmit: "Gửi biên tập", ActionForward: "Chuyển duyệt", ActionReturn: "Trả lại",
	ActionPublish: "Xuất bản", ActionUnpublish: "Gỡ xuống", ActionArchive: "Lưu trữ",
	ActionImport: "Nhập từ cổng cũ",
}

// StatusNames are the statuses' Vietnamese names.
var StatusNames = map[Status]string{
	StatusDraft: "Bản nháp", StatusSubmitted: "Chờ biên tập", StatusEdited: "Chờ duyệt", StatusScheduled: "Hẹn giờ xuất bản",
	StatusPublished: "Đã xuất bản", StatusReturned: "Bị trả lại", StatusUnpublished: "Đã gỡ xuống",
	StatusArchived: "Lưu trữ",
}

// transitions says, for each action, from which statuses it leads where.
var transitions = map[Action]struct {
	from []Status
	to   Status
}{
	ActionSubmit:    {[]Status{StatusDraft, StatusReturned}, StatusSubmitted},
	ActionForward:   {[]Status{StatusSubmitted}, StatusEdited},
	ActionReturn:    {[]Status{StatusSubmitted, StatusEdited}, StatusReturned},
	ActionPublish:   {[]Status{StatusSubmitted, StatusEdited, StatusUnpublished}, StatusPublished},
	ActionUnpublish: {[]Status{StatusPublished, StatusScheduled}, StatusUnpublished},
	ActionArchive:   {[]Status{StatusPublished, StatusUnpublished}, StatusArchived},
}

// Owns reports whether u wrote a.
func (u *User) Owns(a *Article) bool { return u != nil && a.OwnerID != 0 && a.OwnerID == u.ID }

// CanView reports whether u may open a in the back office.
func (u *User) CanView(a *Article) bool {
	switch {
	case !u.May(ReadArticles):
		return false
	case u.Owns(a), u.May(PublishArticles) && a.Status != StatusDraft:
		return true
	}
	return u.Edits(a.CategoryID) && a.Status != StatusDraft
}

// CanEdit reports whether u may change a's content in its present status.
func (u *User) CanEdit(a *Article) bool {
	switch {
	case !u.May(ReadArticles):
		return false
	case u.Owns(a) && u.May(WriteArticles) && (a.Status == StatusDraft || a.Status == StatusReturned):
		return true
	case u.Edits(a.CategoryID) && a.Status == StatusSubmitted:
		return true
	}
	switch a.Status {
	case StatusSubmitted, StatusEdited, StatusPublished, StatusUnpublished:
		return u.May(PublishArticles)
	}
	return false
}

// Can reports whether u may take action on a.
func (u *User) Can(action Action, a *Article) bool {
	t, ok := transitions[action]
	if !ok || !u.May(ReadArticles) || !slices.Contains(t.from, a.Status) {
		return false
	}
	switch action {
	case ActionSubmit:
		return u.Owns(a) && u.May(WriteArticles)
	case ActionForward:
		return u.Edits(a.CategoryID) || u.May(PublishArticles)
	case ActionReturn:
		return u.May(PublishArticles) || a.Status == StatusSubmitted && u.Edits(a.CategoryID)
	}
	return u.May(PublishArticles)
}

// Actions lists what u may do to a now, in button order.
func (u *User) Actions(a *Article) []Action {
	var out []Action
	for _, act := range []Action{ActionSubmit, ActionForward, ActionPublish, ActionReturn, ActionUnpublish, ActionArchive} {
		if u.Can(act, a) {
			out = append(out, act)
		}
	}
	return out
}

// Transition is one step taken: who moved an article from one status to
// another, when, and why.
type Transition struct {
	ID        int64
	ArticleID int64
	ActorID   int64
	ActorName string
	Action    Action
	From, To  Status
	Note      string
	At        time.Time
	// For ActionPublish: when readers see it (zero: now) and stop seeing
	// it (zero: never). A publish time to come makes the article scheduled.
	PublishAt time.Time
	ExpiresAt time.Time
}

// SystemActor names the server's clock in an article's history.
const SystemActor = "Hệ thống (hẹn giờ)"

// Schedule sets the publish and expiry times of a publish step.
func (t *Transition) Schedule(publishAt, expiresAt time.Time) error {
	if t.Action != ActionPublish {
		return nil
	}
	if publishAt.IsZero() {
		publishAt = t.At
	}
	if !expiresAt.IsZero() && !expiresAt.After(publishAt) {
		return Invalid("expires_at", "Thời điểm hết hạn phải sau thời điểm xuất bản.")
	}
	t.PublishAt, t.ExpiresAt = publishAt, expiresAt
	if publishAt.After(t.At) {
		t.To = StatusScheduled
	}
	return nil
}

// NewTransition checks that u may take action on a and returns the step,
// with the note trimmed; returning an article requires a note, and
// publishing one an article ready for readers (ReadyToPublish). Drafts may
// be submitted and forwarded unready: the editors finish them.
func NewTransition(u *User, a *Article, action Action, note string, at time.Time) (*Transition, error) {
	if ActionNames[action] == "" {
		return nil, Invalid("action", "Thao tác không hợp lệ.")
	}
	if !u.Can(action, a) {
		return nil, Errorf(EFORBIDDEN, "Bạn không được %s bài viết ở trạng thái “%s”.",
			strings.ToLower(ActionNames[action]), StatusNames[a.Status])
	}
	note = strings.TrimSpace(note)
	switch {
	case action == ActionReturn && note == "":
		return nil, Invalid("note", "Xin ghi lý do trả lại bài.")
	case utf8.RuneCountInString(note) > 2000 || HasControl(note):
		return nil, Invalid("note", "Ghi chú dài quá 2000 ký tự hoặc có ký tự không hợp lệ.")
	}
	if action == ActionPublish {
		if err := a.ReadyToPublish(); err != nil {
			return nil, err
		}
	}
	return &Transition{ArticleID: a.ID, ActorID: u.ID, ActorName: u.Name, Action: action,
		From: a.Status, To: transitions[action].to, Note: note, At: at}, nil
}

// Queue names a list of articles waiting for someone.
type Queue string

// The newsroom's queues.
const (
	QueueMine      Queue = "cua-toi"      // my drafts
	QueueReturned  Queue = "bi-tra-lai"   // my returned articles
	QueueSent      Queue = "da-gui"       // mine, waiting for others
	QueueToEdit    Queue = "cho-bien-tap" // submitted, in my categories
	QueueToApprove Queue = "cho-duyet"    // edited, for approvers
	QueueScheduled Queue = "hen-gio"      // published with a time still to come
	QueuePublished Queue = "da-xuat-ban"
	QueueAll       Queue = "tat-ca"
)

// QueueNames are the queues' Vietnamese names.
var QueueNames = map[Queue]string{
	QueueMine: "Bài của tôi", QueueReturned: "Bài bị trả lại", QueueSent: "Bài đã gửi",
	QueueToEdit: "Bài chờ biên tập", QueueToApprove: "Bài chờ duyệt", QueueScheduled: "Bài hẹn giờ",
	QueuePublished: "Bài đã xuất bản", QueueAll: "Tất cả bài viết",
}

// Queues lists the queues u works from.
func (u *User) Queues() []Queue {
	var qs []Queue
	if u.May(WriteArticles) {
		qs = append(qs, QueueMine, QueueReturned, QueueSent)
	}
	if u.May(EditArticles) || u.May(PublishArticles) {
		qs = append(qs, QueueToEdit)
	}
	if u.May(PublishArticles) {
		qs = append(qs, QueueToApprove, QueueScheduled, QueuePublished, QueueAll)
	}
	return qs
}

// StaffFilter selects the articles of a queue as seen by u at now.
type StaffFilter struct {
	Queue Queue
	User  *User
	Now   time.Time
	Limit int
}

// NewsroomService is the back office's view of articles.
type NewsroomService interface {
	// Queue lists a queue's articles, most recently updated first.
	Queue(ctx context.Context, f StaffFilter) ([]Article, error)
	// QueueCounts counts the articles of each of u's queues.
	QueueCounts(ctx context.Context, u *User, now time.Time) (map[Queue]int, error)
	// Apply saves a transition and the article's new status (and publish
	// and expiry times, for ActionPublish) in one transaction, provided the
	// article is still in t.From.
	Apply(ctx context.Context, who Actor, t *Transition) error
	// Due lists the scheduled articles whose publish time has come and the
	// published ones whose expiry has, at now.
	Due(ctx context.Context, now time.Time) (publish, expire []Article, err error)
	// ContentVersion is a number raised by every change readers may see;
	// instances compare it to know when to drop their cached pages.
	ContentVersion(ctx context.Context) (int64, error)
	// History lists an article's transitions, oldest first.
	History(ctx context.Context, articleID int64) ([]Transition, error)
}
