#!/usr/bin/env bash
# Spark local-mode throughput against single-process tagging on the same machine, in one run.
#   bash Benchmarks/spark-throughput.sh [COPIES]   (default 49 copies of EWT train ≈ 10^7 tokens)
# Prints tokens/s per core for `tagcli tag --input conllu` (one process pinned to one core)
# and for Scripts/spark/tag_corpus.py on local[2] (tagging time only, JVM start-up excluded).
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-49}
train=../shared/data/ud/en_ewt/en_ewt-ud-train.conllu
[ -f "$train" ] || { echo "needs $train" >&2; exit 1; }
tagcli=${TAGCLI:-.build/release/tagcli}
[ -x "$tagcli" ] || swift build -c release --product tagcli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for _ in $(seq "$copies"); do cat "$train"; done > "$work/corpus.conllu"
# One process runs the two directions of each layer on two threads, so unpinned it uses about
# 1.5 cores: pin it to one core (taskset) to measure tokens/s per core.
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
start=$(python3 -c "import time; print(time.time())")
OPENBLAS_NUM_THREADS=1 "${pin[@]}" "$tagcli" tag -m models/en_ewt-upos.tagger --input conllu \
  < "$work/corpus.conllu" > "$work/single.conllu"
single=$(python3 -c "import time; print(time.time() - $start)")
tokens=$(grep -c -P '^\d+\t' "$work/single.conllu")
python3 Scripts/spark/tag_corpus.py --master 'local[2]' -m models/en_ewt-upos.tagger \
  --tagcli "$tagcli" --input "$work/corpus.conllu" --format conllu --output "$work/spark" \
  2> "$work/spark.log"
summary=$(grep '^tag_corpus.py: {' "$work/spark.log" | tail -1 | cut -d' ' -f2-)
cat "$work"/spark/part-* | cmp -s - "$work/single.conllu" && same=yes || same=NO
python3 - "$tokens" "$single" "$summary" "$same" <<'PY'
import json, sys
tokens, single, summary, same = int(sys.argv[1]), float(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
per_core_single = tokens / single
per_core_spark = summary["tokens"] / summary["seconds"] / summary["executor_cores"]
print(f"tokens {tokens}  single process {single:.1f} s = {per_core_single:,.0f} tokens/s per core")
print(f"spark local[{summary['executor_cores']}] {summary['seconds']:.1f} s in "
      f"{summary['partitions']} partitions = {per_core_spark:,.0f} tokens/s per core "
      f"({100 * per_core_spark / per_core_single:.0f} % of single)  byte-identical: {same}")
PY
