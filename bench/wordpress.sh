#!/usr/bin/env bash
# bench/wordpress.sh — cong import wordpress on a generated export into a
# fresh SQLite database: wall time, posts per second and peak RSS, then the
# same export again (everything unchanged). See bench/README.md.
set -euo pipefail

POSTS=${POSTS:-100000}          # generated posts (each with 0–3 comments)
BODY=${BODY:-3000}              # about how many bytes a post's body has
ATTACHMENTS=${ATTACHMENTS:-500} # pictures, listed after the posts that show them
SEED=${SEED:-1}
KEEP=${KEEP:-0}                 # 1: keep the temp dir (export, uploads, database, output)
STRICT=${STRICT:-0}             # 1: exit 1 when a target is missed
TARGET_SECONDS=${TARGET_SECONDS:-300} # for 100 000 posts
TARGET_RSS_MB=200

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

say() { printf '%s\n' "$*"; }
die() { printf 'wordpress bench: FATAL: %s\n' "$*" >&2; exit 1; }

# cong reads CONG_* variables as flag defaults: keep the caller's out of it.
while read -r v; do unset "$v"; done < <(compgen -e | grep '^CONG_' || true)
command -v go >/dev/null 2>&1 || export PATH=/usr/local/go/bin:$PATH
command -v go >/dev/null 2>&1 || die "go not found"
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install time): it reads the peak RSS"

DIR=$(mktemp -d "${TMPDIR:-/tmp}/cong-wordpress.XXXXXX")
cleanup() {
	local rc=$?
	trap - EXIT
	if [ "$KEEP" = 1 ]; then say "kept $DIR"; else rm -rf "$DIR"; fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "== cong import wordpress =="
say "dir $DIR; posts $POSTS, body ~$BODY bytes, $ATTACHMENTS pictures; seed $SEED"
say "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(go version); load $(cut -d' ' -f1-3 /proc/loadavg)"

(cd "$ROOT" && go build -o "$DIR/cong" ./cmd/cong && go build -o "$DIR/wxrgen" ./bench/wxrgen) || die "go build failed"
"$DIR/wxrgen" -posts "$POSTS" -body "$BODY" -attachments "$ATTACHMENTS" -seed "$SEED" -uploads "$DIR/uploads" >"$DIR/export.xml"
say "export: $(du -m "$DIR/export.xml" | cut -f1) MB"

# import RUN: runs the import, prints its summary line, seconds and peak RSS.
import() {
	local run=$1
	/usr/bin/time -v "$DIR/cong" import wordpress "$DIR/export.xml" --uploads "$DIR/uploads" --data "$DIR/data" \
		--log-level warn >"$DIR/out-$run.txt" 2>"$DIR/time-$run.txt" || {
		tail -30 "$DIR/out-$run.txt" "$DIR/time-$run.txt" >&2
		die "import $run failed"
	}
	SECONDS_TAKEN=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$DIR/time-$run.txt")
	CPU=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.0f", s }' "$DIR/time-$run.txt")
	RSS_MB=$(awk -F': ' '/Maximum resident/ { printf "%.0f", $2 / 1024 }' "$DIR/time-$run.txt")
	say "$run: $(grep -m1 'wordpress: imported' "$DIR/out-$run.txt")"
	say "$run: ${SECONDS_TAKEN} s wall, ${CPU} s CPU, $(awk -v n="$POSTS" -v s="$SECONDS_TAKEN" 'BEGIN { printf "%.0f", n / s }') posts/s, peak RSS ${RSS_MB} MB"
}

import first
FIRST=$SECONDS_TAKEN FIRST_RSS=$RSS_MB
awk '/^  kind /{ p = 1 } p && /^  /{ print } p && !/^  /{ exit }' "$DIR/out-first.txt"
import second
say "database: $(du -m "$DIR/data/cong.db" | cut -f1) MB; media: $(du -sm "$DIR/data/media" | cut -f1) MB"

missed=0
limit=$(awk -v t="$TARGET_SECONDS" -v n="$POSTS" 'BEGIN { printf "%.1f", t * n / 100000 }')
if awk -v a="$FIRST" -v b="$limit" 'BEGIN { exit !(a <= b) }'; then
	say "target: ${FIRST} s <= ${limit} s for $POSTS posts: ok"
else
	say "target: ${FIRST} s > ${limit} s for $POSTS posts: MISSED"; missed=1
fi
if [ "$FIRST_RSS" -lt "$TARGET_RSS_MB" ]; then
	say "target: peak RSS ${FIRST_RSS} MB < ${TARGET_RSS_MB} MB: ok"
else
	say "target: peak RSS ${FIRST_RSS} MB >= ${TARGET_RSS_MB} MB: MISSED"; missed=1
fi
[ "$STRICT" = 1 ] && [ "$missed" = 1 ] && exit 1
exit 0
