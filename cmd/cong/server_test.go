package main

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
)

// TestHeaderCap sends requests whose line and headers take exactly the cap
// and one byte more to a real listener: the first is served, the second
// answered 431, whatever slack Go adds to MaxHeaderBytes.
func TestHeaderCap(t *testing.T) {
	srv := newServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}), slog.New(slog.NewTextHandler(io.Discard, nil)))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	for _, tc := range []struct {
		size int
		want string
	}{
		{maxHeaderBytes - 4096, "200"},
		{maxHeaderBytes, "200"},
		{maxHeaderBytes + 1, "431"},
		{maxHeaderBytes + 6<<10, "431"},
	} {
		if got := status(t, ln.Addr().String(), tc.size); got != tc.want {
			t.Errorf("%d bytes of request line and headers: status %s; want %s", tc.size, got, tc.want)
		}
	}
}

// status sends a GET whose request line and headers take size bytes and
// returns the status code of the answer.
func status(t *testing.T, addr string, size int) string {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	head := "GET / HTTP/1.1\r\nHost: cong.test\r\nConnection: close\r\nX-Pad: "
	const end = "\r\n\r\n"
	req := head + strings.Repeat("a", size-len(head)-len(end)) + end
	go conn.Write([]byte(req)) // the server may answer before it has read it all
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		t.Fatalf("%d bytes: %v", size, err)
	}
	_, code, _ := strings.Cut(line, " ")
	return code[:3]
}

func TestListenURL(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:8080": "http://127.0.0.1:8080",
		"0.0.0.0:8080":   "http://localhost:8080",
		"[::]:8080":      "http://localhost:8080",
		"[::1]:9000":     "http://[::1]:9000",
		"10.0.0.5:80":    "http://10.0.0.5:80",
	} {
		tcp, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := listenURL(tcp); got != want {
			t.Errorf("listenURL(%s) = %q; want %q", addr, got, want)
		}
	}
}
