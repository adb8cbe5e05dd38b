package web

import (
	"context"
	"net/http"
	"time"

	"cong/internal/portal"
)

func (h *Handler) showMap(w http.ResponseWriter, r *http.Request) error {
	return h.cached(w, r, "/ban-do-hanh-chinh", func(r *http.Request, s *site) (*entry, error) {
		if !h.hasMap(s) {
			return nil, errNotFound
		}
		data := MapPage{Base: s.base(""), Title: s.settings[portal.SettingMapTitle], Map: s.side.Map,
			Text: s.settings[portal.SettingMapDescription]}
		if data.Title == "" {
			data.Title = "Bản đồ hành chính"
		}
		data.Canonical, data.Description = "/ban-do-hanh-chinh", clip(data.Text, 300)
		if data.Description == "" {
			data.Description = data.Title + " của " + s.info.Name + ": các đơn vị hành chính, vị trí và thông tin liên hệ."
		}
		data.Drawing = s.mapView("", data.Title)
		p, err := h.render.Render("map", data)
		return &entry{page: p}, err
	})
}

// healthz answers while the process is up.
func (h *Handler) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

// readyz answers 200 when the database answers and the data folder can be
// written, 503 otherwise.
func (h *Handler) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := h.svc.Ready(ctx); err != nil {
		h.notReady(w, "database unavailable", err)
		return
	}
	if h.svc.Writable != nil {
		if err := h.svc.Writable(ctx); err != nil {
			h.notReady(w, "data folder not writable", err)
			return
		}
	}
	w.Write([]byte("ok\n"))
}

func (h *Handler) notReady(w http.ResponseWriter, what string, err error) {
	h.log.Warn("not ready", "err", err)
	w.WriteHeader(http.StatusServiceUnavailable)
	w.Write([]byte(what + "\n"))
}
