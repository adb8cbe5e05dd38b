# bench/lib.sh — what the load scripts share: messages, timing, starting and
# stopping processes, free ports, waiting for a server, wrk. Sourced, not run.
# A script sets BENCH (its name, for messages), and DURATION and WARMUP
# (seconds) before it calls wrk_bg.

say() { printf '%s\n' "$*"; }
die() { printf '%s: FATAL: %s\n' "${BENCH:-bench}" "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

alive() { # a child that exited is a zombie until waited for: not alive
	local st
	st=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
	[ -n "$st" ] && [ "$st" != Z ]
}

stop() { # stop PID NAME: TERM, up to 10 s, then KILL (and its children)
	local pid=$1 i
	[ -n "$pid" ] || return 0
	if alive "$pid"; then
		kill -TERM "$pid" 2>/dev/null || true
		for ((i = 0; i < 100; i++)); do alive "$pid" || break; sleep 0.1; done
		if alive "$pid"; then
			say "$2 (pid $pid) ignored TERM: killing it"
			pkill -KILL -P "$pid" 2>/dev/null || true
			kill -KILL "$pid" 2>/dev/null || true
		fi
	fi
	wait "$pid" 2>/dev/null || true
}

free_port() { # a loopback port nothing listens on, not in "$@"
	local p i
	for ((i = 0; i < 200; i++)); do
		p=$((20000 + RANDOM % 30000))
		case " $* " in *" $p "*) continue ;; esac
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	die "no free loopback port found"
}

wait_http() { # wait_http URL SECONDS PID: until URL answers 200
	local url=$1 limit=$2 pid=$3 i
	for ((i = 0; i < limit * 10; i++)); do
		alive "$pid" || return 1
		[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)" = 200 ] && return 0
		sleep 0.1
	done
	return 1
}

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
rss_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

WRK_PID=
wrk_bg() { # wrk_bg OUT [wrk|taskset ...] ARGS...: wrk in the background, so a signal stops the script at once
	local out=$1 rc=0 cmd=(wrk)
	shift
	if [ "$1" = taskset ]; then
		cmd=(taskset -c "$2" wrk)
		shift 2
	fi
	timeout $((${DURATION%.*} + WARMUP + 60)) "${cmd[@]}" "$@" >"$out" 2>&1 &
	WRK_PID=$!
	wait "$WRK_PID" || rc=$?
	WRK_PID=
	return "$rc"
}

to_ms() { # wrk prints 812.00us, 1.20ms, 1.01s, 1.00m
	awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
		printf "%.2f", n }'
}

wrk_field() { # wrk_field OUT rps|p50|p99|n: one figure of a wrk report
	case $2 in
	rps) awk '/^Requests\/sec:/ { print $2 }' "$1" ;;
	p50) awk '$1 == "50%" { print $2 }' "$1" ;;
	p99) awk '$1 == "99%" { print $2 }' "$1" ;;
	n) awk '/ requests in / { print $1 }' "$1" ;;
	esac
}

on_loopback() { # on_loopback URL: true for a postgres:// URL of 127.0.0.1 or localhost
	case "$1" in postgres://127.0.0.1* | postgres://*@127.0.0.1* | postgres://localhost* | postgres://*@localhost*) return 0 ;; esac
	return 1
}

drop_database() { # drop_database SERVER NAME: a database the script made, gone whoever is connected
	psql "$1/postgres?sslmode=disable" -qX -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" >/dev/null 2>&1 ||
		say "could not drop database $2"
}
