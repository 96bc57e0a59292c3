# Sourced by run.sh and run_parsers.sh: one fuzzing run, the same way for every target.
#   fuzz_loop FUZZER SECONDS CORPUS WORK KEEP MAX_LEN
# Seeds are copied into WORK/corpus (new ones are added there); a crash is
# written to WORK and the run fails with the log's tail; WORK is removed after
# a clean run unless KEEP is not empty.
fuzz_loop() {
  local fuzzer=$1 seconds=$2 corpus=$3 work=$4 keep=$5 max_len=$6
  mkdir -p "$work/corpus"
  cp -n "$corpus"/* "$work/corpus/" 2>/dev/null || true
  if "$fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len="$max_len" -print_final_stats=1 \
       -artifact_prefix="$work/" "$work/corpus" > "$work/fuzz.log" 2>&1; then
    tail -n 12 "$work/fuzz.log"
    [[ -z $keep ]] && rm -rf "$work"
    return 0
  fi
  tail -n 60 "$work/fuzz.log"
  echo "fuzz: failed; the input and the log are in $work" >&2
  return 1
}
