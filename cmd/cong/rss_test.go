package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// childArgs, when set in the environment, makes the test binary run the
// portal itself (arguments separated by unit separators) instead of the
// tests: TestLoginFloodMemory measures a real process this way, with no
// separate build.
const childArgs = "CONG_TEST_CHILD_ARGS"

func TestMain(m *testing.M) {
	if args := os.Getenv(childArgs); args != "" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := run(ctx, strings.Split(args, "\x1f"), noenv, os.Stdout, os.Stderr)
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, "cong:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// startChild runs the portal in a child process and returns it with its
// address, read from its "serving" log line.
func startChild(t *testing.T, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childArgs+"="+strings.Join(args, "\x1f"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if _, rest, ok := strings.Cut(sc.Text(), "msg=serving url=http://"); ok {
				addr <- strings.Fields(rest)[0]
			}
		}
		io.Copy(io.Discard, stderr)
		close(addr)
	}()
	select {
	case a, ok := <-addr:
		if !ok {
			t.Fatal("the portal stopped before serving")
		}
		return cmd, a
	case <-time.After(60 * time.Second):
		t.Fatal("the portal did not start within 60 s")
	}
	return nil, ""
}

// peakRSS reads the high-water mark of a process' resident memory, in bytes.
func peakRSS(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc status")
	return 0
}

// filler is a body of n bytes made on the fly: a form field's start, then
// the letter a. It holds nothing in memory.
type filler struct {
	prefix string
	n, off int64
}

func (f *filler) Read(p []byte) (int, error) {
	if f.off >= f.n {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), f.n-f.off)]
	for i := range p {
		if k := f.off + int64(i); k < int64(len(f.prefix)) {
			p[i] = f.prefix[k]
		} else {
			p[i] = 'a'
		}
	}
	f.off += int64(len(p))
	return len(p), nil
}

// TestLoginFloodMemory sends 20 bodies of 100 MB at once to the login form
// of a real cong process — URL-encoded and multipart, half declaring their
// length, half chunked — and checks that each gets 413 and the process' peak memory stays small.
func TestLoginFloodMemory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	if testing.Short() {
		t.Skip("starts a process and sends 2 GB")
	}
	dir := t.TempDir()
	cmd, addr := startChild(t, "serve", "--addr", "127.0.0.1:0", "--data", dir, "--demo=false", "--log-level", "info")
	url := "http://" + addr + "/quan-tri/dang-nhap"
	if resp, err := http.Get(url); err != nil {
		t.Fatal(err)
	} else {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	before := peakRSS(t, cmd.Process.Pid)

	const size = 100 << 20
	client := &http.Client{Timeout: 60 * time.Second}
	statuses := make([]string, 20)
	var wg sync.WaitGroup
	for i := range statuses {
		wg.Go(func() {
			body, kind := &filler{prefix: "username=x&password=", n: size}, "application/x-www-form-urlencoded"
			if i%4 >= 2 {
				body.prefix = "--x\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n"
				kind = "multipart/form-data; boundary=x"
			}
			req, err := http.NewRequest("POST", url, body)
			if err != nil {
				statuses[i] = err.Error()
				return
			}
			req.Header.Set("Content-Type", kind)
			if i%2 == 0 {
				req.ContentLength = size
			}
			resp, err := client.Do(req)
			if err != nil {
				statuses[i] = err.Error()
				return
			}
			io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
			resp.Body.Close()
			statuses[i] = strconv.Itoa(resp.StatusCode)
		})
	}
	wg.Wait()
	peak := peakRSS(t, cmd.Process.Pid)
	t.Logf("peak RSS: %d MB before the flood, %d MB after", before>>20, peak>>20)
	for i, s := range statuses {
		if s != "413" {
			t.Errorf("request %d (multipart: %v, declared length: %v): %s; want 413", i, i%4 >= 2, i%2 == 0, s)
		}
	}
	if peak > 150<<20 {
		t.Errorf("peak RSS %d MB; want under 150 MB", peak>>20)
	}
}
