#!/usr/bin/env bash
# Load test of `newsfacet serve` with wrk (bench/setup.sh installs it):
# index the bundled archive, start the server on loopback, run
# `wrk -t2 -c32 -d30s --latency` against /api/search rotating queries and
# selections (bench/serve_load.lua), and meanwhile check that facet counts
# answered under load equal `newsfacet search --json`.
# Usage: [NF=PATH/newsfacet] bash bench/serve_load.sh [DURATION]   (default 30s)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30s}
NF=${NF:-build/tools/newsfacet/newsfacet}   # NF=build-bench/... for an optimised build
command -v wrk >/dev/null || { echo "serve_load: wrk is missing (bash bench/setup.sh)"; exit 1; }
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
"$NF" index --db "$work/db" --quiet fixtures/articles >/dev/null
"$NF" serve --db "$work/db" --port 0 >"$work/serve.out" 2>"$work/serve.err" &
pid=$!
for _ in $(seq 50); do grep -q listening "$work/serve.out" && break; sleep 0.1; done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$work/serve.out")
base="http://127.0.0.1:$port"
echo "serve_load: $(head -1 "$work/serve.out")"

check() {   # facet counts of one selection under load == the CLI's
  local api cli
  api=$(curl -s "$base/api/search?q=openai&filter=claim:exclusivity-ended&top=0")
  cli=$("$NF" search --db "$work/db" --json --top 0 --filter claim:exclusivity-ended openai)
  /usr/bin/python3 -c 'import json,sys; a=json.loads(sys.argv[1]); c=json.loads(sys.argv[2]); sys.exit(0 if a["total"]==c["total"] and a["facets"]==c["facets"] else 1)' "$api" "$cli"
}
wrk -t2 -c32 -d"$DURATION" --latency -s bench/serve_load.lua "$base" >"$work/wrk.out" &
wrk_pid=$!
sleep 5
ok=0; bad=0
for _ in 1 2 3 4 5; do if check; then ok=$((ok+1)); else bad=$((bad+1)); fi; sleep 2; done
wait "$wrk_pid"
cat "$work/wrk.out"
echo "serve_load: facet counts under load equal the CLI's in $ok of $((ok+bad)) checks"
grep -q "non2xx=0 socket_errors=0" "$work/wrk.out" && [ "$bad" -eq 0 ]
