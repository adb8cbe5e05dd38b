package admin

import (
	"context"
	"net/http"
	"strconv"

	"cong/internal/portal"
)

// QuestionListsPage manages the topics questions are asked in and the
// units that answer them.
type QuestionListsPage struct {
	Base
	Topics []portal.Topic
	Units  []portal.Unit
	Form   portal.Topic
	Kind   string // "topic" or "unit": which list Form and Errors belong to
	Errors map[string]string
}

func (h *Handler) showQuestionLists(w http.ResponseWriter, r *http.Request) error {
	return h.questionListsPage(w, r, http.StatusOK, "", portal.Topic{}, nil)
}

func (h *Handler) questionListsPage(w http.ResponseWriter, r *http.Request, status int, kind string, form portal.Topic, err error) error {
	b, berr := h.base(r, "Lĩnh vực và đơn vị trả lời")
	if berr != nil {
		return berr
	}
	data := &QuestionListsPage{Base: b, Form: form, Kind: kind, Errors: fieldErrors(err)}
	var lerr error
	if data.Topics, lerr = h.store.Topics(r.Context()); lerr != nil {
		return lerr
	}
	if data.Units, lerr = h.store.Units(r.Context()); lerr != nil {
		return lerr
	}
	return h.page(w, r, status, "question-lists", data)
}

// readTopic reads a topic or unit form: id (0 for a new one), name, position.
func readTopic(r *http.Request) (portal.Topic, error) {
	if err := r.ParseForm(); err != nil {
		return portal.Topic{}, portal.Invalid("form", "Dữ liệu gửi lên không hợp lệ.")
	}
	t := portal.Topic{Name: r.PostForm.Get("name")}
	t.ID, _ = strconv.ParseInt(r.PostForm.Get("id"), 10, 64)
	position, err := strconv.Atoi(r.PostForm.Get("position"))
	if err != nil && r.PostForm.Get("position") != "" {
		return t, portal.Invalid("position", "Thứ tự là một số từ 0 đến 9999.")
	}
	t.Position = position
	return t, nil
}

func (h *Handler) saveTopic(w http.ResponseWriter, r *http.Request) error {
	return h.saveQuestionList(w, r, "topic", h.store.SaveTopic)
}

func (h *Handler) saveUnit(w http.ResponseWriter, r *http.Request) error {
	return h.saveQuestionList(w, r, "unit", h.store.SaveUnit)
}

// saveQuestionList adds or renames a topic or a unit with save.
func (h *Handler) saveQuestionList(w http.ResponseWriter, r *http.Request, kind string, save func(context.Context, portal.Actor, *portal.Topic) error) error {
	t, err := readTopic(r)
	if err == nil {
		err = save(r.Context(), h.actor(r), &t)
	}
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.questionListsPage(w, r, http.StatusBadRequest, kind, t, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, Prefix+"/hoi-dap/danh-muc", flashSaved)
	return nil
}
