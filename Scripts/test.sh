#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: system packages first, then `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/bootstrap.sh
swift test "$@"
