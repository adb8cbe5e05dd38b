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

// TestPurge: each page is purged once, at its site's host, a failure is
// retried twice, a 404 is as good as a purge; the objects reach Pages with
// the site they changed on.
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
		page := r.Host + r.URL.Path
		tries[page]++
		switch r.URL.Path {
		case "/cache/tin-tuc/loi-mot-lan":
			if tries[page] == 1 {
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
		got = append(got, page)
	}))
	defer srv.Close()
	p := purge.New(srv.URL+"/cache/", slog.New(slog.NewTextHandler(io.Discard, nil)))
	p.Pages = func(_ context.Context, site int64, objects []string) []purge.Page {
		switch site {
		case 1:
			if !slices.Equal(objects, []string{"article:7", "article:8"}) {
				t.Errorf("site 1's objects %q; want [article:7 article:8]", objects)
			}
			return []purge.Page{{"tinh.example.vn", "/"}, {"tinh.example.vn", "/tin-tuc/loi-mot-lan"},
				{"tinh.example.vn", "/"}, {"tinh.example.vn", "/hong"}, {"tinh.example.vn", "/chua-giu"}}
		case 2:
			if !slices.Equal(objects, []string{"article:9"}) {
				t.Errorf("site 2's objects %q; want [article:9]", objects)
			}
			return []purge.Page{{"huyen.example.vn", "/"}}
		}
		t.Errorf("objects %q changed on site %d; want 1 or 2", objects, site)
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	p.Changed(1, []string{"article:8", "article:7"})
	p.Changed(2, []string{"article:9"})
	want := purge.Stats{Sent: 4, Failed: 1}
	for deadline := time.Now().Add(10 * time.Second); p.Stats() != want; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("stats %+v; want %+v", p.Stats(), want)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	slices.Sort(got)
	if want := []string{"huyen.example.vn/cache/", "tinh.example.vn/cache/", "tinh.example.vn/cache/tin-tuc/loi-mot-lan"}; !slices.Equal(got, want) {
		t.Errorf("purged %q; want %q: each site's home once, the article after one retry", got, want)
	}
	if tries["tinh.example.vn/cache/hong"] != 3 {
		t.Errorf("a failing purge was tried %d times; want 3", tries["tinh.example.vn/cache/hong"])
	}
}
