package portal

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrorReport is a reader's report of an error in an article ("Báo lỗi"),
// optionally quoting the words in question. Reports go to the editors of
// the article's category; readers never see them.
type ErrorReport struct {
	ID        int64
	ArticleID int64
	Name      string
	Email     string // never shown to the public
	IP        string
	Quote     string // the words the reader points at; may be ""
	Body      string // what is wrong
	Status    ReportStatus
	CreatedAt time.Time
	// HandledBy and HandledAt say who marked it handled, and when.
	HandledBy string
	HandledAt time.Time

	// Filled for the back office's list.
	ArticleTitle string
	CategoryID   int64
}

// ReportStatus is where a report stands.
type ReportStatus string

// The statuses of a report.
const (
	ReportNew  ReportStatus = "new"
	ReportDone ReportStatus = "done"
)

// ReportStatusNames are the statuses in Vietnamese.
var ReportStatusNames = map[ReportStatus]string{ReportNew: "Mới", ReportDone: "Đã xử lý"}

// Valid reports whether s is a known status.
func (s ReportStatus) Valid() bool { return ReportStatusNames[s] != "" }

// MaxReportQuote bounds the quoted words of a report; the text of a report
// has the bounds of a comment's.
const MaxReportQuote = 500

// Validate checks a report as a reader sent it, trimming its fields: the
// sender as for a comment, the text as a comment's, the quote at most
// MaxReportQuote characters.
func (e *ErrorReport) Validate() error {
	e.Quote = strings.TrimSpace(e.Quote)
	c := Comment{Name: e.Name, Email: e.Email, Body: e.Body}
	err := c.Validate()
	e.Name, e.Email, e.Body = c.Name, c.Email, c.Body
	var quote error
	switch {
	case utf8.RuneCountInString(e.Quote) > MaxReportQuote:
		quote = Invalid("quote", "Đoạn trích dài quá 500 ký tự; xin chỉ trích câu có lỗi.")
	case HasControl(e.Quote):
		quote = Invalid("quote", "Đoạn trích có ký tự không hợp lệ.")
	}
	return Join(quote, err)
}

// ReportFilter picks reports for the back office.
type ReportFilter struct {
	Status ReportStatus
	// CategoryIDs, when not nil, are the only categories whose articles'
	// reports are listed (an editor's); nil lists every category.
	CategoryIDs []int64
	Limit       int
}

// ReportService keeps readers' error reports.
type ReportService interface {
	// SubmitErrorReport saves a new report on a published article, unless
	// its sender wrote less than gap ago or max times in the last minute
	// (ELIMIT) or sent the same text already (ECONFLICT).
	SubmitErrorReport(ctx context.Context, who Actor, e *ErrorReport, gap time.Duration, max int) error
	// ErrorReports lists reports, newest first.
	ErrorReports(ctx context.Context, f ReportFilter) ([]ErrorReport, error)
	// ErrorReport returns one report with its article's title and category.
	ErrorReport(ctx context.Context, id int64) (*ErrorReport, error)
	// SetReportStatus marks a report new or handled.
	SetReportStatus(ctx context.Context, who Actor, id int64, status ReportStatus) error
}

// CanHandleReports reports whether u handles the reports on articles of
// category id: those who publish every category, and editors of it.
func (u *User) CanHandleReports(categoryID int64) bool {
	return u.May(HandleErrorReports) && (u.May(PublishArticles) || u.Edits(categoryID))
}

// ReportCategories are the categories whose reports u sees: nil for all.
func (u *User) ReportCategories() []int64 {
	if u.May(PublishArticles) {
		return nil
	}
	if u.May(EditArticles) {
		return append([]int64{}, u.CategoryIDs...)
	}
	return []int64{}
}
