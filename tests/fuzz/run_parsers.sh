#!/usr/bin/env bash
# Runs the parsers fuzzer (parsers_fuzz.cc) for a while from the seed corpus
# (CTest runs it for 60 s in the sanitizer build; run it by hand for as long
# as you like):
#   bash tests/fuzz/run_parsers.sh FUZZER SECONDS CORPUS [WORK_DIR]
# New seeds go to WORK_DIR/corpus, a crash to WORK_DIR (default: a temporary
# directory, kept when the fuzzer fails), and the run fails.
set -euo pipefail
fuzzer=$1 seconds=$2 corpus=$3
work=${4:-$(mktemp -d /tmp/socialsoeg-fuzz-parsers.XXXXXX)}
source "$(dirname "$0")/fuzz_loop.sh"
fuzz_loop "$fuzzer" "$seconds" "$corpus" "$work" "${4:-}" 8192
