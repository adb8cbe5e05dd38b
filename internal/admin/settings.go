package admin

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"cong/internal/portal"
	"cong/internal/viet"
)

// SettingsPage edits the portal's own settings: name, logo, footer and the
// side column's blocks.
type SettingsPage struct {
	Base
	Form   portal.SiteSettings
	Blocks []BlockChoice
	Images []portal.Media
	Errors map[string]string
	// Backup tells when the last backup was taken, or that none was.
	Backup string
}

// BlockChoice is a side block in the form: shown or not, and where.
type BlockChoice struct {
	Key, Name string
	Shown     bool
	Order     string
}

func (h *Handler) showSettings(w http.ResponseWriter, r *http.Request) error {
	kv, err := h.store.Settings(r.Context())
	if err != nil {
		return err
	}
	s := portal.ReadSiteSettings(kv)
	return h.settingsPage(w, r, http.StatusOK, s, blockChoices(s.Blocks), nil)
}

// blockChoices lists every side block: the shown ones in their order, then
// the hidden ones.
func blockChoices(shown []string) []BlockChoice {
	var out []BlockChoice
	for i, key := range shown {
		out = append(out, BlockChoice{Key: key, Name: portal.NameOf(portal.SideBlocks, key), Shown: true, Order: strconv.Itoa(i + 1)})
	}
	for _, b := range portal.SideBlocks {
		if !contains(shown, b.Key) {
			out = append(out, BlockChoice{Key: b.Key, Name: b.Name, Order: strconv.Itoa(len(out) + 1)})
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (h *Handler) settingsPage(w http.ResponseWriter, r *http.Request, status int, s portal.SiteSettings, blocks []BlockChoice, err error) error {
	b, berr := h.base(r, "Cài đặt cổng")
	if berr != nil {
		return berr
	}
	data := &SettingsPage{Base: b, Form: s, Blocks: blocks, Errors: fieldErrors(err)}
	if data.Images, berr = h.libraryImages(r); berr != nil {
		return berr
	}
	kv, berr := h.store.Settings(r.Context())
	if berr != nil {
		return berr
	}
	data.Backup = backupLine(kv)
	return h.page(w, r, status, "settings", data)
}

// backupLine tells administrators of the last backup recorded.
func backupLine(settings map[string]string) string {
	b, ok := portal.LastBackup(settings)
	if !ok {
		return "Chưa có bản sao lưu nào được ghi nhận: hãy chạy «cong backup» hoặc đặt lịch sao lưu (--backup-dir)."
	}
	return "Bản sao lưu gần nhất: " + viet.DateTime(b.At) + ", " + viet.Number((b.Size+1023)/1024) + " KB, tệp " + b.File + "."
}

// saveSettings stores the settings all together; the public pages show them
// at once here and within the cache period elsewhere.
func (h *Handler) saveSettings(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return portal.Invalid("form", "Dữ liệu gửi lên không hợp lệ.")
	}
	f := r.PostForm
	s := portal.SiteSettings{Name: f.Get("name"), Tagline: f.Get("tagline"), Address: f.Get("address"),
		Phone: f.Get("phone"), Email: f.Get("email"), Licence: f.Get("licence")}
	s.ImageBudget = readBudget(f.Get("image_budget"))
	blocks, err := readBlocks(r)
	for _, b := range blocks {
		if b.Shown {
			s.Blocks = append(s.Blocks, b.Key)
		}
	}
	if err == nil {
		err = h.readLogo(r, &s)
	}
	if err == nil {
		err = s.Validate()
	}
	if err == nil {
		err = h.store.SaveSettings(r.Context(), h.actor(r), s.Pairs())
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.settingsPage(w, r, http.StatusBadRequest, s, blocks, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, Prefix+"/cai-dat", flashSaved)
	return nil
}

// readBudget reads the image budget, typed in KB ("500", "1.500"); empty
// is the default, anything else not a number is 0, which Validate refuses.
func readBudget(field string) int64 {
	field = strings.NewReplacer(".", "", " ", "", "\u00a0", "").Replace(strings.TrimSpace(field))
	if field == "" {
		return portal.DefaultImageBudget
	}
	kb, err := strconv.ParseInt(field, 10, 64)
	if err != nil || kb <= 0 || kb > portal.MaxImageBudget {
		return 0
	}
	return kb * 1000
}

// readBlocks reads the side blocks of the form (block_KEY ticked, order_KEY
// a number) in the order asked, every known block once.
func readBlocks(r *http.Request) ([]BlockChoice, error) {
	var out []BlockChoice
	var err error
	for _, b := range portal.SideBlocks {
		c := BlockChoice{Key: b.Key, Name: b.Name, Shown: r.PostForm.Get("block_"+b.Key) == "1",
			Order: strings.TrimSpace(r.PostForm.Get("order_" + b.Key))}
		if n, perr := strconv.Atoi(c.Order); perr != nil || n < 1 || n > 99 {
			err = portal.Invalid("blocks", "Thứ tự của khối «"+b.Name+"» phải là số từ 1 đến 99.")
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, _ := strconv.Atoi(out[i].Order)
		b, _ := strconv.Atoi(out[j].Order)
		return a < b
	})
	return out, err
}

// readLogo reads the logo chosen from the library (0: the emblem).
func (h *Handler) readLogo(r *http.Request, s *portal.SiteSettings) error {
	id, err := strconv.ParseInt(r.PostForm.Get("logo"), 10, 64)
	if err != nil || id == 0 {
		return nil
	}
	m, err := h.store.Media(r.Context(), id)
	if err != nil || id < 0 || !m.IsImage() {
		return portal.Invalid("logo", "Ảnh biểu trưng không có trong thư viện.")
	}
	s.LogoID = id
	return nil
}
