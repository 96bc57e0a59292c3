#!/usr/bin/env bash
# Query bombs against the CLI and the service (bench/query_bombs.py): the
# costliest queries one can write, each refused with a clear message or
# answered, with times and the service's peak memory. On generated data:
#   bash bench/query_bombs.sh [REPORTS]   (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
reports=${1:-20000}
bash scripts/build.sh build >/dev/null
out=$(mktemp -d /tmp/socialsoeg-bench-bombs.XXXXXX)
trap 'rm -rf "$out"' EXIT
build/bench/socialsoeg-sample --out "$out/data" --reports "$reports" --seed 7 >/dev/null 2>&1
build/cli/socialsoeg index --db "$out/db" "$out/data/reports.jsonl" >/dev/null 2>&1
password=bench-bombs-password
build/cli/socialsoeg user add --db "$out/db" bench --role admin --role secretariat --district all \
  --password-stdin <<<"$password" >/dev/null
/usr/bin/python3 bench/query_bombs.py --binary build/cli/socialsoeg --db "$out/db" --user bench --password "$password"
