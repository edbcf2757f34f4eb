#!/usr/bin/env bash
# The whole test suite again under AddressSanitizer (with leak detection) and
# UndefinedBehaviorSanitizer, gcc, in build-asan/.  Any sanitizer report
# aborts the test that triggered it.  Prints meson's results, then one line
# "N passed, N failed"; exits non-zero if anything failed.
#
# Nothing is excluded: the python3-driven tests run the sanitized CLI and
# hosts as subprocesses (the sanitizer runtime is linked into them), so no
# LD_PRELOAD is needed.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build-asan/build.ninja ]; then
  meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
    -Dbenchmarks=false >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
fi
ninja -C build-asan >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
# A 32 MB quarantine (default 256 MB) keeps use-after-free detection for
# recent frees while peak RSS stays near the plain build's, so memory-bound
# tests (tests/reliability: peak RSS under 400 MB) measure our code, not
# ASan's quarantine (455 MB with the default, 212 MB with 32 MB).
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:quarantine_size_mb=32
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# Sanitized code runs several times slower: give every test 3x its timeout.
meson test -C build-asan --print-errorlogs --num-processes 2 \
  --timeout-multiplier 3 "$@" > build-asan/test-output.txt 2>&1
rc=$?
cat build-asan/test-output.txt
ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' build-asan/test-output.txt | tail -1)
fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' build-asan/test-output.txt | tail -1)
timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' build-asan/test-output.txt | tail -1)
xpass=$(sed -n 's/^Unexpected Pass: *\([0-9]*\).*/\1/p' build-asan/test-output.txt | tail -1)
ok=${ok:-0}; fail=$(( ${fail:-0} + ${timeout:-0} + ${xpass:-0} ))
if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then fail=1; fi
echo "$ok passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$rc" -eq 0 ]
