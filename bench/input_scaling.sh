#!/usr/bin/env bash
# How the cost of one big input grows with its size (bench/input_scaling.c):
# the tokeniser on one long line, the HTML reader on one long page, the text
# reader on one long file, each at M and 4 x M megabytes.
#
#   bash bench/input_scaling.sh [M]   # M MB vs 4 x M MB, default 5; CG_MB (default 0.5) for callgrind
#
# Builds an optimised tree in build-bench/ (as bench/run.sh), then prints
#  1. CPU time: medians of RUNS (default 5) runs per size, alternating, and
#     the cost per byte of the large input over the small one;
#  2. instructions (valgrind --tool=callgrind, independent of the machine's
#     load): the same ratio from instruction counts of one run per size.
# A ratio near 1.0 is linear; 4.0 would be quadratic.  Not a test: the
# tests (tests/tokenise, tests/read) check these inputs' results at 1M
# tokens and 20 MB and only have a timeout as a hang guard.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=build-bench
RUNS=${RUNS:-5}
if [ ! -f "$BUILD/build.ninja" ]; then
  meson setup "$BUILD" --buildtype=release -Dtests=false >/dev/null
fi
ninja -C "$BUILD" bench/input_scaling >/dev/null
BIN=$BUILD/bench/input_scaling

echo "## CPU time"
echo
"$BIN" --mb "${1:-5}" --runs "$RUNS"

command -v valgrind >/dev/null || { echo "input_scaling: no valgrind, no instruction counts"; exit 0; }
small=${CG_MB:-0.5}
large=$(awk -v m="$small" 'BEGIN { print 4 * m }')
# instructions spent inside the workload's entry point (nf_tokenise,
# nf_read_memory, nf_read_path) in one run at MB megabytes
instructions() {
  local fn
  case $1 in tokenise) fn=nf_tokenise ;; html) fn=nf_read_memory ;; text) fn=nf_read_path ;; esac
  valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect="$fn" \
    "$BIN" --one "$1" "$2" 2>&1 | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
echo
echo "## Instructions (callgrind)"
echo
echo "| workload | $small MB: instructions | $large MB: instructions | per byte, large / small |"
echo "|---|---:|---:|---:|"
for w in tokenise html text; do
  a=$(instructions "$w" "$small")
  b=$(instructions "$w" "$large")
  awk -v w="$w" -v a="$a" -v b="$b" 'BEGIN { printf "| %s | %d | %d | %.2f |\n", w, a, b, (b / 4) / a }'
done
