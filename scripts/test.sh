#!/usr/bin/env bash
# The whole test suite, twice: a plain build (build/), then the same tests
# under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/, by
# scripts/test-asan.sh); then the unit tests a third time under valgrind
# memcheck (build-valgrind/, by scripts/test-valgrind.sh).  Prints meson's
# results of each, then one line "N passed, N failed" summing all runs, and
# exits non-zero if anything failed.  NF_TEST_ASAN=0 skips the sanitizer
# run, NF_TEST_VALGRIND=0 the valgrind run (quicker local runs).  Extra
# arguments go to every `meson test` call.
set -uo pipefail
cd "$(dirname "$0")/.."

# count FILE RC: "OK FAIL" from meson's summary in FILE.
count() {
  local ok fail timeout xpass
  ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$1" | tail -1)
  fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$1" | tail -1)
  timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$1" | tail -1)
  xpass=$(sed -n 's/^Unexpected Pass: *\([0-9]*\).*/\1/p' "$1" | tail -1)
  ok=${ok:-0}; fail=$(( ${fail:-0} + ${timeout:-0} + ${xpass:-0} ))
  if [ "$2" -ne 0 ] && [ "$fail" -eq 0 ]; then fail=1; fi
  echo "$ok $fail"
}

total_ok=0; total_fail=0
[ -f build/build.ninja ] || meson setup build >/dev/null
if ninja -C build >/dev/null; then
  meson test -C build --print-errorlogs --num-processes 2 "$@" > build/test-output.txt 2>&1
  rc=$?
  cat build/test-output.txt
  read -r ok fail < <(count build/test-output.txt "$rc")
  total_ok=$((total_ok + ok)); total_fail=$((total_fail + fail))
else
  echo "test: build/ failed to build"
  total_fail=$((total_fail + 1))
fi

if [ "${NF_TEST_ASAN:-1}" != 0 ]; then
  echo "== the same tests under ASan + UBSan (build-asan/)"
  rm -f build-asan/test-output.txt
  bash scripts/test-asan.sh "$@" > /dev/null 2>&1
  rc=$?
  if [ -s build-asan/test-output.txt ]; then
    cat build-asan/test-output.txt
    read -r ok fail < <(count build-asan/test-output.txt "$rc")
  else
    echo "test: build-asan/ failed to build"
    ok=0; fail=1
  fi
  total_ok=$((total_ok + ok)); total_fail=$((total_fail + fail))
fi

if [ "${NF_TEST_VALGRIND:-1}" != 0 ]; then
  echo "== the unit tests under valgrind memcheck (build-valgrind/)"
  rm -f build-valgrind/test-output.txt
  bash scripts/test-valgrind.sh "$@" > /dev/null 2>&1
  rc=$?
  if [ -s build-valgrind/test-output.txt ]; then
    cat build-valgrind/test-output.txt
    read -r ok fail < <(count build-valgrind/test-output.txt "$rc")
  else
    echo "test: build-valgrind/ failed to build (or valgrind is missing)"
    ok=0; fail=1
  fi
  total_ok=$((total_ok + ok)); total_fail=$((total_fail + fail))
fi

echo "$total_ok passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
