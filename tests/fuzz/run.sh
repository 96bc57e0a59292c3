#!/usr/bin/env bash
# Runs the request-handler fuzzer for a while on a fresh database of the dev
# set (CTest runs it for 60 s in the sanitizer build; run it by hand for as
# long as you like):
#   bash tests/fuzz/run.sh SOCIALSOEG FUZZER SECONDS CORPUS DEV_DATA [WORK_DIR]
# Found crashes are written to WORK_DIR (default: a temporary directory, kept
# when the fuzzer fails) and the run fails.
set -euo pipefail
bin=$1 fuzzer=$2 seconds=$3 corpus=$4 data=$5
work=${6:-$(mktemp -d /tmp/socialsoeg-fuzz.XXXXXX)}
mkdir -p "$work/corpus"
db=$work/db
password=fuzz-password-123
me=${USER:-$(id -un)}
if [[ ! -e $db/XAPIANDB ]]; then
  echo "$password" | "$bin" user add --db "$db" "$me" --role admin --role operator --district all --password-stdin >/dev/null
  "$bin" index --db "$db" "$data/reports.jsonl" >/dev/null 2>&1
  "$bin" residents --db "$db" "$data/residents.jsonl" >/dev/null 2>&1
  # Every role, two districts: every handler is reachable, and scoping runs.
  echo "$password" | "$bin" user add --db "$db" fuzz --role patrol --role secretariat --role operator --role auditor \
    --role admin --district bornholm --district nordjylland --password-stdin >/dev/null
fi
export SOCIALSOEG_FUZZ_DB=$db SOCIALSOEG_FUZZ_PASSWORD=$password
source "$(dirname "$0")/fuzz_loop.sh"
fuzz_loop "$fuzzer" "$seconds" "$corpus" "$work" "${6:-}" 4096
