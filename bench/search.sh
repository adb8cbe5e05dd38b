#!/usr/bin/env bash
# bench/search.sh — store.Search on the same generated articles in SQLite and
# PostgreSQL: build times, index sizes, and p50/p95/p99 of the same queries
# drawn from the articles' own words. See bench/README.md.
set -euo pipefail

ARTICLES=${ARTICLES:-1000000}   # generated articles, the same on both engines
QUERIES=${QUERIES:-1000}        # measured queries (the same on both engines)
WARMUP=${WARMUP:-100}           # queries run first on each engine, not measured
SEED=${SEED:-1}                 # cong demo --seed, and the draw of the queries
PG=${PG:-postgres://postgres@127.0.0.1:5432} # server (trust auth); 'none' skips PostgreSQL
ENGINES=${ENGINES:-both}        # both, sqlite or postgres
PARALLEL=${PARALLEL:-0}         # 1: generate both databases at once (build times then share the cores)
DEMO_TIMEOUT=${DEMO_TIMEOUT:-3600} # seconds allowed for each `cong demo`
BENCH_TIMEOUT=${BENCH_TIMEOUT:-1800} # seconds allowed for the queries
KEEP=${KEEP:-0}                 # 1: keep the temp dir and the PostgreSQL database
STRICT=${STRICT:-0}             # 1: exit 1 when p95 is over the target
TARGET_P95_MS=50

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

say() { printf '%s\n' "$*"; }
die() { printf 'search bench: FATAL: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# cong reads CONG_* variables as flag defaults: keep the caller's out of it.
while read -r v; do unset "$v"; done < <(compgen -e | grep '^CONG_' || true)
command -v go >/dev/null 2>&1 || export PATH=/usr/local/go/bin:$PATH
command -v go >/dev/null 2>&1 || die "go not found"
case "$ENGINES" in both | sqlite | postgres) ;; *) die "ENGINES must be both, sqlite or postgres" ;; esac
[ "$PG" = none ] && ENGINES=sqlite
case "$PG" in none | postgres://127.0.0.1* | postgres://*@127.0.0.1* | postgres://localhost* | postgres://*@localhost*) ;;
*) die "PG must be a loopback server (127.0.0.1 or localhost)" ;; esac
if [ "$ENGINES" != sqlite ]; then
	command -v psql >/dev/null 2>&1 || die "psql not found (apt-get install postgresql-client)"
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/cong-search.XXXXXX")
PGDB=cong_search_$$_$RANDOM
PGDSN="$PG/$PGDB?sslmode=disable"
PG_CREATED=0
PIDS=()

stop() { # TERM a child and its children, then wait for it
	local pid=$1
	kill -TERM "$pid" 2>/dev/null || true
	pkill -TERM -P "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

cleanup() {
	local rc=$? pid
	trap - EXIT
	for pid in "${PIDS[@]}"; do stop "$pid"; done
	if [ "$PG_CREATED" = 1 ] && [ "$KEEP" != 1 ]; then
		psql "$PG/postgres?sslmode=disable" -qX -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" >/dev/null 2>&1 ||
			say "could not drop database $PGDB"
	fi
	if [ "$KEEP" = 1 ]; then
		say "kept $DIR${PG_CREATED:+ and database $PGDB}"
	elif [ "$rc" != 0 ]; then
		rm -rf "$DIR/sqlite" "$DIR/pg" "$DIR/cong" "$DIR/searchbench"
		say "kept the logs in $DIR"
	else
		rm -rf "$DIR"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "== store.Search on SQLite and PostgreSQL =="
say "dir $DIR; articles $ARTICLES; queries $QUERIES (+$WARMUP warm-up); seed $SEED; engines $ENGINES"
say "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(go version)"

t=$(now)
(cd "$ROOT" && go build -o "$DIR/cong" ./cmd/cong && go build -o "$DIR/searchbench" ./bench/searchbench) ||
	die "go build failed"
say "built cong and searchbench in $(since "$t") s"

if [ "$ENGINES" != sqlite ]; then
	psql "$PG/postgres?sslmode=disable" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $PGDB" >/dev/null ||
		die "cannot create database $PGDB on $PG"
	PG_CREATED=1
	say "$(psql "$PGDSN" -qXAt -c 'SELECT version()' | cut -d, -f1)"
fi

demo() { # demo NAME DBARG: cong demo into DIR/NAME, timing it into DIR/NAME.time
	local name=$1 db=$2 t
	t=$(now)
	timeout "$DEMO_TIMEOUT" "$DIR/cong" demo --seed "$SEED" --articles "$ARTICLES" --data "$DIR/$name" --db "$db" \
		--log-level warn >"$DIR/$name.log" 2>&1 || { cat "$DIR/$name.log" >&2; return 1; }
	since "$t" >"$DIR/$name.time"
}

SQLITE_DB=$DIR/sqlite/cong.db
run_demos() {
	local pid rc=0 names=()
	[ "$ENGINES" != postgres ] && names+=(sqlite)
	[ "$ENGINES" != sqlite ] && names+=(pg)
	for name in "${names[@]}"; do
		local db=$SQLITE_DB
		[ "$name" = pg ] && db=$PGDSN
		say "generating $ARTICLES articles on $name (cong demo --seed $SEED) ..."
		if [ "$PARALLEL" = 1 ]; then
			demo "$name" "$db" &
			PIDS+=($!)
		else
			demo "$name" "$db" || die "cong demo on $name failed or took more than $DEMO_TIMEOUT s"
			say "  $name: cong demo took $(cat "$DIR/$name.time") s ($(cat "$DIR/$name.log"))"
		fi
	done
	if [ "$PARALLEL" = 1 ]; then
		for pid in "${PIDS[@]}"; do wait "$pid" || rc=1; done
		PIDS=()
		[ "$rc" = 0 ] || die "cong demo failed or took more than $DEMO_TIMEOUT s"
		for name in "${names[@]}"; do
			say "  $name: cong demo took $(cat "$DIR/$name.time") s, both running at once ($(cat "$DIR/$name.log"))"
		done
	fi
}
run_demos
[ "$ENGINES" != postgres ] && say "SQLite data: $(du -sh "$DIR/sqlite" | cut -f1)"
if [ "$ENGINES" != sqlite ]; then
	# Fresh statistics, as autovacuum would give a database in use.
	t=$(now)
	psql "$PGDSN" -qX -c 'VACUUM ANALYZE articles' >/dev/null || die "VACUUM ANALYZE failed"
	say "PostgreSQL VACUUM ANALYZE articles: $(since "$t") s"
fi

args=(-queries "$QUERIES" -warmup "$WARMUP" -seed "$SEED" -queries-out "$DIR/queries.tsv")
[ "$ENGINES" != postgres ] && args+=(-sqlite "$SQLITE_DB")
[ "$ENGINES" != sqlite ] && args+=(-pg "$PGDSN")
say ""
timeout "$BENCH_TIMEOUT" "$DIR/searchbench" "${args[@]}" | tee "$DIR/searchbench.txt" &
PIDS+=($!)
wait "${PIDS[-1]}" || die "searchbench failed or took more than $BENCH_TIMEOUT s"
PIDS=()

say ""
fail=0
while read -r engine p95; do
	if awk -v p="$p95" -v t="$TARGET_P95_MS" 'BEGIN { exit !(p <= t) }'; then
		say "target p95 <= $TARGET_P95_MS ms on $engine: yes ($p95 ms)"
	else
		say "target p95 <= $TARGET_P95_MS ms on $engine: NO ($p95 ms)"
		fail=1
	fi
done < <(awk '$2 == "all" && ($1 == "sqlite" || $1 == "postgres") { print $1, $6 }' "$DIR/searchbench.txt")
if [ "$STRICT" = 1 ] && [ "$fail" = 1 ]; then
	exit 1
fi
