#!/usr/bin/env bash
# Installs the system packages the build needs (as root), or prints the one apt-get line needed.
#   bash Scripts/bootstrap.sh          # build and test dependencies
#   bash Scripts/bootstrap.sh --spark  # also Java 17 and pyspark, for Scripts/spark/ and its tests
set -euo pipefail
packages=(libopenblas-dev libxml2-dev pkg-config)
with_spark=false
[ "${1:-}" = "--spark" ] && with_spark=true
if $with_spark && ! command -v java >/dev/null 2>&1; then
  packages+=(openjdk-17-jre-headless)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  else
    echo "missing system packages; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
if $with_spark; then
  python3 -c "import pyspark, pytest" 2>/dev/null \
    || python3 -m pip install -q "pyspark==4.3.0" pytest >&2
fi
