#!/usr/bin/env bash
# Instructions per request of `newsfacet serve`, under valgrind's callgrind:
# independent of the machine's load, so two builds can be compared on a busy
# machine where bench/serve_load.sh's wall-clock figures are noise.  Indexes
# the bundled archive, starts the server (one worker thread) under callgrind,
# sends one warm-up request, then ROUNDS (default 10) times the six requests
# of bench/serve_load.lua, one at a time, and prints the instructions per
# request and the profile file (read it with
# `callgrind_annotate --inclusive=yes FILE`).
# Usage: [NF=PATH/newsfacet] [ROUNDS=N] bash bench/serve_profile.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
NF=${NF:-build-bench/tools/newsfacet/newsfacet}
ROUNDS=${ROUNDS:-10}
work=${1:-$(mktemp -d)}
mkdir -p "$work"
command -v callgrind_control >/dev/null || { echo "serve_profile: valgrind is missing"; exit 1; }
[ -x "$NF" ] || { echo "serve_profile: no $NF (meson setup build-bench --buildtype=release -Dtests=false; ninja -C build-bench)"; exit 1; }
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
rm -rf "$work/db"
"$NF" index --db "$work/db" --quiet fixtures/articles >/dev/null
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$NF" serve --db "$work/db" --port 0 --threads 1 >"$work/serve.out" 2>"$work/serve.err" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 300); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.2; done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$work/serve.out")
[ -n "$port" ] || { echo "serve_profile: the server did not start"; cat "$work/serve.err"; exit 1; }
base="http://127.0.0.1:$port"
curl -s -o /dev/null "$base/api/search?q=microsoft"      # warm-up: first open, caches
callgrind_control -z "$pid" >/dev/null
paths=$(sed -n 's/^ *"\(\/api\/[^"]*\)",$/\1/p' bench/serve_load.lua)
n=0
for _ in $(seq "$ROUNDS"); do
  for p in $paths; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$base$p")
    [ "$code" = 200 ] || { echo "serve_profile: $p answered $code"; exit 1; }
    n=$((n + 1))
  done
done
callgrind_control -d "$pid" >/dev/null
kill -INT "$pid"; wait "$pid" 2>/dev/null || true
trap - EXIT
file=$(ls -t "$work"/callgrind.out.* | head -1)
total=$(callgrind_annotate "$file" 2>/dev/null | sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' | tr -d ,)
echo "serve_profile: $n requests, $((total / n)) instructions per request ($file)"
