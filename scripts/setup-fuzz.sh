#!/usr/bin/env bash
# Installs the compiler for the libFuzzer targets of tests/fuzz (clang-14
# with its sanitizer and libFuzzer runtimes); bench/fuzz.sh builds and runs
# them.  The product and its tests need only scripts/setup.sh: CI replays
# the fuzz corpora with gcc.  Safe to run again.
set -euo pipefail
PACKAGES=(clang-14 libclang-rt-14-dev)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-fuzz: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
