package admin

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// RoyaltiesPage is a month's royalties, by pen name and by person.
type RoyaltiesPage struct {
	Base
	Month  string // "2026-11", for the month picker and the export links
	Label  string // "11/2026"
	Report *portal.RoyaltyReport
}

// month reads the month of ?thang=2026-11, in Vietnam; none is this month.
func (h *Handler) month(r *http.Request) (from, to time.Time, err error) {
	v := strings.TrimSpace(r.URL.Query().Get("thang"))
	if v == "" {
		now := h.Now().In(viet.Location)
		from = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, viet.Location)
	} else if from, err = time.ParseInLocation("2006-01", v, viet.Location); err != nil || from.Year() < 1990 {
		return from, to, portal.Invalid("thang", "Tháng phải có dạng năm-tháng, ví dụ 2026-11.")
	}
	return from, from.AddDate(0, 1, 0), nil
}

func (h *Handler) showRoyalties(w http.ResponseWriter, r *http.Request) error {
	from, to, err := h.month(r)
	if err != nil {
		return err
	}
	b, err := h.base(r, "Nhuận bút tháng "+from.Format("01/2006"))
	if err != nil {
		return err
	}
	data := &RoyaltiesPage{Base: b, Month: from.Format("2006-01"), Label: from.Format("01/2006")}
	if data.Report, err = h.store.RoyaltyReport(r.Context(), from, to); err != nil {
		return err
	}
	return h.page(w, r, http.StatusOK, "royalties", data)
}

// royaltyTables are the exports of a month, by ?bang=: each article, the
// sums by pen name, the sums by person.
var royaltyTables = map[string]struct {
	header []string
	rows   func(*portal.RoyaltyReport) [][]string
}{
	"bai": {[]string{"STT", "Ngày đăng", "Tiêu đề", "Bút danh", "Người dùng bút danh", "Thể loại", "Điểm"},
		func(rep *portal.RoyaltyReport) [][]string {
			rows := make([][]string, len(rep.Items))
			for i, it := range rep.Items {
				rows[i] = []string{strconv.Itoa(i + 1), viet.Date(it.PublishedAt), it.Title, it.PenName,
					strings.Join(it.People, "; "), it.Kind.Name(), it.Points.String()}
			}
			return rows
		}},
	"but-danh": {[]string{"STT", "Bút danh", "Dùng chung", "Số bài", "Điểm"},
		func(rep *portal.RoyaltyReport) [][]string { return royaltyLines(rep.ByPenName, false) }},
	"nguoi": {[]string{"STT", "Người", "Bút danh", "Dùng chung", "Số bài", "Điểm"},
		func(rep *portal.RoyaltyReport) [][]string { return royaltyLines(rep.ByPerson, true) }},
}

func royaltyLines(ls []portal.RoyaltyLine, person bool) [][]string {
	rows := make([][]string, len(ls))
	for i, l := range ls {
		shared := ""
		if l.Shared {
			shared = "có"
		}
		row := []string{strconv.Itoa(i + 1)}
		if person {
			row = append(row, l.UserName)
		}
		rows[i] = append(row, l.PenName, shared, strconv.Itoa(l.Articles), l.Points.String())
	}
	return rows
}

// exportRoyalties sends a month's royalties to the accounting office as
// CSV (see sendCSV).
func (h *Handler) exportRoyalties(w http.ResponseWriter, r *http.Request) error {
	from, to, err := h.month(r)
	if err != nil {
		return err
	}
	name := r.URL.Query().Get("bang")
	if name == "" {
		name = "bai"
	}
	t, ok := royaltyTables[name]
	if !ok {
		return portal.Invalid("bang", "Bảng xuất phải là bai, but-danh hoặc nguoi.")
	}
	rep, err := h.store.RoyaltyReport(r.Context(), from, to)
	if err != nil {
		return err
	}
	return sendCSV(w, "nhuan-but-"+from.Format("2006-01")+"-"+name+".csv", t.header, t.rows(rep))
}

// gradeArticle gives a published article its royalty kind and points.
func (h *Handler) gradeArticle(w http.ResponseWriter, r *http.Request) error {
	a, err := h.loadArticle(r)
	if err != nil {
		return err
	}
	g := &portal.Royalty{ArticleID: a.ID, Kind: portal.RoyaltyKind(r.PostFormValue("kind"))}
	g.Points, err = portal.ParsePoints(r.PostFormValue("points"))
	if err == nil {
		err = h.store.GradeArticle(r.Context(), h.actor(r), g)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.articleForm(w, r, http.StatusBadRequest, a, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, articleURL(a.ID), flashSaved)
	return nil
}
