#!/usr/bin/env bash
# Installs every Debian 12 package newsfacet needs (build, tests, benchmarks,
# hosts), then configures and builds into build/.  Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  # build
  meson ninja-build pkg-config gcc g++
  libxapian-dev libstemmer-dev libutf8proc-dev libxml2-dev libjansson-dev
  libyaml-dev libmicrohttpd-dev libcmocka-dev libxxhash-dev
  # stock Xapian tools the tests run against
  xapian-tools xapian-omega python3-xapian python3
  # the search page's browser test (tests/serve: Chromium driven by playwright-core)
  chromium nodejs npm
  # benchmarks: peak memory (bench/setup.sh installs the rest)
  time
  # scripts/test-valgrind.sh: the unit tests under memcheck
  valgrind
)

# Node.js may come from another packaging that bundles npm (NodeSource's
# nodejs conflicts with Debian's npm): a working command is enough there.
provided_by_command() {
  case "$1" in
    nodejs) command -v node >/dev/null ;;
    npm) command -v npm >/dev/null ;;
    *) return 1 ;;
  esac
}

missing=()
for p in "${PACKAGES[@]}"; do
  provided_by_command "$p" && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f build/build.ninja ]; then
  meson setup build >/dev/null
fi
ninja -C build >/dev/null
echo "setup: built build/tools/newsfacet/newsfacet"
