package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"cong/internal/counter"
	"cong/internal/demo"
	"cong/internal/portal"
	"cong/internal/storetest"
	"cong/internal/web"
)

// replicaSeen records whether the site's reads were marked for a replica.
type replicaSeen struct {
	portal.CategoryService
	mu     sync.Mutex
	marked []bool
}

func (s *replicaSeen) Categories(ctx context.Context) ([]portal.Category, error) {
	s.mu.Lock()
	s.marked = append(s.marked, portal.PrefersReplica(ctx))
	s.mu.Unlock()
	return s.CategoryService.Categories(ctx)
}

// TestReadsMarkedForReplica checks which requests may read a replica:
// readers' pages, not staff's, and not a citizen's own question.
func TestReadsMarkedForReplica(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	media := t.TempDir()
	if _, err := demo.Seed(ctx, db, media, time.Now()); err != nil {
		t.Fatal(err)
	}
	seen := &replicaSeen{CategoryService: db}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c := counter.New(db, 30*time.Minute, 20*time.Minute, log)
	site := func(replicas bool) *web.Handler {
		h, err := web.New(web.Config{MediaDir: media, CacheTTL: time.Minute, CacheBytes: 8 << 20, VisitorTTL: 30 * time.Minute,
			BaseURL: origin, Member: func(r *http.Request) (int64, bool) { return 1, r.Header.Get("X-Staff") != "" },
			Replicas: replicas},
			web.Services{Categories: seen, Articles: db, Side: db, Schedule: db, Questions: db, Ready: db.Ping}, c, log)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	withReplicas, without := site(true), site(false)
	for _, tc := range []struct {
		name, path string
		staff      bool
		h          *web.Handler
		want       bool
	}{
		{"reader's page", "/", false, withReplicas, true},
		{"reader's feed", "/rss", false, withReplicas, true},
		{"staff reading the site", "/", true, withReplicas, false},
		{"a question looked up by its code", "/hoi-dap/tra-cuu?ma=ABCDE12345", false, withReplicas, false},
		{"reader's page, no replicas configured", "/", false, without, false},
	} {
		h := tc.h
		h.ClearCache() // the site's snapshot is loaded again, through seen
		seen.mu.Lock()
		seen.marked = nil
		seen.mu.Unlock()
		r := httptest.NewRequest("GET", tc.path, nil)
		r.Header.Set("User-Agent", browserUA)
		if tc.staff {
			r.Header.Set("X-Staff", "1")
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		seen.mu.Lock()
		marked := seen.marked
		seen.mu.Unlock()
		if len(marked) == 0 {
			t.Errorf("%s: GET %s = %d read no categories", tc.name, tc.path, w.Code)
			continue
		}
		if marked[0] != tc.want {
			t.Errorf("%s: GET %s read with PrefersReplica = %t; want %t", tc.name, tc.path, marked[0], tc.want)
		}
	}
}
