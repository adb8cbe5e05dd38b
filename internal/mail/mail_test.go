package mail_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	stdmail "net/mail"
	"strings"
	"testing"
	"time"

	"cong/internal/mail"
	"cong/internal/portal"
)

func TestParseURL(t *testing.T) {
	for _, tc := range []struct {
		url        string
		addr, user string
		tls        mail.TLS
		from, name string
		bad        bool
	}{
		{url: "smtp://u:p@mail.tinh.gov.vn?from=cong@tinh.gov.vn", addr: "mail.tinh.gov.vn:587", user: "u",
			tls: mail.StartTLSRequired, from: "cong@tinh.gov.vn"},
		{url: "smtp://relay:25?from=cong@tinh.gov.vn&starttls=off&from_name=C%E1%BB%95ng", addr: "relay:25",
			tls: mail.StartTLSOff, from: "cong@tinh.gov.vn", name: "Cổng"},
		{url: "smtp://relay:25?from=cong@tinh.gov.vn&starttls=optional", addr: "relay:25", tls: mail.StartTLSOptional,
			from: "cong@tinh.gov.vn"},
		{url: "smtps://u:p@mail.tinh.gov.vn?from=cong@tinh.gov.vn", addr: "mail.tinh.gov.vn:465", user: "u",
			tls: mail.ImplicitTLS, from: "cong@tinh.gov.vn"},
		{url: "http://mail?from=a@b.vn", bad: true},
		{url: "smtp://mail", bad: true},
		{url: "smtp://mail?from=not-an-address", bad: true},
		{url: "smtp://mail?from=a@b.vn&starttls=maybe", bad: true},
		{url: "smtps://mail?from=a@b.vn&starttls=off", bad: true},
		{url: "smtp://mail?from=a@b.vn&tls=1", bad: true},
		{url: "smtp:///?from=a@b.vn", bad: true},
	} {
		c, err := mail.ParseURL(tc.url)
		if tc.bad {
			if err == nil {
				t.Errorf("ParseURL(%q) = %+v; want an error", tc.url, c)
			}
			continue
		}
		if err != nil || c.Addr != tc.addr || c.Username != tc.user || c.TLS != tc.tls || c.From.Address != tc.from ||
			c.From.Name != tc.name {
			t.Errorf("ParseURL(%q) = %+v, %v", tc.url, c, err)
		}
	}
}

func TestRedact(t *testing.T) {
	got := mail.Redact("smtp://cong:b%C3%AD-m%E1%BA%ADt@mail:587?from=a@b.vn")
	if strings.Contains(got, "m%E1%BA%ADt") || !strings.Contains(got, "cong:xxxxx@mail:587") {
		t.Errorf("Redact = %q", got)
	}
	if _, err := mail.ParseURL("smtp://cong:secret@mail:5x87?from=a@b.vn"); err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("a broken URL's error %v shows its password", err)
	}
}

func queued() portal.QueuedMail {
	return portal.QueuedMail{ID: 1, To: "vanphong@tinh.gov.vn", ReplyName: "Nguyễn Thị Hồng Nhung", ReplyEmail: "nhung@example.vn",
		Subject: "[Liên hệ – Sở Tài nguyên và Môi trường] " + strings.Repeat("Đề nghị hướng dẫn thủ tục cấp giấy chứng nhận quyền sử dụng đất ", 3),
		Body:    "Kính gửi quý cơ quan,\n\nTôi xin hỏi… = dấu bằng, dòng dài " + strings.Repeat("ệ", 120) + "\n.\nCảm ơn.",
		Token:   "abc123", CreatedAt: time.Date(2026, 12, 6, 17, 30, 0, 0, time.UTC)}
}

// TestMessage reads a composed mail back with the standard library: every
// header line within 78 columns, names and subject decoded to the
// Vietnamese they were, the body's text whole.
func TestMessage(t *testing.T) {
	c, err := mail.ParseURL("smtp://relay:25?from=cong@tinh.gov.vn&from_name=" + "C%E1%BB%95ng%20Th%C3%B4ng%20tin")
	if err != nil {
		t.Fatal(err)
	}
	m := queued()
	raw := c.Message(m)
	head, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	for _, line := range strings.Split(string(head), "\r\n") {
		if len(line) > 78 {
			t.Errorf("header line of %d columns: %q", len(line), line)
		}
	}
	msg, err := stdmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subject != m.Subject {
		t.Errorf("Subject decodes to %q, %v; want %q", subject, err, m.Subject)
	}
	from, err := msg.Header.AddressList("From")
	if err != nil || from[0].Name != "Cổng Thông tin" || from[0].Address != "cong@tinh.gov.vn" {
		t.Errorf("From = %v, %v", from, err)
	}
	reply, err := msg.Header.AddressList("Reply-To")
	if err != nil || reply[0].Name != m.ReplyName || reply[0].Address != m.ReplyEmail {
		t.Errorf("Reply-To = %v, %v", reply, err)
	}
	if date, err := msg.Header.Date(); err != nil || !date.Equal(m.CreatedAt) || !strings.HasSuffix(msg.Header.Get("Date"), "+0700") {
		t.Errorf("Date = %q (%v)", msg.Header.Get("Date"), err)
	}
	if id := msg.Header.Get("Message-ID"); id != "<abc123@tinh.gov.vn>" {
		t.Errorf("Message-ID = %q", id)
	}
	if ct := msg.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" || msg.Header.Get("Content-Transfer-Encoding") != "quoted-printable" {
		t.Errorf("Content-Type %q, encoding %q", ct, msg.Header.Get("Content-Transfer-Encoding"))
	}
	body, _ := io.ReadAll(msg.Body)
	for _, line := range strings.Split(string(body), "\r\n") {
		if len(line) > 76 {
			t.Errorf("body line of %d columns", len(line))
		}
	}
	text, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(body)))
	if err != nil || strings.ReplaceAll(string(text), "\r\n", "\n") != m.Body {
		t.Errorf("body decodes to %q, %v", text, err)
	}
}

// TestNoStartTLS: a server that offers no STARTTLS gets no mail while the
// configuration requires it.
func TestNoStartTLS(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		r := bufio.NewReader(conn)
		io.WriteString(conn, "220 plain ESMTP\r\n")
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			switch cmd := strings.ToUpper(strings.TrimSpace(line)); {
			case strings.HasPrefix(cmd, "EHLO"):
				io.WriteString(conn, "250-plain\r\n250 AUTH PLAIN\r\n")
			case cmd == "QUIT":
				io.WriteString(conn, "221 bye\r\n")
				return
			default:
				io.WriteString(conn, "250 ok\r\n")
			}
		}
	}()
	c, err := mail.ParseURL("smtp://u:p@" + ln.Addr().String() + "?from=cong@tinh.gov.vn")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.Send(ctx, queued()); !errors.Is(err, mail.ErrNoStartTLS) {
		t.Errorf("Send = %v; want ErrNoStartTLS", err)
	}
}
