#!/usr/bin/env bash
# bench/search.sh — store.Search on the same generated articles in SQLite and
# PostgreSQL: build times, index sizes, and p50/p95/p99 of the same queries
# drawn from the articles' own words, each run once (the first pass), then
# again on a cold PostgreSQL and on a streaming replica. See bench/README.md.
set -euo pipefail

ARTICLES=${ARTICLES:-1000000}   # generated articles, the same on both engines
QUERIES=${QUERIES:-1000}        # measured queries (the same on both engines)
WARMUP=${WARMUP:-0}             # other queries run first on each engine, not measured
SEED=${SEED:-1}                 # cong demo --seed, and the draw of the queries
PG=${PG:-private}               # private: a server of the script's own; or postgres://… (trust auth); none
PG_PORT=${PG_PORT:-55432}       # the private server's port (the replica's is the next one)
PG_SHARED_BUFFERS=${PG_SHARED_BUFFERS:-1GB} # the private server's shared_buffers
DATA=${DATA:-}                  # keep the generated data here and reuse it on the next run
FRESH=${FRESH:-1}               # 1: restart the private server before the first pass, as after a reboot
PREWARM=${PREWARM:-1}           # 1: the private server runs autoprewarm (pg_prewarm), as docs/SCALING.md advises
COLD=${COLD:-1}                 # 1: restart the private server, drop the OS cache, run the queries again
REPLICA=${REPLICA:-0}           # 1: run the queries on a streaming standby of the private server too
ENGINES=${ENGINES:-both}        # both, sqlite or postgres
PARALLEL=${PARALLEL:-0}         # 1: generate both databases at once (build times then share the cores)
DEMO_TIMEOUT=${DEMO_TIMEOUT:-3600} # seconds allowed for each `cong demo`
BENCH_TIMEOUT=${BENCH_TIMEOUT:-1800} # seconds allowed for the queries
KEEP=${KEEP:-0}                 # 1: keep the temp dir and the PostgreSQL database
STRICT=${STRICT:-0}             # 1: exit 1 when p95 is over the target
TARGET_P95_MS=50

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

BENCH="search bench"
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
load() { cut -d' ' -f1-3 /proc/loadavg | sed 's/^/ /'; } # the machine is shared: every figure says its load

# cong reads CONG_* variables as flag defaults: keep the caller's out of it.
while read -r v; do unset "$v"; done < <(compgen -e | grep '^CONG_' || true)
command -v go >/dev/null 2>&1 || export PATH=/usr/local/go/bin:$PATH
command -v go >/dev/null 2>&1 || die "go not found"
case "$ENGINES" in both | sqlite | postgres) ;; *) die "ENGINES must be both, sqlite or postgres" ;; esac
[ "$PG" = none ] && ENGINES=sqlite
case "$PG" in private | none) ;; *) on_loopback "$PG" || die "PG must be a loopback server (127.0.0.1 or localhost)" ;; esac
if [ "$ENGINES" != sqlite ]; then
	command -v psql >/dev/null 2>&1 || die "psql not found (apt-get install postgresql-client)"
fi
PRIVATE=0
if [ "$ENGINES" != sqlite ] && [ "$PG" = private ]; then
	PRIVATE=1
	PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
	[ -x "$PGBIN/initdb" ] || PGBIN=$(dirname "$(command -v initdb 2>/dev/null || echo /x/initdb)")
	[ -x "$PGBIN/initdb" ] || die "initdb not found (apt-get install postgresql), or give PG=postgres://…"
	PG=postgres://postgres@127.0.0.1:$PG_PORT
fi
if [ "$REPLICA" = 1 ] && [ "$PRIVATE" != 1 ]; then
	die "REPLICA=1 needs the private server (PG=private)"
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/cong-search.XXXXXX")
PGDB=cong_search_$$_$RANDOM
if [ -n "$DATA" ]; then
	mkdir -p "$DATA"
	DATA=$(cd "$DATA" && pwd)
	PGDB=cong_search
fi
PGROOT=${DATA:-$DIR} # the private server's home: postgres (its data), postgres.log, its socket; postgres-replica
PGDSN="$PG/$PGDB?sslmode=disable"
PG_CREATED=0
PIDS=()
SERVERS=()

# as_postgres runs a PostgreSQL program as the postgres user when root:
# PostgreSQL refuses to run as root.
as_postgres() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# pg_start DIR PORT LOG: starts the server of data directory DIR.
pg_start() {
	local opts="-p $2 -k $PGROOT -c listen_addresses=127.0.0.1 -c shared_buffers=$PG_SHARED_BUFFERS"
	# autoprewarm writes down which blocks the buffers hold (at shutdown and
	# every 5 minutes) and reads them back after a start.
	[ "$PREWARM" = 1 ] && opts="$opts -c shared_preload_libraries=pg_prewarm"
	as_postgres "$PGBIN/pg_ctl" -D "$1" -l "$3" -w -t 120 -o "$opts" start >/dev/null ||
		{ tail -20 "$3" >&2; return 1; }
}

pg_stop() { as_postgres "$PGBIN/pg_ctl" -D "$1" -m fast -w -t 120 stop >/dev/null 2>&1; }

# private_server: initdb (once, when DATA holds none) and start on PG_PORT.
private_server() {
	[ "$(id -u)" = 0 ] && chown postgres "$PGROOT"
	if [ ! -f "$PGROOT/postgres/PG_VERSION" ]; then
		as_postgres "$PGBIN/initdb" -D "$PGROOT/postgres" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null ||
			die "initdb failed"
		# Built for a bench: writes need not survive a crash of the machine.
		cat >>"$PGROOT/postgres/postgresql.conf" <<-EOF
			fsync = off
			synchronous_commit = off
			full_page_writes = off
			max_wal_size = 8GB
			wal_level = replica
		EOF
	fi
	pg_start "$PGROOT/postgres" "$PG_PORT" "$PGROOT/postgres.log" || die "cannot start PostgreSQL in $PGROOT/postgres on port $PG_PORT"
	SERVERS+=("$PGROOT/postgres")
	say "private PostgreSQL on port $PG_PORT, data $PGROOT/postgres, shared_buffers $PG_SHARED_BUFFERS"
}

cleanup() {
	local rc=$? pid
	trap - EXIT
	for pid in "${PIDS[@]}"; do stop "$pid" "process $pid"; done
	if [ "$PG_CREATED" = 1 ] && [ "$KEEP" != 1 ] && [ -z "$DATA" ] && [ "$PRIVATE" != 1 ]; then
		drop_database "$PG" "$PGDB"
	fi
	for pid in "${SERVERS[@]}"; do pg_stop "$pid" || say "could not stop the server of $pid"; done
	rm -rf "$PGROOT/postgres-replica"
	if [ -n "$DATA" ]; then
		say "kept the data in $DATA"
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
say "commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo ?); $(date -u '+%Y-%m-%d %H:%M UTC'); load$(load)"

t=$(now)
(cd "$ROOT" && go build -o "$DIR/cong" ./cmd/cong && go build -o "$DIR/searchbench" ./bench/searchbench) ||
	die "go build failed"
say "built cong and searchbench in $(since "$t") s"

if [ "$ENGINES" != sqlite ]; then
	[ "$PRIVATE" = 1 ] && private_server
	if [ -z "$(psql "$PG/postgres?sslmode=disable" -qXAt -c "SELECT 1 FROM pg_database WHERE datname = '$PGDB'")" ]; then
		psql "$PG/postgres?sslmode=disable" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $PGDB" >/dev/null ||
			die "cannot create database $PGDB on $PG"
		PG_CREATED=1
	fi
	say "$(psql "$PGDSN" -qXAt -c 'SELECT version()' | cut -d, -f1)"
fi

# With DATA, a database built before (its NAME.done: articles and seed) is
# reused: a million articles take the better part of an hour to build.
GEN=${DATA:-$DIR}
demo() { # demo NAME DBARG: cong demo into GEN/NAME, timing it into DIR/NAME.time
	local name=$1 db=$2 t
	if [ -f "$GEN/$name.done" ] && [ "$(head -1 "$GEN/$name.done")" = "$ARTICLES $SEED" ]; then
		echo "reused $GEN/$name, built earlier: $(tail -1 "$GEN/$name.done")" >"$DIR/$name.log"
		echo 0 >"$DIR/$name.time"
		return
	fi
	[ -n "$DATA" ] && [ -e "$GEN/$name.done" ] && die "$GEN/$name holds other articles: remove it or choose another DATA"
	t=$(now)
	timeout "$DEMO_TIMEOUT" "$DIR/cong" demo --seed "$SEED" --articles "$ARTICLES" --data "$GEN/$name" --db "$db" \
		--log-level warn >"$DIR/$name.log" 2>&1 || { cat "$DIR/$name.log" >&2; return 1; }
	since "$t" >"$DIR/$name.time"
	printf '%s %s\n%s s on %s, load%s\n' "$ARTICLES" "$SEED" "$(cat "$DIR/$name.time")" "$(date -u +%F)" "$(load)" \
		>"$GEN/$name.done"
}

SQLITE_DB=$GEN/sqlite/cong.db
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
			say "  $name: cong demo took $(cat "$DIR/$name.time") s, load$(load) ($(cat "$DIR/$name.log"))"
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
[ "$ENGINES" != postgres ] && say "SQLite data: $(du -sh "$GEN/sqlite" | cut -f1)"
if [ "$ENGINES" != sqlite ]; then
	# Fresh statistics, as autovacuum would give a database in use (on
	# data reused, vacuumed when it was built, only ANALYZE).
	t=$(now)
	vacuum="VACUUM ANALYZE"
	[ "$(cat "$DIR/pg.time")" = 0 ] && vacuum=ANALYZE
	psql "$PGDSN" -qX -c "$vacuum articles, article_search" >/dev/null || die "$vacuum failed"
	say "PostgreSQL $vacuum articles, article_search: $(since "$t") s, load$(load)"
fi

args=(-queries "$QUERIES" -warmup "$WARMUP" -seed "$SEED" -queries-out "$DIR/queries.tsv")
[ "$ENGINES" != postgres ] && args+=(-sqlite "$SQLITE_DB")
[ "$ENGINES" != sqlite ] && args+=(-pg "$PGDSN")

if [ "$REPLICA" = 1 ] && [ "$ENGINES" != sqlite ]; then
	# A streaming standby of the private server, as pg_basebackup -R makes
	# one, on the next port; searchbench waits for nothing: the standby has
	# replayed everything when this goes on.
	t=$(now)
	rm -rf "$PGROOT/postgres-replica"
	as_postgres "$PGBIN/pg_basebackup" -d "$PG/postgres?sslmode=disable" -D "$PGROOT/postgres-replica" -R -X stream -c fast ||
		die "pg_basebackup failed"
	pg_start "$PGROOT/postgres-replica" $((PG_PORT + 1)) "$PGROOT/postgres-replica.log" || die "cannot start the replica"
	SERVERS+=("$PGROOT/postgres-replica")
	REPLICA_DSN="postgres://postgres@127.0.0.1:$((PG_PORT + 1))/$PGDB?sslmode=disable"
	lsn=$(psql "$PGDSN" -qXAt -c 'SELECT pg_current_wal_lsn()')
	for _ in $(seq 600); do
		caught=$(psql "$REPLICA_DSN" -qXAt -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'" 2>/dev/null || true)
		[ "$caught" = t ] && break
		sleep 0.5
	done
	[ "$caught" = t ] || die "the replica did not catch up in 5 minutes"
	say "replica: pg_basebackup -R and caught up in $(since "$t") s, port $((PG_PORT + 1)), load$(load)"
	args+=(-pg-replica "$REPLICA_DSN")
fi

if [ "$COLD" = 1 ] && [ "$PRIVATE" = 1 ] && [ "$ENGINES" != sqlite ]; then
	# Written to a file searchbench runs between the passes.
	cat >"$DIR/cold.sh" <<-EOF
		set -e
		$(declare -f as_postgres pg_start pg_stop)
		PGBIN='$PGBIN' PGROOT='$PGROOT' PG_SHARED_BUFFERS='$PG_SHARED_BUFFERS' PREWARM='$PREWARM'
		pg_stop '$PGROOT/postgres'
		sync
		if [ -w /proc/sys/vm/drop_caches ] && echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then
			echo "  PostgreSQL restarted and the OS page cache dropped (echo 3 > /proc/sys/vm/drop_caches)"
		else
			echo "  PostgreSQL restarted; dropping the OS page cache was refused here: restart only"
		fi
		pg_start '$PGROOT/postgres' '$PG_PORT' '$PGROOT/postgres.log'
		echo "  load\$(cut -d' ' -f1-3 /proc/loadavg | sed 's/^/ /')"
	EOF
	args+=(-cold-cmd "bash $DIR/cold.sh")
elif [ "$COLD" = 1 ] && [ "$ENGINES" != sqlite ]; then
	say "no cold pass: PG is a server this script does not run (PG=private runs one)"
fi
if [ "$FRESH" = 1 ] && [ "$PRIVATE" = 1 ] && [ "$ENGINES" != sqlite ]; then
	# The first pass on a server just started, as after a reboot or an
	# upgrade, not on one warm from building the data.
	pg_stop "$PGROOT/postgres" && pg_start "$PGROOT/postgres" "$PG_PORT" "$PGROOT/postgres.log" ||
		die "cannot restart PostgreSQL"
	prewarm=off
	[ "$PREWARM" = 1 ] && prewarm="on (pg_prewarm: the blocks its buffers held are read back in the background)"
	say "PostgreSQL restarted before the first pass; autoprewarm $prewarm"
fi
say ""
say "queries start; load$(load)"
timeout "$BENCH_TIMEOUT" "$DIR/searchbench" "${args[@]}" | tee "$DIR/searchbench.txt" &
PIDS+=($!)
wait "${PIDS[-1]}" || die "searchbench failed or took more than $BENCH_TIMEOUT s"
PIDS=()

say ""
fail=0
while read -r engine p95; do
	if awk -v p="$p95" -v t="$TARGET_P95_MS" 'BEGIN { exit !(p <= t) }'; then
		say "target p95 <= $TARGET_P95_MS ms on $engine, first pass: yes ($p95 ms)"
	else
		say "target p95 <= $TARGET_P95_MS ms on $engine, first pass: NO ($p95 ms)"
		fail=1
	fi
done < <(awk '$2 == "all" && ($1 == "sqlite" || $1 == "postgres" || $1 == "replica") { print $1, $6 }' "$DIR/searchbench.txt")
if [ "$PREWARM" = 1 ] && [ "$PRIVATE" = 1 ] && [ "$ENGINES" != sqlite ]; then
	grep -h "autoprewarm successfully prewarmed" "$PGROOT/postgres.log" | tail -2 | sed 's/^/  server log: /'
fi
say "queries done; load$(load)"
if [ "$STRICT" = 1 ] && [ "$fail" = 1 ]; then
	exit 1
fi
