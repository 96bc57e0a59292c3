#!/usr/bin/env bash
# Analyzer throughput benchmark: generates >= 50 MB of
# sample reports and measures, side by side in one run on one core, ICU
# segmentation alone, Xapian's TermGenerator with Stem("danish"), and the full
# Socialsøg analyzer.
#   bash bench/analyzer.sh [REPORTS]   (default 75000 reports, ~58 MB of text)
set -euo pipefail
cd "$(dirname "$0")/.."
reports=${1:-75000}
bash scripts/build.sh build >/dev/null
out=$(mktemp -d /tmp/socialsoeg-bench-analyzer.XXXXXX)
trap 'rm -rf "$out"' EXIT
build/bench/socialsoeg-sample --out "$out" --reports "$reports" --seed 50 2>&1
# taskset keeps the run on one core, so the other core's noise stays out.
taskset -c 0 build/bench/socialsoeg-bench-analyzer "$out/reports.jsonl" --rounds 3
