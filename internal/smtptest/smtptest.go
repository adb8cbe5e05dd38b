// Package smtptest starts a real SMTP server for tests: mailpit on loopback,
// as the test's own process, stopped by t.Cleanup. It offers STARTTLS with
// a certificate made for the test (and requires it), takes any user and
// password, and shows the mails it received through its HTTP API.
package smtptest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"cong/internal/mail"
)

// Server is a running mailpit.
type Server struct {
	SMTP string // 127.0.0.1:PORT
	API  string // http://127.0.0.1:PORT
	// Roots trust the server's certificate.
	Roots    *x509.CertPool
	cmd      *exec.Cmd
	exited   chan error
	stopOnce sync.Once
}

// Binary finds mailpit: CONG_TEST_SMTP_SERVER, else on PATH. Empty when
// there is none.
func Binary() string {
	if p := os.Getenv("CONG_TEST_SMTP_SERVER"); p != "" {
		return p
	}
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	return ""
}

// Require skips t when there is no mailpit (it fails instead when
// CONG_REQUIRE_SMTP is set, as in CI), and returns its path.
func Require(t testing.TB) string {
	t.Helper()
	bin := Binary()
	if bin == "" {
		if os.Getenv("CONG_REQUIRE_SMTP") != "" {
			t.Fatal("CONG_REQUIRE_SMTP is set but there is no mailpit (CONG_TEST_SMTP_SERVER or PATH)")
		}
		t.Skip("no mailpit (GOBIN=DIR go install github.com/axllent/mailpit@v1.33.1, then CONG_TEST_SMTP_SERVER=DIR/mailpit; CI sets CONG_REQUIRE_SMTP=1)")
	}
	return bin
}

// Start starts a server for t on free loopback ports, or skips t (see
// Require).
func Start(t testing.TB) *Server {
	t.Helper()
	return StartOn(t, "")
}

// StartOn starts a server for t whose SMTP side listens on smtpPort ("":
// any free port): a test points a sender at a port before a server
// listens there.
func StartOn(t testing.TB, smtpPort string) *Server {
	t.Helper()
	bin := Require(t)
	dir := t.TempDir()
	roots, err := writeCert(dir)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 { // a port picked free may be taken before mailpit binds it
		port := smtpPort
		if port == "" {
			port = FreePort(t)
		}
		s := &Server{SMTP: "127.0.0.1:" + port, API: "http://127.0.0.1:" + FreePort(t), Roots: roots}
		if err = s.start(bin, dir); err == nil {
			t.Cleanup(s.Stop)
			return s
		}
	}
	t.Fatalf("mailpit %s: %v", bin, err)
	return nil
}

func (s *Server) start(bin, dir string) error {
	s.cmd = exec.Command(bin, "--smtp", s.SMTP, "--listen", strings.TrimPrefix(s.API, "http://"),
		"--database", filepath.Join(dir, "mailpit-"+strings.ReplaceAll(s.SMTP, ":", "-")+".db"),
		"--smtp-tls-cert", filepath.Join(dir, "cert.pem"), "--smtp-tls-key", filepath.Join(dir, "key.pem"),
		"--smtp-require-starttls", "--smtp-auth-accept-any", "--smtp-disable-rdns", "--disable-version-check", "--quiet")
	var log strings.Builder
	s.cmd.Stdout, s.cmd.Stderr = &log, &log
	if err := s.cmd.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- s.cmd.Wait() }()
	s.exited = exited
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return fmt.Errorf("%v: %s", err, log.String())
		default:
		}
		if s.ready() {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.cmd.Process.Kill()
	<-exited
	return fmt.Errorf("not ready in 20 s: %s", log.String())
}

func (s *Server) ready() bool {
	c, err := net.DialTimeout("tcp", s.SMTP, 200*time.Millisecond)
	if err != nil {
		return false
	}
	c.Close()
	resp, err := http.Get(s.API + "/readyz")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// Stop kills the server.
func (s *Server) Stop() {
	s.stopOnce.Do(func() {
		s.cmd.Process.Kill()
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
		}
	})
}

// URL is an --smtp-url for s, with a user and a password, mail from from.
func URL(smtpAddr, from string) string {
	return "smtp://cong:m%E1%BA%ADt-kh%E1%BA%A9u@" + smtpAddr + "?from=" + url.QueryEscape(from) +
		"&from_name=" + url.QueryEscape("Cổng Thông tin điện tử")
}

// Config is the mail settings to send through the server listening on
// smtpAddr (s's, or one to start later), trusting roots.
func Config(t testing.TB, smtpAddr string, roots *x509.CertPool) *mail.Config {
	t.Helper()
	c, err := mail.ParseURL(URL(smtpAddr, "cong@tinh.gov.vn"))
	if err != nil {
		t.Fatal(err)
	}
	c.RootCAs = roots
	return c
}

// Summary is a mail as mailpit lists it.
type Summary struct {
	ID      string
	Subject string
	From    Address
	To      []Address
	ReplyTo []Address
}

// Address is a name and an address, decoded by mailpit.
type Address struct{ Name, Address string }

// Message is one mail as mailpit read it: headers decoded, the text part.
type Message struct {
	Summary
	MessageID string
	Date      time.Time
	Text      string
}

// Messages lists the mails s received, newest first.
func (s *Server) Messages(t testing.TB) []Summary {
	t.Helper()
	var list struct{ Messages []Summary }
	s.get(t, "/api/v1/messages", &list)
	return list.Messages
}

// Message reads one mail.
func (s *Server) Message(t testing.TB, id string) Message {
	t.Helper()
	var m Message
	s.get(t, "/api/v1/message/"+url.PathEscape(id), &m)
	return m
}

// Raw is one mail as it was received.
func (s *Server) Raw(t testing.TB, id string) string {
	t.Helper()
	resp, err := http.Get(s.API + "/api/v1/message/" + url.PathEscape(id) + "/raw")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Wait waits, at most timeout, until s has received n mails.
func (s *Server) Wait(t testing.TB, n int, timeout time.Duration) []Summary {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for {
		got := s.Messages(t)
		if len(got) >= n {
			return got
		}
		select {
		case <-ctx.Done():
			t.Fatalf("mailpit received %d mails in %s; want %d", len(got), timeout, n)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (s *Server) get(t testing.TB, path string, v any) {
	t.Helper()
	resp, err := http.Get(s.API + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// FreePort is a loopback port nothing listens on now.
func FreePort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port
}

// writeCert writes a self-signed certificate for 127.0.0.1 and localhost
// into dir (cert.pem, key.pem) and returns a pool that trusts it.
func writeCert(dir string) (*x509.CertPool, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "cong smtptest"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, IsCA: true, BasicConstraintsValid: true,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "cert.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "key.pem"), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return pool, nil
}
