package main

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"cong/internal/auth"
	"cong/internal/config"
	"cong/internal/counter"
	"cong/internal/media"
	"cong/internal/portal"
	"cong/internal/storetest"
)

// TestHTTPSBehindProxy: behind a proxy that ends TLS, X-Forwarded-Proto is
// believed from the trusted proxies only; over HTTPS — by the proxy's word
// or the public address — both wings send HSTS and the session cookie is
// Secure and "__Host-" prefixed.
func TestHTTPSBehindProxy(t *testing.T) {
	proxy := []string{"--trusted-proxies", "10.0.0.0/8"}
	for _, c := range []struct {
		name   string
		args   []string
		remote string
		proto  string
		https  bool
	}{
		{"trusted proxy says https", proxy, "10.1.1.1:4000", "https", true},
		{"trusted proxy says http", proxy, "10.1.1.1:4000", "http", false},
		{"untrusted peer says https", proxy, "198.51.100.7:4000", "https", false},
		{"no proxy, plain", nil, "198.51.100.7:4000", "", false},
		{"https public address", []string{"--base-url", "https://cong.example.vn"}, "198.51.100.7:4000", "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := config.Parse("cong serve", append(c.args, "--data", t.TempDir()), noenv, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			db := storetest.Open(t, storetest.SQLiteDSN(t))
			hash, _ := auth.NewHasher(1).Hash(t.Context(), "nắng vàng trên sông Hậu")
			if err := db.CreateUser(t.Context(), storetest.Actor, &portal.User{Username: "bien-tap", Name: "Biên tập", PasswordHash: hash,
				Roles: []portal.Role{portal.RoleEditor}}); err != nil {
				t.Fatal(err)
			}
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			all, err := newSites(t.Context(), cfg, cfg.BaseURL, db, media.Dir(cfg.MediaDir()), counter.New(db, cfg.ViewWindow, cfg.OnlineWindow, log), log, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			h := all.handler
			send := func(r *http.Request) *http.Response {
				r.RemoteAddr = c.remote
				if c.proto != "" {
					r.Header.Set("X-Forwarded-Proto", c.proto)
				}
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				return w.Result()
			}
			want := map[bool]string{true: "max-age=31536000", false: ""}[c.https]
			for _, path := range []string{"/healthz", "/quan-tri/dang-nhap"} {
				if got := send(httptest.NewRequest("GET", path, nil)).Header.Get("Strict-Transport-Security"); got != want {
					t.Errorf("GET %s: HSTS %q; want %q", path, got, want)
				}
			}
			form := url.Values{"username": {"bien-tap"}, "password": {"nắng vàng trên sông Hậu"}}
			r := httptest.NewRequest("POST", "/quan-tri/dang-nhap", strings.NewReader(form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp := send(r)
			cookies := resp.Cookies()
			if resp.StatusCode != http.StatusSeeOther || len(cookies) != 1 {
				t.Fatalf("login = %d with %d cookies; want 303 and the session cookie", resp.StatusCode, len(cookies))
			}
			name := map[bool]string{true: "__Host-cong_s", false: "cong_s"}[c.https]
			if s := cookies[0]; s.Name != name || s.Secure != c.https || s.Path != "/" || s.Domain != "" {
				t.Errorf("session cookie %s (Secure %v, Path %q); want %s, Secure %v", s.Name, s.Secure, s.Path, name, c.https)
			}
		})
	}
}
