package admin

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"cong/internal/portal"
	"cong/internal/viet"
)

// PollsPage lists the polls.
type PollsPage struct {
	Base
	Items []PollRow
}

// PollRow is a poll in the list, with its phase now.
type PollRow struct {
	portal.Poll
	PhaseName string
}

// PollPage edits one poll and shows its figures.
type PollPage struct {
	Base
	Poll      *portal.Poll
	IsNew     bool
	PhaseName string
	Open      bool   // open now: the close button is offered
	Upcoming  bool   // to open later: the open button is offered
	Options   string // one per line, as typed
	Errors    map[string]string
}

func pollURL(id int64) string { return Prefix + "/binh-chon/" + itoa(id) }

func (h *Handler) showPolls(w http.ResponseWriter, r *http.Request) error {
	b, err := h.base(r, "Bình chọn")
	if err != nil {
		return err
	}
	list, err := h.store.Polls(r.Context(), portal.PollFilter{Limit: 500})
	if err != nil {
		return err
	}
	data := &PollsPage{Base: b}
	for _, p := range list {
		name := portal.PollPhaseNames[p.Phase(h.Now())]
		if !p.Published {
			name = "Chưa mở (ẩn)"
		}
		data.Items = append(data.Items, PollRow{Poll: p, PhaseName: name})
	}
	return h.page(w, r, http.StatusOK, "polls", data)
}

func (h *Handler) showNewPoll(w http.ResponseWriter, r *http.Request) error {
	now := h.Now().In(viet.Location)
	opens := time.Date(now.Year(), now.Month(), now.Day()+1, 7, 0, 0, 0, viet.Location)
	p := &portal.Poll{MaxChoices: 1, ResultsAfter: portal.ResultsAfterVote, OpensAt: opens, ClosesAt: opens.AddDate(0, 0, 14)}
	return h.pollForm(w, r, http.StatusOK, p, "", nil)
}

func (h *Handler) showPoll(w http.ResponseWriter, r *http.Request) error {
	p, err := h.loadPoll(r)
	if err != nil {
		return err
	}
	return h.pollForm(w, r, http.StatusOK, p, "", nil)
}

func (h *Handler) loadPoll(r *http.Request) (*portal.Poll, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.store.Poll(r.Context(), id)
}

// pollForm renders the editor of p, with errors next to their fields.
func (h *Handler) pollForm(w http.ResponseWriter, r *http.Request, status int, p *portal.Poll, options string, err error) error {
	title := "Cuộc bình chọn mới"
	if p.ID != 0 {
		title = p.Question
	}
	b, berr := h.base(r, title)
	if berr != nil {
		return berr
	}
	if options == "" {
		var lines []string
		for _, o := range p.Options {
			lines = append(lines, o.Label)
		}
		options = strings.Join(lines, "\n")
	}
	now := h.Now()
	data := &PollPage{Base: b, Poll: p, IsNew: p.ID == 0, PhaseName: portal.PollPhaseNames[p.Phase(now)],
		Open: p.Published && p.Phase(now) == portal.PhaseOpen, Upcoming: p.Phase(now) == portal.PhaseUpcoming,
		Options: options, Errors: fieldErrors(err)}
	if !p.Published {
		data.PhaseName = "Chưa mở (ẩn)"
	}
	return h.page(w, r, status, "poll", data)
}

// readPollForm copies the fields staff set; publication never comes from
// this form but from the open and close buttons.
func readPollForm(r *http.Request, p *portal.Poll) (string, error) {
	if err := r.ParseForm(); err != nil {
		return "", portal.Invalid("form", "Dữ liệu gửi lên không hợp lệ.")
	}
	f := r.PostForm
	p.Question, p.Description, p.ResultsAfter = f.Get("question"), f.Get("description"), f.Get("results_after")
	options := f.Get("options")
	p.Options = nil
	for _, line := range strings.Split(strings.ReplaceAll(options, "\r\n", "\n"), "\n") {
		p.Options = append(p.Options, portal.PollOption{Label: line})
	}
	p.MaxChoices = 1
	if f.Get("multiple") == "1" {
		n, err := strconv.Atoi(f.Get("max_choices"))
		if err != nil {
			return options, portal.Invalid("max_choices", "Số phương án được chọn phải là một số.")
		}
		p.MaxChoices = n
	}
	var ok1, ok2 bool
	p.OpensAt, ok1 = parseLocalTime(f.Get("opens_at"))
	p.ClosesAt, ok2 = parseLocalTime(f.Get("closes_at"))
	switch {
	case !ok1:
		return options, portal.Invalid("opens_at", "Thời gian mở không hợp lệ (ngày và giờ, theo giờ Việt Nam).")
	case !ok2:
		return options, portal.Invalid("closes_at", "Thời gian kết thúc không hợp lệ (ngày và giờ, theo giờ Việt Nam).")
	}
	return options, p.Validate()
}

func (h *Handler) createPoll(w http.ResponseWriter, r *http.Request) error {
	p := &portal.Poll{}
	options, err := readPollForm(r, p)
	if err == nil {
		err = h.store.CreatePoll(r.Context(), h.actor(r), p)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.pollForm(w, r, http.StatusBadRequest, p, options, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, pollURL(p.ID), flashSaved)
	return nil
}

func (h *Handler) savePoll(w http.ResponseWriter, r *http.Request) error {
	p, err := h.loadPoll(r)
	if err != nil {
		return err
	}
	options, err := readPollForm(r, p)
	if err == nil {
		err = h.store.UpdatePoll(r.Context(), h.actor(r), p)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		if fresh, lerr := h.loadPoll(r); lerr == nil {
			p.Voters = fresh.Voters
		}
		return h.pollForm(w, r, http.StatusBadRequest, p, options, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, pollURL(p.ID), flashSaved)
	return nil
}

// openPoll publishes a poll, opening it now if it was to open later.
func (h *Handler) openPoll(w http.ResponseWriter, r *http.Request) error {
	return h.pollAction(w, r, h.store.OpenPoll)
}

// closePoll ends a poll now.
func (h *Handler) closePoll(w http.ResponseWriter, r *http.Request) error {
	return h.pollAction(w, r, h.store.ClosePoll)
}

func (h *Handler) pollAction(w http.ResponseWriter, r *http.Request, act func(ctx context.Context, who portal.Actor, id int64) error) error {
	p, err := h.loadPoll(r)
	if err != nil {
		return err
	}
	if err := act(r.Context(), h.actor(r), p.ID); err != nil {
		if code := portal.ErrorCode(err); code == portal.EINVALID || code == portal.ECONFLICT {
			return h.pollForm(w, r, http.StatusConflict, p, "", err)
		}
		return err
	}
	redirect(w, r, pollURL(p.ID), flashSaved)
	return nil
}

// deletePoll removes a poll with its votes.
func (h *Handler) deletePoll(w http.ResponseWriter, r *http.Request) error {
	p, err := h.loadPoll(r)
	if err != nil {
		return err
	}
	if err := h.store.DeletePoll(r.Context(), h.actor(r), p.ID); err != nil {
		return err
	}
	redirect(w, r, Prefix+"/binh-chon", flashSaved)
	return nil
}
