package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Replica is how one read replica stands, as the store reports it.
type Replica struct {
	Name    string // its URL without the password
	Healthy bool
	Lag     time.Duration
}

// WatchReplicas serves each read replica's lag and whether it serves reads,
// labelled by its URL (without the password); replicas is store.DB.Replicas
// as this package's type.
func (m *Metrics) WatchReplicas(replicas func() []Replica) {
	m.reg.MustRegister(replicaCollector{replicas})
}

type replicaCollector struct{ replicas func() []Replica }

var (
	replicaLag = prometheus.NewDesc("cong_db_replica_lag_seconds",
		"How far the read replica is behind the primary, as of its last check (once a second).", []string{"replica"}, nil)
	replicaHealthy = prometheus.NewDesc("cong_db_replica_healthy",
		"1 when the read replica answers within the max lag and may serve readers' reads, 0 when it is left out.",
		[]string{"replica"}, nil)
)

func (c replicaCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- replicaLag
	ch <- replicaHealthy
}

func (c replicaCollector) Collect(ch chan<- prometheus.Metric) {
	for _, r := range c.replicas() {
		lag := r.Lag.Seconds()
		if r.Lag == time.Duration(1<<63-1) {
			lag = -1 // never level with the primary since start
		}
		healthy := 0.0
		if r.Healthy {
			healthy = 1
		}
		ch <- prometheus.MustNewConstMetric(replicaLag, prometheus.GaugeValue, lag, r.Name)
		ch <- prometheus.MustNewConstMetric(replicaHealthy, prometheus.GaugeValue, healthy, r.Name)
	}
}
