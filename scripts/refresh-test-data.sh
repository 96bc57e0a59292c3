#!/usr/bin/env bash
# Copies the labelled Danish dev set into tests/data/dev/, so that the tests
# run from a clone of this project alone. Run it whenever the dev set changes:
#   bash scripts/refresh-test-data.sh PATH/TO/eval/dev
set -euo pipefail
src=${1:?usage: refresh-test-data.sh PATH/TO/eval/dev}
dest="$(dirname "$0")/../tests/data/dev"
mkdir -p "$dest"
for f in README.md reports.jsonl residents.jsonl labels.jsonl queries.jsonl screen.json family.jsonl analyzer_pairs.tsv; do
  install -m 0644 "$src/$f" "$dest/$f"
done
echo "refreshed $dest from $src:"
(cd "$dest" && wc -l -- *)
