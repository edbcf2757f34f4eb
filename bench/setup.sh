#!/usr/bin/env bash
# Debian packages the benchmark needs beyond scripts/setup.sh's: the
# PostgreSQL 15 peer and its C client library, GNU time (peak memory),
# bc, wrk (bench/serve_load.sh), the dictionary the archive's long-tail vocabulary comes from, and
# PyYAML for reading the schema's gazetteers.  Safe to run again.
set -euo pipefail
PACKAGES=(postgresql-15 libpq-dev time bc wamerican python3-yaml wrk)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench/setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
