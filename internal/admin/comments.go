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
	u := userOf(r)
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	status := portal.CommentStatus(r.PostFormValue("status"))
	c, err := h.store.Moderate(r.Context(), id, status, u.ID, h.Now())
	if err != nil {
		return err
	}
	h.audit(r, "comment."+string(status), "comment:"+itoa(c.ID), "ok", "article:"+itoa(c.ArticleID))
	h.OnChange()
	redirect(w, r, Prefix+"/y-kien?trang-thai="+string(portal.CommentPending), "")
	return nil
}

// saveCommentLists keeps the banned words and the blocked senders.
func (h *Handler) saveCommentLists(w http.ResponseWriter, r *http.Request) error {
	banned, blocked := r.PostFormValue("banned"), r.PostFormValue("blocked")
	if len(banned) > 20000 || len(blocked) > 20000 {
		return portal.Invalid("banned", "Danh sách quá dài.")
	}
	for key, value := range map[string]string{portal.SettingBannedWords: banned, portal.SettingBlocked: blocked} {
		if err := h.store.SetSetting(r.Context(), key, strings.TrimSpace(value)); err != nil {
			return err
		}
	}
	if err := h.store.BumpContentVersion(r.Context()); err != nil {
		return err
	}
	h.audit(r, "settings.comment_lists", "", "ok", "")
	h.OnChange()
	redirect(w, r, Prefix+"/y-kien", flashSaved)
	return nil
}

// reply answers an approved comment in the portal's name.
func (h *Handler) reply(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	settings, err := h.store.Settings(r.Context())
	if err != nil {
		return err
	}
	c, err := h.store.Reply(r.Context(), id, "Ban biên tập "+settings[portal.SettingSiteName], r.PostFormValue("reply"), u.ID)
	if err != nil {
		return err
	}
	h.audit(r, "comment.reply", "comment:"+itoa(id), "ok", "article:"+itoa(c.ArticleID))
	h.OnChange()
	redirect(w, r, Prefix+"/y-kien?trang-thai="+string(portal.CommentApproved), flashSaved)
	return nil
}

// moderateMany approves, rejects or marks as spam the ticked comments.
func (h *Handler) moderateMany(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
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
	from := portal.CommentStatus(r.PostFormValue("from"))
	status := portal.CommentStatus(r.PostFormValue("status"))
	moved, err := h.store.ModerateMany(r.Context(), ids, status, u.ID, h.Now())
	if err != nil {
		return err
	}
	for _, c := range moved {
		h.audit(r, "comment."+string(status), "comment:"+itoa(c.ID), "ok", "article:"+itoa(c.ArticleID)+" bulk")
	}
	h.OnChange()
	if portal.CommentStatusNames[from] == "" {
		from = portal.CommentPending
	}
	redirect(w, r, Prefix+"/y-kien?trang-thai="+string(from), flashSaved)
	return nil
}

// editComment corrects a comment's typos; the audit log keeps both texts.
func (h *Handler) editComment(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	c, before, err := h.store.EditComment(r.Context(), id, r.PostFormValue("body"), u.ID, h.Now())
	if err != nil {
		return err
	}
	if before != c.Body {
		h.audit(r, "comment.edit", "comment:"+itoa(c.ID), "ok", "trước: "+before+"\nsau: "+c.Body)
		h.OnChange()
	}
	redirect(w, r, Prefix+"/y-kien?trang-thai="+string(c.Status), flashSaved)
	return nil
}
