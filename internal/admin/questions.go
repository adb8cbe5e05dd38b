package admin

import (
	"net/http"
	"path"
	"strconv"

	"cong/internal/portal"
	"cong/internal/sanitize"
)

// QuestionsPage is the queue of citizens' questions by status.
type QuestionsPage struct {
	Base
	Status    portal.QuestionStatus
	Statuses  []portal.QuestionStatus
	Counts    map[portal.QuestionStatus]int
	Questions []portal.Question
	Names     map[portal.QuestionStatus]string
}

// QuestionPage is one question: assign it, answer it, publish it.
type QuestionPage struct {
	Base
	Question *portal.Question
	Units    []portal.Unit
	Answer   string // the answer in the editor: the saved one, or what was typed
	Errors   map[string]string
	Public   string // the public address, once published
	Names    map[portal.QuestionStatus]string
}

func (h *Handler) showQuestions(w http.ResponseWriter, r *http.Request) error {
	status := portal.QuestionStatus(r.URL.Query().Get("trang-thai"))
	if status == "" {
		status = portal.QuestionPending
	}
	if portal.QuestionStatusNames[status] == "" {
		return errNotFound
	}
	b, err := h.base(r, "Hỏi – Đáp")
	if err != nil {
		return err
	}
	data := &QuestionsPage{Base: b, Status: status, Statuses: portal.QuestionStatuses,
		Names: portal.QuestionStatusNames}
	if data.Counts, err = h.store.QuestionCounts(r.Context()); err != nil {
		return err
	}
	if data.Questions, err = h.store.Questions(r.Context(), status, 200); err != nil {
		return err
	}
	return h.page(w, r, http.StatusOK, "questions", data)
}

// loadQuestion reads the question of the {id} path value.
func (h *Handler) loadQuestion(r *http.Request) (*portal.Question, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.store.Question(r.Context(), id)
}

func (h *Handler) showQuestion(w http.ResponseWriter, r *http.Request) error {
	q, err := h.loadQuestion(r)
	if err != nil {
		return err
	}
	return h.questionPage(w, r, http.StatusOK, q, q.Answer, nil)
}

func (h *Handler) questionPage(w http.ResponseWriter, r *http.Request, status int, q *portal.Question, answer string, err error) error {
	b, berr := h.base(r, q.Title)
	if berr != nil {
		return berr
	}
	units, uerr := h.store.Units(r.Context())
	if uerr != nil {
		return uerr
	}
	data := &QuestionPage{Base: b, Question: q, Units: units, Answer: answer, Errors: fieldErrors(err),
		Names: portal.QuestionStatusNames}
	if q.Status == portal.QuestionPublished {
		data.Public = "/hoi-dap/" + itoa(q.ID)
	}
	return h.page(w, r, status, "question", data)
}

// assignQuestion sends a question to the unit that will answer it.
func (h *Handler) assignQuestion(w http.ResponseWriter, r *http.Request) error {
	q, err := h.loadQuestion(r)
	if err != nil {
		return err
	}
	unit, _ := strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	err = h.store.AssignQuestion(r.Context(), h.actor(r), q.ID, unit)
	if portal.ErrorCode(err) == portal.EINVALID {
		return h.questionPage(w, r, http.StatusBadRequest, q, q.Answer, err)
	}
	if err != nil {
		return err
	}
	redirect(w, r, questionURL(q.ID), flashSaved)
	return nil
}

// answerQuestion saves the answer written in the editor, sanitized like
// article bodies.
func (h *Handler) answerQuestion(w http.ResponseWriter, r *http.Request) error {
	q, err := h.loadQuestion(r)
	if err != nil {
		return err
	}
	answer := r.PostFormValue("answer")
	if len(answer) > portal.MaxQuestionAnswer {
		err = portal.Invalid("answer", "Câu trả lời quá dài.")
	} else {
		answer = sanitize.Body(answer)
		err = h.store.AnswerQuestion(r.Context(), h.actor(r), q.ID, answer)
	}
	switch portal.ErrorCode(err) {
	case "":
	case portal.EINVALID, portal.ECONFLICT:
		return h.questionPage(w, r, http.StatusBadRequest, q, answer, err)
	default:
		return err
	}
	redirect(w, r, questionURL(q.ID), flashSaved)
	return nil
}

// questionActions are the status buttons of the question page.
var questionActions = map[string]portal.QuestionStatus{
	"publish": portal.QuestionPublished, "unpublish": portal.QuestionAnswered,
	"reject": portal.QuestionRejected, "spam": portal.QuestionSpam,
}

// setQuestionStatus publishes, unpublishes, rejects or marks as spam.
func (h *Handler) setQuestionStatus(w http.ResponseWriter, r *http.Request) error {
	q, err := h.loadQuestion(r)
	if err != nil {
		return err
	}
	action := r.PostFormValue("action")
	to, ok := questionActions[action]
	if !ok {
		return portal.Invalid("action", "Thao tác không hợp lệ.")
	}
	err = h.store.SetQuestionStatus(r.Context(), h.actor(r), q.ID, to)
	switch portal.ErrorCode(err) {
	case "":
	case portal.EINVALID, portal.ECONFLICT:
		return h.questionPage(w, r, http.StatusBadRequest, q, q.Answer, err)
	default:
		return err
	}
	redirect(w, r, questionURL(q.ID), flashSaved)
	return nil
}

// questionAttachment sends a question's attachment to staff, as a
// download: it came from a citizen and is never opened in the page.
func (h *Handler) questionAttachment(w http.ResponseWriter, r *http.Request) error {
	q, err := h.loadQuestion(r)
	if err != nil {
		return err
	}
	if q.Attachment == nil {
		return errNotFound
	}
	m := q.Attachment
	w.Header().Set("Content-Type", m.MIME)
	w.Header().Set("Content-Disposition", `attachment; filename="dinh-kem-`+q.Code+path.Ext(m.File)+`"`)
	w.Header().Set("Content-Security-Policy", "default-src 'none'; sandbox")
	http.ServeFileFS(w, r, h.cfg.Media, m.File)
	return nil
}

func questionObject(id int64) string { return "question:" + itoa(id) }

func questionURL(id int64) string { return Prefix + "/hoi-dap/" + itoa(id) }
