package admin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/viet"
)

// maxWeighed bounds the library pictures one weighing looks up; a body's
// pictures past it are listed as not counted.
const maxWeighed = 200

// heaviestShown is how many of the heaviest pictures a warning names.
const heaviestShown = 5

// ImageWeight is what the pictures of an article weigh on a reader's phone
// (media.PhoneWeight) against the portal's budget, in the editor's words.
// The editor's page shows it, and its script asks for it again as the body
// or the cover change (weighImages).
type ImageWeight struct {
	Bytes  int64 `json:"bytes"`
	Budget int64 `json:"budget"`
	Over   bool  `json:"over"`
	// Summary is the figure: "Ảnh của trang: 230 KB khi xem trên điện
	// thoại (ngân sách 500 KB)."
	Summary string `json:"summary"`
	// Warning, Heaviest and Hint are set over budget only.
	Warning  string   `json:"warning,omitempty"`
	Heaviest []string `json:"heaviest,omitempty"` // "Hội nghị (ảnh đại diện): 120 KB, bản rộng 640 px"
	Hint     string   `json:"hint,omitempty"`
	// Unknown tells of the pictures from outside the library, which are
	// not counted, and lists their addresses.
	Unknown  string   `json:"unknown,omitempty"`
	Outsides []string `json:"outsides,omitempty"`
}

// weightKB writes bytes as KB of 1 000 bytes, rounded up (so a page a
// byte over budget never reads as equal to it), Vietnamese style: "1.250 KB".
func weightKB(n int64) string { return viet.Number((n+999)/1000) + " KB" }

// phoneLine names the phone the weight is measured for.
func phoneLine() string {
	return fmt.Sprintf("màn hình rộng %d px, mật độ điểm ảnh %d", media.PhoneWidth, media.PhoneDPR)
}

// weighImages answers the editor's script: the image weight of the body
// and cover posted, in JSON. It saves nothing.
func (h *Handler) weighImages(w http.ResponseWriter, r *http.Request) error {
	reply := func(status int, v any) error {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		return json.NewEncoder(w).Encode(v)
	}
	cover, err := strconv.ParseInt(strings.TrimSpace(r.PostFormValue("cover")), 10, 64)
	if r.PostFormValue("cover") == "" {
		cover, err = 0, nil
	}
	if err != nil || cover < 0 {
		return reply(http.StatusBadRequest, map[string]string{"error": "Ảnh đại diện không hợp lệ."})
	}
	if len(r.PostFormValue("body")) > portal.MaxBody {
		return reply(http.StatusBadRequest, map[string]string{"error": "Nội dung bài dài quá mức cho phép."})
	}
	iw, err := h.imageWeight(r.Context(), cover, r.PostFormValue("body"))
	if portal.ErrorCode(err) == portal.EINVALID {
		return reply(http.StatusBadRequest, map[string]string{"error": portal.ErrorMessage(err)})
	}
	if err != nil {
		return err
	}
	return reply(http.StatusOK, iw)
}

// articleWeight weighs the pictures of a, as the editor shows them; a
// cover gone from the library is left out.
func (h *Handler) articleWeight(ctx context.Context, a *portal.Article) (*ImageWeight, error) {
	iw, err := h.imageWeight(ctx, a.CoverID, a.Body)
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.imageWeight(ctx, 0, a.Body)
	}
	return iw, err
}

// imageWeight weighs the pictures of an article with cover coverID (0:
// none) and body.
func (h *Handler) imageWeight(ctx context.Context, coverID int64, body string) (*ImageWeight, error) {
	kv, err := h.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	var cover *portal.Media
	if coverID != 0 {
		if cover, err = h.store.Media(ctx, coverID); portal.ErrorCode(err) == portal.ENOTFOUND {
			return nil, portal.Invalid("cover", "Ảnh đại diện không có trong thư viện.")
		} else if err != nil {
			return nil, err
		}
	}
	library := map[string]*portal.Media{}
	for _, src := range media.BodyPictures(body) {
		file, ok := strings.CutPrefix(src, "/media/")
		if _, seen := library[file]; !ok || seen || len(library) >= maxWeighed {
			continue
		}
		m, err := h.store.MediaByFile(ctx, file)
		if err != nil && portal.ErrorCode(err) != portal.ENOTFOUND {
			return nil, err
		}
		library[file] = m // nil when not in the library
	}
	pw := media.PhoneWeight(cover, body, library, h.sizes.Size)
	return describeWeight(pw, portal.ImageBudget(kv)), nil
}

// describeWeight puts a page's weight in the editor's words.
func describeWeight(pw media.PageWeight, budget int64) *ImageWeight {
	iw := &ImageWeight{Bytes: pw.Bytes, Budget: budget, Over: pw.Bytes > budget}
	iw.Summary = "Ảnh của trang: " + weightKB(pw.Bytes) + " khi xem trên điện thoại (ngân sách " + weightKB(budget) + ")."
	if iw.Over {
		iw.Warning = "Ảnh của trang nặng " + weightKB(pw.Bytes) + " khi xem trên điện thoại, vượt ngân sách " + weightKB(budget) + "."
		for _, p := range pw.Pictures[:min(len(pw.Pictures), heaviestShown)] {
			name := p.Name
			if p.Cover {
				name += " (ảnh đại diện)"
			}
			iw.Heaviest = append(iw.Heaviest, fmt.Sprintf("%s: %s, bản rộng %d px", name, weightKB(p.Bytes), p.Width))
		}
		iw.Hint = "Gợi ý: bớt số ảnh, cắt ảnh hẹp hơn, tải ảnh chụp lên dạng JPEG thay vì PNG. Bài vẫn lưu được."
	}
	if n := len(pw.Unknown); n > 0 {
		iw.Unknown = "Chưa tính " + viet.Number(int64(n)) + " ảnh không lấy từ thư viện (không biết dung lượng):"
		iw.Outsides = pw.Unknown
	}
	return iw
}
