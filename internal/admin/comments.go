package admin

import (
	"net/http"
	"strings"

	"cong/internal/portal"
)

// CommentsPage is the moderation queue of readers' comments.
type CommentsPage struct {
	Base
	Status   portal.CommentStatus
	Statuses []portal.CommentStatus
	Counts   map[portal.CommentStatus]int
	Comments []portal.Comment
	Banned   string // for those who keep the lists (ManageLists)
	Blocked  string
}

// tabOf returns the status tab a moderation form was posted from (its
// field "from"), pending when it names none.
func tabOf(r *http.Request) portal.CommentStatus {
	from := portal.CommentStatus(r.PostFormValue("from"))
	if portal.CommentStatusNames[from] == "" {
		return portal.CommentPending
	}
	return from
}

// commentsURL is the moderation queue's tab of status.
func commentsURL(status portal.CommentStatus) string {
	return withQuery(Prefix+"/y-kien", "trang-thai", string(status))
}

var commentStatuses = []portal.CommentStatus{portal.CommentPending, portal.CommentApproved, portal.CommentRejected, portal.CommentSpam}

func (h *Handler) showComments(w http.ResponseWriter, r *http.Request) error {
	status := portal.CommentStatus(r.URL.Query().Get("trang-thai"))
	if status == "" {
		status = portal.CommentPending
	}
	if portal.CommentStatusNames[status] == "" {
		return errNotFound
	}
	b, err := h.base(r, "Ý kiến bạn đọc")
	if err != nil {
		return err
	}
	data := &CommentsPage{Base: b, Status: status, Statuses: commentStatuses}
	if data.Counts, err = h.store.CommentCounts(r.Context()); err != nil {
		return err
	}
	if data.Comments, err = h.store.Comments(r.Context(), status, 200); err != nil {
		return err
	}
	if userOf(r).May(portal.ManageLists) {
		settings, err := h.store.Settings(r.Context())
		if err != nil {
			return err
		}
		data.Banned, data.Blocked = settings[portal.SettingBannedWords], settings[portal.SettingBlocked]
	}
	return h.page(w, r, http.StatusOK, "comments", data)
}

// moderate approves, rejects or marks as spam one comment.
func (h *Handler) moderate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	status := portal.CommentStatus(r.PostFormValue("status"))
	if _, err := h.store.Moderate(r.Context(), h.actor(r), id, status, h.Now()); err != nil {
		return err
	}
	redirect(w, r, commentsURL(tabOf(r)), flashSaved)
	return nil
}

// saveCommentLists keeps the banned words and the blocked senders.
func (h *Handler) saveCommentLists(w http.ResponseWriter, r *http.Request) error {
	banned, blocked := r.PostFormValue("banned"), r.PostFormValue("blocked")
	if len(banned) > 20000 || len(blocked) > 20000 {
		return portal.Invalid("banned", "Danh sách quá dài.")
	}
	lists := map[string]string{portal.SettingBannedWords: strings.TrimSpace(banned),
		portal.SettingBlocked: strings.TrimSpace(blocked)}
	if err := h.store.SaveSettings(r.Context(), h.actor(r), lists); err != nil {
		return err
	}
	redirect(w, r, Prefix+"/y-kien", flashSaved)
	return nil
}

// reply answers an approved comment in the portal's name.
func (h *Handler) reply(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	settings, err := h.store.Settings(r.Context())
	if err != nil {
		return err
	}
	_, err = h.store.Reply(r.Context(), h.actor(r), id, "Ban biên tập "+settings[portal.SettingSiteName], r.PostFormValue("reply"))
	if err != nil {
		return err
	}
	redirect(w, r, commentsURL(portal.CommentApproved), flashSaved)
	return nil
}

// moderateMany approves, rejects or marks as spam the ticked comments.
func (h *Handler) moderateMany(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return portal.Invalid("id", "Yêu cầu không đọc được.")
	}
	var ids []int64
	for _, s := range r.PostForm["id"] {
		id, err := parseID(s)
		if err != nil {
			return err
		}
		ids = append(ids, id)
	}
	status := portal.CommentStatus(r.PostFormValue("status"))
	if _, err := h.store.ModerateMany(r.Context(), h.actor(r), ids, status, h.Now()); err != nil {
		return err
	}
	redirect(w, r, commentsURL(tabOf(r)), flashSaved)
	return nil
}

// editComment corrects a comment's typos; the audit log keeps both texts.
func (h *Handler) editComment(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	c, _, err := h.store.EditComment(r.Context(), h.actor(r), id, r.PostFormValue("body"), h.Now())
	if err != nil {
		return err
	}
	redirect(w, r, commentsURL(c.Status), flashSaved)
	return nil
}
