package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"cong/internal/audio"
	"cong/internal/portal"
)

// audioPrefix is where readers fetch an article's audio: /nghe/{id}-{hash}.mp3.
const audioPrefix = "/nghe/"

// AudioPlayer is the "Nghe đọc bài" player under an article's title.
type AudioPlayer struct {
	URL    string
	Length string // "3 phút 12 giây"
}

// articleAudio returns the player of article id, nil when it has no audio
// or the portal makes none.
func (h *Handler) articleAudio(ctx context.Context, id int64) (*AudioPlayer, error) {
	a, err := h.readerAudio(ctx, id)
	if a == nil || err != nil {
		return nil, err
	}
	return &AudioPlayer{URL: audioPrefix + strings.TrimPrefix(a.File, audio.Folder), Length: spokenLength(a.Duration)}, nil
}

// readerAudio returns the audio of article id, nil when there is none.
func (h *Handler) readerAudio(ctx context.Context, id int64) (*portal.Audio, error) {
	if h.svc.Audio == nil {
		return nil, nil
	}
	a, err := h.svc.Audio.ArticleAudio(ctx, id)
	if portal.ErrorCode(err) == portal.ENOTFOUND || err == nil && !strings.HasPrefix(a.File, audio.Folder) {
		return nil, nil
	}
	return a, err
}

// spokenLength is d in Vietnamese, to the second: "3 phút 12 giây".
func spokenLength(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%d giây", max(s, 1))
	case s%60 == 0:
		return fmt.Sprintf("%d phút", s/60)
	}
	return fmt.Sprintf("%d phút %d giây", s/60, s%60)
}

// serveAudio sends the audio of an article readers may see, by its name
// under the hash of the text it reads: a name that never changes content,
// kept by browsers for a year. Shared caches keep it as long as pages and
// are told to drop it with the article's pages (PurgePaths); a draft's, a
// hidden article's or a replaced audio is not found.
func (h *Handler) serveAudio(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("file")
	idText, _, ok := strings.Cut(strings.TrimSuffix(name, ".mp3"), "-")
	id, err := strconv.ParseInt(idText, 10, 64)
	if h.svc.Audio == nil || !ok || err != nil || id <= 0 || !strings.HasSuffix(name, ".mp3") {
		return errNotFound
	}
	s, err := h.site(r.Context())
	if err != nil {
		return err
	}
	a, err := h.svc.Articles.Article(r.Context(), id)
	if portal.ErrorCode(err) == portal.ENOTFOUND {
		return errNotFound
	}
	if err != nil {
		return err
	}
	if _, err := h.publicCategory(r, s, a); err != nil {
		return err
	}
	au, err := h.readerAudio(r.Context(), id)
	if err != nil {
		return err
	}
	if au == nil || au.File != audio.Folder+name {
		return errNotFound
	}
	shared := max(h.cfg.SharedTTL, h.cfg.CacheTTL)
	return h.serveStored(w, r, au.File, "audio/mpeg", "", 365*24*time.Hour, "s-maxage="+strconv.Itoa(int(shared/time.Second)))
}
