#!/usr/bin/env bash
# The held-out evaluation: scores `newsfacet analyze` on eval/articles against
# eval/expected and prints per-facet precision, recall and F1.  Not a CI test
# and never a target for tuning rules (see eval/README.md).
#   bash bench/eval.sh            # table
#   bash bench/eval.sh --diff     # table plus every missing and extra value
set -uo pipefail
cd "$(dirname "$0")/.."
build=${NF_BUILD_ROOT:-build}
[ -f "$build/build.ninja" ] || meson setup "$build" >/dev/null || exit 1
ninja -C "$build" >/dev/null || exit 1
/usr/bin/python3 tests/eval/score.py --build "$build" --expected eval/expected "$@" eval/articles
rc=$?
[ "$rc" -eq 77 ] && echo "newsfacet is not built yet ($build/tools/newsfacet/newsfacet)"
exit "$rc"
