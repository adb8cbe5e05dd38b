package portal

import (
	"context"
	"crypto/rand"
	"strings"
	"time"
	"unicode/utf8"
)

// Question is a citizen's question to the portal ("Hỏi – Đáp"), and the
// answer the unit in charge gives. Readers see only published questions,
// and never the asker's e-mail, phone, address or attachment.
type Question struct {
	ID      int64
	Code    string // the lookup code given to the asker, see NewLookupCode
	Name    string
	Email   string // never shown to the public
	Phone   string // optional; never shown to the public
	Address string // optional; never shown to the public
	IP      string
	TopicID int64
	Title   string
	Content string // plain text
	// Attachment is an optional file the asker sent, checked by content;
	// staff see it, readers never.
	Attachment *Media
	Status     QuestionStatus
	UnitID     int64  // the unit in charge of the answer; 0: none yet
	Answer     string // sanitized HTML
	AnsweredBy int64
	AnsweredAt time.Time
	// PublishedAt is when question and answer were first published.
	PublishedAt time.Time
	CreatedAt   time.Time

	TopicName, UnitName, AnswererName string // filled when read
}

// QuestionStatus is where a question stands.
type QuestionStatus string

// The statuses of a question. Only published ones are shown to readers.
const (
	QuestionPending   QuestionStatus = "pending"
	QuestionAssigned  QuestionStatus = "assigned"
	QuestionAnswered  QuestionStatus = "answered"
	QuestionPublished QuestionStatus = "published"
	QuestionRejected  QuestionStatus = "rejected"
	QuestionSpam      QuestionStatus = "spam"
)

// QuestionStatuses lists the statuses in the order of the work.
var QuestionStatuses = []QuestionStatus{QuestionPending, QuestionAssigned, QuestionAnswered, QuestionPublished,
	QuestionRejected, QuestionSpam}

// QuestionStatusNames are the statuses' Vietnamese names.
var QuestionStatusNames = map[QuestionStatus]string{
	QuestionPending: "Chờ xử lý", QuestionAssigned: "Đã chuyển đơn vị", QuestionAnswered: "Đã trả lời",
	QuestionPublished: "Đã đăng", QuestionRejected: "Từ chối", QuestionSpam: "Thư rác",
}

// QuestionFolder holds citizens' attachments under the media folder. They
// are not media of the library: readers never get them, and staff who
// handle questions get them only from the question.
const QuestionFolder = "hoi-dap"

// Limits on a citizen's question.
const (
	MaxQuestionTitle   = 250  // characters
	MaxQuestionContent = 4000 // characters, refused whole beyond
	MaxQuestionAddress = 250
	MaxQuestionPhone   = 20
	MaxQuestionLinks   = 3
	MaxQuestionAnswer  = 200 << 10 // bytes of HTML
)

// Validate checks a citizen's question, every field, and returns what is
// wrong with each (see Join). Nothing is cut: too long is refused.
func (q *Question) Validate() error {
	q.Name, q.Email, q.Title = strings.TrimSpace(q.Name), strings.TrimSpace(q.Email), strings.TrimSpace(q.Title)
	q.Phone, q.Address, q.Content = strings.TrimSpace(q.Phone), strings.TrimSpace(q.Address), strings.TrimSpace(q.Content)
	var name, email, phone, address, topic, title, content error
	switch {
	case q.Name == "" || HasControl(q.Name) || strings.ContainsAny(q.Name, "\r\n"):
		name = Invalid("name", "Xin nhập họ tên.")
	case utf8.RuneCountInString(q.Name) > MaxCommentName:
		name = Invalid("name", "Họ tên dài quá 100 ký tự.")
	}
	if !validEmail(q.Email) {
		email = Invalid("email", "Địa chỉ thư điện tử không hợp lệ.")
	}
	if !validPhone(q.Phone, MaxQuestionPhone) {
		phone = Invalid("phone", "Số điện thoại chỉ gồm chữ số (có thể có dấu +, dấu chấm, gạch ngang, khoảng trắng), tối đa 20 ký tự.")
	}
	switch {
	case HasControl(q.Address) || strings.ContainsAny(q.Address, "\r\n"):
		address = Invalid("address", "Địa chỉ có ký tự không hợp lệ.")
	case utf8.RuneCountInString(q.Address) > MaxQuestionAddress:
		address = Invalid("address", "Địa chỉ dài quá 250 ký tự.")
	}
	if q.TopicID <= 0 {
		topic = Invalid("topic", "Xin chọn lĩnh vực của câu hỏi.")
	}
	switch {
	case q.Title == "" || HasControl(q.Title) || strings.ContainsAny(q.Title, "\r\n"):
		title = Invalid("title", "Xin nhập tiêu đề câu hỏi (một dòng).")
	case utf8.RuneCountInString(q.Title) > MaxQuestionTitle:
		title = Invalid("title", "Tiêu đề dài quá 250 ký tự; xin rút gọn (không có gì bị cắt bớt).")
	}
	switch {
	case q.Content == "":
		content = Invalid("content", "Xin nhập nội dung câu hỏi.")
	case utf8.RuneCountInString(q.Content) > MaxQuestionContent:
		content = Invalid("content", "Nội dung dài quá 4000 ký tự; xin rút gọn (không có gì bị cắt bớt).")
	case HasControl(q.Content):
		content = Invalid("content", "Nội dung có ký tự không hợp lệ.")
	case strings.Count(strings.ToLower(q.Title+" "+q.Content), "http") > MaxQuestionLinks:
		content = Invalid("content", "Câu hỏi chứa quá nhiều đường dẫn.")
	}
	return Join(name, email, phone, address, topic, title, content)
}

// lookupAlphabet has no letters or digits people confuse: no 0/O, 1/I/L.
const lookupAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// LookupCodeLen is the length of a lookup code: 31^10 ≈ 8·10^14 codes.
const LookupCodeLen = 10

// NewLookupCode returns a random lookup code from crypto/rand.
func NewLookupCode() string {
	b := make([]byte, LookupCodeLen)
	for i := range b {
		// Rejection sampling keeps every letter equally likely.
		for {
			var c [1]byte
			rand.Read(c[:])
			if int(c[0]) < 256/len(lookupAlphabet)*len(lookupAlphabet) {
				b[i] = lookupAlphabet[int(c[0])%len(lookupAlphabet)]
				break
			}
		}
	}
	return string(b)
}

// NormalizeLookupCode reads a code as people type it — lower case, spaces,
// dashes — and reports whether it can be one.
func NormalizeLookupCode(s string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == ' ' || r == '-' || r == '.':
		case r < utf8.RuneSelf && strings.IndexByte(lookupAlphabet, byte(r)) >= 0:
			b.WriteRune(r)
		default:
			return "", false
		}
		if b.Len() > LookupCodeLen {
			return "", false
		}
	}
	return b.String(), b.Len() == LookupCodeLen
}

// Topic is a field questions are asked in (lĩnh vực); Unit is an office
// that answers them. Administrators keep both lists.
type Topic struct {
	ID       int64
	Name     string
	Position int
}

// Unit is an office questions are sent to for an answer.
type Unit = Topic

// ValidateTopic checks the name of a topic or a unit.
func ValidateTopic(t *Topic) error { return validateEntry(&t.Name, t.Position) }

// validateEntry checks an entry of a list administrators keep: a name on one
// line, trimmed, and a position.
func validateEntry(name *string, position int) error {
	*name = strings.TrimSpace(*name)
	switch {
	case *name == "" || HasControl(*name) || strings.ContainsAny(*name, "\r\n"):
		return Invalid("name", "Xin nhập tên.")
	case utf8.RuneCountInString(*name) > 200:
		return Invalid("name", "Tên dài quá 200 ký tự.")
	case position < 0 || position > 9999:
		return Invalid("position", "Thứ tự từ 0 đến 9999.")
	}
	return nil
}

// QuestionFilter selects published questions for readers.
type QuestionFilter struct {
	TopicID int64  // 0: any
	Text    string // words, each matched with or without tone marks
	Page    int    // from 1
}

// QuestionsPerPage is how many questions a page of the public list shows.
const QuestionsPerPage = 10

// QuestionResults is one page of published questions, newest first.
type QuestionResults struct {
	Total     int
	Questions []Question
}

// Pages is the number of pages, at least 1.
func (r *QuestionResults) Pages() int { return max((r.Total+QuestionsPerPage-1)/QuestionsPerPage, 1) }

// QuestionService takes citizens' questions, their handling by staff and
// shows the published ones.
type QuestionService interface {
	// SubmitQuestion saves a pending question with a new lookup code (and
	// its attachment's media row), unless its sender asked less than gap
	// ago or perHour times in the last hour (ELIMIT), or asked the same
	// already (ECONFLICT). Checks and inserts are one transaction.
	SubmitQuestion(ctx context.Context, who Actor, q *Question, gap time.Duration, perHour int) error
	// CheckQuestionSender applies SubmitQuestion's limits to q's sender and
	// text without writing anything, so the form can refuse a question
	// before reading its attachment; SubmitQuestion checks them again.
	CheckQuestionSender(ctx context.Context, q *Question, gap time.Duration, perHour int) error
	// QuestionByCode finds a question by its lookup code.
	QuestionByCode(ctx context.Context, code string) (*Question, error)
	// PublishedQuestion returns a published question; any other is ENOTFOUND.
	PublishedQuestion(ctx context.Context, id int64) (*Question, error)
	// PublishedQuestions lists a page of published questions, newest first.
	PublishedQuestions(ctx context.Context, f QuestionFilter) (*QuestionResults, error)
	Topics(ctx context.Context) ([]Topic, error)
	Units(ctx context.Context) ([]Unit, error)

	// Questions lists questions in a status for staff, newest first.
	Questions(ctx context.Context, status QuestionStatus, limit int) ([]Question, error)
	QuestionCounts(ctx context.Context) (map[QuestionStatus]int, error)
	// Question returns any question, with its attachment, for staff.
	Question(ctx context.Context, id int64) (*Question, error)
	// AssignQuestion sends a question to a unit.
	AssignQuestion(ctx context.Context, who Actor, id, unitID int64) error
	// AnswerQuestion saves the answer (sanitized HTML) of the unit in charge.
	AnswerQuestion(ctx context.Context, who Actor, id int64, answer string) error
	// SetQuestionStatus publishes (answered questions only), unpublishes,
	// rejects or marks a question as spam.
	SetQuestionStatus(ctx context.Context, who Actor, id int64, status QuestionStatus) error
	SaveTopic(ctx context.Context, who Actor, t *Topic) error
	SaveUnit(ctx context.Context, who Actor, u *Unit) error
}
