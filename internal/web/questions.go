package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"cong/internal/portal"
	"cong/internal/render"
	"cong/internal/viet"
)

// QuestionsPage is the public list of answered questions ("Hỏi – Đáp").
type QuestionsPage struct {
	Base
	Topics    []TopicOption
	Q         string
	Topic     string // the chosen topic's slug
	Message   string // what is wrong with the query
	Total     int
	Questions []QuestionItem
	Pager     SearchPager
}

// TopicOption is a topic in the filter list and the form.
type TopicOption struct {
	ID         int64
	Slug, Name string
	Selected   bool
}

// QuestionItem is a published question in a list.
type QuestionItem struct {
	portal.Question
	URL string
}

// QuestionPage is one published question with its answer.
type QuestionPage struct {
	Base
	Question *portal.Question
}

// questionURL is the address of a published question.
func questionURL(q *portal.Question) string {
	return "/hoi-dap/" + strconv.FormatInt(q.ID, 10) + "-" + viet.Slug(q.Title)
}

// topicOptions lists topics with the one of slug, or of id, selected.
func topicOptions(topics []portal.Topic, slug string, id int64) ([]TopicOption, *TopicOption) {
	var out []TopicOption
	var chosen *TopicOption
	for _, t := range topics {
		o := TopicOption{ID: t.ID, Slug: viet.Slug(t.Name), Name: t.Name}
		o.Selected = slug != "" && o.Slug == slug || id != 0 && o.ID == id
		out = append(out, o)
		if o.Selected {
			chosen = &out[len(out)-1]
		}
	}
	return out, chosen
}

// showQuestions serves /hoi-dap?linh-vuc=…&q=…&trang=…: lists by topic are
// cached like other lists; word searches are not, as the site search.
func (h *Handler) showQuestions(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Questions == nil {
		return errNotFound
	}
	values := r.URL.Query()
	page, ok := pageNumber(values["trang"])
	if !ok {
		return errNotFound
	}
	q, topic := strings.TrimSpace(values.Get("q")), values.Get("linh-vuc")
	if q == "" {
		key := "/hoi-dap?linh-vuc=" + url.QueryEscape(topic) + "&trang=" + strconv.Itoa(page)
		return h.cached(w, r, key, func(r *http.Request, s *site) (*entry, error) {
			data, _, err := h.questionList(r, s, "", topic, page)
			if err != nil {
				return nil, err
			}
			p, err := h.render.Render("questions", data)
			return &entry{page: p}, err
		})
	}
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	data, status, err := h.questionList(r, s, q, topic, page)
	if err != nil {
		return err
	}
	p, err := h.render.Render("questions", data)
	if err != nil {
		return err
	}
	h.writePage(w, r, p, status)
	return nil
}

// questionList reads a page of published questions; a bad query is a
// message on the page with status 400, not an error page.
func (h *Handler) questionList(r *http.Request, s *site, q, topic string, page int) (*QuestionsPage, int, error) {
	topics, err := h.svc.Questions.Topics(r.Context())
	if err != nil {
		return nil, 0, err
	}
	data := &QuestionsPage{Base: s.base("hoi-dap"), Q: q, Topic: topic}
	var chosen *TopicOption
	data.Topics, chosen = topicOptions(topics, topic, 0)
	f := portal.QuestionFilter{Text: q, Page: page}
	switch {
	case topic != "" && chosen == nil:
		return nil, 0, errNotFound
	case chosen != nil:
		f.TopicID = chosen.ID
	}
	if utf8.RuneCountInString(q) > portal.SearchMaxQuery {
		data.Message = "Từ khóa dài quá 200 ký tự, xin rút gọn lại."
		return data, http.StatusBadRequest, nil
	}
	res, err := h.svc.Questions.PublishedQuestions(r.Context(), f)
	switch {
	case portal.ErrorCode(err) == portal.EINVALID:
		data.Message = portal.ErrorMessage(err)
		return data, http.StatusBadRequest, nil
	case err != nil:
		return nil, 0, err
	case page > res.Pages():
		return nil, 0, errNotFound
	}
	data.Total = res.Total
	for _, pq := range res.Questions {
		data.Questions = append(data.Questions, QuestionItem{Question: pq, URL: questionURL(&pq)})
	}
	data.Pager = SearchPager{Page: page, Pages: res.Pages()}
	if page > 1 {
		data.Pager.PrevURL = questionsURL(q, topic, page-1)
	}
	if page < data.Pager.Pages {
		data.Pager.NextURL = questionsURL(q, topic, page+1)
	}
	data.Canonical = questionsURL("", topic, page)
	data.Description = "Hỏi – Đáp: câu hỏi của người dân, doanh nghiệp và trả lời của cơ quan chức năng trên " + s.info.Name + "."
	if chosen != nil {
		data.Description = "Hỏi – Đáp lĩnh vực " + chosen.Name + ": câu hỏi của người dân, doanh nghiệp và trả lời của cơ quan chức năng trên " + s.info.Name + "."
	}
	data.Description += pageSuffix(page)
	return data, http.StatusOK, nil
}

// questionsURL is the address of page n of a list of questions.
func questionsURL(q, topic string, n int) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if topic != "" {
		v.Set("linh-vuc", topic)
	}
	if n > 1 {
		v.Set("trang", strconv.Itoa(n))
	}
	if len(v) == 0 {
		return "/hoi-dap"
	}
	return "/hoi-dap?" + v.Encode()
}

// showQuestion serves a published question: /hoi-dap/12-tieu-de. Any other
// question is not found, whatever its id; a changed title redirects.
func (h *Handler) showQuestion(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Questions == nil {
		return errNotFound
	}
	ref := r.PathValue("ref")
	idText, _, _ := strings.Cut(ref, "-")
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 || len(ref) > 300 {
		return errNotFound
	}
	return h.cached(w, r, "/hoi-dap/"+ref, func(r *http.Request, s *site) (*entry, error) {
		q, err := h.svc.Questions.PublishedQuestion(r.Context(), id)
		if err != nil {
			return nil, err
		}
		if u := questionURL(q); u != r.URL.Path {
			return &entry{redirect: u}, nil
		}
		data := QuestionPage{Base: s.base("hoi-dap"), Question: q}
		data.Canonical, data.Description = questionURL(q), q.Title
		p, err := h.render.Render("question", data)
		return &entry{page: p}, err
	})
}

// LookupPage tells an asker, from the code, where their question stands.
type LookupPage struct {
	Base
	Code       string
	Message    string
	Question   *portal.Question
	StatusName string
	URL        string // the public page, once published
}

// showLookup serves /hoi-dap/tra-cuu?ma=…. It shows the question, its
// status and, once published, the answer; never the asker's contacts.
func (h *Handler) showLookup(w http.ResponseWriter, r *http.Request) error {
	if h.svc.Questions == nil {
		return errNotFound
	}
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	data := LookupPage{Base: s.base("hoi-dap"), Code: strings.TrimSpace(r.URL.Query().Get("ma"))}
	data.Description = "Tra cứu tình trạng và câu trả lời của câu hỏi đã gửi đến " + s.info.Name + " bằng mã tra cứu."
	status := http.StatusOK
	if code, ok := portal.NormalizeLookupCode(data.Code); data.Code != "" && !ok {
		data.Message, status = "Mã tra cứu gồm 10 chữ cái và chữ số, như trên trang xác nhận khi bạn gửi câu hỏi. Xin kiểm tra lại.", http.StatusBadRequest
	} else if ok {
		q, err := h.svc.Questions.QuestionByCode(r.Context(), code)
		switch {
		case portal.ErrorCode(err) == portal.ENOTFOUND:
			data.Message, status = "Không tìm thấy câu hỏi có mã "+code+". Xin kiểm tra lại mã tra cứu.", http.StatusNotFound
		case err != nil:
			return err
		default:
			data.Code, data.Question, data.StatusName = code, publicView(q), lookupStatus(q.Status)
			if q.Status == portal.QuestionPublished {
				data.URL = questionURL(q)
			}
		}
	}
	p, err := h.render.Render("question-lookup", data)
	if err != nil {
		return err
	}
	h.writePrivate(w, r, p, status)
	return nil
}

// publicView keeps of q what its asker may see again from a code: no
// contacts, no attachment, no answer before it is published.
func publicView(q *portal.Question) *portal.Question {
	v := &portal.Question{ID: q.ID, Title: q.Title, Content: q.Content, TopicName: q.TopicName, Status: q.Status,
		CreatedAt: q.CreatedAt, UnitName: q.UnitName}
	if q.Status == portal.QuestionPublished {
		v.Answer, v.AnsweredAt, v.PublishedAt = q.Answer, q.AnsweredAt, q.PublishedAt
	}
	return v
}

// lookupStatus names a status for the asker; spam is not told apart from a
// refusal.
func lookupStatus(st portal.QuestionStatus) string {
	switch st {
	case portal.QuestionSpam, portal.QuestionRejected:
		return "Không được tiếp nhận"
	case portal.QuestionAnswered:
		return "Đã trả lời, đang chờ đăng"
	}
	return portal.QuestionStatusNames[st]
}

// writePrivate writes a page meant for one person (a lookup code on it):
// counted like every page, kept by no cache.
func (h *Handler) writePrivate(w http.ResponseWriter, r *http.Request, p *render.Page, status int) {
	now := h.now()
	h.identify(w, r, now)
	values := h.counterValues(now)
	values[render.FormToken] = h.formToken(now)
	w.Header()["Content-Type"] = htmlType
	w.Header().Set("Cache-Control", "private, no-store")
	p.Write(w, status, &values)
}
