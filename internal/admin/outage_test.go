package admin_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"cong/internal/admin"
	"cong/internal/portal"
	"cong/internal/store"
	"cong/internal/storetest"
)

// downStore is a real database whose login checks fail as a PostgreSQL
// server that stopped answering makes them fail.
type downStore struct {
	*store.DB
	err error
}

func (d downStore) CheckLoginLimits(context.Context, portal.Actor, time.Time, ...portal.LoginLimit) error {
	return d.err
}

// TestOutageAnswers503: while the database is down, staff get the back
// office's error page with 503 and a word of the interruption, no stack.
func TestOutageAnswers503(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	pool, _ := sql.Open("pgx", "postgres://cong@"+addr+"/cong?sslmode=disable&connect_timeout=2")
	refused := pool.Ping()
	pool.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	office, err := admin.New(admin.Config{MediaDir: t.TempDir(), IdleTimeout: time.Minute, AbsoluteTimeout: time.Hour,
		Fault: store.Fault}, downStore{DB: db, err: refused}, nil, log)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"username": {"quantri"}, "password": {"mat-khau-dai-du-12"}}
	r := httptest.NewRequest("POST", admin.Prefix+"/dang-nhap", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	w := httptest.NewRecorder()
	office.ServeHTTP(w, r)
	body := w.Body.String()
	if w.Code != 503 || !strings.Contains(body, "tạm gián đoạn") || strings.Contains(body, "goroutine") {
		t.Errorf("login with the database down = %d:\n%s\nwant 503 saying the system is interrupted", w.Code, body)
	}
}
