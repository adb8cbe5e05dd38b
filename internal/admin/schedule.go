package admin

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"cong/internal/httperr"
	"cong/internal/portal"
	"cong/internal/viet"
)

// ScheduleWeekPage lists a week of the work schedule for staff, every
// status they may see.
type ScheduleWeekPage struct {
	Base
	From, To   time.Time
	Prev, Next string
	Entries    []portal.ScheduleEntry
	Now        time.Time
}

// ScheduleEntryPage is the form of one entry, its workflow and history.
type ScheduleEntryPage struct {
	Base
	Entry     *portal.ScheduleEntry // nil for a new one
	Form      ScheduleForm
	Leaders   []portal.Leader
	Actions   []portal.Action
	History   []portal.Transition
	CanEdit   bool
	Public    bool // an edit is an adjustment and needs a note
	CanCancel bool
	Errors    map[string]string
}

// ScheduleForm is what staff typed, kept when the form comes back.
type ScheduleForm struct {
	Date, Start, End, Session              string
	Leaders                                map[int64]bool
	Leader, Content, Location              string
	Attendees, Preparer, Note, Cancel, Seq string
}

func scheduleURL(id int64) string { return Prefix + "/lich-lam-viec/" + strconv.FormatInt(id, 10) }

func (h *Handler) showScheduleWeek(w http.ResponseWriter, r *http.Request) error {
	now := h.Now()
	monday := viet.WeekStart(now)
	if s := r.URL.Query().Get("tuan"); s != "" {
		var err error
		if monday, err = viet.ParseWeek(s); err != nil {
			return portal.Invalid("tuan", "Tuần không hợp lệ.")
		}
	}
	b, err := h.base(r, "Lịch làm việc")
	if err != nil {
		return err
	}
	all, err := h.store.ScheduleEntries(r.Context(), monday, monday.AddDate(0, 0, 7))
	if err != nil {
		return err
	}
	u := portal.ScheduleStaff(userOf(r))
	data := &ScheduleWeekPage{Base: b, From: monday, To: monday.AddDate(0, 0, 6), Now: now,
		Prev: viet.WeekName(monday.AddDate(0, 0, -7)), Next: viet.WeekName(monday.AddDate(0, 0, 7))}
	for _, e := range all {
		if u.CanView(e.Article()) {
			data.Entries = append(data.Entries, e)
		}
	}
	return h.page(w, r, http.StatusOK, "schedule", data)
}

func (h *Handler) showNewScheduleEntry(w http.ResponseWriter, r *http.Request) error {
	form := ScheduleForm{Date: viet.Date(h.Now()), Start: "08:00"}
	return h.scheduleForm(w, r, http.StatusOK, nil, form, nil)
}

func (h *Handler) createScheduleEntry(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	form := readScheduleForm(r)
	e := &portal.ScheduleEntry{OwnerID: u.ID, Status: portal.StatusDraft}
	err := fillEntry(e, form)
	if err == nil {
		err = h.store.CreateScheduleEntry(r.Context(), h.actor(r), e)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.scheduleForm(w, r, http.StatusBadRequest, nil, form, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, scheduleURL(e.ID), flashCreated)
	return nil
}

func (h *Handler) showScheduleEntry(w http.ResponseWriter, r *http.Request) error {
	e, err := h.loadEntry(r)
	if err != nil {
		return err
	}
	return h.scheduleForm(w, r, http.StatusOK, e, entryForm(e), nil)
}

// saveScheduleEntry saves an edit; once readers have seen the entry, the
// edit is an adjustment and needs a note.
func (h *Handler) saveScheduleEntry(w http.ResponseWriter, r *http.Request) error {
	e, err := h.loadEntry(r)
	if err != nil {
		return err
	}
	if !portal.ScheduleStaff(userOf(r)).CanEdit(e.Article()) {
		return errForbidden
	}
	form := readScheduleForm(r)
	adj, err := h.adjustment(r, e, form, portal.ActionAdjust)
	if err == nil {
		err = fillEntry(e, form)
	}
	if err == nil {
		err = h.store.UpdateScheduleEntry(r.Context(), h.actor(r), e, adj)
	}
	if c := portal.ErrorCode(err); c == portal.EINVALID || c == portal.ECONFLICT {
		return h.scheduleForm(w, r, httperr.Status(err), e, form, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, scheduleURL(e.ID), flashSaved)
	return nil
}

// adjustment is the record an edit of a public entry needs, nil otherwise;
// it also checks the form still edits the version it was shown.
func (h *Handler) adjustment(r *http.Request, e *portal.ScheduleEntry, form ScheduleForm, action portal.Action) (*portal.Transition, error) {
	if form.Seq != strconv.Itoa(e.Sequence) {
		return nil, portal.Errorf(portal.ECONFLICT, "Mục lịch vừa được người khác điều chỉnh. Xin xem lại rồi lưu.")
	}
	if !e.Public(h.Now()) {
		return nil, nil
	}
	note, err := portal.CheckAdjustNote(form.Note)
	if err != nil {
		return nil, err
	}
	u := userOf(r)
	return &portal.Transition{ActorID: u.ID, ActorName: u.Name, Action: action, Note: note}, nil
}

// cancelScheduleEntry marks a public entry postponed or cancelled: it stays
// on the schedule, struck through, with the note.
func (h *Handler) cancelScheduleEntry(w http.ResponseWriter, r *http.Request) error {
	e, err := h.loadEntry(r)
	if err != nil {
		return err
	}
	if !portal.ScheduleStaff(userOf(r)).CanEdit(e.Article()) {
		return errForbidden
	}
	if !e.Public(h.Now()) {
		return portal.Errorf(portal.ECONFLICT, "Chỉ hoãn hoặc hủy được lịch đã công bố; lịch chưa công bố thì sửa trực tiếp.")
	}
	form := entryForm(e)
	form.Note, form.Cancel, form.Seq = r.PostFormValue("note"), r.PostFormValue("cancel"), r.PostFormValue("seq")
	kind := portal.Cancellation(form.Cancel)
	adj, err := h.adjustment(r, e, form, portal.ActionCancel)
	if err == nil && kind.Name() == "" {
		err = portal.Invalid("cancel", "Xin chọn hoãn hoặc hủy.")
	}
	if err == nil {
		e.Cancelled = kind
		adj.Note = kind.Name() + ": " + adj.Note
		err = h.store.UpdateScheduleEntry(r.Context(), h.actor(r), e, adj)
	}
	if c := portal.ErrorCode(err); c == portal.EINVALID || c == portal.ECONFLICT {
		return h.scheduleForm(w, r, httperr.Status(err), e, form, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, scheduleURL(e.ID), flashSaved)
	return nil
}

// scheduleTransition takes a workflow step, by the articles' rules.
func (h *Handler) scheduleTransition(w http.ResponseWriter, r *http.Request) error {
	e, err := h.loadEntry(r)
	if err != nil {
		return err
	}
	now, action := h.Now(), portal.Action(r.PostFormValue("action"))
	t, err := portal.NewTransition(portal.ScheduleStaff(userOf(r)), e.Article(), action, r.PostFormValue("note"), now)
	if err == nil && action == portal.ActionPublish {
		err = schedule(t, r, now)
	}
	if err == nil {
		err = h.store.ApplySchedule(r.Context(), h.actor(r), t)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.scheduleForm(w, r, http.StatusBadRequest, e, entryForm(e), err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, scheduleURL(e.ID), flashMoved)
	return nil
}

// loadEntry reads the entry of the path; one the user may not see is not found.
func (h *Handler) loadEntry(r *http.Request) (*portal.ScheduleEntry, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	e, err := h.store.ScheduleEntry(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !portal.ScheduleStaff(userOf(r)).CanView(e.Article()) {
		return nil, errNotFound
	}
	return e, nil
}

func (h *Handler) scheduleForm(w http.ResponseWriter, r *http.Request, status int, e *portal.ScheduleEntry, form ScheduleForm, err error) error {
	title := "Thêm lịch làm việc"
	if e != nil {
		title = "Lịch làm việc: " + e.Content
	}
	b, berr := h.base(r, title)
	if berr != nil {
		return berr
	}
	data := &ScheduleEntryPage{Base: b, Entry: e, Form: form, Errors: fieldErrors(err), CanEdit: e == nil}
	if data.Leaders, berr = h.store.Leaders(r.Context(), false); berr != nil {
		return berr
	}
	if e != nil {
		u := portal.ScheduleStaff(userOf(r))
		data.Actions, data.CanEdit, data.Public = u.Actions(e.Article()), u.CanEdit(e.Article()), e.Public(h.Now())
		data.CanCancel = data.CanEdit && data.Public
		if data.History, berr = h.store.ScheduleHistory(r.Context(), e.ID); berr != nil {
			return berr
		}
	}
	return h.page(w, r, status, "schedule-entry", data)
}

func readScheduleForm(r *http.Request) ScheduleForm {
	f := ScheduleForm{Leaders: map[int64]bool{}}
	for _, kv := range []struct {
		to   *string
		name string
	}{{&f.Date, "date"}, {&f.Start, "start"}, {&f.End, "end"}, {&f.Session, "session"}, {&f.Leader, "leader"},
		{&f.Content, "content"}, {&f.Location, "location"}, {&f.Attendees, "attendees"}, {&f.Preparer, "preparer"},
		{&f.Note, "note"}, {&f.Seq, "seq"}} {
		*kv.to = strings.TrimSpace(r.PostFormValue(kv.name))
	}
	for _, s := range r.PostForm["leaders"] {
		if id, err := parseID(s); err == nil && len(f.Leaders) < 50 {
			f.Leaders[id] = true
		}
	}
	return f
}

func entryForm(e *portal.ScheduleEntry) ScheduleForm {
	f := ScheduleForm{Date: viet.Date(e.StartsAt), Start: viet.Time(e.StartsAt), Session: string(e.Session),
		Leader: e.Leader, Content: e.Content, Location: e.Location, Attendees: e.Attendees, Preparer: e.Preparer,
		Leaders: map[int64]bool{}, Seq: strconv.Itoa(e.Sequence), Cancel: string(e.Cancelled)}
	if !e.EndsAt.IsZero() {
		f.End = viet.Time(e.EndsAt)
	}
	for _, l := range e.Leaders {
		f.Leaders[l.ID] = true
	}
	return f
}

// fillEntry reads the form into e: date dd/mm/yyyy, times HH:MM in Vietnam.
func fillEntry(e *portal.ScheduleEntry, f ScheduleForm) error {
	day, err := viet.ParseDate(f.Date)
	if err != nil {
		return portal.Invalid("date", "Ngày không hợp lệ (ngày/tháng/năm, ví dụ 02/03/2026).")
	}
	if e.StartsAt, err = atTime(day, f.Start); err != nil || f.Start == "" {
		return portal.Invalid("start", "Giờ bắt đầu không hợp lệ (giờ:phút, ví dụ 07:30).")
	}
	e.EndsAt = time.Time{}
	if f.End != "" {
		if e.EndsAt, err = atTime(day, f.End); err != nil {
			return portal.Invalid("ends", "Giờ kết thúc không hợp lệ (giờ:phút).")
		}
	}
	e.Session = portal.DayPart(f.Session)
	e.Leader, e.Content, e.Location, e.Attendees, e.Preparer = f.Leader, f.Content, f.Location, f.Attendees, f.Preparer
	e.Leaders = e.Leaders[:0]
	for id := range f.Leaders {
		e.Leaders = append(e.Leaders, portal.Leader{ID: id})
	}
	return e.Validate(viet.Location)
}

// atTime is day at "HH:MM" in Vietnam.
func atTime(day time.Time, hhmm string) (time.Time, error) {
	t, err := time.Parse("15:04", hhmm)
	if err != nil {
		return time.Time{}, err
	}
	return time.Date(day.Year(), day.Month(), day.Day(), t.Hour(), t.Minute(), 0, 0, viet.Location), nil
}

func scheduleObject(id int64) string { return "schedule:" + strconv.FormatInt(id, 10) }
