package metrics

import (
	"database/sql"

	"github.com/prometheus/client_golang/prometheus"
)

// poolCollector reads sql.DBStats once per scrape.
type poolCollector struct{ stats func() sql.DBStats }

var (
	poolMax     = poolDesc("max_open_connections", "Most connections the pool may open.")
	poolOpen    = poolDesc("open_connections", "Connections open, in use or idle.")
	poolInUse   = poolDesc("in_use_connections", "Connections in use.")
	poolIdle    = poolDesc("idle_connections", "Idle connections.")
	poolWaits   = poolDesc("wait_count_total", "Times a query waited for a free connection.")
	poolWaited  = poolDesc("wait_duration_seconds_total", "Time spent waiting for a free connection.")
	poolClosed  = poolDesc("closed_max_idle_total", "Connections closed because the pool had enough idle ones.")
	poolExpired = poolDesc("closed_max_lifetime_total", "Connections closed for their age.")
)

func poolDesc(name, help string) *prometheus.Desc {
	return prometheus.NewDesc("cong_db_"+name, help, nil, nil)
}

func (c poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{poolMax, poolOpen, poolInUse, poolIdle, poolWaits, poolWaited, poolClosed, poolExpired} {
		ch <- d
	}
}

func (c poolCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.stats()
	gauge := func(d *prometheus.Desc, v float64) { ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v) }
	count := func(d *prometheus.Desc, v float64) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v)
	}
	gauge(poolMax, float64(s.MaxOpenConnections))
	gauge(poolOpen, float64(s.OpenConnections))
	gauge(poolInUse, float64(s.InUse))
	gauge(poolIdle, float64(s.Idle))
	count(poolWaits, float64(s.WaitCount))
	count(poolWaited, s.WaitDuration.Seconds())
	count(poolClosed, float64(s.MaxIdleClosed))
	count(poolExpired, float64(s.MaxLifetimeClosed))
}
