package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"html/template"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"cong/internal/formlimit"
	"cong/internal/portal"
	"cong/internal/render"
	"cong/internal/viet"
)

// pollsPath is where readers find the polls.
const pollsPath = "/binh-chon"

// Limits on voting. A ballot needs a form shown at least minFillTime ago
// (the signed time of every reader form) and a voter cookie; one address
// casts at most pollPerIP ballots in a poll an hour, so clearing the cookie
// does not buy many votes while an office behind one address still votes.
const (
	pollPerIP     = 30
	pollIPWindow  = time.Hour
	voterCookie   = "cong_bc"
	voterLifetime = 400 * 24 * time.Hour
)

// PollsPage lists the polls readers may see, latest first.
type PollsPage struct {
	Base
	Items []PollItem
	Pager Pager
}

// PollItem is a poll in the list, with its phase.
type PollItem struct {
	portal.Poll
	PhaseName string
}

// PollPage is one poll: its form while open, its figures when the reader
// may see them.
type PollPage struct {
	Base
	Poll      *portal.Poll
	Phase     portal.Phase
	PhaseName string
	Open      bool // the form is shown
	Voted     bool // this reader has voted (a page never cached)
	Results   *PollResults
	Errors    FormErrors
	Picked    map[int64]bool // the reader's choices, kept after a refusal
}

// PollResults are a poll's figures as drawn: bars in SVG and the same
// numbers in a table.
type PollResults struct {
	Voters string // "1.234"
	Rows   []PollRow
	Chart  template.HTML
}

// PollRow is an option's figures in Vietnamese notation.
type PollRow struct {
	Label   string
	Votes   string // "1.234"
	Percent string // "66,7%" of the voters
	share   float64
}

var pollFields = formFields{"bc-", []string{"choice"}}

// showPolls lists published polls, a page at a time; the list changes
// when one opens or closes, so its cached page expires then.
func (h *Handler) showPolls(w http.ResponseWriter, r *http.Request) error {
	page, ok := pageNumber(r.URL.Query()["trang"])
	if !ok || h.svc.Polls == nil {
		return errNotFound
	}
	return h.cached(w, r, pollsPath+"?trang="+strconv.Itoa(page), func(r *http.Request, s *site) (*entry, error) {
		now, svc := h.now(), h.svc.Polls
		f := portal.PollFilter{PublishedOnly: true, Now: now}
		total, err := svc.CountPolls(r.Context(), f)
		if err != nil {
			return nil, err
		}
		pages := max((total+perPage-1)/perPage, 1)
		if page > pages {
			return nil, errNotFound
		}
		f.Limit, f.Offset = perPage, (page-1)*perPage
		list, err := svc.Polls(r.Context(), f)
		if err != nil {
			return nil, err
		}
		data := PollsPage{Base: s.base(pollsPath[1:])}
		for _, p := range list {
			data.Items = append(data.Items, PollItem{Poll: p, PhaseName: portal.PollPhaseNames[p.Phase(now)]})
		}
		data.Pager = pager(pollsPath, page, pages)
		data.Canonical = data.Pager.URL(page)
		data.Description = "Bình chọn: ý kiến của bạn đọc về các vấn đề của địa phương trên " + s.info.Name + "." +
			pageSuffix(page)
		until, err := svc.NextPollChange(r.Context(), now)
		if err != nil {
			return nil, err
		}
		rendered, err := h.render.Render("polls", data)
		return &entry{page: rendered, until: until}, err
	})
}

// showPoll serves a poll. Readers who have not voted share one cached page,
// which expires at the minute the poll opens or closes; a reader who voted
// gets the page made for them, never cached, with the figures when the
// poll shows them after a vote.
func (h *Handler) showPoll(w http.ResponseWriter, r *http.Request) error {
	id, ok := pollID(r)
	if !ok || h.svc.Polls == nil {
		return errNotFound
	}
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	if voter, ok := h.voter(r, s); ok {
		voted, err := h.svc.Polls.Voted(r.Context(), id, voter)
		if err != nil {
			return err
		}
		if voted {
			p, err := h.readerPoll(r, id)
			if err != nil {
				return err
			}
			return h.pollAgain(w, r, s, p, http.StatusOK, true, nil, nil)
		}
	}
	return h.cached(w, r, pollsPath+"/"+strconv.FormatInt(id, 10), func(r *http.Request, s *site) (*entry, error) {
		p, err := h.readerPoll(r, id)
		if err != nil {
			return nil, err
		}
		now := h.now()
		p.Options = hideVotes(p, now, false)
		data := h.pollPage(s, p, now, false)
		rendered, err := h.render.Render("poll", data)
		return &entry{page: rendered, until: p.NextChange(now)}, err
	})
}

// hideVotes returns the poll's options without their figures unless the
// reader may see them, so no template can show them by mistake.
func hideVotes(p *portal.Poll, now time.Time, voted bool) []portal.PollOption {
	if p.ResultsVisible(now, voted) {
		return p.Options
	}
	out := make([]portal.PollOption, len(p.Options))
	for i, o := range p.Options {
		o.Votes = 0
		out[i] = o
	}
	return out
}

func pollID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0 && r.PathValue("id")[0] != '0'
}

// readerPoll returns a published poll that has opened or will; hidden ones
// do not exist for readers.
func (h *Handler) readerPoll(r *http.Request, id int64) (*portal.Poll, error) {
	if h.svc.Polls == nil {
		return nil, errNotFound
	}
	p, err := h.svc.Polls.Poll(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !p.Published {
		return nil, errNotFound
	}
	return p, nil
}

// pollPage fills the page of p at now for a reader who voted or not.
func (h *Handler) pollPage(s *site, p *portal.Poll, now time.Time, voted bool) *PollPage {
	data := &PollPage{Base: s.base(pollsPath[1:]), Poll: p, Phase: p.Phase(now), Voted: voted}
	if data.Side.Poll != nil && data.Side.Poll.ID == p.ID {
		data.Side.Poll = nil // the page is the poll: no second form beside it
	}
	data.PhaseName = portal.PollPhaseNames[data.Phase]
	data.Open = data.Phase == portal.PhaseOpen && !voted
	if p.ResultsVisible(now, voted) {
		data.Results = pollResults(p)
	}
	data.Canonical = pollsPath + "/" + strconv.FormatInt(p.ID, 10)
	data.Description = firstLine(p.Description, 300)
	if data.Description == "" {
		data.Description = "Bình chọn: " + p.Question
	}
	return data
}

// postVote counts a reader's ballot. Robots are refused before anything is
// read; the form passes the guards of the readers' other forms (same
// origin, a honeypot, the signed time of the form); the voter is the
// signed cookie, made at the first vote. Refusals show the poll again with
// the message and the reader's choices; a counted ballot goes back to the
// poll's page, which the reader now gets with their state.
func (h *Handler) postVote(w http.ResponseWriter, r *http.Request) error {
	id, ok := pollID(r)
	if !ok || h.svc.Polls == nil {
		return errNotFound
	}
	now := h.now()
	if ua := r.Header.Get("User-Agent"); isBot(ua) {
		host, _, _ := net.SplitHostPort(r.RemoteAddr)
		h.seeBot(host, ua, now)
		return errBotVote
	}
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	p, err := h.readerPoll(r, id)
	if err != nil {
		return err
	}
	if err := formlimit.Parse(r, otherBody); err != nil {
		return err
	}
	f := r.PostForm
	if f.Get("website") != "" { // the field people never see: a robot filled it
		http.Redirect(w, r, pollsPath+"/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
		return nil
	}
	picked, choices, err := readChoices(f["chon"])
	if err == nil {
		err = tokenError(s.settings["forms.secret"], f.Get("t"), now)
	}
	voter, known := h.voter(r, s)
	if err == nil && !known && hasCookie(r, voterCookie) {
		err = errForgedVoter
		clearVoter(w, h.cfg.Secure(r))
	}
	if err == nil {
		if !known {
			voter = h.newVoter(w, r, s)
		}
		ip := h.cfg.ClientIP(r)
		err = h.svc.Polls.Vote(r.Context(), portal.Reader(ip), &portal.Ballot{PollID: id, Voter: voter, IP: ip,
			Options: choices}, pollPerIP, pollIPWindow)
	}
	if err == nil {
		http.Redirect(w, r, pollsPath+"/"+strconv.FormatInt(id, 10)+"#ket-qua", http.StatusSeeOther)
		return nil
	}
	status, fe, ok := formErrors(err, pollFields)
	if !ok {
		return err
	}
	voted := portal.ErrorCode(err) == portal.ECONFLICT
	return h.pollAgain(w, r, s, p, status, voted, &fe, picked)
}

var (
	errBotVote = portal.Errorf(portal.EFORBIDDEN,
		"Máy tìm kiếm và chương trình tự động không được bình chọn.")
	errForgedVoter = portal.Errorf(portal.EINVALID,
		"Mã bình chọn trong trình duyệt của bạn không hợp lệ nên đã được xóa. Xin bình chọn lại.")
)

// readChoices reads the option ids picked; any that is not a number makes
// the ballot invalid.
func readChoices(values []string) (map[int64]bool, []int64, error) {
	picked := map[int64]bool{}
	var ids []int64
	if len(values) > portal.MaxPollOptions {
		return picked, nil, portal.TooManyChoices(portal.MaxPollOptions)
	}
	for _, v := range values {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return picked, nil, portal.Invalid("choice", "Phương án không hợp lệ.")
		}
		picked[id] = true
		ids = append(ids, id)
	}
	return picked, ids, nil
}

// pollAgain renders the poll for one reader, never cached: after voting, or
// with what was wrong with their ballot.
func (h *Handler) pollAgain(w http.ResponseWriter, r *http.Request, s *site, p *portal.Poll, status int, voted bool, fe *FormErrors, picked map[int64]bool) error {
	now := h.now()
	p.Options = hideVotes(p, now, voted)
	data := h.pollPage(s, p, now, voted)
	if fe != nil {
		data.Errors = *fe
		if status == http.StatusForbidden {
			data.Open = false // the store's clock closed it, whatever the page said
		}
	}
	data.Picked = picked
	data.NoIndex = true
	rendered, err := h.render.Render("poll", data)
	if err != nil {
		return err
	}
	w.Header()["Content-Type"] = htmlType
	w.Header().Set("Cache-Control", "private, no-store")
	values := h.counterValues(now)
	values[render.FormToken] = h.formToken(now)
	return rendered.Write(w, status, &values)
}

// pollResults draws p's figures: each option's share of the voters.
func pollResults(p *portal.Poll) *PollResults {
	voters := p.Voters
	res := &PollResults{Voters: viet.Number(int64(voters))}
	for _, o := range p.Options {
		row := PollRow{Label: o.Label, Votes: viet.Number(int64(o.Votes)), Percent: "0%"}
		if voters > 0 {
			row.share = float64(o.Votes) / float64(voters)
			row.Percent = viet.Decimal(100*row.share, 1) + "%"
		}
		res.Rows = append(res.Rows, row)
	}
	res.Chart = pollChart(p.Question, res)
	return res
}

// pollChart draws the figures as horizontal bars in SVG, an image named for
// screen readers; the table beside it holds the same numbers.
func pollChart(question string, res *PollResults) template.HTML {
	const width, barMax, rowH = 640, 440, 46
	height := rowH*len(res.Rows) + 8
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="poll-chart" role="img" aria-labelledby="bc-chart-t bc-chart-d" viewBox="0 0 %d %d" width="100%%">`,
		width, height)
	fmt.Fprintf(&b, `<title id="bc-chart-t">Kết quả bình chọn: %s</title>`, html.EscapeString(question))
	var desc []string
	for _, row := range res.Rows {
		desc = append(desc, row.Label+": "+row.Votes+" phiếu ("+row.Percent+")")
	}
	fmt.Fprintf(&b, `<desc id="bc-chart-d">%s</desc>`, html.EscapeString(strings.Join(desc, "; ")))
	for i, row := range res.Rows {
		y := i*rowH + 4
		w := int(row.share*barMax + 0.5)
		fmt.Fprintf(&b, `<text x="0" y="%d" font-size="14" fill="#222">%s</text>`, y+14, html.EscapeString(row.Label))
		fmt.Fprintf(&b, `<rect class="poll-track" x="0" y="%d" width="%d" height="16" fill="#e8edf3"/>`, y+22, barMax)
		fmt.Fprintf(&b, `<rect class="poll-bar" x="0" y="%d" width="%d" height="16" fill="#1d5fa8"/>`, y+22, w)
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="14" fill="#222">%s (%s)</text>`, barMax+8, y+35,
			html.EscapeString(row.Percent), html.EscapeString(row.Votes))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// voter reads the reader's voter cookie: "<id>.<MAC of id>" under the
// forms' secret, so a made-up id is refused.
func (h *Handler) voter(r *http.Request, s *site) (string, bool) {
	c, err := r.Cookie(voterCookie)
	if err != nil {
		return "", false
	}
	id, mac, ok := strings.Cut(c.Value, ".")
	if !ok || len(id) != 32 || !hmac.Equal([]byte(mac), []byte(voterMAC(s.settings["forms.secret"], id))) {
		return "", false
	}
	return id, true
}

func voterMAC(secret, id string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("voter:" + id))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// newVoter makes a voter id and sets it in the reader's cookie.
func (h *Handler) newVoter(w http.ResponseWriter, r *http.Request, s *site) string {
	var b [16]byte
	rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	http.SetCookie(w, &http.Cookie{Name: voterCookie, Value: id + "." + voterMAC(s.settings["forms.secret"], id),
		Path: "/", MaxAge: int(voterLifetime / time.Second), HttpOnly: true, Secure: h.cfg.Secure(r),
		SameSite: http.SameSiteLaxMode})
	return id
}

func clearVoter(w http.ResponseWriter, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: voterCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: secure, SameSite: http.SameSiteLaxMode})
}

func hasCookie(r *http.Request, name string) bool {
	_, err := r.Cookie(name)
	return err == nil
}
