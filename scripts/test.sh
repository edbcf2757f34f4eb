#!/usr/bin/env bash
# The whole test suite.  Prints meson's results, then one line
# "N passed, N failed" and exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
meson test -C build --print-errorlogs --num-processes 2 "$@" > build/test-output.txt 2>&1
rc=$?
cat build/test-output.txt
ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' build/test-output.txt | tail -1)
fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' build/test-output.txt | tail -1)
timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' build/test-output.txt | tail -1)
xpass=$(sed -n 's/^Unexpected Pass: *\([0-9]*\).*/\1/p' build/test-output.txt | tail -1)
ok=${ok:-0}; fail=$(( ${fail:-0} + ${timeout:-0} + ${xpass:-0} ))
if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then fail=1; fi
echo "$ok passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$rc" -eq 0 ]
