package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// stoppable serves handler through newServer and a stopper on a loopback
// port; the log goes to the returned buffer.
func stoppable(t *testing.T, handler http.Handler) (*stopper, string, *syncBuffer) {
	t.Helper()
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(handler, log)
	s := newStopper(srv, ln, log)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return s, ln.Addr().String(), &logs
}

// TestStopAnswersRequestOnKeptAliveConnection: a client reuses a kept-alive
// connection and sends its second request just as the stop begins — when
// Server.Shutdown alone would close the idle connection under it. The
// request is answered in full, with "Connection: close".
func TestStopAnswersRequestOnKeptAliveConnection(t *testing.T) {
	s, addr, _ := stoppable(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "trang "+r.URL.Path)
	}))
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	r := bufio.NewReader(conn)
	get := func(path string) {
		if _, err := io.WriteString(conn, "GET "+path+" HTTP/1.1\r\nHost: cong.test\r\n\r\n"); err != nil {
			t.Errorf("send GET %s: %v", path, err)
		}
	}
	get("/mot")
	if resp := readResponse(t, r, "/mot"); resp.Close {
		t.Fatal("the first response closes the connection; want it kept alive")
	}
	waitIdle(t, s)
	s.began = func() { get("/hai") }
	done := make(chan error, 1)
	go func() { done <- s.stop(10 * time.Second) }()
	resp := readResponse(t, r, "/hai")
	if !resp.Close {
		t.Error("the response during the stop does not close the connection")
	}
	if err := <-done; err != nil {
		t.Errorf("stop: %v", err)
	}
}

// waitIdle waits until the stopper counts a connection idle.
func waitIdle(t *testing.T, s *stopper) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		s.mu.Lock()
		n := 0
		for _, cs := range s.conns {
			if cs.state == http.StateIdle {
				n++
			}
		}
		s.mu.Unlock()
		if n > 0 {
			return
		}
	}
	t.Fatal("the connection never turned idle")
}

// readResponse reads one response for path and checks it is the whole page.
func readResponse(t *testing.T, r *bufio.Reader, path string) *http.Response {
	t.Helper()
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || string(body) != "trang "+path {
		t.Fatalf("GET %s = %d %q, %v; want 200 and the whole page", path, resp.StatusCode, body, err)
	}
	return resp
}

// TestStopWaitsForSlowRequest: a request still running when the stop
// begins is answered in full; the stop waits for it and reports no error.
func TestStopWaitsForSlowRequest(t *testing.T) {
	started, finish := make(chan struct{}), make(chan struct{})
	s, addr, _ := stoppable(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-finish
		io.WriteString(w, "trang "+r.URL.Path)
	}))
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	io.WriteString(conn, "GET /cham HTTP/1.1\r\nHost: cong.test\r\n\r\n")
	<-started
	done := make(chan error, 1)
	go func() { done <- s.stop(10 * time.Second) }()
	select {
	case err := <-done:
		t.Fatalf("stop returned (%v) before the request in flight was answered", err)
	case <-time.After(300 * time.Millisecond):
	}
	close(finish)
	readResponse(t, bufio.NewReader(conn), "/cham")
	if err := <-done; err != nil {
		t.Errorf("stop: %v", err)
	}
}

// TestStopCutsOffAtTimeout: a request longer than the shutdown timeout
// does not hold the stop past it; the stop warns and is still no error.
func TestStopCutsOffAtTimeout(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	s, addr, logs := stoppable(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
	}))
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET /mai-mai HTTP/1.1\r\nHost: cong.test\r\n\r\n")
	<-started
	done := make(chan error, 1)
	go func() { done <- s.stop(500 * time.Millisecond) }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("stop at the timeout: %v; want no error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the stop did not end at its timeout")
	}
	if !strings.Contains(logs.String(), "cut off") {
		t.Errorf("no warning that a request was cut off in the log:\n%s", logs)
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := conn.Read(make([]byte, 1)); err == nil {
		t.Error("the connection of the request cut off is still open")
	}
}

// TestServeStopsAfterSlowUpload stops the whole program, as SIGTERM does,
// while a reader's question is still being uploaded. An upload that ends
// after the stop began is answered and run returns no error (exit status
// 0); one that outlasts --shutdown-timeout is cut off there, with a
// warning, and run still returns no error. The counters are written in
// both cases before run returns.
func TestServeStopsAfterSlowUpload(t *testing.T) {
	for _, c := range []struct {
		name    string
		finish  bool // the upload ends after the stop began
		timeout string
	}{
		{"upload ends during the stop", true, "20s"},
		{"upload outlasts the timeout", false, "1s"},
	} {
		t.Run(c.name, func(t *testing.T) {
			addr := freeAddr(t)
			ctx, stop := context.WithCancel(context.Background())
			defer stop()
			var logs syncBuffer
			done := make(chan error, 1)
			go func() {
				done <- run(ctx, []string{"serve", "--addr", addr, "--data", t.TempDir(), "--demo=false", "--shutdown-timeout", c.timeout}, noenv, &logs, &logs)
			}()
			waitFor(t, "http://"+addr+"/healthz")
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(30 * time.Second))
			// A first request on the connection: the server has accepted it
			// before the stop closes the listener.
			r := bufio.NewReader(conn)
			fmt.Fprintf(conn, "GET /healthz HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
			if resp, err := http.ReadResponse(r, nil); err != nil || resp.StatusCode != 200 {
				t.Fatalf("GET /healthz: %v", err)
			} else {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			body := "--b\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\nXin hỏi về thủ tục cấp phép.\r\n--b--\r\n"
			half := len(body) / 2
			fmt.Fprintf(conn, "POST /hoi-dap/gui-cau-hoi HTTP/1.1\r\nHost: %s\r\nContent-Type: multipart/form-data; boundary=b\r\n"+
				"Content-Length: %d\r\n\r\n%s", addr, len(body), body[:half])
			start := time.Now()
			stop()
			select {
			case err := <-done:
				t.Fatalf("run returned (%v) while an upload was still coming in:\n%s", err, logs.String())
			case <-time.After(300 * time.Millisecond):
			}
			if c.finish {
				io.WriteString(conn, body[half:])
				resp, err := http.ReadResponse(r, nil)
				if err != nil {
					t.Fatalf("the upload's answer: %v", err)
				}
				resp.Body.Close()
				if resp.StatusCode >= 500 {
					t.Errorf("the upload's answer = %d; want the form's own answer", resp.StatusCode)
				}
			}
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("run after the stop: %v; want no error", err)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("run did not return within 20 s of the stop")
			}
			log := logs.String()
			if cut := strings.Contains(log, "cut off"); cut == c.finish {
				t.Errorf("warning of a request cut off in the log: %v; want %v\n%s", cut, !c.finish, log)
			}
			if !c.finish && time.Since(start) > 10*time.Second {
				t.Errorf("the stop took %s with --shutdown-timeout %s", time.Since(start), c.timeout)
			}
			if !strings.Contains(log, "msg=stopped") {
				t.Errorf("the log does not say the stop ended, after the counters' last write:\n%s", log)
			}
		})
	}
}

// TestStopWithoutConnections: a server nobody talks to stops at once and
// without error, however soon after the stop its Serve loop notices.
func TestStopWithoutConnections(t *testing.T) {
	for range 20 {
		s, _, _ := stoppable(t, http.NotFoundHandler())
		if err := s.stop(5 * time.Second); err != nil {
			t.Fatalf("stop: %v", err)
		}
	}
}
