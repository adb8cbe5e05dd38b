package portal

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Consultation is a draft document put to the public for comment ("Góp ý dự
// thảo"): readers comment between OpensAt and ClosesAt, and the receiving
// unit summarises what they said. Summary is plain text.
type Consultation struct {
	ID              int64
	Slug            string
	Title           string
	Issuer          string // the unit that drafted it ("Sở Tư pháp")
	Summary         string
	OpensAt         time.Time
	ClosesAt        time.Time // the form closes at this minute
	ReceiverAddress string    // where written comments may also be sent
	ReceiverEmail   string
	PublicComments  bool // approved comments are shown; otherwise all stay private
	Published       bool // readers see it; staff prepare it unpublished
	CreatedAt       time.Time
	UpdatedAt       time.Time

	Files []Media // the draft and its annexes, in order
}

// Phase is where a consultation stands by the clock.
type Phase string

// The phases of a consultation.
const (
	PhaseUpcoming Phase = "upcoming"
	PhaseOpen     Phase = "open"
	PhaseClosed   Phase = "closed"
)

// PhaseNames are the phases' Vietnamese names.
var PhaseNames = map[Phase]string{
	PhaseUpcoming: "Sắp lấy ý kiến", PhaseOpen: "Đang lấy ý kiến", PhaseClosed: "Đã kết thúc",
}

// Limits on a consultation.
const (
	MaxConsultationSummary = 20000
	MaxConsultationFiles   = 20
)

// Phase returns the consultation's phase at now: closed at ClosesAt itself.
func (c *Consultation) Phase(now time.Time) Phase {
	switch {
	case now.Before(c.OpensAt):
		return PhaseUpcoming
	case now.Before(c.ClosesAt):
		return PhaseOpen
	}
	return PhaseClosed
}

// NextChange returns when the phase at now next changes; zero once closed.
func (c *Consultation) NextChange(now time.Time) time.Time {
	switch c.Phase(now) {
	case PhaseUpcoming:
		return c.OpensAt
	case PhaseOpen:
		return c.ClosesAt
	}
	return time.Time{}
}

// Paragraphs splits the summary at blank lines, for display.
func (c *Consultation) Paragraphs() []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(c.Summary, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Validate checks a consultation before it is saved. Times are kept to the
// minute: the form closes exactly at the minute staff set.
func (c *Consultation) Validate() error {
	c.Title, c.Issuer, c.Summary = strings.TrimSpace(c.Title), strings.TrimSpace(c.Issuer), strings.TrimSpace(c.Summary)
	c.ReceiverAddress, c.ReceiverEmail = strings.TrimSpace(c.ReceiverAddress), strings.TrimSpace(c.ReceiverEmail)
	c.OpensAt, c.ClosesAt = c.OpensAt.UTC().Truncate(time.Minute), c.ClosesAt.UTC().Truncate(time.Minute)
	switch {
	case c.Title == "":
		return Invalid("title", "Xin nhập tên dự thảo.")
	case utf8.RuneCountInString(c.Title) > MaxTitle:
		return Invalid("title", "Tên dự thảo dài quá 300 ký tự.")
	case c.Issuer == "":
		return Invalid("issuer", "Xin nhập cơ quan soạn thảo.")
	case utf8.RuneCountInString(c.Issuer) > MaxByline:
		return Invalid("issuer", "Tên cơ quan soạn thảo dài quá 200 ký tự.")
	case utf8.RuneCountInString(c.Summary) > MaxConsultationSummary:
		return Invalid("summary", "Tóm tắt dài quá 20000 ký tự.")
	case HasControl(c.Title) || HasControl(c.Issuer) || HasControl(c.Summary):
		return Invalid("title", "Nội dung có ký tự điều khiển không hợp lệ.")
	case c.OpensAt.IsZero():
		return Invalid("opens_at", "Xin nhập thời gian bắt đầu lấy ý kiến.")
	case c.ClosesAt.IsZero():
		return Invalid("closes_at", "Xin nhập thời gian kết thúc lấy ý kiến.")
	case !c.ClosesAt.After(c.OpensAt):
		return Invalid("closes_at", "Thời gian kết thúc phải sau thời gian bắt đầu.")
	case c.ReceiverAddress == "" || utf8.RuneCountInString(c.ReceiverAddress) > 500 || HasControl(c.ReceiverAddress):
		return Invalid("receiver_address", "Xin nhập địa chỉ đơn vị tiếp nhận (tối đa 500 ký tự).")
	case !validEmail(c.ReceiverEmail):
		return Invalid("receiver_email", "Thư điện tử của đơn vị tiếp nhận không hợp lệ.")
	}
	return nil
}

// ConsultationComment is a reader's comment on a draft. Its e-mail and IP
// are never public; its body only when approved and the draft's comments
// are public.
type ConsultationComment struct {
	ID             int64
	ConsultationID int64
	Name           string
	Email          string
	IP             string
	Body           string
	Status         CommentStatus
	CreatedAt      time.Time

	ConsultationTitle string // filled for staff
}

// Comment returns c as an article comment, for the checks both share.
func (c *ConsultationComment) Comment() *Comment {
	return &Comment{Name: c.Name, Email: c.Email, Body: c.Body, IP: c.IP}
}

// Validate checks a reader's comment as article comments are checked: the
// same limits and messages, nothing cut.
func (c *ConsultationComment) Validate() error {
	cc := c.Comment()
	err := cc.Validate()
	c.Name, c.Email, c.Body = cc.Name, cc.Email, cc.Body
	return err
}

// ConsultationFilter selects consultations.
type ConsultationFilter struct {
	Phase         Phase     // "": every phase
	Now           time.Time // the clock the phase is judged by
	PublishedOnly bool
	Limit, Offset int
}

// ConsultationService keeps drafts for consultation and readers' comments.
type ConsultationService interface {
	CreateConsultation(ctx context.Context, who Actor, c *Consultation) error
	UpdateConsultation(ctx context.Context, who Actor, c *Consultation) error
	// SetConsultationPublished shows or hides a consultation from readers.
	SetConsultationPublished(ctx context.Context, who Actor, id int64, published bool) error
	// Consultation and ConsultationBySlug return one, with its files.
	Consultation(ctx context.Context, id int64) (*Consultation, error)
	ConsultationBySlug(ctx context.Context, slug string) (*Consultation, error)
	// Consultations lists them: open and closed ones latest opened first,
	// upcoming ones soonest first.
	Consultations(ctx context.Context, f ConsultationFilter) ([]Consultation, error)
	CountConsultations(ctx context.Context, f ConsultationFilter) (int, error)
	// NextConsultationChange returns the first time after now when a
	// published consultation opens or closes; zero if none will.
	NextConsultationChange(ctx context.Context, now time.Time) (time.Time, error)
	AddConsultationFile(ctx context.Context, who Actor, id, mediaID int64) error
	RemoveConsultationFile(ctx context.Context, who Actor, id, mediaID int64) error

	// SubmitConsultationComment saves a pending comment while the draft is
	// open by the store's clock (EFORBIDDEN otherwise), under the limits of
	// CommentService.SubmitComment, in one transaction.
	SubmitConsultationComment(ctx context.Context, who Actor, c *ConsultationComment, gap time.Duration, max int) error
	// CreateConsultationComment saves a comment as it is (demo content).
	CreateConsultationComment(ctx context.Context, who Actor, c *ConsultationComment) error
	// ConsultationComments lists a draft's comments in a status ("": all
	// but spam), oldest first.
	ConsultationComments(ctx context.Context, id int64, status CommentStatus, limit int) ([]ConsultationComment, error)
	// ExportConsultationComments reads every comment but spam for export,
	// recording who took them out.
	ExportConsultationComments(ctx context.Context, who Actor, id int64) ([]ConsultationComment, error)
	ConsultationCommentCounts(ctx context.Context, id int64) (map[CommentStatus]int, error)
	ModerateConsultationComment(ctx context.Context, who Actor, id int64, status CommentStatus, at time.Time) (*ConsultationComment, error)
}
