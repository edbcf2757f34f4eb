#!/usr/bin/env bash
# The newsfacet benchmark (not a test; nothing of it runs in CI).
#
#   bash bench/run.sh [N_ARTICLES]        # default 100000
#
# Generates a synthetic archive of N articles (bench/gen_archive.py), then
# in one run:
#   indexing  newsfacet index (1 db), newsfacet index --shards 2 and stock
#             Xapian TermGenerator (bench/tg_index), ROUNDS times each in
#             alternating order: articles/s, MB/s, CPU, peak RSS, size;
#   analysis  newsfacet's analysis alone vs TermGenerator alone, in
#             process, records in memory first (CPU time, best of 3);
#   queries   a fixed faceted query mix (bench/queries.tsv) on newsfacet
#             (nf_search in process) and PostgreSQL 15 full-text search
#             loaded with the same text and facet values, counts checked
#             equal first; p50/p95/p99 latency.
# and prints one Markdown table with the targets.  Environment:
#   ROUNDS (indexing repetitions, default 3), QUERY_ROUNDS (default 5),
#   BENCH_DIR (scratch, default /tmp/newsfacet-bench), KEEP=1 (keep it).
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=$PWD
N=${1:-100000}
ROUNDS=${ROUNDS:-3}
QUERY_ROUNDS=${QUERY_ROUNDS:-5}
WORK=${BENCH_DIR:-/tmp/newsfacet-bench}
BUILD=$SRC/build-bench
SCHEMA=$WORK/schema   # a snapshot, taken below
PY=/usr/bin/python3
PGPORT=${PGPORT:-54329}
CONNINFO="host=127.0.0.1 port=$PGPORT user=postgres dbname=postgres"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres)

log() { echo "bench: $*" >&2; }
mkdir -p "$WORK"
RESULTS=$WORK/results.jsonl
: >"$RESULTS"
record() { echo "$1" >>"$RESULTS"; }

# ---- build (optimised, without the tests) ----------------------------------
bash bench/setup.sh >&2
if [ ! -f "$BUILD/build.ninja" ]; then
  meson setup "$BUILD" --buildtype=release -Dtests=false >/dev/null
fi
ninja -C "$BUILD" >/dev/null
NF=$BUILD/tools/newsfacet/newsfacet
[ -x "$NF" ] || { log "newsfacet is not built ($NF): is the indexer on main yet?"; exit 1; }
# Every step reads this copy of the schema: the index and the facet values
# given to PostgreSQL must come from the same rules even if schema/ changes
# (a git merge) while the benchmark runs.
rm -rf "$SCHEMA" && cp -r "$SRC/schema" "$SCHEMA"

# ---- the archive -------------------------------------------------------------
ARCHIVE=$WORK/archive-$N.jsonl
GEN_SUM=$(cat bench/gen_archive.py schema/gazetteers/*.yaml 2>/dev/null | sha1sum | cut -c1-12)
if [ ! -f "$ARCHIVE" ] || [ "$(cat "$ARCHIVE.sum" 2>/dev/null)" != "$GEN_SUM" ]; then
  log "generating $N articles"
  $PY bench/gen_archive.py "$N" "$ARCHIVE"
  echo "$GEN_SUM" >"$ARCHIVE.sum"
fi
TEXT_BYTES=$($PY -c '
import json,sys
print(sum(len(r["title"].encode())+len(r["text"].encode()) for r in map(json.loads, open(sys.argv[1]))))' "$ARCHIVE")
record "{\"kind\": \"archive\", \"articles\": $N, \"text_bytes\": $TEXT_BYTES, \"file_bytes\": $(stat -c %s "$ARCHIVE")}"

# ---- indexing ------------------------------------------------------------------
# run_index NAME DBDIR CMD...: one timed run; wall, user, sys, peak RSS, size.
run_index() {
  local name=$1 db=$2; shift 2
  rm -rf "$db"
  sync
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.out" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" ||
    { log "$name failed:"; tail -5 "$WORK/$name.err" >&2; exit 1; }
  read -r wall user sys rss <"$WORK/time.out"
  local size; size=$(du -sb "$db" | cut -f1)
  record "{\"kind\": \"index\", \"name\": \"$name\", \"wall\": $wall, \"cpu\": $(echo "$user + $sys" | bc), \"rss_kb\": $rss, \"bytes\": $size, \"load\": $(cut -d' ' -f1 /proc/loadavg)}"
  log "$name: ${wall}s wall, ${user}+${sys}s cpu, ${rss} kB peak, $size bytes"
}
for r in $(seq 1 "$ROUNDS"); do
  # rotate the order so that no side always runs first (warm page cache, load)
  order=(nf1 nf2 tg)
  for _ in $(seq 2 "$r"); do order=("${order[@]:1}" "${order[0]}"); done
  for side in "${order[@]}"; do
    case $side in
      nf1) run_index newsfacet "$WORK/db-nf1" "$NF" index --schema "$SCHEMA" --db "$WORK/db-nf1" --quiet "$ARCHIVE" ;;
      nf2) run_index newsfacet-shards2 "$WORK/db-nf2" "$NF" index --schema "$SCHEMA" --db "$WORK/db-nf2" --shards 2 --quiet "$ARCHIVE" ;;
      tg)  run_index termgenerator "$WORK/db-tg" "$BUILD/bench/tg_index" "$WORK/db-tg" "$ARCHIVE" ;;
    esac
  done
done

# ---- analysis alone ------------------------------------------------------------
for r in 1 2; do
  for side in nf tg; do
    if [ "$side" = nf ]; then
      out=$("$BUILD/bench/nf_analyse_bench" "$SCHEMA" "$ARCHIVE" 2)
    else
      out=$("$BUILD/bench/tg_analyse" "$ARCHIVE" 2)
    fi
    record "{\"kind\": \"analyse\", \"name\": \"$side\", \"result\": $out}"
    log "analyse $side: $out"
  done
done

# ---- queries: newsfacet vs PostgreSQL 15 --------------------------------------
log "analyze --json for the PostgreSQL peer's facet values"
"$NF" analyze --json --schema "$SCHEMA" "$ARCHIVE" >"$WORK/analyze.jsonl"
$PY bench/pg_load.py "$ARCHIVE" "$WORK/analyze.jsonl" "$SCHEMA" "$WORK/pg.csv"
PEERS=$SRC/../shared/peers
trap 'sh "$PEERS/pg_down.sh" >/dev/null 2>&1 || true; [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"/db-* "$WORK"/pg.csv' EXIT
sh "$PEERS/pg_up.sh" >&2
t0=$(date +%s.%N)
"${PSQL[@]}" -f bench/pg_schema.sql
"${PSQL[@]}" -c "\\copy docs (id, body, company, cloud, model, claim, stance, source, cites, money, percent, published) FROM '$WORK/pg.csv' WITH (FORMAT csv)"
"${PSQL[@]}" -f bench/pg_index.sql
pg_secs=$(echo "$(date +%s.%N) - $t0" | bc)
pg_bytes=$("${PSQL[@]}" -t -A -c "SELECT pg_total_relation_size('docs')")
record "{\"kind\": \"pg_load\", \"seconds\": $pg_secs, \"bytes\": $pg_bytes}"
log "postgres loaded in ${pg_secs}s, $pg_bytes bytes"

set +e
"$BUILD/bench/query_bench" "$WORK/db-nf1" "$SCHEMA" "$CONNINFO" bench/queries.tsv "$QUERY_ROUNDS" >"$WORK/query.out"
qrc=$?
set -e
grep -v '^{' "$WORK/query.out" >&2 || true
[ $qrc -eq 0 ] || [ $qrc -eq 3 ] || { log "query_bench failed ($qrc)"; exit 1; }
record "{\"kind\": \"query\", \"result\": $(grep '^{' "$WORK/query.out")}"
grep -v '^{' "$WORK/query.out" >"$WORK/disagreements.txt" || true

# ---- the table -------------------------------------------------------------------
$PY bench/report.py "$RESULTS" "$WORK/disagreements.txt"
