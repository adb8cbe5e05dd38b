package mail_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"cong/internal/mail"
	"cong/internal/portal"
	"cong/internal/smtptest"
	"cong/internal/store"
	"cong/internal/storetest"
)

// submit saves a department with two addresses and a reader's message to
// it, which queues two mails.
func submit(t *testing.T, db *store.DB) *portal.ContactMessage {
	t.Helper()
	ctx := context.Background()
	d := &portal.Department{Name: "Sở Tài nguyên và Môi trường", Emails: []string{"stnmt@tinh.gov.vn", "giamdoc.stnmt@tinh.gov.vn"}}
	if err := db.SaveDepartment(ctx, storetest.Actor, d); err != nil {
		t.Fatal(err)
	}
	m := &portal.ContactMessage{DepartmentID: d.ID, Name: "Nguyễn Thị Hồng Nhung", Email: "nhung@example.vn", Phone: "0909 123 456",
		Subject: "Đề nghị hướng dẫn thủ tục cấp giấy chứng nhận quyền sử dụng đất", Body: "Kính gửi Sở,\nTôi xin hỏi về hồ sơ. Trân trọng.",
		IP: "10.0.0.9"}
	if err := db.SubmitContact(ctx, portal.Reader(m.IP), m, time.Minute, 5); err != nil {
		t.Fatal(err)
	}
	return m
}

func worker(db *store.DB, c *mail.Config) *mail.Worker {
	return &mail.Worker{Queue: db, Send: c.Send, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Poll: 50 * time.Millisecond,
		Backoff: func(int) time.Duration { return 50 * time.Millisecond }}
}

// TestSendThroughMailpit sends a reader's message through a real SMTP
// server (STARTTLS required, a user and password) and reads it back from
// the server's API: subject and names decoded to the Vietnamese they were.
func TestSendThroughMailpit(t *testing.T) {
	srv := smtptest.Start(t)
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	m := submit(t, db)
	w := worker(db, smtptest.Config(t, srv.SMTP, srv.Roots))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if sent, failed := w.RunOnce(ctx); sent != 2 || failed != 0 {
		full, _ := db.ContactMessage(ctx, m.ID)
		t.Fatalf("RunOnce = %d sent, %d failed; want 2, 0 (%+v)", sent, failed, full.Deliveries)
	}
	got := srv.Wait(t, 2, 10*time.Second)
	to := map[string]bool{}
	for _, s := range got {
		msg := srv.Message(t, s.ID)
		to[msg.To[0].Address] = true
		if want := "[Liên hệ – Sở Tài nguyên và Môi trường] " + m.Subject; msg.Subject != want {
			t.Errorf("subject %q; want %q", msg.Subject, want)
		}
		if msg.From.Name != "Cổng Thông tin điện tử" || msg.From.Address != "cong@tinh.gov.vn" {
			t.Errorf("from %+v", msg.From)
		}
		if len(msg.ReplyTo) != 1 || msg.ReplyTo[0].Name != m.Name || msg.ReplyTo[0].Address != m.Email {
			t.Errorf("reply-to %+v", msg.ReplyTo)
		}
		if !strings.Contains(msg.Text, "Tôi xin hỏi về hồ sơ.") || !strings.Contains(msg.Text, "Người gửi: Nguyễn Thị Hồng Nhung") {
			t.Errorf("text %q", msg.Text)
		}
		if !strings.HasSuffix(msg.MessageID, "@tinh.gov.vn") || !msg.Date.Equal(m.CreatedAt.Truncate(time.Second)) {
			t.Errorf("Message-ID %q, Date %s; want @tinh.gov.vn, %s", msg.MessageID, msg.Date, m.CreatedAt)
		}
	}
	if !to["stnmt@tinh.gov.vn"] || !to["giamdoc.stnmt@tinh.gov.vn"] {
		t.Errorf("recipients %v", to)
	}
	full, err := db.ContactMessage(ctx, m.ID)
	if err != nil || full.Deliveries[0].SentAt.IsZero() || full.Deliveries[1].SentAt.IsZero() {
		t.Errorf("deliveries after sending: %+v, %v", full.Deliveries, err)
	}
	if sent, failed := w.RunOnce(ctx); sent+failed != 0 {
		t.Errorf("a second run sent %d, failed %d; want nothing", sent, failed)
	}
}

// TestServerDownThenUp: while the mail server is down the mails wait in
// the queue with the reason; once it is up the worker delivers each once.
func TestServerDownThenUp(t *testing.T) {
	smtptest.Require(t)
	port := smtptest.FreePort(t)
	addr := "127.0.0.1:" + port
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	m := submit(t, db)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cfg := smtptest.Config(t, addr, nil)
	w := worker(db, cfg)
	if sent, failed := w.RunOnce(ctx); sent != 0 || failed == 0 {
		t.Fatalf("with the server down: %d sent, %d failed", sent, failed)
	}
	full, err := db.ContactMessage(ctx, m.ID)
	if err != nil || len(full.Deliveries) != 2 || !full.Deliveries[0].SentAt.IsZero() || full.Deliveries[0].LastError == "" ||
		!full.Deliveries[0].GivenUpAt.IsZero() {
		t.Fatalf("deliveries with the server down: %+v, %v", full.Deliveries, err)
	}

	srv := smtptest.StartOn(t, port)
	cfg.RootCAs = srv.Roots
	done := make(chan struct{})
	runCtx, stop := context.WithCancel(ctx)
	go func() { w.Run(runCtx); close(done) }()
	srv.Wait(t, 2, 30*time.Second)
	// Every mail is marked sent, and none goes twice.
	for deadline := time.Now().Add(10 * time.Second); ; {
		full, err = db.ContactMessage(ctx, m.ID)
		if err == nil && !full.Deliveries[0].SentAt.IsZero() && !full.Deliveries[1].SentAt.IsZero() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("deliveries not marked sent: %+v, %v", full.Deliveries, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // a few more polls
	stop()
	<-done
	if got := srv.Messages(t); len(got) != 2 {
		t.Errorf("mailpit holds %d mails; want 2", len(got))
	}
}
