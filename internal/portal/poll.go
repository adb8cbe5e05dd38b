package portal

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Poll is a question put to readers ("Bình chọn"): they pick one option,
// or up to MaxChoices, between OpensAt and ClosesAt, once each. Votes are
// rows in the store, so the figures are exact.
type Poll struct {
	ID          int64
	Question    string
	Description string // plain text
	MaxChoices  int    // 1: a single choice
	// ResultsAfter says when readers see the figures: once they voted
	// (ResultsAfterVote) or only after closing (ResultsAfterClose).
	ResultsAfter string
	OpensAt      time.Time
	ClosesAt     time.Time // votes stop at this minute
	Published    bool      // readers see it; staff prepare it hidden
	CreatedAt    time.Time
	UpdatedAt    time.Time

	Options []PollOption // in order
	Voters  int          // the ballots cast, when counted
}

// PollOption is one answer of a poll with its votes, when counted.
type PollOption struct {
	ID       int64
	Label    string
	Position int
	Votes    int
}

// When a poll's results are shown.
const (
	ResultsAfterVote  = "vote"
	ResultsAfterClose = "close"
)

// Limits on a poll.
const (
	MaxPollOptions     = 20
	MaxPollOptionLabel = 200
	MaxPollDescription = 2000
)

// Phase returns the poll's phase at now: closed at ClosesAt itself.
func (p *Poll) Phase(now time.Time) Phase {
	c := Consultation{OpensAt: p.OpensAt, ClosesAt: p.ClosesAt}
	return c.Phase(now)
}

// NextChange returns when the phase at now next changes; zero once closed.
func (p *Poll) NextChange(now time.Time) time.Time {
	c := Consultation{OpensAt: p.OpensAt, ClosesAt: p.ClosesAt}
	return c.NextChange(now)
}

// Multiple reports whether readers may pick more than one option.
func (p *Poll) Multiple() bool { return p.MaxChoices > 1 }

// ResultsVisible reports whether a reader sees the figures at now, having
// voted or not.
func (p *Poll) ResultsVisible(now time.Time, voted bool) bool {
	if p.Phase(now) == PhaseClosed {
		return true
	}
	return voted && p.ResultsAfter == ResultsAfterVote
}

// PollPhaseNames are the phases' Vietnamese names for a poll.
var PollPhaseNames = map[Phase]string{
	PhaseUpcoming: "Sắp mở", PhaseOpen: "Đang bình chọn", PhaseClosed: "Đã kết thúc",
}

// Validate checks a poll before it is saved. Times are kept to the minute.
func (p *Poll) Validate() error {
	p.Question, p.Description = strings.TrimSpace(p.Question), strings.TrimSpace(p.Description)
	p.OpensAt, p.ClosesAt = p.OpensAt.UTC().Truncate(time.Minute), p.ClosesAt.UTC().Truncate(time.Minute)
	var opts []PollOption
	for _, o := range p.Options {
		if o.Label = strings.TrimSpace(o.Label); o.Label != "" {
			o.Position = len(opts)
			opts = append(opts, o)
		}
	}
	p.Options = opts
	switch {
	case p.Question == "":
		return Invalid("question", "Xin nhập câu hỏi bình chọn.")
	case utf8.RuneCountInString(p.Question) > MaxTitle:
		return Invalid("question", "Câu hỏi dài quá 300 ký tự.")
	case utf8.RuneCountInString(p.Description) > MaxPollDescription:
		return Invalid("description", "Lời giới thiệu dài quá 2000 ký tự.")
	case HasControl(p.Question) || HasControl(strings.NewReplacer("\r", "", "\n", "").Replace(p.Description)):
		return Invalid("question", "Nội dung có ký tự điều khiển không hợp lệ.")
	case len(p.Options) < 2:
		return Invalid("options", "Xin nhập ít nhất hai phương án.")
	case len(p.Options) > MaxPollOptions:
		return Invalid("options", "Tối đa 20 phương án.")
	case p.MaxChoices < 1 || p.MaxChoices > len(p.Options):
		return Invalid("max_choices", "Số phương án được chọn phải từ 1 đến số phương án.")
	case p.ResultsAfter != ResultsAfterVote && p.ResultsAfter != ResultsAfterClose:
		return Invalid("results_after", "Xin chọn khi nào công bố kết quả.")
	case p.OpensAt.IsZero():
		return Invalid("opens_at", "Xin nhập thời gian mở bình chọn.")
	case p.ClosesAt.IsZero():
		return Invalid("closes_at", "Xin nhập thời gian kết thúc bình chọn.")
	case !p.ClosesAt.After(p.OpensAt):
		return Invalid("closes_at", "Thời gian kết thúc phải sau thời gian mở.")
	}
	seen := map[string]bool{}
	for _, o := range p.Options {
		switch {
		case utf8.RuneCountInString(o.Label) > MaxPollOptionLabel:
			return Invalid("options", "Mỗi phương án tối đa 200 ký tự.")
		case HasControl(o.Label):
			return Invalid("options", "Phương án có ký tự điều khiển không hợp lệ.")
		case seen[o.Label]:
			return Invalid("options", "Hai phương án trùng nhau: "+o.Label)
		}
		seen[o.Label] = true
	}
	return nil
}

// Ballot is one reader's vote: the options picked, under the voter's
// token (unique per poll) and address.
type Ballot struct {
	PollID  int64
	Voter   string // the reader's voter token, checked by the web before
	IP      string
	Options []int64
}

// The messages of a refused vote.
var (
	ErrPollClosed   = Errorf(EFORBIDDEN, "Cuộc bình chọn đã kết thúc.")
	ErrPollUpcoming = Errorf(EFORBIDDEN, "Cuộc bình chọn chưa mở.")
	ErrPollVoted    = Errorf(ECONFLICT, "Bạn đã bình chọn trong cuộc bình chọn này.")
	ErrPollNoChoice = Invalid("choice", "Xin chọn một phương án.")
)

// TooManyChoices is the message of a ballot with more options than allowed.
func TooManyChoices(max int) *Error {
	return Invalid("choice", "Bạn chỉ được chọn tối đa "+strconv.Itoa(max)+" phương án.")
}

// PollFilter selects polls.
type PollFilter struct {
	PublishedOnly bool
	Now           time.Time // with PublishedOnly: only those opened by now
	Limit, Offset int
}

// PollService keeps polls and counts votes.
type PollService interface {
	CreatePoll(ctx context.Context, who Actor, p *Poll) error
	// UpdatePoll saves p; its options may change only while it has no votes.
	UpdatePoll(ctx context.Context, who Actor, p *Poll) error
	// OpenPoll publishes a poll and opens it now if it was to open later;
	// ClosePoll closes it now.
	OpenPoll(ctx context.Context, who Actor, id int64) error
	ClosePoll(ctx context.Context, who Actor, id int64) error
	DeletePoll(ctx context.Context, who Actor, id int64) error
	// Poll returns one with its options and their votes.
	Poll(ctx context.Context, id int64) (*Poll, error)
	// Polls lists them, latest opening first, without votes.
	Polls(ctx context.Context, f PollFilter) ([]Poll, error)
	CountPolls(ctx context.Context, f PollFilter) (int, error)
	// CurrentPoll is the published poll open at now that opened last, with
	// its options; ENOTFOUND when none.
	CurrentPoll(ctx context.Context, now time.Time) (*Poll, error)
	// NextPollChange returns the first time after now when a published
	// poll opens or closes; zero if none will.
	NextPollChange(ctx context.Context, now time.Time) (time.Time, error)
	// Vote counts a ballot in one transaction, judged by the store's clock:
	// the poll open, the options its own and within its limit, one ballot
	// per voter token (a unique constraint) and at most perIP ballots per
	// address per poll in window.
	Vote(ctx context.Context, who Actor, b *Ballot, perIP int, window time.Duration) error
	// Voted reports whether voter has a ballot in the poll.
	Voted(ctx context.Context, pollID int64, voter string) (bool, error)
	// PollVoters counts the ballots of a poll.
	PollVoters(ctx context.Context, id int64) (int, error)
}
