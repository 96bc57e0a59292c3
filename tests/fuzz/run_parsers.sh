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
mkdir -p "$work/corpus"
cp -n "$corpus"/* "$work/corpus/" 2>/dev/null || true
if "$fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=8192 -print_final_stats=1 \
     -artifact_prefix="$work/" "$work/corpus" > "$work/fuzz.log" 2>&1; then
  tail -n 12 "$work/fuzz.log"
  [[ -z ${4:-} ]] && rm -rf "$work"
  exit 0
fi
tail -n 60 "$work/fuzz.log"
echo "fuzz: failed; the input and the log are in $work" >&2
exit 1
