package admin

import (
	"encoding/json"
	"net/http"
	"strconv"

	"cong/internal/portal"
	"cong/internal/viet"
)

// autosave saves the editor's form in the background and answers in JSON:
// the new version, or why it could not save.
func (h *Handler) autosave(w http.ResponseWriter, r *http.Request) error {
	reply := func(status int, v any) error {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		return json.NewEncoder(w).Encode(v)
	}
	a, err := h.loadArticle(r)
	if err != nil {
		return reply(http.StatusNotFound, map[string]string{"error": "Không tìm thấy bài viết."})
	}
	u := userOf(r)
	if !u.CanEdit(a) {
		return reply(http.StatusForbidden, map[string]string{"error": "Bài viết không còn ở trạng thái bạn được sửa."})
	}
	a.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	a.EditorID, a.EditorName = u.ID, u.Name+" (tự lưu)"
	err = h.readArticleForm(r, a)
	if err == nil {
		err = h.store.AutosaveArticle(r.Context(), h.actor(r), a)
	}
	switch portal.ErrorCode(err) {
	case "":
		return reply(http.StatusOK, map[string]any{"version": a.Version, "saved": viet.Time(h.Now())})
	case portal.EINVALID, portal.ECONFLICT:
		return reply(http.StatusConflict, map[string]string{"error": "Chưa tự lưu: " + portal.ErrorMessage(err)})
	}
	return err
}
