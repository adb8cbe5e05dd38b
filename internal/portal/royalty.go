package portal

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// RoyaltyKind is what kind of work an article is paid as ("nhuận bút").
type RoyaltyKind string

// The kinds of work, a fixed list.
const (
	KindNews      RoyaltyKind = "tin"
	KindArticle   RoyaltyKind = "bai"
	KindPhoto     RoyaltyKind = "anh"
	KindVideo     RoyaltyKind = "video"
	KindInterview RoyaltyKind = "phong-van"
	KindReport    RoyaltyKind = "phong-su"
	KindTranslate RoyaltyKind = "dich"
	KindOther     RoyaltyKind = "khac"
)

// RoyaltyKinds lists the kinds in the order forms show them.
var RoyaltyKinds = []RoyaltyKind{KindNews, KindArticle, KindPhoto, KindVideo, KindInterview, KindReport,
	KindTranslate, KindOther}

// RoyaltyKindNames are the kinds' Vietnamese names.
var RoyaltyKindNames = map[RoyaltyKind]string{
	KindNews: "Tin", KindArticle: "Bài", KindPhoto: "Ảnh", KindVideo: "Video", KindInterview: "Phỏng vấn",
	KindReport: "Phóng sự", KindTranslate: "Bài dịch", KindOther: "Khác",
}

// Name is the kind's Vietnamese name.
func (k RoyaltyKind) Name() string { return RoyaltyKindNames[k] }

// Points are royalty points in hundredths, so sums are exact: 150 is 1,5.
type Points int64

// MaxPoints bounds the points of one article (1000).
const MaxPoints Points = 100000

// ParsePoints reads a positive number of points with at most two decimals,
// written "1,5" as in Vietnamese or "1.5".
func ParsePoints(s string) (Points, error) {
	bad := Invalid("points", "Điểm phải là một số dương, tối đa hai chữ số thập phân (ví dụ 1,5), không quá 1000.")
	s = strings.Replace(strings.TrimSpace(s), ",", ".", 1)
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(whole) > 4 || len(frac) > 2 || strings.ContainsAny(whole+frac, "+-") {
		return 0, bad
	}
	w, err := strconv.Atoi(whole)
	if err != nil {
		return 0, bad
	}
	f := 0
	if frac != "" {
		if f, err = strconv.Atoi(frac); err != nil {
			return 0, bad
		}
		if len(frac) == 1 {
			f *= 10
		}
	}
	p := Points(w*100 + f)
	if p <= 0 || p > MaxPoints {
		return 0, bad
	}
	return p, nil
}

// String writes p the Vietnamese way: "1,5", "2", "0,25".
func (p Points) String() string {
	s := strconv.FormatInt(int64(p)/100, 10)
	if f := int64(p) % 100; f != 0 {
		s += "," + strings.TrimRight(strconv.FormatInt(100+f, 10)[1:], "0")
	}
	return s
}

// Royalty is what an approver gave a published article.
type Royalty struct {
	ArticleID int64
	Kind      RoyaltyKind
	Points    Points
	GradedBy  string
	GradedAt  time.Time
}

// Validate checks a royalty before it is saved.
func (r *Royalty) Validate() error {
	switch {
	case RoyaltyKindNames[r.Kind] == "":
		return Invalid("kind", "Xin chọn thể loại trong danh sách.")
	case r.Points <= 0 || r.Points > MaxPoints:
		return Invalid("points", "Điểm phải là một số dương, không quá 1000.")
	}
	return nil
}

// RoyaltyItem is one graded article of a month.
type RoyaltyItem struct {
	ArticleID   int64
	Title       string
	PublishedAt time.Time
	PenNameID   int64  // 0 when the article has none
	PenName     string // "" when the article has none
	People      []string
	Kind        RoyaltyKind
	Points      Points
}

// RoyaltyLine is a sum of a month: of a pen name, or of a person under one
// of their pen names.
type RoyaltyLine struct {
	PenNameID int64
	PenName   string // "" for articles with no pen name
	UserID    int64  // 0 in the lines by pen name
	UserName  string
	Shared    bool // the pen name has more than one person
	Articles  int
	Points    Points
}

// RoyaltyReport is a month's royalties: the articles graded and published
// in it, summed by pen name and by person. A shared pen name's points are
// listed in full under the pen name and under each of its people; the
// lines say it is shared so the office can divide them.
type RoyaltyReport struct {
	From, To  time.Time // the month, in Vietnam
	Items     []RoyaltyItem
	ByPenName []RoyaltyLine
	ByPerson  []RoyaltyLine
	Total     Points
}

// RoyaltyService grades published articles and sums a month of them.
type RoyaltyService interface {
	// GradeArticle gives a published article its kind and points.
	GradeArticle(ctx context.Context, who Actor, r *Royalty) error
	// ArticleRoyalty returns an article's grade, ENOTFOUND when it has none.
	ArticleRoyalty(ctx context.Context, articleID int64) (*Royalty, error)
	// RoyaltyReport sums the graded articles published from from to to.
	RoyaltyReport(ctx context.Context, from, to time.Time) (*RoyaltyReport, error)
}
