#!/usr/bin/env bash
# Installs the system packages the build needs (as root), or prints the one apt-get line needed.
set -euo pipefail
packages=(libopenblas-dev libxml2-dev pkg-config)
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
