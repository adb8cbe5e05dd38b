package admin

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"cong/internal/geo"
	"cong/internal/httperr"
	"cong/internal/portal"
)

// The administrative map: an administrator uploads the units as GeoJSON,
// previews the drawing, loads it (the pages of units whose code stays are
// kept) and writes each unit's page.

const flashMapLoaded = "ban-do"

func init() {
	flashes[flashMapLoaded] = "Đã nạp bản đồ mới; trang của các đơn vị giữ nguyên mã được giữ lại."
}

// MapAdminPage shows the map as readers see it, the upload form and the
// units; Preview is an uploaded file drawn but not yet loaded.
type MapAdminPage struct {
	Base
	Map     *portal.AdminMap
	Preview *portal.AdminMap
	Errors  map[string]string
}

// MapDraw is a map to draw: the map, its name, and whether units link to
// their edit pages.
type MapDraw struct {
	Map   *portal.AdminMap
	Label string
	Link  bool
}

// CurrentDraw draws the map in use, each unit a link to its page's form.
func (p *MapAdminPage) CurrentDraw() MapDraw {
	return MapDraw{Map: p.Map, Label: "Bản đồ đang dùng: chọn một đơn vị để sửa trang", Link: true}
}

// PreviewDraw draws an uploaded file before it is loaded.
func (p *MapAdminPage) PreviewDraw() MapDraw {
	return MapDraw{Map: p.Preview, Label: "Xem trước bản đồ tải lên"}
}

// MapUnitAdminPage edits one unit's page.
type MapUnitAdminPage struct {
	Base
	Unit   *portal.MapUnit
	Form   portal.MapUnitPage
	Area   string // as typed, kept when refused
	People string
	Errors map[string]string
}

func (h *Handler) showMap(w http.ResponseWriter, r *http.Request) error {
	return h.mapPage(w, r, http.StatusOK, nil, nil)
}

func (h *Handler) mapPage(w http.ResponseWriter, r *http.Request, status int, preview *portal.AdminMap, err error) error {
	b, berr := h.base(r, "Bản đồ hành chính")
	if berr != nil {
		return berr
	}
	m, merr := h.store.AdminMap(r.Context())
	if merr != nil {
		return merr
	}
	return h.page(w, r, status, "map", &MapAdminPage{Base: b, Map: m, Preview: preview, Errors: fieldErrors(err)})
}

// uploadMap reads an uploaded GeoJSON file and, unless only a preview is
// asked, puts its units in place of the map's.
func (h *Handler) uploadMap(w http.ResponseWriter, r *http.Request) error {
	if err := parseUpload(r, 1<<20); err != nil {
		status := uploadStatus(err)
		if status == http.StatusRequestEntityTooLarge {
			err = geo.ErrTooBig
		}
		return h.mapPage(w, r, status, nil, err)
	}
	drawn, err := readMapFile(r)
	if c := portal.ErrorCode(err); c == portal.EINVALID || c == portal.ETOOLARGE {
		return h.mapPage(w, r, httperr.Status(err), nil, err)
	}
	if err != nil {
		return err
	}
	if r.PostFormValue("action") == "preview" {
		return h.mapPage(w, r, http.StatusOK, drawn, nil)
	}
	if _, err := h.store.ReplaceMap(r.Context(), h.actor(r), drawn); err != nil {
		return err
	}
	redirect(w, r, Prefix+"/ban-do", flashMapLoaded)
	return nil
}

// readMapFile reads and draws the file of the form.
func readMapFile(r *http.Request) (*portal.AdminMap, error) {
	file, _, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) {
		return nil, portal.Invalid("file", "Xin chọn tệp GeoJSON để tải lên.")
	}
	if err != nil {
		return nil, portal.Invalid("file", "Không đọc được tệp gửi lên.")
	}
	defer file.Close()
	features, err := geo.Read(file)
	if err != nil {
		return nil, err
	}
	drawn, err := geo.Draw(features)
	if err != nil {
		return nil, err
	}
	return drawn.AdminMap(), nil
}

func (h *Handler) showMapUnit(w http.ResponseWriter, r *http.Request) error {
	u, err := h.loadMapUnit(r)
	if err != nil {
		return err
	}
	return h.mapUnitPage(w, r, http.StatusOK, u, u.MapUnitPage, formatArea(u.Area), formatPeople(u.Population), nil)
}

func (h *Handler) loadMapUnit(r *http.Request) (*portal.MapUnit, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.store.MapUnitByID(r.Context(), id)
}

func (h *Handler) mapUnitPage(w http.ResponseWriter, r *http.Request, status int, u *portal.MapUnit,
	form portal.MapUnitPage, area, people string, err error) error {
	b, berr := h.base(r, u.Name)
	if berr != nil {
		return berr
	}
	return h.page(w, r, status, "mapunit", &MapUnitAdminPage{Base: b, Unit: u, Form: form, Area: area, People: people,
		Errors: fieldErrors(err)})
}

// saveMapUnit saves a unit's page.
func (h *Handler) saveMapUnit(w http.ResponseWriter, r *http.Request) error {
	u, err := h.loadMapUnit(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return portal.Invalid("form", "Dữ liệu gửi lên không hợp lệ.")
	}
	f := r.PostForm
	p := portal.MapUnitPage{Intro: f.Get("intro"), Leaders: f.Get("leaders"), Address: f.Get("address"),
		Phone: f.Get("phone"), Email: f.Get("email"), Website: f.Get("website"), Tag: strings.TrimSpace(f.Get("tag"))}
	area, people := strings.TrimSpace(f.Get("area")), strings.TrimSpace(f.Get("population"))
	err = parseFigures(&p, area, people)
	if err == nil {
		err = h.store.SaveMapUnitPage(r.Context(), h.actor(r), u.ID, &p)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.mapUnitPage(w, r, http.StatusBadRequest, u, p, area, people, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, Prefix+"/ban-do/"+strconv.FormatInt(u.ID, 10), flashSaved)
	return nil
}

// parseFigures reads the area and population as Vietnamese write them:
// "1.621,7" km², "733.017" people; empty is 0.
func parseFigures(p *portal.MapUnitPage, area, people string) error {
	var err error
	if area != "" {
		a := strings.ReplaceAll(strings.ReplaceAll(area, ".", ""), ",", ".")
		if p.Area, err = strconv.ParseFloat(a, 64); err != nil {
			return portal.Invalid("area", "Diện tích phải là một số, ví dụ 1.621,7.")
		}
	}
	if people != "" {
		if p.Population, err = strconv.ParseInt(strings.ReplaceAll(people, ".", ""), 10, 64); err != nil {
			return portal.Invalid("population", "Dân số phải là một số nguyên, ví dụ 733.017.")
		}
	}
	return nil
}

func formatArea(a float64) string {
	if a == 0 {
		return ""
	}
	return strings.ReplaceAll(strconv.FormatFloat(a, 'f', -1, 64), ".", ",")
}

func formatPeople(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}
