#!/usr/bin/env bash
# The unit tests (suite 'unit') again under valgrind memcheck, in
# build-valgrind/ (a plain debug build: memcheck needs no instrumentation).
# Any invalid read or write, use of uninitialised memory in a decision, bad
# free, or definitely lost block fails the test that caused it.  Prints
# meson's results, then one line "N passed, N failed"; exits non-zero if
# anything failed.
#
# Only our compiled unit tests run under valgrind: a unit test run by the
# python3 interpreter (tests/eval's scorer) would check CPython, not
# newsfacet, and runs in the plain suite anyway.  The other suites start the
# CLI and servers as subprocesses and are left to the ASan run
# (scripts/test-asan.sh), which is quicker at that.
set -uo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "test-valgrind: valgrind is missing (scripts/setup.sh)"; echo "0 passed, 1 failed"; exit 1; }
if [ ! -f build-valgrind/build.ninja ]; then
  meson setup build-valgrind -Dbenchmarks=false >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
fi
ninja -C build-valgrind >/dev/null || { echo "0 passed, 1 failed"; exit 1; }

# The unit tests whose command is one of our executables (not python3).
mapfile -t tests < <(meson introspect --tests build-valgrind | /usr/bin/python3 -c '
import json, os, sys
for t in json.load(sys.stdin):
    if any(s.split(":")[-1] == "unit" for s in t["suite"]) and not os.path.basename(t["cmd"][0]).startswith("python"):
        print(t["name"])')
[ ${#tests[@]} -gt 0 ] || { echo "test-valgrind: no unit tests found"; echo "0 passed, 1 failed"; exit 1; }

# --errors-for-leak-kinds=definite: blocks still reachable at exit (libxml2's
# and Xapian's one-time globals) are not errors; lost ones are.
# Memcheck runs code 20-50 times slower: give every test 10x its timeout.
wrapper="valgrind --quiet --error-exitcode=1 --leak-check=full"
wrapper+=" --show-leak-kinds=definite --errors-for-leak-kinds=definite"
wrapper+=" --track-fds=no --num-callers=30"
meson test -C build-valgrind --print-errorlogs --num-processes 2 \
  --timeout-multiplier 10 --wrapper "$wrapper" "$@" "${tests[@]}" \
  > build-valgrind/test-output.txt 2>&1
rc=$?
cat build-valgrind/test-output.txt
ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' build-valgrind/test-output.txt | tail -1)
fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' build-valgrind/test-output.txt | tail -1)
timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' build-valgrind/test-output.txt | tail -1)
xpass=$(sed -n 's/^Unexpected Pass: *\([0-9]*\).*/\1/p' build-valgrind/test-output.txt | tail -1)
ok=${ok:-0}; fail=$(( ${fail:-0} + ${timeout:-0} + ${xpass:-0} ))
if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then fail=1; fi
echo "$ok passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$rc" -eq 0 ]
