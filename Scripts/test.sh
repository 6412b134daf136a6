#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: system packages first, then `swift test` (the service's tests in a pass of their own), then the
# Spark recipe's tests where Java and pyspark are installed (Scripts/bootstrap.sh --spark).
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/bootstrap.sh
if [ $# -gt 0 ]; then  # a filtered run is about the Swift tests only
  swift test "$@"
  exit 0
fi
# The service's tests talk to live servers on raw sockets with receive timeouts, and the server's
# router runs on Swift's cooperative thread pool (one thread per core). Beside them, the command
# tests block pool threads for minutes while a `tagcli` child process trains, so on a two-core
# machine a live server could be starved past those timeouts. They run first, on their own
# (about two seconds), then everything else.
swift test --filter 'TaggerServerTests\.'
swift test --skip-build --skip 'TaggerServerTests\.'
if command -v java >/dev/null 2>&1 && python3 -c "import pyspark, pytest" 2>/dev/null; then
  python3 -m pytest -q -p no:cacheprovider Scripts/spark/tests
else
  echo "skipping the Spark tests: Java or pyspark is missing (bash Scripts/bootstrap.sh --spark)"
fi
