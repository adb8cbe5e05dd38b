package purge_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"cong/internal/purge"
)

func TestPurge(t *testing.T) {
	var mu sync.Mutex
	var got []string
	tries := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.Method != "PURGE" {
			t.Errorf("%s %s; want PURGE", r.Method, r.URL.Path)
		}
		tries[r.URL.Path]++
		switch r.URL.Path {
		case "/cache/tin-tuc/loi-mot-lan":
			if tries[r.URL.Path] == 1 {
				w.WriteHeader(http.StatusBadGateway) // fails once, then works
				return
			}
		case "/cache/hong":
			w.WriteHeader(http.StatusInternalServerError)
			return
		case "/cache/chua-giu":
			w.WriteHeader(http.StatusNotFound) // nothing kept: as good as purged
			return
		}
		got = append(got, r.URL.Path)
	}))
	defer srv.Close()
	p := purge.New(srv.URL+"/cache/", slog.New(slog.NewTextHandler(io.Discard, nil)))
	p.Paths = func(_ context.Context, objects []string) []string {
		if !slices.Equal(objects, []string{"article:7"}) {
			t.Errorf("objects %q; want [article:7]", objects)
		}
		return []string{"/", "/tin-tuc/loi-mot-lan", "/", "/hong", "/chua-giu"}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	p.Changed([]string{"article:7"})
	want := purge.Stats{Sent: 3, Failed: 1}
	for deadline := time.Now().Add(10 * time.Second); p.Stats() != want; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("stats %+v; want %+v", p.Stats(), want)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(got, []string{"/cache/", "/cache/tin-tuc/loi-mot-lan"}) {
		t.Errorf("purged %q; want / once and the article after one retry", got)
	}
	if tries["/cache/hong"] != 3 {
		t.Errorf("a failing purge was tried %d times; want 3", tries["/cache/hong"])
	}
}
