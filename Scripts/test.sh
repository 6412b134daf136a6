#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: system packages first, then `swift test`, then the
# Spark recipe's tests where Java and pyspark are installed (Scripts/bootstrap.sh --spark).
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/bootstrap.sh
swift test "$@"
if [ $# -gt 0 ]; then exit 0; fi  # a filtered run is about the Swift tests only
if command -v java >/dev/null 2>&1 && python3 -c "import pyspark, pytest" 2>/dev/null; then
  python3 -m pytest -q -p no:cacheprovider Scripts/spark/tests
else
  echo "skipping the Spark tests: Java or pyspark is missing (bash Scripts/bootstrap.sh --spark)"
fi
