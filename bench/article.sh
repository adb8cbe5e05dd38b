#!/usr/bin/env bash
# bench/article.sh — the seed article page of cong (view counting on) against
# nginx serving the same page as a static file and a bare Go net/http server
# writing the same bytes from memory, in one interleaved run on loopback: wrk
# on cong, nginx, bare Go, cong again, first uncompressed, then with
# Accept-Encoding: gzip (nginx: gzip_static with the page's .gz beside it;
# the bare server: the same .gz bytes). See bench/README.md.
set -euo pipefail

ARTICLES=${ARTICLES:-100000}      # generated articles in the SQLite database
DURATION=${DURATION:-15}          # seconds per measured wrk run
CONNECTIONS=${CONNECTIONS:-64}    # wrk -c
THREADS=${THREADS:-2}             # wrk -t
WARMUP=${WARMUP:-3}               # seconds of warm-up per server
FLUSH_SECONDS=${FLUSH_SECONDS:-5} # cong --flush-interval, in seconds
NGINX_WORKERS=${NGINX_WORKERS:-auto} # nginx worker_processes: auto (one per core, as Debian ships it) or 1
DEMO_TIMEOUT=${DEMO_TIMEOUT:-900} # seconds allowed for `cong demo`
KEEP=${KEEP:-0}                   # 1: keep the temp dir (logs, wrk output)
STRICT=${STRICT:-0}               # 1: exit 1 when a target is missed

SEED_PATH=/chinh-tri/hoi-nghi-hoc-tap-quan-triet-trien-khai-thuc-hien-nghi-quyet-dai-hoi-dai-bieu-dang-bo-tinh-lan-thu-xiv-nhiem-ky-2020-2025
TARGET_RATIO=0.8
TARGET_RSS_MB=150

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

BENCH=bench
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

# cong reads CONG_* variables as flag defaults: keep the caller's out of it.
while read -r v; do unset "$v"; done < <(compgen -e | grep '^CONG_' || true)
command -v go >/dev/null 2>&1 || export PATH=/usr/local/go/bin:$PATH

# --- tools --------------------------------------------------------------------
want=()
command -v wrk >/dev/null 2>&1 || want+=(wrk)
command -v nginx >/dev/null 2>&1 || want+=(nginx-light)
command -v curl >/dev/null 2>&1 || want+=(curl)
if [ "${#want[@]}" -gt 0 ]; then
	[ "$(id -u)" = 0 ] || die "missing ${want[*]}: install them (apt-get install ${want[*]}) or run as root"
	say "installing ${want[*]}"
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${want[@]}"
fi
command -v go >/dev/null 2>&1 || die "go not found"

# --- processes and cleanup ----------------------------------------------------
DIR=$(mktemp -d "${TMPDIR:-/tmp}/cong-bench.XXXXXX")
CONG_PID=
NGINX_PID=
BARE_PID=

cleanup() {
	local rc=$?
	trap - EXIT
	stop "$WRK_PID" wrk
	stop "$NGINX_PID" nginx
	stop "$BARE_PID" bareserver
	stop "$CONG_PID" cong
	if [ "$KEEP" = 1 ]; then
		say "kept $DIR"
	elif [ "$rc" != 0 ]; then
		rm -rf "$DIR/data" "$DIR/cong" "$DIR/bareserver" "$DIR/www"
		say "kept the logs and wrk output in $DIR"
	else
		rm -rf "$DIR"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

views_of() { # the "Số lần xem: N" figure on the page at URL
	curl -fsS --max-time 10 "$1" | sed 's/<[^>]*>//g' | grep -o 'Số lần xem: *[0-9][0-9.,]*' | head -n1 | tr -cd '0-9' || true
}

# --- build and data -------------------------------------------------------------
say "== cong article page vs nginx static file =="
say "dir $DIR; articles $ARTICLES; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency; nginx worker_processes $NGINX_WORKERS"
say "$(nproc) cores; $(go version); $(nginx -v 2>&1); $(wrk -v 2>&1 | head -n1)"

t=$(now)
(cd "$ROOT" && go build -o "$DIR/cong" ./cmd/cong) || die "go build ./cmd/cong failed"
(cd "$ROOT" && go build -o "$DIR/bareserver" ./bench/bareserver) || die "go build ./bench/bareserver failed"
say "built cong in $(since "$t") s"

mkdir -p "$DIR/data" "$DIR/www" "$DIR/tmp"
chmod 0711 "$DIR" # nginx's workers (www-data when started as root) must reach www/
chmod 0755 "$DIR/www"
say "generating $ARTICLES articles on SQLite ..."
t=$(now)
timeout "$DEMO_TIMEOUT" "$DIR/cong" demo --articles "$ARTICLES" --data "$DIR/data" --db "$DIR/data/cong.db" \
	--log-level warn || die "cong demo failed or took more than $DEMO_TIMEOUT s"
DEMO_SECONDS=$(since "$t")
say "cong demo took $DEMO_SECONDS s (target < 60 s); data dir $(du -sh "$DIR/data" | cut -f1)"

# --- servers -----------------------------------------------------------------------
CONG_PORT=$(free_port)
NGINX_PORT=$(free_port "$CONG_PORT")
BARE_PORT=$(free_port "$CONG_PORT" "$NGINX_PORT")
CONG_URL=http://127.0.0.1:$CONG_PORT$SEED_PATH
NGINX_URL=http://127.0.0.1:$NGINX_PORT$SEED_PATH
BARE_URL=http://127.0.0.1:$BARE_PORT$SEED_PATH
PAGE=$DIR/www$SEED_PATH # where nginx's root finds it, no try_files

"$DIR/cong" serve --audio-workers 0 --addr "127.0.0.1:$CONG_PORT" --data "$DIR/data" --db "$DIR/data/cong.db" \
	--log-level warn --flush-interval "${FLUSH_SECONDS}s" >"$DIR/cong.log" 2>&1 &
CONG_PID=$!
wait_http "http://127.0.0.1:$CONG_PORT/healthz" 60 "$CONG_PID" || {
	tail -n 20 "$DIR/cong.log" >&2
	die "cong did not answer /healthz within 60 s"
}
say "cong serve pid $CONG_PID on 127.0.0.1:$CONG_PORT; VmRSS at start $(mb "$(rss_kb "$CONG_PID" VmRSS)") MB"

mkdir -p "$(dirname "$PAGE")"
chmod 0755 "$(dirname "$PAGE")"
code=$(curl -sS --max-time 10 -o "$PAGE" -w '%{http_code}' "$CONG_URL") || die "cannot fetch $CONG_URL"
[ "$code" = 200 ] || die "cong answered $code for the seed article"
grep -q 'Số lần xem' "$PAGE" || die "the seed page has no 'Số lần xem' figure"
VIEWS_BEFORE=$(views_of "$CONG_URL")
chmod 0644 "$PAGE"
say "seed page: $(wc -c <"$PAGE") bytes, saved for nginx and the bare Go server; views now $VIEWS_BEFORE"
# Its gzip form, as cong sends it (spliced from the cached parts), beside it:
# what nginx's gzip_static and the bare server send to the gzip runs.
curl -fsS --max-time 10 -H 'Accept-Encoding: gzip' -D "$DIR/gzip-headers.txt" -o "$PAGE.gz" "$CONG_URL" \
	|| die "cannot fetch the gzip page"
grep -qi '^content-encoding: gzip' "$DIR/gzip-headers.txt" || die "cong did not send the page in gzip"
gzip -t "$PAGE.gz" || die "cong's gzip page does not decompress"
chmod 0644 "$PAGE.gz"
say "its gzip form: $(wc -c <"$PAGE.gz") bytes ($(gzip -dc "$PAGE.gz" | wc -c) decompressed; gzip -9 of the saved page: $(gzip -9c "$PAGE" | wc -c))"

sed -e "s#@DIR@#$DIR#g" -e "s#@PORT@#$NGINX_PORT#g" -e "s#@WORKERS@#$NGINX_WORKERS#g" \
	"$HERE/nginx.conf.tmpl" >"$DIR/nginx.conf"
mkdir -p "$DIR/tmp/body" "$DIR/tmp/proxy" "$DIR/tmp/fastcgi" "$DIR/tmp/uwsgi" "$DIR/tmp/scgi"
nginx -t -q -p "$DIR" -e "$DIR/nginx-error.log" -c "$DIR/nginx.conf" || die "bad nginx config $DIR/nginx.conf"
nginx -p "$DIR" -e "$DIR/nginx-error.log" -c "$DIR/nginx.conf" &
NGINX_PID=$!
wait_http "$NGINX_URL" 20 "$NGINX_PID" || {
	tail -n 20 "$DIR/nginx-error.log" >&2
	die "nginx did not serve the page within 20 s"
}
curl -fsS --max-time 10 "$NGINX_URL" | cmp -s - "$PAGE" || die "nginx serves other bytes than the saved page"
curl -fsS --max-time 10 -H 'Accept-Encoding: gzip' "$NGINX_URL" | cmp -s - "$PAGE.gz" \
	|| die "nginx serves other gzip bytes than the saved .gz (gzip_static)"
say "nginx pid $NGINX_PID on 127.0.0.1:$NGINX_PORT serves the same bytes, plain and gzip"
"$DIR/bareserver" "$PAGE" "$PAGE.gz" "127.0.0.1:$BARE_PORT" 2>"$DIR/bareserver.log" &
BARE_PID=$!
wait_http "$BARE_URL" 20 "$BARE_PID" || die "the bare Go server did not answer within 20 s"
curl -fsS --max-time 10 "$BARE_URL" | cmp -s - "$PAGE" || die "the bare Go server serves other bytes than the saved page"
curl -fsS --max-time 10 -H 'Accept-Encoding: gzip' "$BARE_URL" | cmp -s - "$PAGE.gz" \
	|| die "the bare Go server serves other gzip bytes than the saved .gz"
say "bare Go net/http server pid $BARE_PID on 127.0.0.1:$BARE_PORT serves the same bytes from memory"

# --- load ----------------------------------------------------------------------------
say "warming up all three for ${WARMUP} s each ..."
wrk_bg "$DIR/warmup-cong.txt" -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$CONG_URL" || die "wrk warm-up failed"
wrk_bg "$DIR/warmup-nginx.txt" -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$NGINX_URL" || die "wrk warm-up failed"
wrk_bg "$DIR/warmup-bare.txt" -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$BARE_URL" || die "wrk warm-up failed"

NAMES=() RPS=() P50=() P99=() XFER=()
CONG_REQUESTS=0
GZIP=(-H 'Accept-Encoding: gzip')
run() { # run NAME URL PID [WRK ARGS...]
	local name=$1 url=$2 pid=$3 out=$DIR/wrk-$((${#NAMES[@]} + 1))-$1.txt rps p50 p99 n bad
	shift 3
	wrk_bg "$out" -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" "$url" \
		|| { cat "$out" >&2; die "wrk against $name failed"; }
	alive "$pid" || die "$name died during the run"
	rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
	p50=$(awk '$1 == "50%" { print $2 }' "$out")
	p99=$(awk '$1 == "99%" { print $2 }' "$out")
	n=$(awk '/ requests in / { print $1 }' "$out")
	[ -n "$rps" ] && [ -n "$p50" ] && [ -n "$p99" ] || { cat "$out" >&2; die "cannot read wrk's output"; }
	bad=$(grep -E 'Non-2xx|Socket errors' "$out" || true)
	[ -z "$bad" ] || say "  warning, $name: $bad"
	case $name in cong*) CONG_REQUESTS=$((CONG_REQUESTS + n)) ;; esac
	NAMES+=("$name") RPS+=("$rps") P50+=("$(to_ms "$p50")") P99+=("$(to_ms "$p99")")
	XFER+=("$(awk '/^Transfer\/sec:/ { print $2 }' "$out")")
	say "  $name: $rps req/s, p50 $p50, p99 $p99, $n requests"
}
say "measuring: cong, nginx, bare Go, cong (${DURATION} s each), uncompressed, then the same with gzip ..."
run cong "$CONG_URL" "$CONG_PID"
run nginx "$NGINX_URL" "$NGINX_PID"
run bare "$BARE_URL" "$BARE_PID"
run cong "$CONG_URL" "$CONG_PID"
run cong-gz "$CONG_URL" "$CONG_PID" "${GZIP[@]}"
run nginx-gz "$NGINX_URL" "$NGINX_PID" "${GZIP[@]}"
run bare-gz "$BARE_URL" "$BARE_PID" "${GZIP[@]}"
run cong-gz "$CONG_URL" "$CONG_PID" "${GZIP[@]}"

HWM_KB=$(rss_kb "$CONG_PID" VmHWM)
RSS_KB=$(rss_kb "$CONG_PID" VmRSS)

# --- views -----------------------------------------------------------------------------
sleep $((FLUSH_SECONDS + 2))
VIEWS_AFTER=$(views_of "$CONG_URL")

# --- report ------------------------------------------------------------------------------
say ""
printf '%-9s %12s %10s %10s %12s\n' server req/s p50_ms p99_ms transfer/s
for i in "${!NAMES[@]}"; do
	printf '%-9s %12s %10s %10s %12s\n' "${NAMES[$i]}" "${RPS[$i]}" "${P50[$i]}" "${P99[$i]}" "${XFER[$i]}"
done
ratios() { # ratios I: cong, nginx, bare Go, cong at RPS[I..I+3]
	awk -v a="${RPS[$1]}" -v n="${RPS[$1 + 1]}" -v g="${RPS[$1 + 2]}" -v b="${RPS[$1 + 3]}" \
		'BEGIN { m = (a + b) / 2; best = a > b ? a : b
		printf "%.2f %.2f %.3f %.3f %.3f %.3f\n", m, best, m / n, best / n, m / g, g / n }'
}
read -r CONG_MEAN CONG_BEST RATIO RATIO_BEST BARE_RATIO BARE_NGINX < <(ratios 0)
read -r GZ_MEAN GZ_BEST GZ_RATIO GZ_RATIO_BEST GZ_BARE_RATIO GZ_BARE_NGINX < <(ratios 4)
say ""
say "uncompressed: cong/nginx req/s: $RATIO (mean of the two cong runs, $CONG_MEAN req/s); best cong run: $RATIO_BEST"
say "              cong/bare Go req/s: $BARE_RATIO; bare Go/nginx: $BARE_NGINX"
say "gzip:         cong/nginx req/s: $GZ_RATIO (mean of the two cong runs, $GZ_MEAN req/s); best cong run: $GZ_RATIO_BEST"
say "              cong/bare Go req/s: $GZ_BARE_RATIO; bare Go/nginx: $GZ_BARE_NGINX"
say "cong memory after the runs: peak VmHWM $(mb "$HWM_KB") MB, current VmRSS $(mb "$RSS_KB") MB"
say "cong demo --articles $ARTICLES: $DEMO_SECONDS s"
if [ -n "$VIEWS_BEFORE" ] && [ -n "$VIEWS_AFTER" ] && [ "$VIEWS_AFTER" -gt "$VIEWS_BEFORE" ]; then
	say "views of the seed article: $VIEWS_BEFORE before, $VIEWS_AFTER after (+$((VIEWS_AFTER - VIEWS_BEFORE)); cong served $CONG_REQUESTS measured requests plus warm-up): counting was on"
	VIEWS_OK=1
else
	say "views of the seed article: '$VIEWS_BEFORE' before, '$VIEWS_AFTER' after: DID NOT GROW"
	VIEWS_OK=0
fi

ok() { if [ "$1" = 1 ]; then echo yes; else echo NO; fi; }
RATIO_OK=$(awk -v r="$RATIO" -v s="$GZ_RATIO" -v t="$TARGET_RATIO" 'BEGIN { print (r >= t && s >= t) ? 1 : 0 }')
RSS_OK=$(awk -v k="$HWM_KB" -v t="$TARGET_RSS_MB" 'BEGIN { print (k / 1024 < t) ? 1 : 0 }')
say "target cong/nginx >= $TARGET_RATIO (mean), uncompressed and gzip: $(ok "$RATIO_OK")"
say "target cong peak RSS < $TARGET_RSS_MB MB: $(ok "$RSS_OK")"
say "views counted: $(ok "$VIEWS_OK")"
if [ "$STRICT" = 1 ] && [ "$RATIO_OK$RSS_OK$VIEWS_OK" != 111 ]; then
	exit 1
fi
