#!/usr/bin/env bash
# bench/sharedcache.sh — requests/s of the seed article page served by nginx's
# proxy_cache (deploy/nginx/cong-cache.conf, cache hits) against the same page
# straight from cong, both with --shared-cache-ttl and Accept-Encoding: gzip, in
# one interleaved run on loopback: cong, nginx, cong, nginx. wrk and the servers
# share the machine's cores: compare the ratio, not the absolute numbers.
# Served from the cache, no view is counted by the request itself (the page's
# beacon counts it; wrk runs no script). See bench/README.md.
set -euo pipefail

DURATION=${DURATION:-10}          # seconds per measured wrk run
CONNECTIONS=${CONNECTIONS:-64}    # wrk -c
THREADS=${THREADS:-2}             # wrk -t
NGINX_WORKERS=${NGINX_WORKERS:-auto}

SEED_PATH=/chinh-tri/hoi-nghi-hoc-tap-quan-triet-trien-khai-thuc-hien-nghi-quyet-dai-hoi-dai-bieu-dang-bo-tinh-lan-thu-xiv-nhiem-ky-2020-2025
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

while read -r v; do unset "$v"; done < <(compgen -e | grep '^CONG_' || true)
command -v go >/dev/null 2>&1 || export PATH=/usr/local/go/bin:$PATH
for tool in wrk nginx curl go; do
	command -v "$tool" >/dev/null 2>&1 || { echo "bench: missing $tool (apt-get install wrk nginx-light curl)" >&2; exit 1; }
done

DIR=$(mktemp -d "${TMPDIR:-/tmp}/cong-sharedcache.XXXXXX")
CONG_PID= NGINX_PID=
cleanup() {
	[ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
	[ -n "$CONG_PID" ] && kill -TERM "$CONG_PID" 2>/dev/null && wait "$CONG_PID" 2>/dev/null || true
	rm -rf "$DIR"
}
trap cleanup EXIT

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
CONG=127.0.0.1:$(port) NGINX=127.0.0.1:$(port) PURGE=127.0.0.1:$(port) REFRESH=127.0.0.1:$(port)

(cd "$ROOT" && go build -o "$DIR/cong" ./cmd/cong)
"$DIR/cong" serve --audio-workers 0 --data "$DIR/data" --addr "$CONG" --base-url "http://$NGINX" --shared-cache-ttl 60s \
	--log-requests=false --trusted-proxies 127.0.0.1 >"$DIR/cong.log" 2>&1 &
CONG_PID=$!

mkdir -p "$DIR/nginx/tmp"
sed -e "s|listen 80;|listen $NGINX;|" -e "s|server 127.0.0.1:8080;|server $CONG;|" \
	-e "s|127.0.0.1:8081|$PURGE|" -e "s|127.0.0.1:8082|$REFRESH|" \
	-e "s|/var/cache/nginx/cong-shared|$DIR/nginx/cache|" -e "s|/var/log/nginx/|$DIR/nginx/|" \
	"$ROOT/deploy/nginx/cong-cache.conf" >"$DIR/nginx/site.conf"
USER_LINE=; [ "$(id -u)" = 0 ] && USER_LINE="user root;"
cat >"$DIR/nginx/nginx.conf" <<CONF
$USER_LINE
worker_processes $NGINX_WORKERS;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx/error.log warn;
events { worker_connections 1024; }
http {
	default_type application/octet-stream;
	access_log off;
	sendfile on;
	tcp_nopush off;
	client_body_temp_path $DIR/nginx/tmp/body;
	proxy_temp_path $DIR/nginx/tmp/proxy;
	fastcgi_temp_path $DIR/nginx/tmp/fastcgi;
	uwsgi_temp_path $DIR/nginx/tmp/uwsgi;
	scgi_temp_path $DIR/nginx/tmp/scgi;
	include $DIR/nginx/site.conf;
}
CONF
nginx -p "$DIR/nginx" -e "$DIR/nginx/error.log" -c "$DIR/nginx/nginx.conf" -g "daemon off;" &
NGINX_PID=$!

for i in $(seq 1 300); do
	[ "$(curl -s -o /dev/null -w '%{http_code}' "http://$NGINX$SEED_PATH" || true)" = 200 ] && break
	sleep 0.1
done
curl -s -o /dev/null -H 'Accept-Encoding: gzip' "http://$NGINX$SEED_PATH"
status=$(curl -s -o /dev/null -D - -H 'Accept-Encoding: gzip' "http://$NGINX$SEED_PATH" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache-status" {print $2}')
[ "$status" = HIT ] || { echo "bench: nginx does not serve the page from its cache (X-Cache-Status: $status)" >&2; exit 1; }

run() { # run NAME URL
	local rps
	rps=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -H 'Accept-Encoding: gzip' "$2" | awk '/Requests\/sec/ {print $2}')
	printf '%-26s %10s req/s\n' "$1" "$rps"
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s each, gzip"
for round in 1 2; do
	run "cong direct ($round)" "http://$CONG$SEED_PATH"
	run "nginx proxy_cache ($round)" "http://$NGINX$SEED_PATH"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
