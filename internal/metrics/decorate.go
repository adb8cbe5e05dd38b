package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"cong/internal/admin"
	"cong/internal/portal"
)

// TimeSearch measures every search readers make through s.
func (m *Metrics) TimeSearch(s portal.SearchService) portal.SearchService {
	return timedSearch{s, m.search}
}

type timedSearch struct {
	portal.SearchService
	seconds prometheus.Observer
}

func (s timedSearch) Search(ctx context.Context, q portal.SearchQuery) (*portal.SearchResults, error) {
	start := time.Now()
	res, err := s.SearchService.Search(ctx, q)
	s.seconds.Observe(time.Since(start).Seconds())
	return res, err
}

// WatchLogins counts the failed logins the back office records in s, and
// the attempts s refuses for a lockout.
func (m *Metrics) WatchLogins(s admin.Store) admin.Store {
	return watchedLogins{s, m.failures, m.lockouts}
}

type watchedLogins struct {
	admin.Store
	failures, lockouts prometheus.Counter
}

func (s watchedLogins) CheckLoginLimits(ctx context.Context, who portal.Actor, now time.Time, limits ...portal.LoginLimit) error {
	err := s.Store.CheckLoginLimits(ctx, who, now, limits...)
	if portal.ErrorCode(err) == portal.ELIMIT {
		s.lockouts.Inc()
	}
	return err
}

func (s watchedLogins) RecordLoginFailure(ctx context.Context, who portal.Actor, action string, keys []string, at time.Time) error {
	err := s.Store.RecordLoginFailure(ctx, who, action, keys, at)
	if err == nil {
		s.failures.Inc()
	}
	return err
}
