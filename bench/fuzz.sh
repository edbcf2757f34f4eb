#!/usr/bin/env bash
# Build the libFuzzer targets of tests/fuzz (clang, ASan+UBSan, in
# build-fuzz/) and run each for MINUTES minutes, JOBS at a time (default 2,
# one per core).  Each target starts from its seed corpus tests/fuzz/corpus/T
# and keeps what it finds in build-fuzz/fuzz-out/T/corpus (merge new finds
# into the seed corpus with: fuzz_T -merge=1 tests/fuzz/corpus/T
# build-fuzz/fuzz-out/T/corpus).  Crash inputs land in build-fuzz/fuzz-out/T/.
# Prints per target: executions, exec/s, coverage (cov: edges, ft: features),
# corpus size and crashes.  Usage: bench/fuzz.sh MINUTES [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/.."
minutes=${1:?usage: bench/fuzz.sh MINUTES [TARGET...]}
shift
jobs=${JOBS:-2}
all=(tokenise money read_html read_jsonl schema query analyse)
[ $# -gt 0 ] && targets=("$@") || targets=("${all[@]}")

if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang-14 CXX=clang++-14 meson setup build-fuzz -Dfuzzing=true -Dbenchmarks=false \
    >/dev/null || exit 1
fi
# Only the fuzz targets: the sanitized shared plugin does not link with
# --no-undefined under clang (its sanitizer runtime is the executable's).
ninja -C build-fuzz $(for t in "${targets[@]}"; do echo "tests/fuzz/fuzz_$t"; done) \
  >/dev/null || exit 1

export NF_SOURCE_ROOT=$PWD
export NF_SEEDS=$PWD/../shared/corpus/seeds
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
run_one() {
  t=$1
  out=build-fuzz/fuzz-out/$t
  mkdir -p "$out/corpus"
  build-fuzz/tests/fuzz/fuzz_"$t" "$out/corpus" "tests/fuzz/corpus/$t" \
    -max_total_time=$(( $2 * 60 )) -timeout=30 -rss_limit_mb=3072 \
    -artifact_prefix="$out/" -print_final_stats=1 > "$out/log.txt" 2>&1
  echo "$?" > "$out/rc"
}
export -f run_one
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c "run_one {} $minutes"

printf '%-11s %10s %7s %7s %7s %7s %8s\n' target execs exec/s cov ft corpus crashes
for t in "${targets[@]}"; do
  out=build-fuzz/fuzz-out/$t
  log=$out/log.txt
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | grep 'cov:' | tail -1)
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.*corp: \([0-9]*\).*/\1/p' <<<"$last")
  crashes=$(find "$out" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'leak-*' \
    -o -maxdepth 1 -name 'timeout-*' -o -maxdepth 1 -name 'oom-*' | wc -l)
  printf '%-11s %10s %7s %7s %7s %7s %8s\n' "$t" "${execs:-?}" "${rate:-?}" \
    "${cov:-?}" "${ft:-?}" "${corp:-?}" "$crashes"
  for c in $(find "$out" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'leak-*' \
      -o -maxdepth 1 -name 'timeout-*' -o -maxdepth 1 -name 'oom-*'); do
    echo "  $c"
  done
done
