package store_test

import (
	"fmt"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"cong/internal/portal"
	"cong/internal/storetest"
)

// TestReplicaLagUnderLoad measures, when CONG_REPLICA_LAG_FOR holds a
// duration, how far a streaming standby falls behind while writers publish
// and edit articles through the store as fast as they can: PostgreSQL's own
// replay_lag (pg_stat_replication) and the store's measure, sampled every
// 100 ms. bench/replica-lag.sh runs it; it is not a pass/fail test.
func TestReplicaLagUnderLoad(t *testing.T) {
	span, err := time.ParseDuration(os.Getenv("CONG_REPLICA_LAG_FOR"))
	if err != nil {
		t.Skip("set CONG_REPLICA_LAG_FOR=30s to measure replica lag under a write load")
	}
	writers := 4
	fmt.Sscan(os.Getenv("CONG_REPLICA_LAG_WRITERS"), &writers)
	g := newReplicaRig(t)
	db := g.store(t, time.Minute)
	cat := newCategory(t, db, "Thời sự", "thoi-su", 0)
	body := "<p>Nội dung bài viết dài vừa phải, như một tin thường ngày của cổng. </p>"
	for len(body) < 3000 {
		body += "<p>Đoạn văn tiếp theo của bài, đủ dài để có cỡ một bài tin thật trên cổng thông tin điện tử.</p>"
	}
	stop := time.Now().Add(span)
	var writes atomic.Int64
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := 0; time.Now().Before(stop); i++ {
				a := portal.Article{CategoryID: cat.ID, Title: fmt.Sprintf("Tin %d-%d", w, i), Body: body,
					Status: portal.StatusPublished, PublishedAt: time.Now().Add(-time.Minute)}
				if err := db.CreateArticle(ctx, storetest.Actor, &a); err != nil {
					t.Error(err)
					return
				}
				a.Title += " (sửa)"
				if err := db.UpdateArticle(ctx, storetest.Actor, &a); err != nil {
					t.Error(err)
					return
				}
				writes.Add(2)
			}
		})
	}
	var pgLag, ourLag []time.Duration
	for time.Now().Before(stop) {
		var ms float64
		if err := g.raw.QueryRow(`SELECT COALESCE(EXTRACT(EPOCH FROM replay_lag) * 1000, 0)
			FROM pg_stat_replication LIMIT 1`).Scan(&ms); err == nil {
			pgLag = append(pgLag, time.Duration(ms*float64(time.Millisecond)))
		}
		ourLag = append(ourLag, db.Replicas()[0].Lag)
		time.Sleep(100 * time.Millisecond)
	}
	wg.Wait()
	t.Logf("%d writers, %s: %d writes (%.0f/s, each a transaction with its audit entry and search index)",
		writers, span, writes.Load(), float64(writes.Load())/span.Seconds())
	t.Logf("replay_lag (pg_stat_replication): %s", quantiles(pgLag))
	t.Logf("the store's lag (checked each second): %s", quantiles(ourLag))
}

func quantiles(d []time.Duration) string {
	if len(d) == 0 {
		return "no samples"
	}
	slices.Sort(d)
	at := func(q float64) time.Duration { return d[int(q*float64(len(d)-1))].Round(100 * time.Microsecond) }
	return fmt.Sprintf("p50 %s, p95 %s, p99 %s, max %s (%d samples)", at(.5), at(.95), at(.99), d[len(d)-1].Round(100*time.Microsecond), len(d))
}
