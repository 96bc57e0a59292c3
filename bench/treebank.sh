#!/usr/bin/env bash
# Treebank benchmark: conflation recall, false conflations, compound splits and
# the hand-checked wrong-split rate of the analyzer on the word forms of the
# UD_Danish-DDT dev split (CC BY-SA 4.0; bench/data/ud-ddt-dev-forms.tsv).
# Uses the program already built (it builds nothing).
#   bash bench/treebank.sh [--build DIR] [treebank.py options: --seed N --json
#                           --write-unchecked FILE --list-splits --show N]
set -euo pipefail
cd "$(dirname "$0")/.."
build=build
if [[ ${1:-} == --build ]]; then
  build=$2
  shift 2
fi
bin=$build/cli/socialsoeg
[[ -x $bin ]] || { echo "bench/treebank.sh: no program at $bin (build it first)" >&2; exit 1; }
exec /usr/bin/python3 bench/treebank.py --binary "$bin" "$@"
