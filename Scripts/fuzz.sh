#!/usr/bin/env bash
# Fuzzes the readers, format detection, the model loader and the tokenizer with libFuzzer and
# AddressSanitizer (the fuzzer built into the Swift toolchain on Linux).
#
#   Scripts/fuzz.sh [TARGET[,TARGET…]|all] [SECONDS]  # default: all targets, 60 s each
#   FUZZ_RUNS=1000000 Scripts/fuzz.sh conllu          # stop after a number of executions instead
#   FUZZ_NO_BUILD=1 Scripts/fuzz.sh tiger,nps         # reuse the built harness (for a second lane
#                                                     # running beside another invocation)
#
# Targets: conllu conllx columns wordtag plain tsv jsonl tiger nps tei alpino xml detect model
# tokenizer (see Tests/TaggerTests/FuzzTarget.swift). Each run uses -timeout=1 (an input taking
# more than a second is a finding) and -rss_limit_mb=2048, and detects leaks. The corpus grows in
# Fuzz/.corpus/TARGET (not committed), starting from the committed seeds in Fuzz/Seeds/TARGET.
# Findings are minimised and copied to Tests/TaggerTests/Fixtures/fuzz/TARGET/, which the normal
# test suite replays (FuzzRegressionTests), so CI checks them without a fuzzer. One summary line
# per target goes to standard output and the full log to Fuzz/.logs/TARGET.log.
#
# The build needs both flags: `--sanitize fuzzer` makes SwiftPM compile the harness as a library
# (libFuzzer supplies main), and `-sanitize=fuzzer,address` in one flag instrument every Swift
# module for coverage and AddressSanitizer (two separate -sanitize flags keep only the last).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
all=(conllu conllx columns wordtag plain tsv jsonl tiger nps tei alpino xml detect model tokenizer)
target="${1:-all}"
seconds="${2:-60}"
if [[ "$target" == all ]]; then targets=("${all[@]}"); else IFS=, read -ra targets <<< "$target"; fi
for name in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $name "* ]] || { echo "unknown target $name; expected: ${all[*]}" >&2; exit 64; }
done

cd "$root/Fuzz"
# SwiftPM keeps the dependency's (`..`) file list in the build plan and misses files added to
# ../Sources since (then "has no member" errors): plan again every time, it is cheap.
if [[ -z "${FUZZ_NO_BUILD:-}" ]]; then
  rm -f .build/release.yaml
  nice -n 10 swift build -c release --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address >&2
fi
binary="$(swift build -c release --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address --show-bin-path)/tagfuzz"

status=0
for name in "${targets[@]}"; do
  corpus="$root/Fuzz/.corpus/$name"
  artifacts="$root/Fuzz/.artifacts/$name"
  fixtures="$root/Tests/TaggerTests/Fixtures/fuzz/$name"
  log="$root/Fuzz/.logs/$name.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  limits=(-timeout=1 -rss_limit_mb=2048 -detect_leaks=1 -print_final_stats=1)
  if [[ -n "${FUZZ_RUNS:-}" ]]; then limits+=(-runs="$FUZZ_RUNS"); else limits+=(-max_total_time="$seconds"); fi
  set +e
  TAGFUZZ_TARGET="$name" nice -n 10 "$binary" "${limits[@]}" -artifact_prefix="$artifacts/" \
    "$corpus" "$root/Fuzz/Seeds/$name" > "$log" 2>&1
  result=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rss=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  findings=0
  for artifact in "$artifacts"/*; do
    [[ -e "$artifact" ]] || continue
    findings=$((findings + 1))
    mkdir -p "$fixtures"
    base="$(basename "$artifact")"
    if [[ "$base" == crash-* || "$base" == leak-* ]]; then
      TAGFUZZ_TARGET="$name" nice -n 10 "$binary" -minimize_crash=1 -runs=20000 -timeout=1 \
        -exact_artifact_path="$artifacts/min-$base" "$artifact" >> "$log" 2>&1 || true
      [[ -s "$artifacts/min-$base" ]] && artifact="$artifacts/min-$base"
    fi
    cp "$artifact" "$fixtures/$base"
    rm -f "$artifacts/$base" "$artifacts/min-$base"
  done
  echo "$name runs=$runs exec/s=$speed peak_rss_mb=$rss exit=$result findings=$findings log=${log#$root/}"
  if [[ $result -ne 0 || $findings -ne 0 ]]; then status=1; fi
done
exit $status
