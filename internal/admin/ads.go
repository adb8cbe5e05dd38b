package admin

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// AdsPage lists the ads ("Quảng cáo") and edits one.
type AdsPage struct {
	Base
	Ads    []portal.Ad
	Form   portal.Ad
	Period Period
	Slots  []portal.Named
	Images []portal.Media
	Errors map[string]string
}

func (h *Handler) showAds(w http.ResponseWriter, r *http.Request) error {
	a := portal.Ad{Active: true, Weight: 1, Slot: portal.AdSlotSide}
	return h.adsPage(w, r, http.StatusOK, a, Period{}, nil)
}

func (h *Handler) showAd(w http.ResponseWriter, r *http.Request) error {
	a, err := h.loadAd(r)
	if err != nil {
		return err
	}
	return h.adsPage(w, r, http.StatusOK, *a, periodOf(a.StartsAt, a.EndsAt), nil)
}

func (h *Handler) loadAd(r *http.Request) (*portal.Ad, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.store.Ad(r.Context(), id)
}

func (h *Handler) adsPage(w http.ResponseWriter, r *http.Request, status int, form portal.Ad, p Period, err error) error {
	b, berr := h.base(r, "Quảng cáo")
	if berr != nil {
		return berr
	}
	data := &AdsPage{Base: b, Form: form, Period: p, Slots: portal.AdSlots, Errors: fieldErrors(err)}
	// A new ad starts now unless told otherwise: the field is required, and
	// an empty one (first shown, or after a form that could not be read)
	// would only stop the save. An empty start refused as such stays empty,
	// beside its message.
	data.Period.StartRequired = true
	if form.ID == 0 && p.Starts == "" && data.Errors["starts_at"] == "" {
		data.Period.Starts = formTime(h.Now())
	}
	if data.Ads, berr = h.store.AllAds(r.Context()); berr != nil {
		return berr
	}
	if data.Images, berr = h.libraryImages(r); berr != nil {
		return berr
	}
	return h.page(w, r, status, "ads", data)
}

// saveAd creates an ad, or saves the one of the path. Ads are stopped, never
// deleted, so that their reports stay.
func (h *Handler) saveAd(w http.ResponseWriter, r *http.Request) error {
	var a portal.Ad
	if r.PathValue("id") != "" {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		a.ID = id
	}
	if err := parseBlockForm(r); err != nil {
		return h.adsPage(w, r, uploadStatus(err), a, Period{}, err)
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	f := r.PostForm
	a.Slot, a.Title, a.Text = f.Get("slot"), f.Get("title"), f.Get("text")
	a.URL, a.Active = strings.TrimSpace(f.Get("url")), f.Get("active") == "1"
	a.Weight, _ = strconv.Atoi(f.Get("weight"))
	a.Position, _ = strconv.Atoi(f.Get("position"))
	a.Image.ID, _ = strconv.ParseInt(f.Get("image"), 10, 64)
	p, start, end, err := readPeriod(r)
	a.StartsAt, a.EndsAt = start, end
	var m *portal.Media
	if err == nil {
		m, err = h.readPicture(r, a.Title)
	}
	if err == nil {
		a.Image = *m
		err = h.store.SaveAd(r.Context(), h.actor(r), &a)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.adsPage(w, r, http.StatusBadRequest, a, p, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, Prefix+"/quang-cao", flashSaved)
	return nil
}

// AdReportPage shows what an ad did, day by day for 30 days, and in all.
type AdReportPage struct {
	Base
	Ad    *portal.Ad
	Days  []AdReportRow
	Total AdReportRow
}

// AdReportRow is one line of the report, formatted for people.
type AdReportRow struct {
	Day                 string // dd/mm/yyyy
	Impressions, Clicks string
	CTR                 string // "1,25 %"
}

// reportDays is how many days the report lists.
const reportDays = 30

func (h *Handler) showAdReport(w http.ResponseWriter, r *http.Request) error {
	a, err := h.loadAd(r)
	if err != nil {
		return err
	}
	now := h.Now()
	days := make([]time.Time, reportDays)
	for i := range days {
		days[i] = now.AddDate(0, 0, -i)
	}
	stats, total, err := h.store.AdStats(r.Context(), a.ID, viet.Day(days[reportDays-1]))
	if err != nil {
		return err
	}
	byDay := make(map[string]portal.AdStat, len(stats))
	for _, s := range stats {
		byDay[s.Day] = s
	}
	b, err := h.base(r, "Báo cáo quảng cáo")
	if err != nil {
		return err
	}
	data := &AdReportPage{Base: b, Ad: a, Total: reportRow("Tổng cộng", total)}
	for _, d := range days {
		data.Days = append(data.Days, reportRow(viet.Date(d), byDay[viet.Day(d)]))
	}
	return h.page(w, r, http.StatusOK, "adreport", data)
}

func reportRow(day string, s portal.AdStat) AdReportRow {
	ctr := strings.Replace(strconv.FormatFloat(s.CTR(), 'f', 2, 64), ".", ",", 1) + " %"
	return AdReportRow{Day: day, Impressions: viet.Number(s.Impressions), Clicks: viet.Number(s.Clicks), CTR: ctr}
}
