package portal

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"cong/internal/viet"
)

// Department is an office readers may write to from the contact page
// ("Liên hệ"). Administrators keep the list: each department's e-mail
// addresses, which receive its messages, and the staff who read them in
// the back office.
type Department struct {
	ID       int64
	Name     string
	Emails   []string // at least one
	Position int
	StaffIDs []int64 // the staff who read its messages
}

// Limits on departments and on a reader's message.
const (
	MaxDepartmentEmails = 10
	MaxContactSubject   = 200  // characters
	MaxContactBody      = 5000 // characters, refused whole beyond
	MaxContactPhone     = 20
	MaxContactLinks     = 3
)

// Validate checks a department: a name, one to ten addresses, a position.
// The addresses are trimmed, one a line, duplicates dropped.
func (d *Department) Validate() error {
	var emails []string
	for _, e := range d.Emails {
		for _, line := range strings.Split(e, "\n") {
			if line = strings.TrimSpace(line); line != "" && !slices.Contains(emails, line) {
				emails = append(emails, line)
			}
		}
	}
	d.Emails = emails
	var errs []error
	errs = append(errs, validateEntry(&d.Name, d.Position))
	switch {
	case len(emails) == 0:
		errs = append(errs, Invalid("emails", "Xin nhập ít nhất một địa chỉ thư điện tử nhận thư."))
	case len(emails) > MaxDepartmentEmails:
		errs = append(errs, Invalid("emails", "Một phòng ban nhận thư ở tối đa 10 địa chỉ."))
	}
	for _, e := range emails {
		if !validEmail(e) {
			errs = append(errs, Invalid("emails", fmt.Sprintf("Địa chỉ %q không hợp lệ.", e)))
			break
		}
	}
	return Join(errs...)
}

// ContactMessage is what a reader wrote to a department. Only the staff of
// that department and administrators read it; readers never see it again.
type ContactMessage struct {
	ID             int64
	DepartmentID   int64
	DepartmentName string // filled when read
	Name           string
	Email          string
	Phone          string // optional
	Subject        string
	Body           string // plain text
	IP             string
	CreatedAt      time.Time
	// Deliveries are its mails to the department's addresses, filled when
	// one message is read.
	Deliveries []MailDelivery
}

// Validate checks a reader's message, every field, and returns what is
// wrong with each (see Join). Nothing is cut: too long is refused.
func (m *ContactMessage) Validate() error {
	m.Name, m.Email, m.Phone = strings.TrimSpace(m.Name), strings.TrimSpace(m.Email), strings.TrimSpace(m.Phone)
	m.Subject, m.Body = strings.TrimSpace(m.Subject), strings.TrimSpace(m.Body)
	var name, email, phone, department, subject, body error
	switch {
	case m.Name == "" || HasControl(m.Name) || strings.ContainsAny(m.Name, "\r\n"):
		name = Invalid("name", "Xin nhập họ tên.")
	case utf8.RuneCountInString(m.Name) > MaxCommentName:
		name = Invalid("name", "Họ tên dài quá 100 ký tự.")
	}
	if !validEmail(m.Email) {
		email = Invalid("email", "Địa chỉ thư điện tử không hợp lệ.")
	}
	if !validPhone(m.Phone, MaxContactPhone) {
		phone = Invalid("phone", "Số điện thoại chỉ gồm chữ số (có thể có dấu +, dấu chấm, gạch ngang, khoảng trắng), tối đa 20 ký tự.")
	}
	if m.DepartmentID <= 0 {
		department = Invalid("department", "Xin chọn phòng ban nhận thư.")
	}
	switch {
	case m.Subject == "" || HasControl(m.Subject) || strings.ContainsAny(m.Subject, "\r\n"):
		subject = Invalid("subject", "Xin nhập tiêu đề (một dòng).")
	case utf8.RuneCountInString(m.Subject) > MaxContactSubject:
		subject = Invalid("subject", "Tiêu đề dài quá 200 ký tự; xin rút gọn (không có gì bị cắt bớt).")
	}
	switch {
	case m.Body == "":
		body = Invalid("body", "Xin nhập nội dung thư.")
	case utf8.RuneCountInString(m.Body) > MaxContactBody:
		body = Invalid("body", "Nội dung dài quá 5000 ký tự; xin rút gọn (không có gì bị cắt bớt).")
	case HasControl(m.Body):
		body = Invalid("body", "Nội dung có ký tự không hợp lệ.")
	case strings.Count(strings.ToLower(m.Subject+" "+m.Body), "http") > MaxContactLinks:
		body = Invalid("body", "Thư chứa quá nhiều đường dẫn.")
	}
	return Join(name, email, phone, department, subject, body)
}

// ContactMail is the subject and plain-text body of the mail that carries
// m to the addresses of its department, named d.
func ContactMail(m *ContactMessage, department string) (subject, body string) {
	subject = "[Liên hệ – " + department + "] " + m.Subject
	phone := m.Phone
	if phone == "" {
		phone = "(không ghi)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Thư liên hệ bạn đọc gửi qua cổng thông tin đến %s.\n\n", department)
	fmt.Fprintf(&b, "Người gửi: %s\nThư điện tử: %s\nĐiện thoại: %s\nThời gian: %s\nTiêu đề: %s\n\n",
		m.Name, m.Email, phone, viet.Time(m.CreatedAt)+" "+viet.Date(m.CreatedAt), m.Subject)
	b.WriteString(m.Body)
	fmt.Fprintf(&b, "\n\n-- \nTrả lời thư này là trả lời người gửi. Thư được lưu trong trang quản trị, mục Liên hệ (số %d).\n", m.ID)
	return subject, b.String()
}

// MailDelivery is where one mail of the queue stands.
type MailDelivery struct {
	Recipient string
	Attempts  int
	SentAt    time.Time // zero: not sent yet
	GivenUpAt time.Time // the server refused it for good
	NextAt    time.Time // when it is tried again, while not sent
	LastError string
}

// ContactFilter selects messages for staff, newest first.
type ContactFilter struct {
	// All: every department's messages, else only those of Departments.
	All          bool
	Departments  []int64
	DepartmentID int64 // 0: any of the above
	BeforeID     int64 // keyset: messages older than this id; 0: the newest
	Limit        int
}

// ReadsDepartment reports whether u reads the messages of d: an
// administrator of the contact page reads every department's, other staff
// those of the departments they are assigned to.
func (u *User) ReadsDepartment(d *Department) bool {
	if u.May(ManageContact) {
		return true
	}
	return u.May(ReadContactMessages) && slices.Contains(d.StaffIDs, u.ID)
}

// ContactService takes readers' messages to departments and shows them to
// the departments' staff.
type ContactService interface {
	// Departments lists the departments in their order, with their staff.
	Departments(ctx context.Context) ([]Department, error)
	// SaveDepartment adds (ID 0) or changes a department, its addresses
	// and its staff.
	SaveDepartment(ctx context.Context, who Actor, d *Department) error
	// SubmitContact saves a reader's message and, in the same transaction,
	// queues a mail to each address of its department, unless its sender
	// wrote less than gap ago or perHour times in the last hour (ELIMIT),
	// or sent the same already (ECONFLICT).
	SubmitContact(ctx context.Context, who Actor, m *ContactMessage, gap time.Duration, perHour int) error
	// ContactMessages lists messages for staff, newest first.
	ContactMessages(ctx context.Context, f ContactFilter) ([]ContactMessage, error)
	// ContactMessage returns one message with its deliveries.
	ContactMessage(ctx context.Context, id int64) (*ContactMessage, error)
}

// QueuedMail is one mail waiting in the queue, for one recipient.
type QueuedMail struct {
	ID                    int64
	To                    string
	ReplyName, ReplyEmail string // "": no Reply-To
	Subject, Body         string // plain text
	// Token makes the Message-ID, the same on every try.
	Token     string
	CreatedAt time.Time // the Date of the mail
	Attempts  int       // tries before this one
}

// MailQueue is the queue of mails waiting to be sent, shared by every
// instance through the database. A sender claims due mails for a lease,
// during which no other instance takes them, and reports each one.
type MailQueue interface {
	// ClaimMail takes up to limit due mails for lease.
	ClaimMail(ctx context.Context, lease time.Duration, limit int) ([]QueuedMail, error)
	// MailSent marks a claimed mail sent.
	MailSent(ctx context.Context, id int64) error
	// MailFailed makes a claimed mail due again after retryIn, with why it
	// failed; giveUp (the server refused it for good) stops its tries.
	MailFailed(ctx context.Context, id int64, retryIn time.Duration, reason string, giveUp bool) error
}
