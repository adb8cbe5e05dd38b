package admin

import (
	"errors"
	"net/http"
	"strconv"

	"cong/internal/httperr"
	"cong/internal/httplog"
	"cong/internal/portal"
	"cong/internal/render"
)

// Base is what every back-office page's layout needs.
type Base struct {
	Title  string
	User   *portal.User
	Queues []QueueLink
	Flash  string
	// Notice says that text typed in a legacy encoding was converted.
	Notice string
}

// QueueLink is a queue in the menu with its count.
type QueueLink struct {
	Queue portal.Queue
	Name  string
	Count int
}

// pageHandler is a handler that returns an error for showError to render.
type pageHandler func(w http.ResponseWriter, r *http.Request) error

// public wraps a handler open to anyone (the login form).
func (h *Handler) public(fn pageHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cleanup, ok := h.readForm(w, r)
		if !ok {
			return
		}
		defer cleanup()
		if err := fn(w, r); err != nil {
			h.showError(w, r, err)
		}
	})
}

// base fills the layout for the signed-in user: the menu of their queues.
func (h *Handler) base(r *http.Request, title string) (Base, error) {
	u := userOf(r)
	b := Base{Title: title, User: u, Flash: flashes[r.URL.Query().Get("ok")], Notice: encodingNotice(r)}
	counts, err := h.store.QueueCounts(r.Context(), u, h.Now())
	if err != nil {
		return b, err
	}
	for _, q := range u.Queues() {
		b.Queues = append(b.Queues, QueueLink{Queue: q, Name: portal.QueueNames[q], Count: counts[q]})
	}
	return b, nil
}

// page renders a back-office page with status.
func (h *Handler) page(w http.ResponseWriter, r *http.Request, status int, name string, data any) error {
	p, err := h.render.Render(name, data)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var none render.Values
	return p.Write(w, status, &none)
}

// ErrorPage explains what went wrong.
type ErrorPage struct {
	Base
	Status  int
	Message string
}

// showError renders err. A forbidden or missing object looks the same as a
// missing page where telling them apart would leak that it exists.
func (h *Handler) showError(w http.ResponseWriter, r *http.Request, err error) {
	if h.cfg.Fault != nil {
		err = h.cfg.Fault(err)
	}
	status := httperr.Status(err)
	switch status {
	case http.StatusInternalServerError:
		h.log.Error("back office", "request_id", httplog.ID(r), "method", r.Method, "path", r.URL.Path, "err", err)
	case http.StatusServiceUnavailable:
		h.log.Warn("back office: database unavailable", "request_id", httplog.ID(r), "method", r.Method, "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", "60")
	}
	if status == http.StatusForbidden && userOf(r) != nil {
		// Every refusal of a signed-in member of staff is recorded here, in
		// one place, whichever check refused: a probe, or a page offering
		// what it should not, is worth a line in the log.
		object := "route " + r.Pattern
		if ref := (*refusal)(nil); errors.As(err, &ref) {
			object = "permission:" + string(ref.need)
		}
		if rerr := h.store.Refused(r.Context(), h.actor(r), "permission.denied", object,
			r.Method+" "+r.URL.Path+": "+portal.ErrorMessage(err)); rerr != nil {
			h.log.Error("record refusal", "err", rerr)
		}
	}
	data := &ErrorPage{Base: Base{Title: "Lỗi", User: userOf(r)}, Status: status, Message: portal.ErrorMessage(err)}
	if status == http.StatusNotFound {
		data.Message = "Không tìm thấy trang hoặc bài viết này."
	}
	if err := h.page(w, r, status, "error", data); err != nil {
		h.log.Error("render error page", "err", err)
		http.Error(w, data.Message, status)
	}
}

// pathID reads a positive id from the path value name; anything else is a
// page that does not exist.
func pathID(r *http.Request, name string) (int64, error) {
	return parseID(r.PathValue(name))
}

func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}

// submitted ends the post of an object's form by the outcome of its save:
// input refused (EINVALID, ECONFLICT) shows the form again with the
// message and the error's status, any other error its page, and a save
// leads to the address to returns, read once the object has its id.
func submitted(w http.ResponseWriter, r *http.Request, err error, again func(status int, err error) error, to func() string) error {
	switch portal.ErrorCode(err) {
	case "":
		redirect(w, r, to(), flashSaved)
		return nil
	case portal.EINVALID, portal.ECONFLICT:
		return again(httperr.Status(err), err)
	}
	return err
}
