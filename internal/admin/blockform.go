package admin

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"cong/internal/formlimit"
	"cong/internal/portal"
	"cong/internal/viet"
)

// The forms of the portal's blocks (image links, ads, notices) share how
// they read their period and their picture.

// Period is a form's start and end as typed, kept to show them again.
type Period struct {
	Starts, Ends string
	// StartRequired marks the start field required (ads and notices).
	StartRequired bool
}

// periodOf shows saved times in the form's datetime-local fields.
func periodOf(start, end time.Time) Period {
	return Period{Starts: formTime(start), Ends: formTime(end)}
}

func formTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(viet.Location).Format("2006-01-02T15:04")
}

// readPeriod reads the fields starts_at and ends_at (Vietnam time, to the
// minute; empty is no bound). Unlike an article's schedule, a start in the
// past is fine: a running block keeps its start when edited.
func readPeriod(r *http.Request) (p Period, start, end time.Time, err error) {
	p = Period{Starts: strings.TrimSpace(r.PostFormValue("starts_at")), Ends: strings.TrimSpace(r.PostFormValue("ends_at"))}
	if start, err = parseBlockTime(p.Starts, "starts_at"); err != nil {
		return p, start, end, err
	}
	end, err = parseBlockTime(p.Ends, "ends_at")
	return p, start, end, err
}

func parseBlockTime(s, field string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", s, viet.Location)
	if err != nil || t.Year() < 2000 || t.Year() > 2200 {
		return time.Time{}, portal.Invalid(field, "Thời điểm không hợp lệ (ngày/tháng/năm giờ:phút).")
	}
	return t, nil
}

// parseBlockForm reads a block's form, plain or with a picture to upload.
func parseBlockForm(r *http.Request) error {
	err := formlimit.Parse(r, 4<<20)
	if portal.ErrorCode(err) == portal.ETOOLARGE {
		return &portal.Error{Code: portal.ETOOLARGE, Field: "file", Message: "Tệp quá lớn (tối đa 10 MB)."}
	}
	if err == nil {
		fixEncoding(r)
	}
	return err
}

// uploadStatus is the status of a refused upload form: 413 for a body over
// its cap, 400 for a broken one.
// parseUpload reads a form that sends a file, within the route's cap; a
// form sent without its file part is refused, not read as an empty upload.
// The guard removes the temporary files when the request ends.
func parseUpload(r *http.Request, maxMemory int64) error {
	if err := formlimit.Parse(r, maxMemory); err != nil {
		return err
	}
	fixEncoding(r)
	if r.MultipartForm == nil {
		return portal.Invalid("file", "Xin chọn tệp để tải lên.")
	}
	return nil
}

func uploadStatus(err error) int {
	if portal.ErrorCode(err) == portal.ETOOLARGE {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

// readPicture returns the picture a block's form names: a file uploaded with
// it (into the library, described by alt), else one chosen from the library
// in the field "image" (0: none).
func (h *Handler) readPicture(r *http.Request, alt string) (*portal.Media, error) {
	if r.MultipartForm != nil {
		if _, header, err := r.FormFile("file"); err == nil {
			if strings.HasSuffix(strings.ToLower(header.Filename), ".pdf") {
				return nil, portal.Invalid("file", "Chỉ nhận ảnh (JPEG, PNG, WebP, GIF).")
			}
			if strings.TrimSpace(alt) == "" {
				return nil, portal.Invalid("title", "Xin nhập tên trước: tên là mô tả của ảnh tải lên.")
			}
			return h.storeUpload(r, portal.Media{Alt: alt, Caption: alt, OwnerID: userOf(r).ID})
		} else if !errors.Is(err, http.ErrMissingFile) {
			return nil, portal.Invalid("file", "Không đọc được tệp gửi lên.")
		}
	}
	id, err := strconv.ParseInt(r.PostFormValue("image"), 10, 64)
	if err != nil || id == 0 {
		return &portal.Media{}, nil
	}
	m, err := h.store.Media(r.Context(), id)
	if err != nil || id < 0 || !m.IsImage() {
		return nil, portal.Invalid("image", "Ảnh không có trong thư viện.")
	}
	return m, nil
}

// libraryImages lists the pictures a block may use.
func (h *Handler) libraryImages(r *http.Request) ([]portal.Media, error) {
	return h.store.ListMedia(r.Context(), portal.MediaFilter{Images: true, Limit: 300})
}
