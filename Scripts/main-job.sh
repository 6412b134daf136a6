#!/usr/bin/env bash
# The main job on what ships with the repository: statistics of the bundled sample treebank.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/bootstrap.sh
swift build -c release --product tagcli >&2
.build/release/tagcli stats Tests/CorporaTests/Fixtures/sample.conllu
