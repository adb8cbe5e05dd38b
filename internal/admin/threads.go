package admin

import (
	"net/http"
	"strconv"
	"strings"

	"cong/internal/portal"
	"cong/internal/viet"
)

// ThreadsPage lists the event threads.
type ThreadsPage struct {
	Base
	Threads []portal.Thread
}

// ThreadPage edits one event thread.
type ThreadPage struct {
	Base
	Thread *portal.Thread
	IsNew  bool
	Errors map[string]string
}

// CollectionsPage lists the curated groups, Tin nổi bật first.
type CollectionsPage struct {
	Base
	Collections []portal.Collection
}

// CollectionPage edits a group and orders its articles by hand.
type CollectionPage struct {
	Base
	Collection *portal.Collection
	IsNew      bool
	Errors     map[string]string
	Articles   []portal.Article // in hand order, drafts included
	Visible    map[int64]bool   // readers see it now
	Search     string           // the words typed to find articles by title
	Candidates []portal.Article // published articles to pick from, not in the group
	Last       int              // the index of the last article, which has no "down"
}

const (
	threadsAdmin     = Prefix + "/dong-su-kien"
	collectionsAdmin = Prefix + "/chuyen-de"
	// candidatesRead is how many of the newest published articles the
	// search by title looks through; candidatesShown, how many it offers.
	candidatesRead  = 500
	candidatesShown = 50
)

func threadAdminURL(id int64) string     { return threadsAdmin + "/" + itoa(id) }
func collectionAdminURL(id int64) string { return collectionsAdmin + "/" + itoa(id) }

func (h *Handler) showThreads(w http.ResponseWriter, r *http.Request) error {
	b, err := h.base(r, "Dòng sự kiện")
	if err != nil {
		return err
	}
	list, err := h.store.Threads(r.Context())
	if err != nil {
		return err
	}
	return h.page(w, r, http.StatusOK, "threads", &ThreadsPage{Base: b, Threads: list})
}

func (h *Handler) showNewThread(w http.ResponseWriter, r *http.Request) error {
	return h.threadForm(w, r, http.StatusOK, &portal.Thread{}, nil)
}

func (h *Handler) showThread(w http.ResponseWriter, r *http.Request) error {
	t, err := h.loadThread(r)
	if err != nil {
		return err
	}
	return h.threadForm(w, r, http.StatusOK, t, nil)
}

func (h *Handler) loadThread(r *http.Request) (*portal.Thread, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.store.Thread(r.Context(), id)
}

func (h *Handler) threadForm(w http.ResponseWriter, r *http.Request, status int, t *portal.Thread, err error) error {
	title := "Dòng sự kiện mới"
	if t.ID != 0 {
		title = t.Title
	}
	b, berr := h.base(r, title)
	if berr != nil {
		return berr
	}
	return h.page(w, r, status, "thread", &ThreadPage{Base: b, Thread: t, IsNew: t.ID == 0, Errors: fieldErrors(err)})
}

func readThreadForm(r *http.Request, t *portal.Thread) error {
	if err := r.ParseForm(); err != nil {
		return portal.Invalid("form", "Dữ liệu gửi lên không hợp lệ.")
	}
	t.Title, t.Slug, t.Description = r.PostForm.Get("title"), r.PostForm.Get("slug"), r.PostForm.Get("description")
	return t.Validate()
}

func (h *Handler) createThread(w http.ResponseWriter, r *http.Request) error {
	t := &portal.Thread{}
	err := readThreadForm(r, t)
	if err == nil {
		err = h.store.CreateThread(r.Context(), h.actor(r), t)
	}
	return h.threadSubmitted(w, r, t, err)
}

// threadSubmitted ends the post of a thread's form (see submitted).
func (h *Handler) threadSubmitted(w http.ResponseWriter, r *http.Request, t *portal.Thread, err error) error {
	return submitted(w, r, err, func(status int, err error) error { return h.threadForm(w, r, status, t, err) },
		func() string { return threadAdminURL(t.ID) })
}

func (h *Handler) saveThread(w http.ResponseWriter, r *http.Request) error {
	t, err := h.loadThread(r)
	if err != nil {
		return err
	}
	err = readThreadForm(r, t)
	if err == nil {
		err = h.store.UpdateThread(r.Context(), h.actor(r), t)
	}
	return h.threadSubmitted(w, r, t, err)
}

// deleteThread removes a thread; its articles stay, in no thread.
func (h *Handler) deleteThread(w http.ResponseWriter, r *http.Request) error {
	t, err := h.loadThread(r)
	if err != nil {
		return err
	}
	if err := h.store.DeleteThread(r.Context(), h.actor(r), t.ID); err != nil {
		return err
	}
	redirect(w, r, threadsAdmin, flashSaved)
	return nil
}

func (h *Handler) showCollections(w http.ResponseWriter, r *http.Request) error {
	b, err := h.base(r, "Chuyên đề và tin nổi bật")
	if err != nil {
		return err
	}
	list, err := h.store.Collections(r.Context())
	if err != nil {
		return err
	}
	return h.page(w, r, http.StatusOK, "collections", &CollectionsPage{Base: b, Collections: list})
}

func (h *Handler) showNewCollection(w http.ResponseWriter, r *http.Request) error {
	return h.collectionForm(w, r, http.StatusOK, &portal.Collection{OnHome: true}, nil)
}

func (h *Handler) showCollection(w http.ResponseWriter, r *http.Request) error {
	c, err := h.loadCollection(r)
	if err != nil {
		return err
	}
	return h.collectionForm(w, r, http.StatusOK, c, nil)
}

func (h *Handler) loadCollection(r *http.Request) (*portal.Collection, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.store.Collection(r.Context(), id)
}

// collectionForm renders the group's editor: its fields, its articles in
// order with buttons that move or remove each (plain forms, no script),
// and the ways to add one: by its number, or picked from the published
// articles whose titles hold the words searched (?tim=).
func (h *Handler) collectionForm(w http.ResponseWriter, r *http.Request, status int, c *portal.Collection, err error) error {
	title := "Chuyên đề mới"
	if c.ID != 0 {
		title = c.Name
	}
	b, berr := h.base(r, title)
	if berr != nil {
		return berr
	}
	data := &CollectionPage{Base: b, Collection: c, IsNew: c.ID == 0, Errors: fieldErrors(err),
		Search: strings.TrimSpace(r.URL.Query().Get("tim")), Visible: map[int64]bool{}}
	if c.ID == 0 {
		return h.page(w, r, status, "collection", data)
	}
	ctx := r.Context()
	if data.Articles, berr = h.store.CollectionArticles(ctx, c.ID, portal.ArticleFilter{}); berr != nil {
		return berr
	}
	data.Last = len(data.Articles) - 1
	in := map[int64]bool{}
	for _, a := range data.Articles {
		in[a.ID], data.Visible[a.ID] = true, a.Visible(h.Now())
	}
	published := portal.StatusPublished
	recent, berr := h.store.Articles(ctx, portal.ArticleFilter{Status: &published, Limit: candidatesRead})
	if berr != nil {
		return berr
	}
	words := viet.Fold(data.Search)
	for _, a := range recent {
		if !in[a.ID] && strings.Contains(viet.Fold(a.Title), words) && len(data.Candidates) < candidatesShown {
			data.Candidates = append(data.Candidates, a)
		}
	}
	return h.page(w, r, status, "collection", data)
}

func readCollectionForm(r *http.Request, c *portal.Collection) error {
	if err := r.ParseForm(); err != nil {
		return portal.Invalid("form", "Dữ liệu gửi lên không hợp lệ.")
	}
	f := r.PostForm
	c.Name, c.Slug, c.Description = f.Get("name"), f.Get("slug"), f.Get("description")
	c.OnHome = f.Get("on_home") == "1"
	n, err := strconv.Atoi(strings.TrimSpace(f.Get("position")))
	if err != nil {
		return portal.Invalid("position", "Vị trí phải là một số từ 0 đến 1000.")
	}
	c.Position = n
	return c.Validate()
}

func (h *Handler) createCollection(w http.ResponseWriter, r *http.Request) error {
	c := &portal.Collection{}
	err := readCollectionForm(r, c)
	if err == nil {
		err = h.store.CreateCollection(r.Context(), h.actor(r), c)
	}
	return h.collectionSubmitted(w, r, c, err)
}

// collectionSubmitted ends the post of a group's form (see submitted).
func (h *Handler) collectionSubmitted(w http.ResponseWriter, r *http.Request, c *portal.Collection, err error) error {
	return submitted(w, r, err, func(status int, err error) error { return h.collectionForm(w, r, status, c, err) },
		func() string { return collectionAdminURL(c.ID) })
}

func (h *Handler) saveCollection(w http.ResponseWriter, r *http.Request) error {
	c, err := h.loadCollection(r)
	if err != nil {
		return err
	}
	err = readCollectionForm(r, c)
	if err == nil {
		err = h.store.UpdateCollection(r.Context(), h.actor(r), c)
	}
	return h.collectionSubmitted(w, r, c, err)
}

// deleteCollection removes a group made by staff; Tin nổi bật stays.
func (h *Handler) deleteCollection(w http.ResponseWriter, r *http.Request) error {
	c, err := h.loadCollection(r)
	if err != nil {
		return err
	}
	if err := h.store.DeleteCollection(r.Context(), h.actor(r), c.ID); err != nil {
		if portal.ErrorCode(err) == portal.EINVALID {
			return h.collectionForm(w, r, http.StatusConflict, c, err)
		}
		return err
	}
	redirect(w, r, collectionsAdmin, flashSaved)
	return nil
}

// addToCollection puts last in the group the article picked from the list
// or, when none is picked, the one whose number was typed.
func (h *Handler) addToCollection(w http.ResponseWriter, r *http.Request) error {
	c, err := h.loadCollection(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return h.collectionForm(w, r, http.StatusBadRequest, c, portal.Invalid("article", "Dữ liệu gửi lên không hợp lệ."))
	}
	pick := r.PostForm.Get("pick")
	if pick == "" || pick == "0" {
		pick = strings.TrimSpace(strings.TrimPrefix(r.PostForm.Get("article"), "#"))
	}
	id, perr := strconv.ParseInt(pick, 10, 64)
	if perr != nil || id <= 0 {
		err = portal.Invalid("article", "Xin chọn một bài viết hoặc nhập số bài viết (số trong địa chỉ /quan-tri/bai-viet/…).")
	} else {
		err = h.store.AddToCollection(r.Context(), h.actor(r), c.ID, id)
	}
	switch code := portal.ErrorCode(err); code {
	case "":
	case portal.EINVALID, portal.ECONFLICT:
		status := http.StatusBadRequest
		if code == portal.ECONFLICT {
			status = http.StatusConflict
		}
		return h.collectionForm(w, r, status, c, portal.Invalid("article", portal.ErrorMessage(err)))
	default:
		return err
	}
	redirect(w, r, collectionAdminURL(c.ID)+"#bai-viet", flashSaved)
	return nil
}

// orderCollection moves an article up or down by one, or takes it out:
// one small form per button, so it works without script.
func (h *Handler) orderCollection(w http.ResponseWriter, r *http.Request) error {
	c, err := h.loadCollection(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return h.collectionForm(w, r, http.StatusBadRequest, c, portal.Invalid("article", "Dữ liệu gửi lên không hợp lệ."))
	}
	id, perr := strconv.ParseInt(r.PostForm.Get("article"), 10, 64)
	if perr != nil || id <= 0 {
		return h.collectionForm(w, r, http.StatusBadRequest, c, portal.Invalid("article", "Không rõ bài viết cần sắp xếp."))
	}
	who := h.actor(r)
	switch r.PostForm.Get("move") {
	case "len":
		err = h.store.MoveInCollection(r.Context(), who, c.ID, id, -1)
	case "xuong":
		err = h.store.MoveInCollection(r.Context(), who, c.ID, id, 1)
	case "bo":
		err = h.store.RemoveFromCollection(r.Context(), who, c.ID, id)
	default:
		err = portal.Invalid("article", "Thao tác sắp xếp không hợp lệ.")
	}
	switch portal.ErrorCode(err) {
	case "":
	case portal.EINVALID, portal.ENOTFOUND:
		return h.collectionForm(w, r, http.StatusBadRequest, c, portal.Invalid("article", portal.ErrorMessage(err)))
	default:
		return err
	}
	redirect(w, r, collectionAdminURL(c.ID)+"#bai-"+itoa(id), flashSaved)
	return nil
}

// readThread reads the article editor's "Dòng sự kiện" select into a: the
// thread is one of the article's fields, saved by the article's own save.
func (h *Handler) readThread(r *http.Request, a *portal.Article) error {
	v := r.PostForm.Get("thread")
	if v == "" || v == "0" {
		a.ThreadID = 0
		return nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err == nil && id > 0 {
		_, err = h.store.Thread(r.Context(), id)
	}
	if err != nil {
		if portal.ErrorCode(err) == portal.ENOTFOUND || id <= 0 {
			return portal.Invalid("thread", "Dòng sự kiện đã chọn không có.")
		}
		return err
	}
	a.ThreadID = id
	return nil
}
