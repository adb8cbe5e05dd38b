#!/usr/bin/env bash
# Replica lag under a write load: a private PostgreSQL primary and a
# streaming standby (pg_basebackup -R) on loopback, writers publishing and
# editing articles through the store, lag sampled every 100 ms.
#   bash bench/replica-lag.sh              # 30 s, 4 writers
#   DURATION=60s WRITERS=8 bash bench/replica-lag.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CONG_REPLICA_LAG_FOR="${DURATION:-30s}" CONG_REPLICA_LAG_WRITERS="${WRITERS:-4}" \
	go test -count=1 -run TestReplicaLagUnderLoad -v -timeout 10m ./internal/store | grep -E 'writers|lag|ok|FAIL'
