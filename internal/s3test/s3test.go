// Package s3test starts a real S3-compatible server for tests: versitygw
// serving a temporary folder on loopback, as the test's own process,
// stopped by t.Cleanup. Tests of media on S3 and of several instances
// sharing a bucket use it.
package s3test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"cong/internal/media"
)

// Server is a running versitygw.
type Server struct {
	Endpoint  string // 127.0.0.1:PORT
	AccessKey string
	SecretKey string
	Dir       string // the folder it serves; a bucket is a folder in it
	cmd       *exec.Cmd
	exited    chan error
	stopOnce  sync.Once
}

// Binary finds versitygw: CONG_TEST_S3_SERVER, else on PATH, else in
// $(go env GOPATH)/bin. Empty when there is none.
func Binary() string {
	if p := os.Getenv("CONG_TEST_S3_SERVER"); p != "" {
		return p
	}
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
			gopath = strings.TrimSpace(string(out))
		}
	}
	for _, dir := range filepath.SplitList(gopath) {
		p := filepath.Join(dir, "bin", "versitygw")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// Start starts a server for t, or skips t when there is no versitygw (it
// fails instead when CONG_REQUIRE_S3 is set, as in CI). -short skips too.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := Binary()
	if bin == "" {
		if os.Getenv("CONG_REQUIRE_S3") != "" {
			t.Fatal("CONG_REQUIRE_S3 is set but there is no versitygw (CONG_TEST_S3_SERVER, PATH or GOPATH/bin)")
		}
		t.Skip("no versitygw (go install github.com/versity/versitygw/cmd/versitygw@v1.8.0; CI sets CONG_REQUIRE_S3=1)")
	}
	if testing.Short() {
		t.Skip("-short: no S3 server")
	}
	s := &Server{AccessKey: "cong-test", SecretKey: token(), Dir: t.TempDir()}
	var err error
	for range 5 { // a port picked free may be taken before versitygw binds it
		if err = s.start(t, bin); err == nil {
			t.Cleanup(s.Stop)
			return s
		}
	}
	t.Fatalf("versitygw %s: %v", bin, err)
	return nil
}

func (s *Server) start(t testing.TB, bin string) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	s.Endpoint = "127.0.0.1:" + port
	s.cmd = exec.Command(bin, "--access", s.AccessKey, "--secret", s.SecretKey, "--port", s.Endpoint, "posix", s.Dir)
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
			return &exitError{err, log.String()}
		default:
		}
		if c, err := net.DialTimeout("tcp", s.Endpoint, 200*time.Millisecond); err == nil {
			c.Close()
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.cmd.Process.Kill()
	<-exited
	return &exitError{context.DeadlineExceeded, log.String()}
}

type exitError struct {
	err error
	log string
}

func (e *exitError) Error() string { return e.err.Error() + ": " + e.log }

// Stop kills the server; the tests of a store that fails call it early.
func (s *Server) Stop() {
	s.stopOnce.Do(func() {
		s.cmd.Process.Kill()
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
		}
	})
}

// Config is the media settings for bucket on s, under prefix.
func (s *Server) Config(bucket, prefix string) media.S3Config {
	return media.S3Config{Endpoint: s.Endpoint, Region: "us-east-1", Bucket: bucket, Prefix: prefix,
		AccessKey: s.AccessKey, SecretKey: s.SecretKey}
}

// URL is the --media setting for bucket on s (keys go in the environment).
func (s *Server) URL(bucket string) string {
	return "s3://" + bucket + "?endpoint=" + s.Endpoint + "&region=us-east-1&secure=false"
}

// Bucket creates a new bucket with a random name and returns a store on it.
func (s *Server) Bucket(t testing.TB) (*media.S3, string) {
	t.Helper()
	name := "cong-" + token()[:12]
	store, err := media.NewS3(s.Config(name, ""))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := store.MakeBucket(ctx); err != nil {
		t.Fatalf("make bucket %s: %v", name, err)
	}
	return store, name
}

func token() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	_, port, err := net.SplitHostPort(l.Addr().String())
	return port, err
}
