package web

import (
	"fmt"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
)

// consultationsPath is where readers find the drafts put to them.
const consultationsPath = "/gop-y-du-thao"

// ConsultationsPage lists the consultations of one phase, a page at a time.
type ConsultationsPage struct {
	Base
	Phase portal.Phase
	Tabs  []ConsultationTab
	Items []ConsultationItem
	Pager Pager
}

// ConsultationTab links the list of one phase.
type ConsultationTab struct {
	Name, URL string
	Count     int
	Current   bool
}

// ConsultationItem is a consultation in a list, with its phase.
type ConsultationItem struct {
	portal.Consultation
	PhaseName string
}

// ConsultationPage is one consultation as readers see it.
type ConsultationPage struct {
	Base
	Consultation *portal.Consultation
	Phase        portal.Phase
	PhaseName    string
	Remaining    string // while open: the time left; before: the time until it opens
	Files        []FileLink
	Comments     []portal.ConsultationComment // approved, when the draft's comments are public
	Open         bool                         // the form is shown
	Form         CommentForm                  // what a reader typed, when it is shown again
}

// FileLink is an attached file as a reader downloads it.
type FileLink struct {
	URL, Name, Kind string
	KB              int64
}

// consultationTabs are the three lists: path, phase.
var consultationTabs = []struct {
	path  string
	phase portal.Phase
}{
	{consultationsPath, portal.PhaseOpen},
	{consultationsPath + "/sap-toi", portal.PhaseUpcoming},
	{consultationsPath + "/da-ket-thuc", portal.PhaseClosed},
}

func (h *Handler) showOpenConsultations(w http.ResponseWriter, r *http.Request) error {
	return h.showConsultations(w, r, 0)
}

func (h *Handler) showUpcomingConsultations(w http.ResponseWriter, r *http.Request) error {
	return h.showConsultations(w, r, 1)
}

func (h *Handler) showClosedConsultations(w http.ResponseWriter, r *http.Request) error {
	return h.showConsultations(w, r, 2)
}

// showConsultations serves a list tab. The page is cached no longer than
// until the next consultation opens or closes, when items change tabs.
func (h *Handler) showConsultations(w http.ResponseWriter, r *http.Request, tab int) error {
	page, ok := pageNumber(r.URL.Query()["trang"])
	if !ok || h.svc.Consultations == nil {
		return errNotFound
	}
	p := consultationTabs[tab].path
	return h.cached(w, r, p+"?trang="+strconv.Itoa(page), func(r *http.Request, s *site) (*entry, error) {
		now, svc := h.now(), h.svc.Consultations
		data := ConsultationsPage{Base: s.base(consultationsPath[1:]), Phase: consultationTabs[tab].phase}
		total := 0
		for i, t := range consultationTabs {
			n, err := svc.CountConsultations(r.Context(), portal.ConsultationFilter{Phase: t.phase, Now: now, PublishedOnly: true})
			if err != nil {
				return nil, err
			}
			data.Tabs = append(data.Tabs, ConsultationTab{Name: portal.PhaseNames[t.phase], URL: t.path, Count: n, Current: i == tab})
			if i == tab {
				total = n
			}
		}
		pages := max((total+perPage-1)/perPage, 1)
		if page > pages {
			return nil, errNotFound
		}
		list, err := svc.Consultations(r.Context(), portal.ConsultationFilter{Phase: data.Phase, Now: now,
			PublishedOnly: true, Limit: perPage, Offset: (page - 1) * perPage})
		if err != nil {
			return nil, err
		}
		for _, c := range list {
			data.Items = append(data.Items, ConsultationItem{Consultation: c, PhaseName: portal.PhaseNames[c.Phase(now)]})
		}
		data.Pager = pager(p, page, pages)
		data.Canonical = data.Pager.URL(page)
		data.Description = "Góp ý dự thảo – " + portal.PhaseNames[data.Phase] + ": các dự thảo văn bản đưa ra lấy ý kiến " +
			"người dân, doanh nghiệp trên " + s.info.Name + "." + pageSuffix(page)
		until, err := svc.NextConsultationChange(r.Context(), now)
		if err != nil {
			return nil, err
		}
		rendered, err := h.render.Render("consultations", data)
		return &entry{page: rendered, until: until}, err
	})
}

// showConsultation serves one consultation. Its cached page expires at the
// minute it opens or closes, so the form appears and goes on time.
func (h *Handler) showConsultation(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if !portal.IsSlug(slug) || h.svc.Consultations == nil {
		return errNotFound
	}
	return h.cached(w, r, r.URL.Path, func(r *http.Request, s *site) (*entry, error) {
		c, err := h.readerConsultation(r, slug)
		if err != nil {
			return nil, err
		}
		now := h.now()
		data, err := h.consultationPage(r, s, c, now)
		if err != nil {
			return nil, err
		}
		p, err := h.render.Render("consultation", data)
		return &entry{page: p, until: c.NextChange(now)}, err
	})
}

// readerConsultation returns a published consultation; others do not exist
// for readers.
func (h *Handler) readerConsultation(r *http.Request, slug string) (*portal.Consultation, error) {
	c, err := h.svc.Consultations.ConsultationBySlug(r.Context(), slug)
	if err != nil {
		return nil, err
	}
	if !c.Published {
		return nil, errNotFound
	}
	return c, nil
}

// consultationPage fills the page of c as it stands at now.
func (h *Handler) consultationPage(r *http.Request, s *site, c *portal.Consultation, now time.Time) (*ConsultationPage, error) {
	data := &ConsultationPage{Base: s.base(consultationsPath[1:]), Consultation: c, Phase: c.Phase(now)}
	data.PhaseName, data.Open = portal.PhaseNames[data.Phase], data.Phase == portal.PhaseOpen
	if next := c.NextChange(now); !next.IsZero() {
		data.Remaining = remaining(next.Sub(now))
	}
	data.Canonical, data.Description = consultationsPath+"/"+c.Slug, firstLine(c.Summary, 300)
	if data.Description == "" {
		data.Description = "Góp ý dự thảo: " + c.Title
	}
	for _, m := range c.Files {
		data.Files = append(data.Files, fileLink(m))
	}
	if !c.PublicComments {
		return data, nil
	}
	var err error
	data.Comments, err = h.svc.Consultations.ConsultationComments(r.Context(), c.ID, portal.CommentApproved, 1000)
	return data, err
}

func fileLink(m portal.Media) FileLink {
	name := m.Caption
	if name == "" {
		name = path.Base(m.File)
	}
	kind := "Ảnh"
	if !m.IsImage() {
		kind = "PDF"
	}
	return FileLink{URL: m.URL(), Name: name, Kind: kind, KB: (m.Size + 1023) / 1024}
}

// remaining says how long d is, to the minute: "12 ngày 3 giờ", "5 giờ 20 phút".
func remaining(d time.Duration) string {
	mins := int(d / time.Minute)
	days, hours, mins := mins/(24*60), mins/60%24, mins%60
	switch {
	case days > 0:
		return fmt.Sprintf("%d ngày %d giờ", days, hours)
	case hours > 0:
		return fmt.Sprintf("%d giờ %d phút", hours, mins)
	}
	return fmt.Sprintf("%d phút", max(mins, 1))
}

// firstLine is the start of s up to n characters, for a page description.
func firstLine(s string, n int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
