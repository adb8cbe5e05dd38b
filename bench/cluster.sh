#!/usr/bin/env bash
# bench/cluster.sh — requests per second of cong per instance and per core,
# and through nginx in front of several instances sharing one PostgreSQL
# database: the figures docs/SCALING.md starts from. See bench/README.md.
#
# Runs, one after the other on loopback, each with Accept-Encoding: gzip as
# browsers send it, on the seed article page (view counting on):
#   one-core  one instance with GOMAXPROCS=1 pinned to core 0, wrk pinned to
#             core 1: what one core of cong serves;
#   direct    one instance, all cores, wrk on the same cores;
#   balanced  nginx (an upstream of INSTANCES instances, keep-alive) in front.
# Then it stops the instances (SIGTERM: the last counts are written) and
# checks that the stored views grew by exactly the requests served.
set -euo pipefail

INSTANCES=${INSTANCES:-3}         # instances behind nginx
ARTICLES=${ARTICLES:-2000}        # generated articles, besides the demo content
DURATION=${DURATION:-10}          # seconds per measured wrk run
CONNECTIONS=${CONNECTIONS:-64}    # wrk -c
WARMUP=${WARMUP:-2}               # seconds of warm-up before each run
PG=${PG:-postgres://postgres@127.0.0.1:5432} # server (trust auth, loopback)
KEEP=${KEEP:-0}                   # 1: keep the temp dir and the database

SEED_PATH=/chinh-tri/hoi-nghi-hoc-tap-quan-triet-trien-khai-thuc-hien-nghi-quyet-dai-hoi-dai-bieu-dang-bo-tinh-lan-thu-xiv-nhiem-ky-2020-2025

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BENCH="cluster bench"
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

while read -r v; do unset "$v"; done < <(compgen -e | grep '^CONG_' || true)
command -v go >/dev/null 2>&1 || export PATH=/usr/local/go/bin:$PATH
for tool in go wrk nginx curl psql taskset; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool not found (apt-get install wrk nginx-light curl postgresql-client util-linux)"
done
on_loopback "$PG" || die "PG must be a loopback server (127.0.0.1 or localhost)"
[ "$(nproc)" -ge 2 ] || die "the one-core run needs two cores (cong on one, wrk on the other)"

DIR=$(mktemp -d "${TMPDIR:-/tmp}/cong-cluster.XXXXXX")
PGDB=cong_cluster_$$_$RANDOM
DSN="$PG/$PGDB?sslmode=disable"
PG_CREATED=0
PIDS=()
NGINX_PID=

cleanup() {
	local rc=$? pid
	trap - EXIT
	stop "$WRK_PID" wrk
	stop "$NGINX_PID" nginx
	for pid in "${PIDS[@]}"; do stop "$pid" cong; done
	if [ "$PG_CREATED" = 1 ] && [ "$KEEP" != 1 ]; then
		drop_database "$PG" "$PGDB"
	fi
	if [ "$KEEP" = 1 ]; then
		say "kept $DIR and database $PGDB"
	elif [ "$rc" != 0 ]; then
		rm -rf "$DIR/cong" "$DIR"/data*
		say "kept the logs in $DIR"
	else
		rm -rf "$DIR"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "== cong per instance, per core, and behind nginx =="
say "dir $DIR; $INSTANCES instances; articles $ARTICLES; wrk -c$CONNECTIONS -d${DURATION}s; load now: $(cut -d' ' -f1-3 /proc/loadavg)"
say "$(nproc) cores; $(go version); $(nginx -v 2>&1); $(psql -V)"

(cd "$ROOT" && go build -o "$DIR/cong" ./cmd/cong) || die "go build ./cmd/cong failed"
psql "$PG/postgres?sslmode=disable" -qX -c "CREATE DATABASE $PGDB" >/dev/null || die "cannot create database $PGDB on $PG"
PG_CREATED=1
t=$(now)
"$DIR/cong" demo --articles "$ARTICLES" --data "$DIR/data0" --db "$DSN" --log-level warn || die "cong demo failed"
say "demo content and $ARTICLES articles in PostgreSQL in $(since "$t") s"

# serve NAME PORT [ENV...] [-- PREFIX...]: start an instance, record its pid.
serve() {
	local name=$1 port=$2 envs=() prefix=()
	shift 2
	while [ "$#" -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
	[ "$#" -gt 0 ] && shift && prefix=("$@")
	mkdir -p "$DIR/data-$name"
	env "${envs[@]}" "${prefix[@]}" "$DIR/cong" serve --audio-workers 0 --addr "127.0.0.1:$port" --data "$DIR/data-$name" --db "$DSN" \
		--audit-key-file "$DIR/data0/audit.key" --demo=false --log-level warn >"$DIR/cong-$name.log" 2>&1 &
	PIDS+=($!)
	wait_http "http://127.0.0.1:$port/healthz" 60 "$!" || { tail -n 20 "$DIR/cong-$name.log" >&2; die "instance $name did not start"; }
}

PORTS=()
for ((i = 1; i <= INSTANCES; i++)); do
	PORTS+=("$(free_port "${PORTS[@]}")")
	serve "$i" "${PORTS[-1]}"
done
ONE_PORT=$(free_port "${PORTS[@]}")
serve one "$ONE_PORT" GOMAXPROCS=1 -- taskset -c 0
NGINX_PORT=$(free_port "${PORTS[@]}" "$ONE_PORT")

mkdir -p "$DIR/tmp"
{
	echo "worker_processes auto; daemon off; pid $DIR/nginx.pid; error_log $DIR/nginx-error.log warn;"
	[ "$(id -u)" = 0 ] && echo "user root;"
	echo "events { worker_connections 4096; }"
	echo "http { access_log off; tcp_nopush off; tcp_nodelay on; keepalive_requests 100000;"
	echo "  client_body_temp_path $DIR/tmp/body; proxy_temp_path $DIR/tmp/proxy; fastcgi_temp_path $DIR/tmp/fastcgi;"
	echo "  uwsgi_temp_path $DIR/tmp/uwsgi; scgi_temp_path $DIR/tmp/scgi;"
	echo "  upstream cong {"
	for p in "${PORTS[@]}"; do echo "    server 127.0.0.1:$p max_fails=1 fail_timeout=10s;"; done
	echo "    keepalive 64; }"
	echo "  server { listen 127.0.0.1:$NGINX_PORT;"
	echo "    location / { proxy_pass http://cong; proxy_http_version 1.1; proxy_set_header Connection \"\";"
	echo "      proxy_set_header Host \$http_host; proxy_set_header X-Forwarded-For \$remote_addr; } } }"
} >"$DIR/nginx.conf"
nginx -t -q -p "$DIR" -e "$DIR/nginx-error.log" -c "$DIR/nginx.conf" || die "bad nginx config $DIR/nginx.conf"
nginx -p "$DIR" -e "$DIR/nginx-error.log" -c "$DIR/nginx.conf" &
NGINX_PID=$!
wait_http "http://127.0.0.1:$NGINX_PORT$SEED_PATH" 20 "$NGINX_PID" || die "nginx did not serve the page"

views() {
	psql "$DSN" -AtqX -c "SELECT sum(view_count) FROM articles"
}
BEFORE=$(views)
SERVED=0
NAMES=() RPS=() P50=() P99=()
run() { # run NAME URL WRKARGS...
	local name=$1 url=$2 out=$DIR/wrk-$1.txt n
	shift 2
	wrk_bg "$DIR/warmup-$name.txt" "$@" -c"$CONNECTIONS" -d"${WARMUP}s" -H 'Accept-Encoding: gzip' "$url" || die "wrk warm-up failed"
	SERVED=$((SERVED + $(wrk_field "$DIR/warmup-$name.txt" n)))
	wrk_bg "$out" "$@" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H 'Accept-Encoding: gzip' "$url" ||
		{ cat "$out" >&2; die "wrk against $name failed"; }
	! grep -E 'Non-2xx|Socket errors' "$out" || die "$name: errors during the run"
	n=$(wrk_field "$out" n)
	SERVED=$((SERVED + n))
	NAMES+=("$name") RPS+=("$(wrk_field "$out" rps)") P50+=("$(to_ms "$(wrk_field "$out" p50)")")
	P99+=("$(to_ms "$(wrk_field "$out" p99)")")
	say "  $name: ${RPS[-1]} req/s, p50 ${P50[-1]} ms, p99 ${P99[-1]} ms, $n requests"
}
say "measuring (${DURATION} s each, ${WARMUP} s warm-up) ..."
run one-core "http://127.0.0.1:$ONE_PORT$SEED_PATH" taskset 1 -t1
run direct "http://127.0.0.1:${PORTS[0]}$SEED_PATH" -t2
run balanced "http://127.0.0.1:$NGINX_PORT$SEED_PATH" -t2

stop "$NGINX_PID" nginx
NGINX_PID=
for pid in "${PIDS[@]}"; do stop "$pid" cong; done
PIDS=()
AFTER=$(views)

say ""
printf '%-9s %10s %8s %8s\n' run req/s p50_ms p99_ms
for i in "${!NAMES[@]}"; do
	printf '%-9s %10s %8s %8s\n' "${NAMES[$i]}" "${RPS[$i]}" "${P50[$i]}" "${P99[$i]}"
done
say ""
say "one core of cong (GOMAXPROCS=1, wrk on the other core): ${RPS[0]} req/s"
say "nginx in front of $INSTANCES instances, all on these $(nproc) cores: ${RPS[2]} req/s ($(awk -v a="${RPS[2]}" -v n="$INSTANCES" 'BEGIN { printf "%.0f", a / n }') per instance)"
# wrk counts the answers it read before its time was up; those in flight
# then (at most one per connection) were served and counted all the same.
GREW=$((AFTER - BEFORE))
INFLIGHT=$((2 * ${#NAMES[@]} * CONNECTIONS + 1)) # warm-ups too, and wait_http's own read
if [ "$GREW" -ge "$SERVED" ] && [ "$GREW" -le $((SERVED + INFLIGHT)) ]; then
	say "views stored: +$GREW for $SERVED answers wrk read, plus at most $INFLIGHT in flight when it stopped: every view counted"
else
	say "views stored: +$GREW for $SERVED answers wrk read (at most $INFLIGHT more in flight): VIEWS LOST OR DOUBLED"
	exit 1
fi
say "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
