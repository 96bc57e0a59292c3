#!/usr/bin/env bash
# Crash-safety soak: the crash test of tests/crash_test.cc with 300
# kill -9s of `socialsoeg index` (daily loads; a quarter as many again during
# --replace-all), each followed by xapian-check, a check that every batch
# reported as committed is in the database, and, at the end of each job, a
# check that the finished index equals an uninterrupted run's.
#   bash bench/crash.sh [KILLS]     (default 300)
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-300}
bash scripts/build.sh build >/dev/null
SOCIALSOEG_CRASH_KILLS=$kills build/tests/crash_test --durations yes "[crash]"
