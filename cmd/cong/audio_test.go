package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"cong/internal/audio"
	"cong/internal/demo"
)

// serveDemo runs cong serve on a fresh demo portal with args added; stop
// shuts it down and returns its log.
func serveDemo(t *testing.T, args ...string) (base string, stop func() string) {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", addr, "--data", t.TempDir()}, args...), noenv, &out, &out)
	}()
	waitFor(t, "http://"+addr+"/")
	return "http://" + addr, func() string {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run after shutdown: %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("no shutdown within 20 s")
		}
		return out.String()
	}
}

func getBody(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

var seedPath = "/" + demo.SeedCategory + "/" + demo.SeedSlug

// TestServeWithoutEspeak: with espeak-ng missing, serve says so once at
// start, in Vietnamese and English, and the articles have no player.
func TestServeWithoutEspeak(t *testing.T) {
	base, stop := serveDemo(t, "--espeak", "/nonexistent/espeak-ng")
	_, page := getBody(t, base+seedPath)
	log := stop()
	if strings.Contains(page, "<audio") || !strings.Contains(page, "<h1") {
		t.Error("the article page without espeak-ng has a player (or is no article)")
	}
	if n := strings.Count(log, "no espeak-ng or lame: articles get no audio"); n != 1 || !strings.Contains(log, "/nonexistent/espeak-ng") ||
		!strings.Contains(log, "bài viết không có bản nghe đọc") {
		t.Errorf("the log says %d times that there is no audio, or not which program is missing:\n%s", n, log)
	}
}

// TestServeMakesAudio: serve reads the demo articles aloud in the
// background; the article's page gets its player and the audio is served.
func TestServeMakesAudio(t *testing.T) {
	if err := audio.New("espeak-ng", "lame").Available(); err != nil {
		if os.Getenv("CONG_REQUIRE_AUDIO") != "" {
			t.Fatalf("CONG_REQUIRE_AUDIO is set: %v", err)
		}
		t.Skip(err)
	}
	base, stop := serveDemo(t, "--log-level", "warn")
	defer stop()
	src := regexp.MustCompile(`<source src="(/nghe/[0-9]+-[0-9a-f]{16}\.mp3)" type="audio/mpeg">`)
	var m []string
	for deadline := time.Now().Add(60 * time.Second); m == nil && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		_, page := getBody(t, base+seedPath)
		m = src.FindStringSubmatch(page)
	}
	if m == nil {
		t.Fatal("no player on the article page within 60 s")
	}
	resp, body := getBody(t, base+m[1])
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "audio/mpeg" || len(body) < 1000 {
		t.Errorf("GET %s = %d %q, %d bytes", m[1], resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
}
