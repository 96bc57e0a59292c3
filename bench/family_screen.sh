#!/usr/bin/env bash
# Family lookup and screening benchmark, on generated reports and
# residents indexed with `socialsoeg index --replace-all`:
#   1. load the residents register (socialsoeg residents), seconds
#   2. family lookup latency: socialsoeg-bench-family (bench/family_bench.cc)
#      times FamilyLookup::by_cpr for >= 500 CPR numbers sampled (seeded) from
#      residents.jsonl, as of 2025-06-30, warm cache: p50/p95/p99 ms
#      (target p99 <= 10 ms), average household size and reports per lookup
#   3. a full screening run, socialsoeg screen --as-of 2025-12-31 --json:
#      seconds (target <= 30 s), peak RSS (target <= 2 GiB), flags
#   4. the weekly increment: 10,000 new reports (seed 91, ids prefixed NEW-,
#      as bench/index.sh makes them) indexed with socialsoeg index (timed on
#      its own), then socialsoeg screen --new (target <= 2 s)
#   5. the same screening in SQLite, what an analyst would otherwise use:
#      bench/family_screen_sql.py loads the same records into tables (load
#      timed on its own; concepts per report from our index's value slot 4, so
#      both engines see the same concept decisions), bench/family_screen.sql
#      is the rule of docs/screening.md as one query, timed with `time` in
#      the sqlite3 shell; its flags (cpr, address_id) are compared with step 3's
# and prints each figure as it comes, then one table: figure, value, target,
# verdict. Every screening run appends to DIR/ours/screening/runs.jsonl and
# DIR/ours/audit.log, as a real run does.
#   bash bench/family_screen.sh [--size N] [--keep DIR] [--lookups N] [--no-build]
#       (default 200000 reports; the closing note uses 1000000 with --keep /tmp/sb1m)
#   --keep DIR: work in DIR and keep it; data, index and residents already
#     there are reused (a kept register is not reloaded: its load time is the
#     one measured when it was loaded, if this script loaded it). When the
#     NEW- reports are already in the index (an earlier run added them), step
#     4 does not add them again and says so; its --new run then has nothing new.
#   --no-build: use the binaries already in build/ (socialsoeg, socialsoeg-sample,
#     socialsoeg-bench-family)
set -euo pipefail
cd "$(dirname "$0")/.."
size=200000
lookups=500
new_reports=10000
build=1
keep=
while [[ $# -gt 0 ]]; do
  case $1 in
    --size) size=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --lookups) lookups=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "usage: bench/family_screen.sh [--size N] [--keep DIR] [--lookups N] [--no-build]" >&2; exit 1 ;;
  esac
done
python=/usr/bin/python3
for tool in /usr/bin/time sqlite3 "$python"; do
  command -v "$tool" >/dev/null || { echo "family_screen.sh: $tool missing (scripts/setup.sh installs it)" >&2; exit 3; }
done
"$python" -c 'import sqlite3, xapian' 2>/dev/null ||
  { echo "family_screen.sh: $python needs the modules sqlite3 and xapian (python3-xapian)" >&2; exit 3; }

if [[ $build == 1 ]]; then
  # Two cores shared with other work: every build goes through the lock.
  if [[ ! -f build/Makefile ]]; then
    mkdir -p build
    (cd build && flock /tmp/socialsoeg-build.lock cmake -DCMAKE_BUILD_TYPE=Release .. >/dev/null)
  fi
  (cd build && flock /tmp/socialsoeg-build.lock make -j2 socialsoeg socialsoeg-sample socialsoeg-bench-family >/dev/null)
fi
bin=build/cli/socialsoeg
if [[ -n $keep ]]; then
  out=$keep
  mkdir -p "$out"
else
  out=$(mktemp -d /tmp/socialsoeg-bench-family.XXXXXX)
  trap 'rm -rf "$out"' EXIT
fi
db=$out/ours
work=$out/family_screen   # this benchmark's files: timings, flags, the SQLite database
mkdir -p "$work"
as_of_lookup=2025-06-30
as_of_screen=2025-12-31

# --- data and index (reused when kept) ----------------------------------------
input=$out/data/reports.jsonl
if [[ ! -s $input ]]; then
  echo "generating $size reports ..." >&2
  build/bench/socialsoeg-sample --out "$out/data" --reports "$size" --seed 90 >/dev/null 2>&1
fi
size=$(wc -l < "$input")
if [[ ! -e $db/XAPIANDB ]]; then
  echo "indexing $size reports (socialsoeg index --replace-all) ..." >&2
  $bin index --db "$db" --replace-all "$input" >/dev/null 2>&1
fi
# Reading needs a user: the login user, with every role (docs/access.md).
if [[ ! -e $db/access/users.json ]]; then
  echo bench-password-1 | $bin user add --db "$db" "${USER:-$(id -un)}" --role admin --role secretariat --role operator \
    --role auditor --district all --password-stdin >/dev/null
fi
# The weekly increment: another seed, ids marked as new (as bench/index.sh).
daily=$work/daily.jsonl
if [[ ! -s $daily ]]; then
  build/bench/socialsoeg-sample --out "$work/daily" --reports "$new_reports" --seed 91 >/dev/null 2>&1
  sed 's/"id":"/"id":"NEW-/' "$work/daily/reports.jsonl" > "$daily.tmp"
  mv "$daily.tmp" "$daily"
fi
first_new=$(head -1 "$daily" | "$python" -c 'import json, sys; print(json.loads(sys.stdin.readline())["id"])')
new_indexed() {  # 0 when the first NEW- report is in the index
  $bin search --db "$db" --purpose bench --json "id:$first_new" |
    "$python" -c 'import json, sys; sys.exit(0 if json.load(sys.stdin)["hits"] else 1)'
}

seconds_of() { awk -F': ' '/Elapsed/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; printf "%.2f", s}' "$1"; }
rss_mb_of() { awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$1"; }
timed() { /usr/bin/time -v -o "$1" "${@:2}"; }  # timed TIME-FILE command...
rows=()  # figure|value|target|verdict
row() { rows+=("$1|$2|$3|$4"); }
le() { awk -v a="$1" -v b="$2" 'BEGIN {exit !(a <= b)}'; }
verdict() { if le "$1" "$2"; then echo ok; else echo MISSED; fi; }

echo "== $size reports in $db (as of $as_of_screen for screening)"

# --- 1. residents --------------------------------------------------------------
echo
echo "== 1. residents register"
registrations=$(wc -l < "$out/data/residents.jsonl")
if [[ -d $db/residents ]]; then
  if [[ -s $work/residents.time ]]; then
    s=$(seconds_of "$work/residents.time")
    echo "already loaded (kept); measured when this script loaded it: $s s for $registrations registrations"
    row "1. load $registrations registrations (s)" "$s (earlier run)" "-" "info"
  else
    echo "already loaded (kept), not by this script: no time to report"
    row "1. load $registrations registrations (s)" "- (kept)" "-" "info"
  fi
else
  timed "$work/residents.time.tmp" $bin residents --db "$db" "$out/data/residents.jsonl" >/dev/null
  mv "$work/residents.time.tmp" "$work/residents.time"
  s=$(seconds_of "$work/residents.time")
  echo "socialsoeg residents: $registrations registrations in $s s (peak RSS $(rss_mb_of "$work/residents.time") MB)"
  row "1. load $registrations registrations (s)" "$s" "-" "info"
fi

# --- 2. family lookup latency -----------------------------------------------------
echo
echo "== 2. family lookup latency (FamilyLookup::by_cpr, as of $as_of_lookup)"
build/bench/socialsoeg-bench-family --db "$db" --residents "$out/data/residents.jsonl" --count "$lookups" \
  --as-of "$as_of_lookup" | tee "$work/family.txt"
fig() { sed -n 's/^figures.* '"$1"'=\([^ ]*\).*/\1/p' "$work/family.txt"; }
p99=$(fig p99_ms)
row "2. family by_cpr p50 / p95 (ms)" "$(fig p50_ms) / $(fig p95_ms)" "-" "info"
row "2. family by_cpr p99 (ms), $(fig lookups) lookups" "$p99" "<= 10" "$(verdict "$p99" 10)"
row "2. household size / reports per lookup" "$(fig household) / $(fig reports)" "-" "info"

# --- 3. full screening run -----------------------------------------------------------
echo
echo "== 3. full screening run (socialsoeg screen --as-of $as_of_screen --json)"
new_before_screen=0
if new_indexed; then new_before_screen=1; fi
timed "$work/screen.time" $bin screen --db "$db" --purpose bench --as-of "$as_of_screen" --json > "$work/flags.json"
s=$(seconds_of "$work/screen.time")
rss=$(rss_mb_of "$work/screen.time")
flags=$("$python" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["flags"]))' "$work/flags.json")
echo "screen: $s s, peak RSS $rss MB, $flags flags$([[ $new_before_screen == 1 ]] && echo " (the index already holds the $new_reports NEW- reports of an earlier run)")"
row "3. screen, full run (s)" "$s" "<= 30" "$(verdict "$s" 30)"
row "3. screen, full run peak RSS (MB)" "$rss" "<= 2048" "$(verdict "$rss" 2048)"
row "3. screen, flags" "$flags" "-" "info"

# --- 4. weekly increment -----------------------------------------------------------
echo
echo "== 4. weekly increment: $new_reports new reports, then screen --new"
if [[ $new_before_screen == 1 ]]; then
  echo "the NEW- reports ($first_new, ...) are already indexed (an earlier run with this --keep DIR): not added again"
  if [[ -s $work/index_new.time ]]; then
    s=$(seconds_of "$work/index_new.time")
    echo "measured when they were added: $s s"
    row "4. index $new_reports new reports (s)" "$s (earlier run)" "-" "info"
  else
    row "4. index $new_reports new reports (s)" "- (already in)" "-" "info"
  fi
else
  timed "$work/index_new.time.tmp" $bin index --db "$db" "$daily" >/dev/null 2>&1
  mv "$work/index_new.time.tmp" "$work/index_new.time"
  s=$(seconds_of "$work/index_new.time")
  echo "socialsoeg index: $new_reports reports in $s s (peak RSS $(rss_mb_of "$work/index_new.time") MB)"
  row "4. index $new_reports new reports (s)" "$s" "-" "info"
fi
timed "$work/screen_new.time" $bin screen --db "$db" --purpose bench --as-of "$as_of_screen" --new --json \
  > "$work/flags_new.json"
s=$(seconds_of "$work/screen_new.time")
rss=$(rss_mb_of "$work/screen_new.time")
new_flags=$("$python" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["flags"]))' "$work/flags_new.json")
echo "screen --new: $s s, peak RSS $rss MB, $new_flags flags with a new report$([[ $new_before_screen == 1 ]] && echo " (nothing was indexed since step 3's run)")"
row "4. screen --new (s)" "$s" "<= 2" "$(verdict "$s" 2)"
row "4. screen --new, flags" "$new_flags" "-" "info"

# --- 5. the same screening in SQLite ------------------------------------------------------
echo
echo "== 5. the same screening as one SQL query in SQLite $(sqlite3 --version | cut -d' ' -f1)"
sql_inputs=("$input")
if [[ $new_before_screen == 1 ]]; then sql_inputs+=("$daily"); fi  # what step 3 saw
echo "loading $(cat "${sql_inputs[@]}" | wc -l) reports (what step 3 screened) and the register into $work/screen.sqlite ..."
timed "$work/sql_load.time" "$python" bench/family_screen_sql.py load --index "$db" \
  --residents "$out/data/residents.jsonl" --out "$work/screen.sqlite" "${sql_inputs[@]}" | tee "$work/sql_load.txt"
load_s=$(sed -n 's/^load_seconds \([^ ]*\).*/\1/p' "$work/sql_load.txt")
echo "(python process: $(seconds_of "$work/sql_load.time") s, peak RSS $(rss_mb_of "$work/sql_load.time") MB)"
echo "query: bench/family_screen.sql with :as_of = '$as_of_screen', timed with time:"
TIMEFORMAT='real %R s  user %U s  sys %S s'
{ time { printf ".parameter set :as_of \"'%s'\"\n" "$as_of_screen"; cat bench/family_screen.sql; } |
    sqlite3 -csv "$work/screen.sqlite" > "$work/sql_flags.csv"; } 2> "$work/sql_query.time"
cat "$work/sql_query.time"
query_s=$(awk '/^real/ {print $2}' "$work/sql_query.time")
sql_flags=$(wc -l < "$work/sql_flags.csv")
echo "SQLite: $sql_flags flags"
set +e
"$python" bench/family_screen_sql.py compare --ours "$work/flags.json" --sql "$work/sql_flags.csv" --show 10 |
  tee "$work/compare.txt"
set -e
read -r _ agree ours_n sql_n differ < <(grep '^agreement ' "$work/compare.txt")
row "5. SQLite load, $(cat "${sql_inputs[@]}" | wc -l) reports + register (s)" "$load_s" "-" "info"
row "5. SQLite query (s)" "$query_s" "-" "info (ours: step 3)"
row "5. flags agreeing, ours / SQLite" "$agree of $ours_n / $sql_n" "all" "$([[ $differ == 0 ]] && echo ok || echo "DIFFER ($differ)")"

# --- the table ------------------------------------------------------------------------
echo
docs=$("$python" -c 'import sys, xapian; print(xapian.Database(sys.argv[1]).get_doccount())' "$db")
echo "== $size reports generated (seed 90), $docs in the index at the end; $registrations registrations; $(nproc) cores"
printf '%-48s %-22s %-9s %s\n' "figure" "value" "target" "verdict"
for r in "${rows[@]}"; do
  IFS='|' read -r f v t d <<< "$r"
  printf '%-48s %-22s %-9s %s\n' "$f" "$v" "$t" "$d"
done
