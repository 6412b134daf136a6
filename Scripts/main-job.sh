#!/usr/bin/env bash
# The main job on what ships with the repository: train a small UPOS tagger on the bundled
# TIGER-XML sample (progress bar, per-tag accuracy table), then tag a few sentences with the
# shipped English model.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/bootstrap.sh
echo "building tagcli (release)…" >&2
swift build -c release --product tagcli >&2
tagcli=.build/release/tagcli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$tagcli" train data/ewt-sample/ewt-sample.xml --tag upos --epochs 12 --seed 1 \
  -o "$work/sample.tagger"

echo
echo "tagging with the shipped model (models/en_ewt-upos.tagger):"
printf '%s\n' \
  "The quick brown fox jumps over the lazy dog." \
  "I can't believe they're closing the old library on Main Street!" \
  "Send an e-mail to support@example.com before 5 p.m. tomorrow." |
  "$tagcli" tag --probs
